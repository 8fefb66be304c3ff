import { describe, expect, it } from 'vitest';
import { ContactCenter } from '../../src/contact-center/world.js';
import type { SimEvent } from '../../src/model/events.js';
import type { ListedCallback, Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, inbound, queue, scenario } from '../helpers/scenario.js';

const SECOND = 1_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const constant = (value: number) => ({ kind: 'constant' as const, value });
const liveOnly = { live: 1, machine: 0, noAnswer: 0, busy: 0, invalid: 0, fax: 0 };

/** A scenario whose customers always answer live after a fixed ring. */
function base(overrides: Partial<Scenario> & Pick<Scenario, 'queues' | 'agents'>): Scenario {
  const s = scenario({ inbound: [], duration: DAY, ...overrides });
  return { ...s, callee: { ...s.callee, outcomes: liveOnly, ringTime: constant(5 * SECOND), signalTime: 1 * SECOND } };
}

function listed(id: string, dueAt: number, extra: Partial<ListedCallback> = {}): ListedCallback {
  return { id, createdAt: 0, dueAt, queue: 'q', number: '+15551230001', talkTime: constant(2 * MINUTE), wrapUp: constant(0), ...extra };
}

const ownedQueue = (assignToQueueOnExpiration: boolean, maxOwnership = 2 * HOUR) =>
  queue('q', {
    preferredAgentRouting: { enabled: true, share: 0, timeout: 30 * SECOND },
    callback: callbackSettings({ agentOwnedCallbacks: { enabled: true, maxOwnership, assignToQueueOnExpiration } }),
  });

/** Agents: `owner` (1 agent, on queue only from `ownerFrom`) and `others` (2 agents, always on). */
function ownerAndOthers(ownerFrom: number) {
  const startMinute = ownerFrom / MINUTE;
  return [
    agents('owner', 1, ['q'], { schedule: [{ days: [0, 1, 2, 3, 4, 5, 6], startMinute, endMinute: 1439 }] }),
    agents('others', 2, ['q']),
  ];
}

const dials = (events: SimEvent[], label?: number) => ofType(events, 'callback.dialed').filter((e) => label === undefined || e.callback === label);

describe('scheduled callbacks', () => {
  it('are not routable before they are due', () => {
    const { events } = record(base({ queues: [queue('q')], agents: [agents('a', 2, ['q'])], callbacks: [listed('later', 2 * HOUR)] }));
    const [dial] = dials(events);
    // Due at 2 h; the agent answers at once, then takes the default 5 s to dial.
    expect(dial.t).toBe(2 * HOUR + 5 * SECOND);
  });

  it('are due at most 30 days after they are scheduled, whatever the lead time drawn', () => {
    const s = scenario({
      duration: 2 * HOUR,
      queues: [queue('q')],
      agents: [agents('a', 3, ['q'])],
      inbound: [inbound('q', 120, constant(MINUTE), { scheduleCallback: { probability: 1, leadTime: { kind: 'exponential', mean: 60 * DAY }, routeToMe: 0, routeToMeWait: MINUTE, owned: 0 } })],
    });
    const world = new ContactCenter(s);
    world.runUntil(2 * HOUR);
    const rows = world.scheduledView();
    expect(rows.length).toBeGreaterThan(100);
    const created = new Map(rows.map((r) => [r.id, r.scheduledAt]));
    expect(Math.max(...rows.map((r) => r.scheduledAt))).toBeLessThanOrEqual(2 * HOUR + 30 * DAY);
    // With a mean lead of 60 days most draws exceed 30 days and are held to 30 days.
    expect([...created.values()].filter((at) => at > 30 * DAY).length).toBeGreaterThan(rows.length / 2);
  });
});

describe('agent-owned callbacks', () => {
  it('wait for their owner, not for other idle agents, until ownership expires', () => {
    const s = base({ queues: [ownedQueue(true)], agents: ownerAndOthers(10 * HOUR), callbacks: [listed('mine', HOUR, { owner: { group: 'owner', index: 0 } })] });
    const { events, world } = record(s);
    const [dial] = dials(events);
    // Due at 1 h, ownership 2 h: nobody but the (offline) owner may take it before 3 h; then anyone on the queue.
    expect(dial.t).toBe(3 * HOUR + 5 * SECOND);
    expect(world.agents.groupOf(dial.agent)).toBe('others');
  });

  it('go to their owner when the owner is available', () => {
    const s = base({ queues: [ownedQueue(true)], agents: ownerAndOthers(0), callbacks: [listed('mine', HOUR, { owner: { group: 'owner', index: 0 } })] });
    const { events, world } = record(s);
    expect(world.agents.groupOf(dials(events)[0].agent)).toBe('owner');
  });

  it('are removed and end expired when ownership expires without assignToQueueOnExpiration', () => {
    const s = base({ queues: [ownedQueue(false)], agents: ownerAndOthers(10 * HOUR), callbacks: [listed('mine', HOUR, { owner: { group: 'owner', index: 0 } })] });
    const { events } = record(s);
    expect(dials(events)).toHaveLength(0);
    const [ended] = ofType(events, 'callback.ended');
    expect(ended).toMatchObject({ end: 'expired', t: 3 * HOUR });
  });

  it('go to the next available agent when the owner misses the offer', () => {
    const q = ownedQueue(true);
    const s = base({
      queues: [{ ...q, callback: { ...q.callback, alertingTimeout: 8 * SECOND } }],
      agents: [agents('owner', 1, ['q'], { answerTime: constant(20 * SECOND) }), agents('others', 1, ['q'])],
      callbacks: [listed('mine', HOUR, { owner: { group: 'owner', index: 0 } })],
    });
    const { events, world } = record(s);
    const [dial] = dials(events);
    // Offered to the owner at 1 h, missed at 1 h 8 s, then answered at once by the other agent, who dials 5 s later.
    expect(dial.t).toBe(HOUR + 8 * SECOND + 5 * SECOND);
    expect(world.agents.groupOf(dial.agent)).toBe('others');
  });
});

describe('operations and the 15-minute rule', () => {
  function withOperation(at: number, op: 'cancel' | 'reschedule') {
    return base({
      queues: [ownedQueue(true, 24 * HOUR)],
      agents: ownerAndOthers(0),
      callbacks: [listed('mine', 5 * HOUR, { owner: { group: 'owner', index: 0 } })],
      operations: [op === 'cancel' ? { at, op, select: { ids: ['mine'] } } : { at, op, select: { ids: ['mine'] }, dueAt: 8 * HOUR }],
    });
  }

  it('an owned callback is not edited within 15 minutes of its scheduled time, and the refusal is reported', () => {
    const result = simulate(withOperation(5 * HOUR - 10 * MINUTE, 'cancel'), { intervals: false });
    expect(result.operations).toEqual([
      expect.objectContaining({ op: 'cancel', label: 'mine', applied: false, reason: 'an owned callback cannot be edited within 15 minutes of its scheduled time' }),
    ]);
    expect(result.kpis.total.completed).toBe(1);
    expect(result.kpis.total.operationsRefused).toBe(1);
  });

  it('the same edit earlier is applied', () => {
    const result = simulate(withOperation(5 * HOUR - 20 * MINUTE, 'cancel'), { intervals: false });
    expect(result.operations[0]).toMatchObject({ applied: true });
    expect(result.kpis.total.cancelled).toBe(1);
  });

  it('reschedule moves the due time', () => {
    const { events } = record(withOperation(HOUR, 'reschedule'));
    expect(dials(events)[0].t).toBe(8 * HOUR + 5 * SECOND);
  });
});

describe('inactive callbacks: ended in analytics after 14 days, while still active', () => {
  it('reports both the analytics end and the active callback', () => {
    const s = scenario({
      duration: 15 * DAY,
      queues: [queue('q'), queue('staffed')],
      agents: [agents('a', 1, ['staffed'])],
      inbound: [inbound('q', 0.5, constant(MINUTE), { callbackOffer: { afterWait: 0, acceptance: 1 } })],
    });
    // Nobody serves q: its callbacks never get an update after they are created.
    const { events } = record({ ...s, inbound: [{ ...s.inbound[0], perHour: [1, ...new Array(23).fill(0)] }] });
    const created = ofType(events, 'callback.created');
    const analytics = ofType(events, 'callback.analyticsEnded');
    expect(analytics.length).toBe(created.filter((c) => c.t + 14 * DAY <= 15 * DAY).length);
    for (const a of analytics) expect(a.t - a.createdAt).toBe(14 * DAY);
    const result = simulate({ ...s, inbound: [{ ...s.inbound[0], perHour: [1, ...new Array(23).fill(0)] }] }, { intervals: false });
    expect(result.kpis.total.endedInAnalytics).toBe(analytics.length);
    expect(result.kpis.total.active).toBe(created.length);
  });

  it('does not end a callback that was updated, or one with a scheduled time', () => {
    const s = base({ duration: 15 * DAY, queues: [queue('q')], agents: [agents('a', 1, ['q'])], callbacks: [listed('later', 20 * DAY)] });
    expect(ofType(record(s).events, 'callback.analyticsEnded')).toHaveLength(0);
  });
});

describe('in-queue flow loop', () => {
  const loop = (transferTo: string) =>
    scenario({
      duration: 2 * HOUR,
      queues: [queue('a', { inQueueFlow: { afterWait: MINUTE, transferTo } }), queue('b', { inQueueFlow: { afterWait: MINUTE, transferTo: 'a' } })],
      agents: [],
      inbound: [{ ...inbound('a', 0, constant(MINUTE)), perHour: [6, ...new Array(23).fill(0)] }],
    });

  it('stops at 30 in-queue flows with an error', () => {
    const { events } = record(loop('b'));
    const [call] = ofType(events, 'call.arrived');
    const transfers = ofType(events, 'call.transferred').filter((e) => e.call === call.call);
    const [error] = ofType(events, 'call.flowError').filter((e) => e.call === call.call);
    expect(transfers).toHaveLength(29);
    expect(error).toMatchObject({ flows: 30, t: call.t + 30 * MINUTE });
    expect(error.reason).toContain('at most 30 in-queue flows');
  });

  it('a flow that transfers back to its own queue stops there with an error', () => {
    const { events } = record(loop('a'));
    const [call] = ofType(events, 'call.arrived');
    const [error] = ofType(events, 'call.flowError');
    expect(ofType(events, 'call.transferred')).toHaveLength(0);
    expect(error).toMatchObject({ call: call.call, flows: 1, t: call.t + MINUTE });
    expect(error.reason).toContain('back to its own queue');
  });
});

describe('caller ID', () => {
  const offerScenario = (callData?: { callerId?: string; callerName?: string }) =>
    scenario({
      duration: 4 * HOUR,
      queues: [queue('q', { ani: '+15550100777' })],
      agents: [agents('a', 2, ['q'])],
      inbound: [inbound('q', 100, constant(3 * MINUTE), { callbackOffer: { afterWait: 10 * SECOND, acceptance: 1, ...(callData && { callData }) } })],
    });

  it("every callback dials with the queue's ANI", () => {
    const calls = dials(record(offerScenario()).events);
    expect(calls.length).toBeGreaterThan(20);
    for (const d of calls) expect(d).toMatchObject({ callerId: '+15550100777', callerName: null });
  });

  it("a flow's Call Data step sets another caller ID and name", () => {
    const calls = dials(record(offerScenario({ callerId: '+15559998888', callerName: 'Acme Support' })).events);
    expect(calls.length).toBeGreaterThan(20);
    for (const d of calls) expect(d).toMatchObject({ callerId: '+15559998888', callerName: 'Acme Support' });
  });
});

describe('skills and priority of callbacks', () => {
  const skillScenario = (preserve: boolean) =>
    scenario({
      duration: 6 * HOUR,
      queues: [queue('q', { callback: callbackSettings({ preserveSkillsAndPriority: preserve }) })],
      agents: [agents('plain', 4, ['q']), agents('spanish', 1, ['q'], { skills: { spanish: 5 } })],
      inbound: [inbound('q', 90, constant(4 * MINUTE), { skills: ['spanish'], callbackOffer: { afterWait: 20 * SECOND, acceptance: 1 } })],
    });

  it("callbacks take the queue's skills: any agent may serve them", () => {
    const { events, world } = record(skillScenario(false));
    const groups = new Set(ofType(events, 'callback.connected').map((e) => world.agents.groupOf(e.agent)));
    expect(groups.has('plain')).toBe(true);
  });

  it("with preserveSkillsAndPriority they keep the call's skills: only skilled agents serve them", () => {
    const { events, world } = record(skillScenario(true));
    const connected = ofType(events, 'callback.connected');
    expect(connected.length).toBeGreaterThan(5);
    for (const e of connected) expect(world.agents.groupOf(e.agent)).toBe('spanish');
  });

  it('with preserveSkillsAndPriority they keep the call\'s priority', () => {
    const priorityScenario = (preserve: boolean) => {
      const lowAllDay = inbound('q', 100, constant(5 * MINUTE), { patience: undefined });
      const highLate = { ...inbound('q', 0, constant(5 * MINUTE), { priority: 10, callbackOffer: { afterWait: 0, acceptance: 1 } }), perHour: [0, 60, ...new Array(22).fill(0)] };
      return scenario({
        duration: 3 * HOUR,
        queues: [queue('q', { callback: callbackSettings({ preserveSkillsAndPriority: preserve }) })],
        agents: [agents('a', 5, ['q'])],
        inbound: [lowAllDay, highLate],
      });
    };
    const waitOfCallbacks = (s: Scenario) => {
      const events = record(s).events;
      const created = new Map(ofType(events, 'callback.created').map((e) => [e.callback, e.t]));
      const offers = ofType(events, 'callback.state').filter((e) => e.to === 'offered');
      return offers.reduce((sum, e) => sum + (e.t - created.get(e.callback)!), 0) / Math.max(1, offers.length);
    };
    // Priority 10 kept: the callback jumps the low-priority backlog; with the queue's priority it waits its turn.
    expect(waitOfCallbacks(priorityScenario(true))).toBeLessThan(waitOfCallbacks(priorityScenario(false)) / 2);
  });
});

describe('a missed offer', () => {
  it('goes to the next available agent', () => {
    const s = base({
      queues: [queue('q', { callback: callbackSettings({ alertingTimeout: 10 * SECOND }) })],
      agents: [agents('slow', 1, ['q'], { answerTime: constant(15 * SECOND) }), agents('quick', 1, ['q'])],
      callbacks: [listed('c', HOUR)],
    });
    const { events, world } = record(s);
    const offers = ofType(events, 'agent.state').filter((e) => e.to === 'alerting' || (e.from === 'idle' && e.to === 'busy'));
    const states = ofType(events, 'agent.state').filter((e) => e.t >= HOUR && e.t <= HOUR + 20 * SECOND);
    expect(states.find((e) => e.to === 'notResponding')).toBeDefined();
    expect(world.agents.groupOf(dials(events)[0].agent)).toBe('quick');
    expect(offers.length).toBeGreaterThan(0);
  });

  it('waits when there is no other agent on the queue, and is offered again', () => {
    const s = base({
      queues: [queue('q', { callback: callbackSettings({ alertingTimeout: 10 * SECOND }) })],
      agents: [agents('slow', 1, ['q'], { answerTime: constant(15 * SECOND), notRespondingTime: MINUTE })],
      callbacks: [listed('c', HOUR)],
    });
    const { events } = record(s);
    const alerting = ofType(events, 'agent.state').filter((e) => e.to === 'alerting').map((e) => e.t);
    // Missed at 1 h 10 s, Not Responding for a minute, offered again at 1 h 1 min 10 s — and missed again.
    expect(alerting.slice(0, 2)).toEqual([HOUR, HOUR + 10 * SECOND + MINUTE]);
    expect(dials(events)).toHaveLength(0);
  });
});

describe('preferred agent routing', () => {
  const parScenario = (kind: 'offer' | 'scheduled') =>
    scenario({
      duration: 12 * HOUR,
      queues: [queue('q', { preferredAgentRouting: { enabled: true, share: 1, timeout: 10 * MINUTE } })],
      agents: [
        agents('away', 1, ['q'], { schedule: [{ days: [0, 1, 2, 3, 4, 5, 6], startMinute: 23 * 60, endMinute: 1439 }] }),
        agents('here', 2, ['q']),
      ],
      inbound: [
        inbound('q', 30, constant(MINUTE), {
          ...(kind === 'offer'
            ? { callbackOffer: { afterWait: 0, acceptance: 1 } }
            : { scheduleCallback: { probability: 1, leadTime: constant(30 * MINUTE), routeToMe: 0, routeToMeWait: MINUTE, owned: 0 } }),
        }),
      ],
    });

  const delays = (events: SimEvent[]) => {
    const due = new Map<number, number>();
    for (const d of ofType(events, 'callback.dialed')) if (!due.has(d.callback)) due.set(d.callback, d.t - d.dueAt);
    return [...due.values()];
  };

  it('holds inbound callbacks for the preferred agent (here: often off queue) up to the timeout', () => {
    const waits = delays(record(parScenario('offer')).events);
    expect(waits.length).toBeGreaterThan(20);
    expect(waits.filter((w) => w >= 10 * MINUTE).length).toBeGreaterThan(waits.length / 5);
  });

  it('has no effect on scheduled callbacks', () => {
    const waits = delays(record(parScenario('scheduled')).events);
    expect(waits.length).toBeGreaterThan(20);
    expect(waits.filter((w) => w >= 10 * MINUTE)).toHaveLength(0);
  });
});

describe('ACD voicemail', () => {
  it('in Agent First the agent listens to the voicemail before dialing', () => {
    const s = scenario({
      duration: 3 * HOUR,
      queues: [queue('q', { voicemail: { afterWait: MINUTE, probability: 1, listenTime: constant(45 * SECOND) } })],
      agents: [agents('a', 1, ['q'])],
      inbound: [inbound('q', 40, constant(6 * MINUTE))],
    });
    const { events } = record(s);
    const voicemails = ofType(events, 'call.voicemail');
    expect(voicemails.length).toBeGreaterThan(3);
    const answeredAt = new Map(ofType(events, 'callback.state').filter((e) => e.to === 'agentConnected').map((e) => [e.callback, e.t]));
    const first = dials(events).filter((d) => d.attempt === 1);
    expect(first.length).toBeGreaterThan(0);
    // Listen 45 s, then the default 5 s dial time.
    for (const d of first) expect(d.t - answeredAt.get(d.callback)!).toBe(50 * SECOND);
  });
});

describe('skills with proficiency', () => {
  const skilled = (routing: 'longestIdle' | 'bestSkills') =>
    scenario({
      duration: 6 * HOUR,
      queues: [queue('q', { skills: ['billing'], routing })],
      agents: [
        agents('novice', 3, ['q'], { skills: { billing: 1 } }),
        agents('expert', 1, ['q'], { skills: { billing: 5 } }),
        agents('unskilled', 3, ['q']),
      ],
      inbound: [inbound('q', 6, constant(2 * MINUTE))],
    });
  const answeredBy = (routing: 'longestIdle' | 'bestSkills') => {
    const { events, world } = record(skilled(routing));
    const counts: Record<string, number> = {};
    for (const e of ofType(events, 'call.answered')) counts[world.agents.groupOf(e.agent)] = (counts[world.agents.groupOf(e.agent)] ?? 0) + 1;
    return counts;
  };

  it('only agents with the required skill take the calls', () => {
    expect(answeredBy('longestIdle').unskilled).toBeUndefined();
  });

  it('bestSkills routing gives the call to the idle agent with the highest proficiency', () => {
    const best = answeredBy('bestSkills');
    const longest = answeredBy('longestIdle');
    // At 6 calls/h of 2 minutes the expert is idle ~80 % of the time, and then takes the call with bestSkills;
    // with longest-idle routing the four qualified agents share the calls.
    expect(best.expert).toBeGreaterThan(0.65 * (best.expert + (best.novice ?? 0)));
    expect(longest.expert).toBeLessThan(0.4 * (longest.expert + (longest.novice ?? 0)));
  });
});
