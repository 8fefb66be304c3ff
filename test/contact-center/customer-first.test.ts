import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { AgentGroupConfig, CalleeConfig, InboundConfig, QueueCallbackSettings, Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, inbound, queue, scenario, type CallbackSettingsOverrides } from '../helpers/scenario.js';
import { agentIntervals, always, callee, constant, countIn, during, endings, enteredAt, HOUR, MINUTE, requests, SECOND, statesOf, transitionsOf, withAgentStates } from './support.js';

const SIGNAL = 3 * SECOND;
const RING = 5 * SECOND;
const TALK = 4 * MINUTE;
const WRAP = 15 * SECOND;

interface Setup {
  settings?: CallbackSettingsOverrides;
  callee?: Partial<CalleeConfig>;
  agents?: AgentGroupConfig[];
  perHour?: number | number[];
  inbound?: InboundConfig[];
  more?: Partial<Scenario>;
}

/** A Customer First queue `q` fed by callback requests, with constant callee times. */
function customerFirst(setup: Setup = {}): Scenario {
  return scenario({
    seed: 31,
    duration: 12 * HOUR,
    queues: [queue('q', { callback: callbackSettings({ mode: 'CustomerFirst', ...setup.settings }) })],
    agents: setup.agents ?? [agents('a', 2, ['q'])],
    inbound: setup.inbound ?? [],
    callbackRequests: [requests('q', setup.perHour ?? 6, constant(TALK), constant(WRAP))],
    callee: callee({ outcomes: always('live'), ringTime: constant(RING), signalTime: SIGNAL, ...setup.callee }),
    ...setup.more,
  });
}

function attemptsOf(events: readonly SimEvent[], callback: number) {
  return ofType(events, 'callback.attemptEnded').filter((d) => d.callback === callback);
}

/** Agent time outside offline and idle, over all agents. */
function agentsEverWorked(events: readonly SimEvent[]): boolean {
  return ofType(events, 'agent.state').some((e) => e.to !== 'idle' && e.to !== 'offline');
}

describe('Customer First callbacks', () => {
  it('are dialed before any agent is involved, then wait for an agent once a live person answers', () => {
    const s = customerFirst({ agents: [agents('a', 2, ['q'], { answerTime: constant(2 * SECOND) })] });
    const { events } = record(s);
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(30);
    for (const end of ended) {
      expect(end).toMatchObject({ end: 'completed', attempts: 1 });
      const path = transitionsOf(events, end.callback);
      expect(path.map((p) => p.to)).toEqual(['queued', 'placing', 'dialing', 'ringing', 'waitingForAgent', 'offered', 'connected', 'wrapUp', 'completed']);
      const [dial] = ofType(events, 'callback.dialed').filter((d) => d.callback === end.callback);
      expect(dial.agent).toBe(-1);
      // placing and dialing are entered at the dial (the dial's plan is decided at once).
      expect(dial.t).toBe(path[1].t);
      expect(path[2].t).toBe(dial.t);
      expect(path[3].t - dial.t).toBe(SIGNAL);
      expect(path[4].t - dial.t).toBe(SIGNAL + RING);
      expect(path[6].t - path[5].t).toBe(2 * SECOND);
      expect(path[7].t - path[6].t).toBe(TALK);
      expect(path[8].t - path[7].t).toBe(WRAP);
      // No agent is alerted for this callback before the customer answered.
      const answered = ofType(events, 'callback.answered').find((a) => a.callback === end.callback)!;
      expect(answered.t).toBe(path[4].t);
      expect(path[5].t).toBeGreaterThanOrEqual(answered.t);
    }
  });

  it('a live customer waits in waitingForAgent and is connected the moment an agent becomes free', () => {
    const s = customerFirst({ settings: { pacing: 'ratio', pacingModifier: 3 }, agents: [agents('a', 1, ['q'])], perHour: 20 });
    const { events } = record(s);
    const agentEvents = ofType(events, 'agent.state');
    const connected = ofType(events, 'callback.connected');
    const waited = connected.filter((c) => c.t > c.waitedSince);
    expect(waited.length).toBeGreaterThan(5);
    for (const c of connected) {
      expect(c.waitedSince).toBe(enteredAt(events, c.callback, 'waitingForAgent'));
      expect(c.agent).toBe(0);
    }
    for (const c of waited) {
      // The agent was working the whole time the customer waited, and freed up exactly at c.t.
      const freed = agentEvents.find((a) => a.agent === c.agent && a.t === c.t && (a.from === 'busy' || a.from === 'wrapUp') && a.to === 'idle');
      expect(freed, `callback ${c.callback}`).toBeDefined();
      const idleWhileWaiting = agentIntervals(events, c.agent, s.duration).some((i) => i.state === 'idle' && i.to > i.from && i.from < c.t && i.to > c.waitedSince);
      expect(idleWhileWaiting).toBe(false);
    }
    const kpis = simulate(s).kpis.queues.q;
    expect(kpis.waitAfterAnswer).toBeGreaterThan(0);
    expect(kpis.customerAnswers).toBe(ofType(events, 'callback.answered').length);
  });

  it('a customer whose patienceAfterAnswer runs out is abandonedAfterAnswer, retried while retries remain, then exhausted', () => {
    const patience = 10 * SECOND;
    const retryDelay = 10 * MINUTE;
    const s = customerFirst({
      settings: { pacing: 'ratio', pacingModifier: 3, maxRetryCount: 1, retryDelay },
      agents: [agents('a', 1, ['q'])],
      perHour: 20,
      callee: { patienceAfterAnswer: constant(patience) },
    });
    const { events } = record(s);
    const abandoned = ofType(events, 'callback.attemptEnded').filter((a) => a.result === 'abandonedAfterAnswer');
    expect(abandoned.filter((a) => a.attempt === 1).length).toBeGreaterThan(5);
    expect(abandoned.filter((a) => a.attempt === 2).length).toBeGreaterThan(2);
    const ended = endings(events);
    for (const a of abandoned) {
      const answered = ofType(events, 'callback.answered').filter((x) => x.callback === a.callback && x.t <= a.t).at(-1)!;
      expect(a.t - answered.t).toBe(patience);
      expect(a.outcome).toBe('live');
      const next = transitionsOf(events, a.callback).find((p) => p.t === a.t && p.event === 'xstate.after.patience.customerFirstCallback.answered')!;
      if (a.attempt === 1) {
        expect(next.to).toBe('waitingRetry');
        const redial = ofType(events, 'callback.dialed').find((d) => d.callback === a.callback && d.attempt === 2);
        if (redial) expect(redial.t - a.t).toBeGreaterThanOrEqual(retryDelay);
      } else {
        expect(next.to).toBe('exhausted');
        expect(ended.get(a.callback)).toMatchObject({ end: 'exhausted', attempts: 2, t: a.t });
      }
    }
    const kpis = simulate(s).kpis.queues.q;
    expect(kpis.abandonedAfterAnswer).toBe(abandoned.length);
    expect(kpis.customerAnswers).toBe(ofType(events, 'callback.answered').length);
    expect(kpis.abandonAfterAnswerRate).toBeCloseTo(abandoned.length / kpis.customerAnswers, 6);
  });

  describe('liveVoiceReactionType', () => {
    it('HangUp disconnects a live answer without involving an agent', () => {
      const { events } = record(customerFirst({ settings: { liveVoiceReactionType: 'HangUp', maxRetryCount: 3 } }));
      const ended = [...endings(events).values()];
      expect(ended.length).toBeGreaterThan(30);
      for (const end of ended) {
        expect(end).toMatchObject({ end: 'disconnected', attempts: 1 });
        expect(statesOf(events, end.callback)).toEqual(['queued', 'placing', 'dialing', 'ringing', 'disconnected']);
        expect(end.t - ofType(events, 'callback.dialed').find((d) => d.callback === end.callback)!.t).toBe(SIGNAL + RING);
      }
      expect(ofType(events, 'callback.connected')).toEqual([]);
      expect(agentsEverWorked(events)).toBe(false);
    });

    it('TransferToFlow completes the callback at the answer without an agent', () => {
      const { events } = record(customerFirst({ settings: { liveVoiceReactionType: 'TransferToFlow' } }));
      const ended = [...endings(events).values()];
      expect(ended.length).toBeGreaterThan(30);
      for (const end of ended) {
        expect(end).toMatchObject({ end: 'completed', attempts: 1 });
        expect(statesOf(events, end.callback)).toEqual(['queued', 'placing', 'dialing', 'ringing', 'completed']);
      }
      expect(agentsEverWorked(events)).toBe(false);
    });
  });

  describe('answeringMachineReactionType', () => {
    const machine = { outcomes: always('machine'), patienceAfterAnswer: constant(SECOND) };

    it('HangUp (default) makes a machine a failed attempt that is retried', () => {
      const { events } = record(customerFirst({ settings: { maxRetryCount: 2, retryDelay: 5 * MINUTE }, callee: machine }));
      const ended = [...endings(events).values()];
      expect(ended.length).toBeGreaterThan(30);
      for (const end of ended) {
        expect(end).toMatchObject({ end: 'exhausted', attempts: 3 });
        expect(attemptsOf(events, end.callback).map((a) => a.result)).toEqual(['machine', 'machine', 'machine']);
      }
      expect(agentsEverWorked(events)).toBe(false);
    });

    it('TransferToQueue puts the machine through to an agent who leaves a message for voicemailMessageTime; a machine has no patience', () => {
      const voicemailMessageTime = 25 * SECOND;
      const s = customerFirst({
        settings: { answeringMachineReactionType: 'TransferToQueue', pacing: 'ratio', pacingModifier: 3 },
        agents: [agents('a', 1, ['q'])],
        perHour: 20,
        callee: { ...machine, voicemailMessageTime },
      });
      const { events } = record(s);
      const ended = [...endings(events).values()];
      expect(ended.length).toBeGreaterThan(30);
      for (const end of ended) {
        expect(end).toMatchObject({ end: 'completed', attempts: 1 });
        const path = transitionsOf(events, end.callback);
        expect(path.map((p) => p.to)).toEqual(['queued', 'placing', 'dialing', 'ringing', 'waitingForAgent', 'offered', 'connected', 'wrapUp', 'completed']);
        expect(path[7].t - path[6].t).toBe(voicemailMessageTime);
      }
      // Some machines waited well past the 1 s patience of a live person without being abandoned.
      expect(ofType(events, 'callback.connected').some((c) => c.t - c.waitedSince > 10 * SECOND)).toBe(true);
      expect(ofType(events, 'callback.attemptEnded').filter((a) => a.result === 'abandonedAfterAnswer')).toEqual([]);
    });

    it('TransferToFlow completes the callback at the answer without an agent', () => {
      const { events } = record(customerFirst({ settings: { answeringMachineReactionType: 'TransferToFlow' }, callee: machine }));
      const ended = [...endings(events).values()];
      expect(ended.length).toBeGreaterThan(30);
      for (const end of ended) expect(statesOf(events, end.callback)).toEqual(['queued', 'placing', 'dialing', 'ringing', 'completed']);
      expect(agentsEverWorked(events)).toBe(false);
    });
  });

  describe('answering-machine detection errors', () => {
    it('liveAsMachine 1: every live answer is hung up on as a machine and counted in liveHungUpAsMachine', () => {
      const s = customerFirst({
        settings: { maxRetryCount: 1, retryDelay: 5 * MINUTE },
        callee: { answeringMachineDetection: { liveAsMachine: 1, machineAsLive: 0 } },
      });
      const { events } = record(s);
      const attempts = ofType(events, 'callback.attemptEnded');
      expect(attempts.length).toBeGreaterThan(30);
      for (const a of attempts) expect(a).toMatchObject({ result: 'machine', outcome: 'live' });
      const kpis = simulate(s).kpis.queues.q;
      expect(kpis.liveHungUpAsMachine).toBe(attempts.length);
      expect(kpis.connectRate).toBe(0);
      expect(kpis.completed).toBe(0);
      expect(agentsEverWorked(events)).toBe(false);
    });

    it('machineAsLive 1: every machine is put through as if live, and leaves no abandonment', () => {
      const s = customerFirst({
        callee: { outcomes: always('machine'), answeringMachineDetection: { liveAsMachine: 0, machineAsLive: 1 }, voicemailMessageTime: 20 * SECOND },
      });
      const { events } = record(s);
      const ended = [...endings(events).values()];
      expect(ended.length).toBeGreaterThan(30);
      for (const end of ended) {
        expect(end.end).toBe('completed');
        expect(enteredAt(events, end.callback, 'wrapUp')! - enteredAt(events, end.callback, 'connected')!).toBe(20 * SECOND);
      }
      for (const a of ofType(events, 'callback.attemptEnded')) expect(a).toMatchObject({ result: 'connected', outcome: 'machine' });
      expect(simulate(s).kpis.queues.q.liveHungUpAsMachine).toBe(0);
    });
  });

  it('outcomesByAttempt: attempt 1 always unanswered, attempt 2 always live', () => {
    const s = customerFirst({
      settings: { maxRetryCount: 3, retryDelay: 5 * MINUTE },
      callee: { outcomes: always('busy'), outcomesByAttempt: [always('noAnswer'), always('live')] },
    });
    const { events } = record(s);
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(30);
    for (const end of ended) {
      expect(end).toMatchObject({ end: 'completed', attempts: 2 });
      expect(attemptsOf(events, end.callback).map((a) => [a.attempt, a.result])).toEqual([
        [1, 'noAnswer'],
        [2, 'connected'],
      ]);
    }
  });

  it('outcomesByAttempt: the last entry applies to later attempts', () => {
    const s = customerFirst({
      settings: { maxRetryCount: 4, retryDelay: 5 * MINUTE },
      callee: { outcomes: always('live'), outcomesByAttempt: [always('busy'), always('noAnswer')] },
    });
    const { events } = record(s);
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(20);
    for (const end of ended) {
      expect(end).toMatchObject({ end: 'exhausted', attempts: 5 });
      expect(attemptsOf(events, end.callback).map((a) => a.result)).toEqual(['busy', 'noAnswer', 'noAnswer', 'noAnswer', 'noAnswer']);
    }
  });

  it('liveByHour moves live answers to no answer in the hours it scales to 0', () => {
    const liveByHour = Array.from({ length: 24 }, (_, h) => (h < 6 ? 0 : 1));
    const s = customerFirst({ callee: { liveByHour }, more: { duration: 12 * HOUR } });
    const { events } = record(s);
    const dials = new Map(ofType(events, 'callback.dialed').map((d) => [d.callback * 100 + d.attempt, d.t]));
    const attempts = ofType(events, 'callback.attemptEnded');
    const early = attempts.filter((a) => dials.get(a.callback * 100 + a.attempt)! < 6 * HOUR);
    const late = attempts.filter((a) => dials.get(a.callback * 100 + a.attempt)! >= 6 * HOUR);
    expect(early.length).toBeGreaterThan(15);
    expect(late.length).toBeGreaterThan(15);
    for (const a of early) expect(a.result).toBe('noAnswer');
    for (const a of late) expect(a.result).toBe('connected');
  });
});

describe('answeredPosition: where a customer who answered waits among inbound callers', () => {
  type Mode = QueueCallbackSettings['answeredPosition'];

  /**
   * Replays the agent queue and checks that every interaction served had the smallest key among those
   * waiting (key: arrival time of a call; for a customer who answered, per `mode`). Also counts how often a
   * customer who answered was served ahead of an inbound caller, or of another such customer, who had been
   * waiting longer.
   */
  function ordering(mode: Mode) {
    const s = customerFirst({
      settings: { answeredPosition: mode, pacing: 'ratio', pacingModifier: 3 },
      agents: [agents('a', 3, ['q'])],
      perHour: 12,
      inbound: [inbound('q', 20, constant(5 * MINUTE))],
      callee: { ringTime: { kind: 'uniform', min: 4 * SECOND, max: 25 * SECOND } },
      more: { seed: 41, duration: 24 * HOUR },
    });
    const { events } = record(s);
    const created = new Map(ofType(events, 'callback.created').map((e) => [e.callback, e.position]));
    const waiting = new Map<string, { key: number; since: number }>();
    const overtook = { inbound: 0, callback: 0 };
    let mixed = 0;
    const violations: string[] = [];
    const serve = (id: string) => {
      const served = waiting.get(id);
      expect(served, id).toBeDefined();
      waiting.delete(id);
      let sawOther = false;
      for (const [other, w] of waiting) {
        if (other[0] !== id[0]) sawOther = true;
        if (w.key < served!.key) violations.push(`${id} before ${other}`);
        if (id[0] === 'b' && w.since < served!.since) overtook[other[0] === 'a' ? 'inbound' : 'callback']++;
      }
      if (sawOther) mixed++;
    };
    for (const e of events) {
      if (e.type === 'call.arrived') waiting.set(`a${e.call}`, { key: e.t, since: e.t });
      else if (e.type === 'call.answered') serve(`a${e.call}`);
      else if (e.type === 'callback.state' && e.to === 'waitingForAgent') {
        const key = mode === 'front' ? -1e15 + e.t : mode === 'back' ? e.t : created.get(e.callback)!;
        waiting.set(`b${e.callback}`, { key, since: e.t });
      } else if (e.type === 'callback.state' && e.from === 'waitingForAgent') {
        if (e.to === 'offered') serve(`b${e.callback}`);
        else waiting.delete(`b${e.callback}`);
      }
    }
    return { violations, overtook, mixed };
  }

  it('front: a customer who answered is served before every inbound caller, customers among themselves in answer order', () => {
    const r = ordering('front');
    expect(r.violations).toEqual([]);
    expect(r.overtook.inbound).toBeGreaterThan(0);
    expect(r.overtook.callback).toBe(0);
  });

  it('back: a customer who answered is served after everyone already waiting (pure first come, first served)', () => {
    const r = ordering('back');
    expect(r.violations).toEqual([]);
    expect(r.mixed).toBeGreaterThan(0);
    expect(r.overtook).toEqual({ inbound: 0, callback: 0 });
  });

  it('original: a customer who answered is served at the position of their request', () => {
    const r = ordering('original');
    expect(r.violations).toEqual([]);
    expect(r.overtook.inbound).toBeGreaterThan(0);
    expect(r.overtook.callback).toBeGreaterThan(0);
  });
});

describe('pacing policies', () => {
  it('genesys: never more than ceil(m/10 × online agents) dials in flight, and none started while no agent is idle', () => {
    // m = 2.5 with 5 then 10 agents online: bounds ceil(1.25) = 2, then ceil(2.5) = 3 (floor or round would differ).
    const s = customerFirst({
      settings: { pacing: 'genesys', pacingModifier: 2.5, maxRetryCount: 2, retryDelay: 2 * MINUTE },
      agents: [agents('early', 5, ['q']), agents('late', 5, ['q'], { schedule: [{ days: [0, 1, 2, 3, 4, 5, 6], startMinute: 6 * 60, endMinute: 24 * 60 }] })],
      perHour: 150,
      callee: { outcomes: { live: 0.5, machine: 0, noAnswer: 0.5, busy: 0, invalid: 0, fax: 0 }, patienceAfterAnswer: constant(30 * SECOND) },
    });
    const { events } = record(s);
    const dialed = ofType(events, 'dialer.dialed');
    expect(dialed.length).toBeGreaterThan(100);
    withAgentStates(events, (e, _i, states) => {
      if (e.type !== 'dialer.dialed') return;
      const online = [...states.values()].filter((x) => x !== 'offline').length;
      expect(e.policy).toBe('genesys');
      expect(e.bound).toBe(Math.ceil((2.5 / 10) * online));
      expect(e.inFlight).toBeLessThanOrEqual(e.bound);
      expect(countIn(states, 'idle')).toBeGreaterThan(0);
    });
    const inFlight = ofType(events, 'dialer.inFlight');
    const maxBefore = Math.max(...inFlight.filter((e) => e.t < 6 * HOUR).map((e) => e.inFlight));
    const maxAfter = Math.max(...inFlight.filter((e) => e.t >= 6 * HOUR).map((e) => e.inFlight));
    expect(maxBefore).toBe(2);
    expect(maxAfter).toBe(3);
  });

  it('ratio: dials in flight stay within floor(m × idle agents) when the dialer decides', () => {
    const m = 1.5;
    const s = customerFirst({
      settings: { pacing: 'ratio', pacingModifier: m },
      agents: [agents('a', 4, ['q'])],
      perHour: 80,
      callee: { outcomes: { live: 0.6, machine: 0, noAnswer: 0.4, busy: 0, invalid: 0, fax: 0 }, patienceAfterAnswer: constant(20 * SECOND) },
    });
    const { events } = record(s);
    let checked = 0;
    let atBound = 0;
    withAgentStates(events, (e, _i, states) => {
      if (e.type !== 'dialer.dialed') return;
      checked++;
      const idle = countIn(states, 'idle');
      expect(e.bound).toBe(Math.floor(m * idle));
      expect(e.inFlight).toBeLessThanOrEqual(e.bound);
      if (e.inFlight === e.bound && e.bound >= 2) atBound++;
    });
    expect(checked).toBeGreaterThan(100);
    expect(atBound).toBeGreaterThan(0);
  });

  it('adaptive: the dial level rises while abandonment is low and falls when it is high', () => {
    const m = 5;
    const target = 0.03;
    const s = customerFirst({
      settings: { pacing: 'adaptive', pacingModifier: m, maxRetryCount: 0 },
      // Plenty of agents for four hours, then a single one: abandonment after answer soars.
      agents: [agents('many', 12, ['q'], { schedule: [{ days: [1], startMinute: 0, endMinute: 4 * 60 }] }), agents('one', 1, ['q'])],
      perHour: 90,
      callee: { outcomes: { live: 0.5, machine: 0, noAnswer: 0.5, busy: 0, invalid: 0, fax: 0 }, patienceAfterAnswer: constant(5 * SECOND) },
      more: { duration: 10 * HOUR },
    });
    const { events } = record(s);
    const dialed = ofType(events, 'dialer.dialed');
    for (const d of dialed) {
      expect(d.policy).toBe('adaptive');
      expect(d.level).not.toBeNull();
      expect(d.level!).toBeGreaterThanOrEqual(1);
      expect(d.level!).toBeLessThanOrEqual(m);
    }
    expect(dialed[0].level).toBe(1);
    const peak = Math.max(...dialed.filter((d) => d.t < 4 * HOUR).map((d) => d.level!));
    expect(peak).toBeGreaterThan(2);
    expect(dialed.at(-1)!.level!).toBeLessThan(peak / 2);

    // Every change of level follows a measurement that calls for it: after every 10th resolved answer, the
    // abandon rate over the last 100 answers above the target lowers the level; under half the target raises it.
    const outcomes: boolean[] = [];
    let sinceLastDial = new Set<'down' | 'up' | 'hold'>();
    let previous = dialed[0].level!;
    let downs = 0;
    for (const e of events) {
      const abandoned = e.type === 'callback.attemptEnded' && e.result === 'abandonedAfterAnswer';
      const reached = e.type === 'callback.connected' && e.waitedSince >= 0;
      if (abandoned || reached) {
        outcomes.push(abandoned);
        if (outcomes.length % 10 === 0) {
          const window = outcomes.slice(-100);
          const rate = window.filter(Boolean).length / window.length;
          sinceLastDial.add(rate > target ? 'down' : rate < target / 2 ? 'up' : 'hold');
        }
      } else if (e.type === 'dialer.dialed') {
        if (e.level! < previous) {
          expect(sinceLastDial.has('down'), `level fell at ${e.t}`).toBe(true);
          downs++;
        }
        if (e.level! > previous) expect(sinceLastDial.has('up'), `level rose at ${e.t}`).toBe(true);
        previous = e.level!;
        sinceLastDial = new Set();
      }
    }
    expect(downs).toBeGreaterThan(0);
  });
});

describe('Customer First dials are spread by hour of day', () => {
  it('no callback requested outside the request hours is dialed before its request', () => {
    const s = customerFirst({ perHour: during(2, 4, 30) });
    const { events } = record(s);
    const created = ofType(events, 'callback.created');
    expect(created.length).toBeGreaterThan(20);
    for (const c of created) {
      expect(c.t).toBeGreaterThanOrEqual(2 * HOUR);
      expect(c.t).toBeLessThan(4 * HOUR);
      const dial = ofType(events, 'callback.dialed').find((d) => d.callback === c.callback);
      if (dial) expect(dial.t).toBeGreaterThanOrEqual(c.t);
    }
  });
});
