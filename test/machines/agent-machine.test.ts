import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { AGENT_TIME_TAGS, agentMachine, type AgentContext, type AgentEvent, type AgentInput } from '../../src/machines/agent.js';
import { Mailbox } from '../../src/machines/engine.js';
import { classifyStates } from '../../src/machines/state-tags.js';
import { XStateEngine } from '../../src/machines/xstate-engine.js';
import { RecordingHost } from './recording-host.js';

const ALERT = 'xstate.after.alertingTimeout.agent.alerting';
const ANSWER = 'xstate.after.answerTime.agent.alerting';
const NOT_RESPONDING = 'xstate.after.notRespondingTime.agent.notResponding';
const NOT_RESPONDING_TIME = 30_000;
const ID = 3;

type Step = AgentEvent | { fire: string };

/** An offer the agent answers after 5 s, one they would answer only after it times out, and an auto-answered one. */
const OFFER: AgentEvent = { type: 'OFFER', alertingTimeout: 8000, answerTime: 5000 };
const OFFER_UNANSWERED: AgentEvent = { type: 'OFFER', alertingTimeout: 8000, answerTime: Infinity };
const OFFER_AT_ONCE: AgentEvent = { type: 'OFFER', alertingTimeout: 8000, answerTime: 0 };

function setup(path: Step[] = []) {
  const host = new RecordingHost<AgentEvent>();
  const engine = new XStateEngine<AgentInput, AgentEvent, AgentContext>(agentMachine, host, new Mailbox());
  engine.start(ID, { notRespondingTime: NOT_RESPONDING_TIME });
  const step = (s: Step) => engine.send(ID, 'fire' in s ? host.due(ID, s.fire) : s);
  for (const s of path) step(s);
  host.take();
  return { host, engine, step, state: () => engine.stateOf(ID), context: () => engine.contextOf(ID) };
}

const PATHS: Record<string, Step[]> = {
  offline: [],
  idle: [{ type: 'LOG_ON' }],
  alerting: [{ type: 'LOG_ON' }, OFFER],
  busy: [{ type: 'LOG_ON' }, OFFER_AT_ONCE],
  wrapUp: [{ type: 'LOG_ON' }, OFFER_AT_ONCE, { type: 'END', wrapUp: true }],
  notResponding: [{ type: 'LOG_ON' }, OFFER_UNANSWERED, { fire: ALERT }],
  'alerting (log-off pending)': [{ type: 'LOG_ON' }, OFFER, { type: 'LOG_OFF' }],
  'busy (log-off pending)': [{ type: 'LOG_ON' }, OFFER_AT_ONCE, { type: 'LOG_OFF' }],
  'wrapUp (log-off pending)': [{ type: 'LOG_ON' }, OFFER_AT_ONCE, { type: 'END', wrapUp: true }, { type: 'LOG_OFF' }],
  'notResponding (log-off pending)': [{ type: 'LOG_ON' }, OFFER_UNANSWERED, { type: 'LOG_OFF' }, { fire: ALERT }],
};

interface Row {
  at: keyof typeof PATHS;
  step: Step;
  to: string;
  log: string[];
  pending?: boolean;
}

const ROWS: Row[] = [
  { at: 'offline', step: { type: 'LOG_ON' }, to: 'idle', log: ['offline>idle', 'available'] },
  { at: 'idle', step: { type: 'LOG_OFF' }, to: 'offline', log: ['idle>offline'] },
  { at: 'idle', step: OFFER, to: 'alerting', log: ['idle>alerting', 'alerted', `delay ${ANSWER} 5000`, `delay ${ALERT} 8000`] },
  { at: 'idle', step: { type: 'OFFER', alertingTimeout: 15_000, answerTime: 12_000 }, to: 'alerting', log: ['idle>alerting', 'alerted', `delay ${ANSWER} 12000`, `delay ${ALERT} 15000`] },
  { at: 'idle', step: OFFER_UNANSWERED, to: 'alerting', log: ['idle>alerting', 'alerted', `delay ${ALERT} 8000`] },
  { at: 'idle', step: OFFER_AT_ONCE, to: 'busy', log: ['idle>busy', 'answered'] },
  { at: 'alerting', step: { fire: ANSWER }, to: 'busy', log: ['alerting>busy', `cancel ${ANSWER}`, `cancel ${ALERT}`, 'answered'] },
  { at: 'alerting', step: { type: 'WITHDRAW' }, to: 'idle', log: ['alerting>idle', `cancel ${ANSWER}`, `cancel ${ALERT}`, 'available'] },
  { at: 'alerting', step: { fire: ALERT }, to: 'notResponding', log: ['alerting>notResponding', `cancel ${ANSWER}`, `cancel ${ALERT}`, 'offerMissed', `delay ${NOT_RESPONDING} ${NOT_RESPONDING_TIME}`] },
  { at: 'alerting', step: { type: 'LOG_OFF' }, to: 'alerting', log: [], pending: true },
  { at: 'busy', step: { type: 'END', wrapUp: true }, to: 'wrapUp', log: ['busy>wrapUp'] },
  { at: 'busy', step: { type: 'END', wrapUp: false }, to: 'idle', log: ['busy>idle', 'available'] },
  { at: 'busy', step: { type: 'LOG_OFF' }, to: 'busy', log: [], pending: true },
  { at: 'wrapUp', step: { type: 'WRAP_END' }, to: 'idle', log: ['wrapUp>idle', 'available'] },
  { at: 'wrapUp', step: { type: 'LOG_OFF' }, to: 'wrapUp', log: [], pending: true },
  { at: 'notResponding', step: { fire: NOT_RESPONDING }, to: 'idle', log: ['notResponding>idle', `cancel ${NOT_RESPONDING}`, 'available'] },
  { at: 'notResponding', step: { type: 'LOG_OFF' }, to: 'offline', log: ['notResponding>offline', `cancel ${NOT_RESPONDING}`] },
  // A pending log-off takes effect when the work is done, instead of becoming available.
  { at: 'alerting (log-off pending)', step: { type: 'WITHDRAW' }, to: 'offline', log: ['alerting>offline', `cancel ${ANSWER}`, `cancel ${ALERT}`] },
  { at: 'alerting (log-off pending)', step: { fire: ANSWER }, to: 'busy', log: ['alerting>busy', `cancel ${ANSWER}`, `cancel ${ALERT}`, 'answered'], pending: true },
  { at: 'busy (log-off pending)', step: { type: 'END', wrapUp: false }, to: 'offline', log: ['busy>offline'] },
  { at: 'busy (log-off pending)', step: { type: 'END', wrapUp: true }, to: 'wrapUp', log: ['busy>wrapUp'], pending: true },
  { at: 'wrapUp (log-off pending)', step: { type: 'WRAP_END' }, to: 'offline', log: ['wrapUp>offline'] },
  { at: 'notResponding (log-off pending)', step: { fire: NOT_RESPONDING }, to: 'offline', log: ['notResponding>offline', `cancel ${NOT_RESPONDING}`] },
];

const describeStep = (s: Step) => ('fire' in s ? s.fire.split('.')[2] : s.type === 'OFFER' ? `OFFER(answer ${s.answerTime}, timeout ${s.alertingTimeout})` : s.type === 'END' ? `END(wrapUp ${s.wrapUp})` : s.type);

describe('agent machine transitions (XStateEngine with a recording host)', () => {
  it('starts offline and not pending a log-off', () => {
    const host = new RecordingHost<AgentEvent>();
    const engine = new XStateEngine<AgentInput, AgentEvent, AgentContext>(agentMachine, host, new Mailbox());
    engine.start(ID, { notRespondingTime: 12_000 });
    expect(host.take()).toEqual(['>offline']);
    expect(engine.contextOf(ID)).toEqual({ notRespondingTime: 12_000, logOffPending: false, alertingTimeout: 0, answerTime: 0 });
  });

  for (const row of ROWS) {
    it(`${row.at} --${describeStep(row.step)}--> ${row.to}`, () => {
      const agent = setup(PATHS[row.at]);
      expectAt(agent.state(), row.at);
      agent.step(row.step);
      expect(agent.state()).toBe(row.to);
      expect(agent.host.take()).toEqual(row.log);
      expect(agent.context().logOffPending).toBe(row.pending ?? false);
    });
  }

  const ALL_EVENTS: AgentEvent[] = [
    { type: 'LOG_ON' },
    { type: 'LOG_OFF' },
    OFFER,
    OFFER_AT_ONCE,
    { type: 'WITHDRAW' },
    { type: 'END', wrapUp: true },
    { type: 'END', wrapUp: false },
    { type: 'WRAP_END' },
  ];

  it('every other event is ignored in every state: no state change, no action, no timer', () => {
    let ignored = 0;
    for (const at of Object.keys(PATHS).filter((k) => !k.includes('pending'))) {
      const handled = new Set(ROWS.filter((r) => r.at === at && !('fire' in r.step)).map((r) => (r.step as AgentEvent).type));
      for (const event of ALL_EVENTS) {
        if (handled.has(event.type)) continue;
        const agent = setup(PATHS[at]);
        const timers = agent.host.timersOf(ID);
        const context = agent.context();
        agent.step(event);
        expect(agent.state(), `${at} ${event.type}`).toBe(at);
        expect(agent.host.take(), `${at} ${event.type}`).toEqual([]);
        expect(agent.host.timersOf(ID)).toEqual(timers);
        expect(agent.context()).toEqual(context);
        ignored++;
      }
    }
    expect(ignored).toBeGreaterThan(30);
  });

  it('remembers the alerting timeout and answer time of each offer', () => {
    const agent = setup([{ type: 'LOG_ON' }, { type: 'OFFER', alertingTimeout: 21_000, answerTime: 7_000 }]);
    expect(agent.context()).toMatchObject({ alertingTimeout: 21_000, answerTime: 7_000 });
    expect(agent.host.pending.get(`${ID}:${ALERT}`)!.delay).toBe(21_000);
    expect(agent.host.pending.get(`${ID}:${ANSWER}`)!.delay).toBe(7_000);
  });

  it('going offline clears a pending log-off, so the next shift starts clean', () => {
    const agent = setup(PATHS['busy (log-off pending)']);
    agent.step({ type: 'END', wrapUp: false });
    expect(agent.state()).toBe('offline');
    expect(agent.context().logOffPending).toBe(false);
    agent.step({ type: 'LOG_ON' });
    agent.step(OFFER_AT_ONCE);
    agent.step({ type: 'END', wrapUp: false });
    expect(agent.state()).toBe('idle');
  });

  // Regression: LOG_ON while a log-off is pending (the next shift starts during work) clears it.
  it('a LOG_ON while a log-off is pending cancels it', () => {
    const agent = setup(PATHS['busy (log-off pending)']);
    agent.step({ type: 'LOG_ON' });
    expect(agent.context().logOffPending).toBe(false);
    agent.step({ type: 'END', wrapUp: false });
    expect(agent.state()).toBe('idle');
  });
});

function expectAt(actual: string, at: string): void {
  expect(actual).toBe(at.split(' ')[0]);
}

describe('agent machine reachability (@xstate/graph shortest paths)', () => {
  const EVENTS: AgentEvent[] = [
    { type: 'LOG_ON' },
    { type: 'LOG_OFF' },
    OFFER,
    OFFER_AT_ONCE,
    { type: 'WITHDRAW' },
    { type: 'END', wrapUp: true },
    { type: 'END', wrapUp: false },
    { type: 'WRAP_END' },
    ...[ANSWER, ALERT, NOT_RESPONDING].map((type) => ({ type }) as unknown as AgentEvent),
  ];
  const paths = getShortestPaths(agentMachine, { input: { notRespondingTime: NOT_RESPONDING_TIME }, events: EVENTS });
  const byState = new Map<string, number>();
  for (const p of paths) {
    const state = String(p.state.value);
    // steps[0] is the initial snapshot (xstate.init).
    byState.set(state, Math.min(byState.get(state) ?? Infinity, p.steps.length - 1));
  }

  it('every agent state is reachable and carries exactly one time tag', () => {
    const tags = classifyStates(agentMachine, AGENT_TIME_TAGS);
    expect([...tags.keys()].sort()).toEqual(Object.keys(agentMachine.root.states).sort());
    for (const state of tags.keys()) expect(byState.has(state), state).toBe(true);
  });

  it('shortest paths: idle 1 step, busy 2 (auto-answer), alerting 2, wrapUp 3, notResponding 3', () => {
    expect(Object.fromEntries(byState)).toMatchObject({ offline: 0, idle: 1, alerting: 2, busy: 2, wrapUp: 3, notResponding: 3 });
  });

  it('the agent machine has no final state: an agent always comes back', () => {
    expect(Object.values(agentMachine.root.states).filter((n) => n.type === 'final')).toEqual([]);
    for (const p of paths) expect(p.state.status).toBe('active');
  });
});
