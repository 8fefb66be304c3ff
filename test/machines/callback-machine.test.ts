import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK_END_STATES,
  callbackMachine,
  type CallbackContext,
  type CallbackEvent,
  type CallbackInput,
} from '../../src/machines/callback.js';
import { Mailbox } from '../../src/machines/engine.js';
import { XStateEngine } from '../../src/machines/xstate-engine.js';
import { RecordingHost } from './recording-host.js';

const DUE = 'xstate.after.dueDelay.callback.scheduled';
const RETRY = 'xstate.after.retryDelay.callback.waitingRetry';
const DIAL_DELAY = 'xstate.after.dialDelay.callback.agentConnected';
const RETRY_DELAY = 600_000;
const ID = 1;

function input(overrides: Partial<CallbackInput> = {}): CallbackInput {
  return {
    mode: 'AgentFirst',
    maxRetryCount: 1,
    retryDelay: RETRY_DELAY,
    retryOn: ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'],
    dueDelay: 0,
    enableAutoDialAndEnd: false,
    autoDialDelay: 300_000,
    liveVoiceReaction: 'TransferToQueue',
    machineReaction: 'HangUp',
    assignToQueueOnExpiration: true,
    ...overrides,
  };
}

type Step = CallbackEvent | { fire: string };

function setup(overrides: Partial<CallbackInput> = {}, path: Step[] = []) {
  const host = new RecordingHost<CallbackEvent>();
  const engine = new XStateEngine<CallbackInput, CallbackEvent, CallbackContext>(callbackMachine, host, new Mailbox());
  engine.start(ID, input(overrides));
  const step = (s: Step) => engine.send(ID, 'fire' in s ? host.due(ID, s.fire) : s);
  for (const s of path) step(s);
  host.take();
  return { host, engine, step, state: () => engine.stateOf(ID), context: () => engine.contextOf(ID) };
}

const AF: Partial<CallbackInput> = { mode: 'AgentFirst' };
const CF: Partial<CallbackInput> = { mode: 'CustomerFirst' };

/** Events that bring a callback to each state from a due-at-once start. */
const PATHS: Record<string, { mode: Partial<CallbackInput>; path: Step[] }> = {
  'AF queued': { mode: AF, path: [] },
  'AF offered': { mode: AF, path: [{ type: 'OFFER' }] },
  'AF agentConnected': { mode: AF, path: [{ type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 7000 }] },
  'AF dialing': { mode: AF, path: [{ type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 7000 }, { fire: DIAL_DELAY }] },
  'AF ringing': { mode: AF, path: [{ type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 7000 }, { fire: DIAL_DELAY }, { type: 'RING' }] },
  'AF connected': { mode: AF, path: [{ type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 7000 }, { fire: DIAL_DELAY }, { type: 'RING' }, { type: 'LIVE' }] },
  'AF wrapUp': {
    mode: AF,
    path: [{ type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 7000 }, { fire: DIAL_DELAY }, { type: 'RING' }, { type: 'LIVE' }, { type: 'TALK_END' }],
  },
  'AF waitingRetry': { mode: AF, path: [{ type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 7000 }, { fire: DIAL_DELAY }, { type: 'BUSY' }] },
  'CF queued': { mode: CF, path: [] },
  'CF dialing': { mode: CF, path: [{ type: 'DIAL' }] },
  'CF ringing': { mode: CF, path: [{ type: 'DIAL' }, { type: 'RING' }] },
  'CF waitingForAgent': { mode: CF, path: [{ type: 'DIAL' }, { type: 'RING' }, { type: 'LIVE' }] },
  'CF offered': { mode: CF, path: [{ type: 'DIAL' }, { type: 'RING' }, { type: 'LIVE' }, { type: 'OFFER' }] },
  'CF connected': { mode: CF, path: [{ type: 'DIAL' }, { type: 'RING' }, { type: 'LIVE' }, { type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 0 }] },
  'CF wrapUp': {
    mode: CF,
    path: [{ type: 'DIAL' }, { type: 'RING' }, { type: 'LIVE' }, { type: 'OFFER' }, { type: 'AGENT_ANSWER', dialDelay: 0 }, { type: 'TALK_END' }],
  },
  'CF waitingRetry': { mode: CF, path: [{ type: 'DIAL' }, { type: 'BUSY' }] },
  'AF scheduled': { mode: { ...AF, dueDelay: 5000 }, path: [] },
};

interface Row {
  at: keyof typeof PATHS;
  input?: Partial<CallbackInput>;
  step: Step;
  to: string;
  log: string[];
}

const failedTo = (failure: string, to: 'waitingRetry' | 'exhausted' | 'disconnected', from: string, exit: string[] = []) => {
  const log = [`${from}>${to}`, ...exit, `attemptFailed {"failure":"${failure}"}`];
  if (to === 'waitingRetry') log.push(`delay ${RETRY} ${RETRY_DELAY}`);
  else log.push(`finish {"end":"${to}"}`);
  return log;
};

/** Every transition of the machine, with what it asks of the world. */
const ROWS: Row[] = [
  // scheduled
  { at: 'AF scheduled', step: { fire: DUE }, to: 'queued', log: ['scheduled>queued', `cancel ${DUE}`, 'enqueue'] },
  { at: 'AF scheduled', step: { type: 'CANCEL' }, to: 'cancelled', log: ['scheduled>cancelled', `cancel ${DUE}`, 'finish {"end":"cancelled"}'] },
  { at: 'AF scheduled', step: { type: 'RESCHEDULE', dueDelay: 9000 }, to: 'scheduled', log: [`cancel ${DUE}`, `delay ${DUE} 9000`] },
  // queued
  { at: 'AF queued', step: { type: 'OFFER' }, to: 'offered', log: ['queued>offered', 'dequeue'] },
  { at: 'CF queued', step: { type: 'OFFER' }, to: 'queued', log: [] },
  { at: 'CF queued', step: { type: 'DIAL' }, to: 'dialing', log: ['queued>dialing', 'dequeue', 'placeCall'] },
  { at: 'AF queued', step: { type: 'CANCEL' }, to: 'cancelled', log: ['queued>cancelled', 'dequeue', 'finish {"end":"cancelled"}'] },
  { at: 'AF queued', step: { type: 'RESCHEDULE', dueDelay: 7000 }, to: 'scheduled', log: ['queued>scheduled', 'dequeue', `delay ${DUE} 7000`] },
  // Regression (XStateEngine.apply): XState returns the same snapshot object for a transition that changes
  // neither states nor context although it ran actions; the engine used to drop those actions and timers.
  { at: 'AF queued', step: { type: 'REQUEUE' }, to: 'queued', log: ['dequeue', 'enqueue'] },
  { at: 'AF queued', step: { type: 'EXPIRE' }, to: 'queued', log: ['dequeue', 'releaseOwnership', 'enqueue'] },
  { at: 'AF queued', input: { assignToQueueOnExpiration: false }, step: { type: 'EXPIRE' }, to: 'expired', log: ['queued>expired', 'dequeue', 'finish {"end":"expired"}'] },
  // offered, Agent First
  { at: 'AF offered', step: { type: 'AGENT_ANSWER', dialDelay: 7000 }, to: 'agentConnected', log: ['offered>agentConnected', `delay ${DIAL_DELAY} 7000`] },
  {
    at: 'AF offered',
    input: { enableAutoDialAndEnd: true, autoDialDelay: 20_000 },
    step: { type: 'AGENT_ANSWER', dialDelay: 7000 },
    to: 'agentConnected',
    log: ['offered>agentConnected', `delay ${DIAL_DELAY} 20000`],
  },
  { at: 'AF offered', step: { type: 'OFFER_MISSED' }, to: 'queued', log: ['offered>queued', 'enqueue'] },
  { at: 'AF offered', step: { type: 'PATIENCE_END' }, to: 'waitingRetry', log: failedTo('abandonedAfterAnswer', 'waitingRetry', 'offered') },
  // offered, Customer First
  { at: 'CF offered', step: { type: 'AGENT_ANSWER', dialDelay: 0 }, to: 'connected', log: ['offered>connected', 'agentReached', 'startTalk'] },
  { at: 'CF offered', step: { type: 'OFFER_MISSED' }, to: 'waitingForAgent', log: ['offered>waitingForAgent', 'enqueue'] },
  { at: 'CF offered', step: { type: 'PATIENCE_END' }, to: 'waitingRetry', log: failedTo('abandonedAfterAnswer', 'waitingRetry', 'offered') },
  { at: 'CF offered', input: { maxRetryCount: 0 }, step: { type: 'PATIENCE_END' }, to: 'exhausted', log: failedTo('abandonedAfterAnswer', 'exhausted', 'offered') },
  // agentConnected
  { at: 'AF agentConnected', step: { fire: DIAL_DELAY }, to: 'dialing', log: ['agentConnected>dialing', `cancel ${DIAL_DELAY}`, 'placeCall'] },
  // dialing
  { at: 'AF dialing', step: { type: 'RING' }, to: 'ringing', log: ['dialing>ringing'] },
  { at: 'CF dialing', step: { type: 'BUSY' }, to: 'waitingRetry', log: failedTo('busy', 'waitingRetry', 'dialing') },
  { at: 'CF dialing', step: { type: 'INVALID' }, to: 'disconnected', log: failedTo('invalid', 'disconnected', 'dialing') },
  { at: 'AF dialing', step: { type: 'FAX' }, to: 'disconnected', log: failedTo('fax', 'disconnected', 'dialing') },
  { at: 'AF dialing', input: { retryOn: ['fax'] }, step: { type: 'FAX' }, to: 'waitingRetry', log: failedTo('fax', 'waitingRetry', 'dialing') },
  // ringing, Agent First
  { at: 'AF ringing', step: { type: 'LIVE' }, to: 'connected', log: ['ringing>connected', 'startTalk'] },
  { at: 'AF ringing', input: { liveVoiceReaction: 'HangUp' }, step: { type: 'LIVE' }, to: 'connected', log: ['ringing>connected', 'startTalk'] },
  { at: 'AF ringing', step: { type: 'MACHINE' }, to: 'waitingRetry', log: failedTo('machine', 'waitingRetry', 'ringing') },
  { at: 'AF ringing', input: { machineReaction: 'TransferToQueue' }, step: { type: 'MACHINE' }, to: 'waitingRetry', log: failedTo('machine', 'waitingRetry', 'ringing') },
  { at: 'AF ringing', step: { type: 'NO_ANSWER' }, to: 'waitingRetry', log: failedTo('noAnswer', 'waitingRetry', 'ringing') },
  // ringing, Customer First
  { at: 'CF ringing', step: { type: 'LIVE' }, to: 'waitingForAgent', log: ['ringing>waitingForAgent', 'awaitAgent', 'enqueue'] },
  { at: 'CF ringing', input: { liveVoiceReaction: 'TransferToFlow' }, step: { type: 'LIVE' }, to: 'completed', log: ['ringing>completed', 'finish {"end":"completed"}'] },
  { at: 'CF ringing', input: { liveVoiceReaction: 'HangUp' }, step: { type: 'LIVE' }, to: 'disconnected', log: ['ringing>disconnected', 'finish {"end":"disconnected"}'] },
  { at: 'CF ringing', step: { type: 'MACHINE' }, to: 'waitingRetry', log: failedTo('machine', 'waitingRetry', 'ringing') },
  { at: 'CF ringing', input: { machineReaction: 'TransferToQueue' }, step: { type: 'MACHINE' }, to: 'waitingForAgent', log: ['ringing>waitingForAgent', 'awaitAgent', 'enqueue'] },
  { at: 'CF ringing', input: { machineReaction: 'TransferToFlow' }, step: { type: 'MACHINE' }, to: 'completed', log: ['ringing>completed', 'finish {"end":"completed"}'] },
  { at: 'CF ringing', input: { maxRetryCount: 0 }, step: { type: 'NO_ANSWER' }, to: 'exhausted', log: failedTo('noAnswer', 'exhausted', 'ringing') },
  // waitingForAgent
  { at: 'CF waitingForAgent', step: { type: 'OFFER' }, to: 'offered', log: ['waitingForAgent>offered', 'dequeue'] },
  {
    at: 'CF waitingForAgent',
    step: { type: 'PATIENCE_END' },
    to: 'waitingRetry',
    log: failedTo('abandonedAfterAnswer', 'waitingRetry', 'waitingForAgent', ['dequeue']),
  },
  {
    at: 'CF waitingForAgent',
    input: { retryOn: ['noAnswer'] },
    step: { type: 'PATIENCE_END' },
    to: 'disconnected',
    log: failedTo('abandonedAfterAnswer', 'disconnected', 'waitingForAgent', ['dequeue']),
  },
  // connected, wrapUp
  { at: 'AF connected', step: { type: 'TALK_END' }, to: 'wrapUp', log: ['connected>wrapUp', 'startWrapUp'] },
  { at: 'CF connected', step: { type: 'TALK_END' }, to: 'wrapUp', log: ['connected>wrapUp', 'startWrapUp'] },
  { at: 'AF wrapUp', step: { type: 'WRAP_END' }, to: 'completed', log: ['wrapUp>completed', 'finish {"end":"completed"}'] },
  { at: 'CF wrapUp', step: { type: 'WRAP_END' }, to: 'completed', log: ['wrapUp>completed', 'finish {"end":"completed"}'] },
  // waitingRetry
  { at: 'AF waitingRetry', step: { fire: RETRY }, to: 'queued', log: ['waitingRetry>queued', `cancel ${RETRY}`, 'enqueue'] },
  { at: 'CF waitingRetry', step: { fire: RETRY }, to: 'queued', log: ['waitingRetry>queued', `cancel ${RETRY}`, 'enqueue'] },
  { at: 'AF waitingRetry', step: { type: 'CANCEL' }, to: 'cancelled', log: ['waitingRetry>cancelled', `cancel ${RETRY}`, 'finish {"end":"cancelled"}'] },
  { at: 'AF waitingRetry', step: { type: 'RESCHEDULE', dueDelay: 8000 }, to: 'scheduled', log: ['waitingRetry>scheduled', `cancel ${RETRY}`, `delay ${DUE} 8000`] },
  { at: 'AF waitingRetry', step: { type: 'EXPIRE' }, to: 'waitingRetry', log: ['releaseOwnership'] },
  {
    at: 'AF waitingRetry',
    input: { assignToQueueOnExpiration: false },
    step: { type: 'EXPIRE' },
    to: 'expired',
    log: ['waitingRetry>expired', `cancel ${RETRY}`, 'finish {"end":"expired"}'],
  },
];

const describeStep = (s: Step) => ('fire' in s ? s.fire.split('.')[2] : s.type);

describe('callback machine transitions (XStateEngine with a recording host)', () => {
  for (const row of ROWS) {
    const extra = row.input ? ` ${JSON.stringify(row.input)}` : '';
    it(`${row.at}${extra} --${describeStep(row.step)}--> ${row.to}`, () => {
      const { mode, path } = PATHS[row.at];
      const cb = setup({ ...mode, ...row.input }, path);
      expect(cb.state()).toBe(row.at.split(' ')[1]);
      cb.step(row.step);
      expect(cb.state()).toBe(row.to);
      expect(cb.host.take()).toEqual(row.log);
    });
  }

  const ALL_EVENTS: CallbackEvent[] = [
    { type: 'OFFER' },
    { type: 'AGENT_ANSWER', dialDelay: 1000 },
    { type: 'OFFER_MISSED' },
    { type: 'DIAL' },
    { type: 'RING' },
    { type: 'LIVE' },
    { type: 'MACHINE' },
    { type: 'NO_ANSWER' },
    { type: 'BUSY' },
    { type: 'INVALID' },
    { type: 'FAX' },
    { type: 'PATIENCE_END' },
    { type: 'TALK_END' },
    { type: 'WRAP_END' },
    { type: 'CANCEL' },
    { type: 'RESCHEDULE', dueDelay: 1000 },
    { type: 'REQUEUE' },
    { type: 'EXPIRE' },
  ];

  it('every other event is ignored in every state: no state change, no action, no timer', () => {
    let ignored = 0;
    for (const [at, { mode, path }] of Object.entries(PATHS)) {
      // Handled: an event with a row for this state (in either mode), unless a row says this mode ignores it.
      const state = at.split(' ')[1];
      const rows = ROWS.filter((r) => !('fire' in r.step) && r.at.split(' ')[1] === state);
      const ignoredHere = new Set(rows.filter((r) => r.at === at && r.log.length === 0).map((r) => (r.step as CallbackEvent).type));
      const handled = new Set(rows.map((r) => (r.step as CallbackEvent).type).filter((type) => !ignoredHere.has(type)));
      for (const event of ALL_EVENTS) {
        if (handled.has(event.type)) continue;
        const cb = setup(mode, path);
        const before = cb.state();
        const timers = cb.host.timersOf(ID);
        cb.step(event);
        expect(cb.state(), `${at} ${event.type}`).toBe(before);
        expect(cb.host.take(), `${at} ${event.type}`).toEqual([]);
        expect(cb.host.timersOf(ID)).toEqual(timers);
        ignored++;
      }
    }
    expect(ignored).toBeGreaterThan(150);
  });

  it('a final state takes no more events', () => {
    const cb = setup(CF, [{ type: 'DIAL' }, { type: 'INVALID' }]);
    expect(cb.state()).toBe('disconnected');
    for (const event of ALL_EVENTS) cb.step(event);
    expect(cb.state()).toBe('disconnected');
    expect(cb.host.take()).toEqual([]);
  });

  it('start: due at once is queued (entry enqueue); due later is scheduled with a dueDelay timer', () => {
    const now = new RecordingHost<CallbackEvent>();
    const engine = new XStateEngine<CallbackInput, CallbackEvent, CallbackContext>(callbackMachine, now, new Mailbox());
    engine.start(1, input());
    engine.start(2, input({ dueDelay: 45_000 }));
    expect(now.take()).toEqual(['>queued', 'enqueue', '>scheduled', `delay ${DUE} 45000`]);
    expect(engine.stateOf(1)).toBe('queued');
    expect(engine.stateOf(2)).toBe('scheduled');
    expect(engine.contextOf(2)).toMatchObject({ attempts: 0, agentDialDelay: 0, dueDelay: 45_000 });
  });

  it('counts attempts at each dial and remembers the agent dial time', () => {
    const cb = setup({ ...AF, maxRetryCount: 3 });
    cb.step({ type: 'OFFER' });
    cb.step({ type: 'AGENT_ANSWER', dialDelay: 6500 });
    expect(cb.context()).toMatchObject({ attempts: 0, agentDialDelay: 6500 });
    cb.step({ fire: DIAL_DELAY });
    expect(cb.context().attempts).toBe(1);
    cb.step({ type: 'BUSY' });
    cb.step({ fire: RETRY });
    cb.step({ type: 'OFFER' });
    cb.step({ type: 'AGENT_ANSWER', dialDelay: 3000 });
    expect(cb.host.timersOf(ID)).toEqual([DIAL_DELAY]);
    expect(cb.host.pending.get(`${ID}:${DIAL_DELAY}`)!.delay).toBe(3000);
    cb.step({ fire: DIAL_DELAY });
    expect(cb.context().attempts).toBe(2);
  });
});

describe('retry guards (mayRetry / isRetryable)', () => {
  for (const maxRetryCount of [0, 1, 2, 5]) {
    it(`maxRetryCount ${maxRetryCount}: retries while attempts ≤ ${maxRetryCount}, exhausted at attempt ${maxRetryCount + 1}`, () => {
      const cb = setup({ ...CF, maxRetryCount });
      for (let attempt = 1; attempt <= maxRetryCount + 1; attempt++) {
        cb.step({ type: 'DIAL' });
        cb.step({ type: 'RING' });
        cb.step({ type: 'NO_ANSWER' });
        expect(cb.context().attempts).toBe(attempt);
        if (attempt <= maxRetryCount) {
          expect(cb.state()).toBe('waitingRetry');
          expect(cb.host.timersOf(ID)).toEqual([RETRY]);
          cb.step({ fire: RETRY });
          expect(cb.state()).toBe('queued');
        }
      }
      expect(cb.state()).toBe('exhausted');
      expect(cb.host.take().filter((l) => l.startsWith('finish'))).toEqual(['finish {"end":"exhausted"}']);
    });
  }

  it('a failure not in retryOn disconnects even with retries left; one in retryOn with none left exhausts', () => {
    const notRetried = setup({ ...CF, maxRetryCount: 5, retryOn: ['busy'] }, [{ type: 'DIAL' }, { type: 'RING' }]);
    notRetried.step({ type: 'NO_ANSWER' });
    expect(notRetried.state()).toBe('disconnected');
    const noneLeft = setup({ ...CF, maxRetryCount: 0, retryOn: ['busy'] }, [{ type: 'DIAL' }]);
    noneLeft.step({ type: 'BUSY' });
    expect(noneLeft.state()).toBe('exhausted');
    const empty = setup({ ...CF, maxRetryCount: 5, retryOn: [] }, [{ type: 'DIAL' }]);
    empty.step({ type: 'BUSY' });
    expect(empty.state()).toBe('disconnected');
  });
});

describe('timers', () => {
  it('leaving a state with a pending delay cancels it, by the same id it was requested with', () => {
    for (const [at, leave] of [
      ['AF scheduled', { type: 'CANCEL' }],
      ['AF scheduled', { type: 'RESCHEDULE', dueDelay: 1 }],
      ['AF waitingRetry', { type: 'CANCEL' }],
      ['AF waitingRetry', { type: 'RESCHEDULE', dueDelay: 1 }],
    ] as Array<[keyof typeof PATHS, CallbackEvent]>) {
      const { mode, path } = PATHS[at];
      const cb = setup(mode, path);
      const [pending] = cb.host.timersOf(ID);
      expect(pending).toBeDefined();
      cb.step(leave);
      expect(cb.host.take()).toContain(`cancel ${pending}`);
    }
  });

  it('the retry delay comes from the context', () => {
    const cb = setup({ ...CF, retryDelay: 123_456 }, [{ type: 'DIAL' }]);
    cb.step({ type: 'BUSY' });
    expect(cb.host.pending.get(`${ID}:${RETRY}`)).toEqual({ delay: 123_456, event: { type: RETRY } });
  });
});

describe('run to completion (Mailbox)', () => {
  it('an event sent from inside an action is handled after the current transition, not inside it', () => {
    const host = new RecordingHost<CallbackEvent>();
    const engine = new XStateEngine<CallbackInput, CallbackEvent, CallbackContext>(callbackMachine, host, new Mailbox());
    host.onPerform = (entity, action) => {
      if (action === 'enqueue') {
        engine.send(entity, { type: 'OFFER' });
        host.log.push('(sent OFFER)');
      }
    };
    engine.start(ID, input());
    expect(host.take()).toEqual(['>queued', 'enqueue', '(sent OFFER)', 'queued>offered', 'dequeue']);
  });
});

describe('reachability (@xstate/graph shortest paths)', () => {
  const EVENTS: CallbackEvent[] = [
    { type: 'OFFER' },
    { type: 'AGENT_ANSWER', dialDelay: 1000 },
    { type: 'OFFER_MISSED' },
    { type: 'DIAL' },
    { type: 'RING' },
    { type: 'LIVE' },
    { type: 'MACHINE' },
    { type: 'NO_ANSWER' },
    { type: 'BUSY' },
    { type: 'INVALID' },
    { type: 'FAX' },
    { type: 'PATIENCE_END' },
    { type: 'TALK_END' },
    { type: 'WRAP_END' },
    { type: 'CANCEL' },
    { type: 'REQUEUE' },
    { type: 'EXPIRE' },
    { type: 'RESCHEDULE', dueDelay: 1000 },
    ...[DUE, RETRY, DIAL_DELAY].map((type) => ({ type }) as unknown as CallbackEvent),
  ];

  const inputs: Array<Partial<CallbackInput>> = [
    { mode: 'AgentFirst' },
    { mode: 'AgentFirst', dueDelay: 60_000 },
    { mode: 'CustomerFirst' },
    { mode: 'CustomerFirst', liveVoiceReaction: 'HangUp', machineReaction: 'TransferToFlow' },
    { mode: 'AgentFirst', assignToQueueOnExpiration: false },
  ];

  function reachable(overrides: Partial<CallbackInput>, events: CallbackEvent[] = EVENTS) {
    const paths = getShortestPaths(callbackMachine, { input: input(overrides), events });
    // Snapshots differ by context too: keep the shortest path to each state value.
    const shortest = new Map<string, (typeof paths)[number]>();
    for (const p of paths) {
      const state = String(p.state.value);
      const known = shortest.get(state);
      if (!known || p.steps.length < known.steps.length) shortest.set(state, p);
    }
    return shortest;
  }

  const all = new Map<string, unknown>();
  for (const overrides of inputs) for (const [state, path] of reachable(overrides)) if (!all.has(state)) all.set(state, path);

  it('every state but the transient `created` is reachable', () => {
    const states = Object.keys(callbackMachine.root.states).filter((s) => s !== 'created');
    expect(states.length).toBeGreaterThan(10);
    for (const state of states) expect(all.has(state), state).toBe(true);
    expect(all.has('created')).toBe(false);
  });

  it('every end state of CALLBACK_END_STATES is a final state of the machine, and reachable', () => {
    for (const end of CALLBACK_END_STATES) {
      expect(callbackMachine.root.states[end].type, end).toBe('final');
      expect(all.has(end), end).toBe(true);
    }
    const finals = Object.entries(callbackMachine.root.states).filter(([, node]) => node.type === 'final').map(([name]) => name);
    expect(finals.sort()).toEqual([...CALLBACK_END_STATES].sort());
  });

  it('the shortest way to completed is the documented lifecycle of each mode', () => {
    // The world never sends DIAL to an Agent First callback (only the Customer First dialer dials), and the
    // operations (REQUEUE, EXPIRE, RESCHEDULE) are no part of the lifecycle.
    const lifecycle = EVENTS.filter((e) => !['REQUEUE', 'EXPIRE', 'RESCHEDULE'].includes(e.type));
    const af = reachable({ mode: 'AgentFirst' }, lifecycle.filter((e) => e.type !== 'DIAL')).get('completed')!;
    expect(af.steps.map((s) => String(s.state.value))).toEqual(['queued', 'offered', 'agentConnected', 'dialing', 'ringing', 'connected', 'wrapUp', 'completed']);
    const cf = reachable({ mode: 'CustomerFirst', liveVoiceReaction: 'TransferToQueue', machineReaction: 'HangUp' }, lifecycle).get('completed')!;
    expect(cf.steps.map((s) => String(s.state.value))).toEqual(['queued', 'dialing', 'ringing', 'waitingForAgent', 'offered', 'connected', 'wrapUp', 'completed']);
  });

  it('Customer First never visits agentConnected; Agent First never visits waitingForAgent', () => {
    expect(reachable({ mode: 'CustomerFirst' }).has('agentConnected')).toBe(false);
    expect(reachable({ mode: 'AgentFirst' }).has('waitingForAgent')).toBe(false);
  });
});
