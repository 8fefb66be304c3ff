import { describe, expect, it } from 'vitest';
import { CALLBACK_END_STATES, CALLBACK_TAGS, type CallbackEvent, type CallbackInput } from '../../src/machines/callback-parts.js';
import { customerFirstCallbackMachine as CF } from '../../src/machines/customer-first-callback.js';
import { stateTags } from '../../src/machines/state-tags.js';
import { failedTo, ID, permitEvents, placed, setup, shortestPaths, timer, type Step } from './callback-steps.js';

const DUE = timer(CF, 'dueDelay', 'scheduled');
const RETRY = timer(CF, 'retryDelay', 'waitingRetry');
const SIGNAL = timer(CF, 'signalDelay', 'dialing');
const RING = timer(CF, 'ringDuration', 'ringing');
const PATIENCE = timer(CF, 'patience', 'answered');
const COMPLIANCE = timer(CF, 'complianceDelay', 'answered');
const TALK = timer(CF, 'talk', 'connected');
const WRAP = timer(CF, 'wrapUp', 'wrapUp');

const toRinging = (plan: CallbackEvent = placed()): Step[] => [{ type: 'DIAL' }, plan, { fire: SIGNAL }];
const toWaiting = (plan: CallbackEvent = placed()): Step[] => [...toRinging(plan), { fire: RING }];
const toOffered = (plan: CallbackEvent = placed()): Step[] => [...toWaiting(plan), { type: 'OFFER' }];
const toConnected = (plan: CallbackEvent = placed()): Step[] => [...toOffered(plan), { type: 'AGENT_ANSWER' }];

interface Row {
  name: string;
  input?: Partial<CallbackInput>;
  path: Step[];
  step: Step;
  to: string;
  log: string[];
}

const fail = (failure: string, to: 'waitingRetry' | 'exhausted' | 'disconnected', from: string, exit: string[] = []) => failedTo(CF, failure, to, from, exit);
/** A live answer starts the compliance timer (the 2 s threshold) beside the customer's patience; a machine's does not. */
const ANSWERED = ['customerAnswered', `delay ${COMPLIANCE} 2000`, `delay ${PATIENCE} 30000`, 'holdReservation', 'enqueueAnswered'];
const MACHINE_ANSWERED = ['customerAnswered', `delay ${PATIENCE} 30000`, 'holdReservation', 'enqueueAnswered'];
/** Leaving `answered` while the compliance timer still runs. */
const LEAVE_ANSWERED = [`cancel ${COMPLIANCE}`, `cancel ${PATIENCE}`];

/** Every transition of the Customer First machine, with what it asks of the world. */
const ROWS: Row[] = [
  { name: 'scheduled, due', input: { dueDelay: 5000 }, path: [], step: { fire: DUE }, to: 'queued', log: ['scheduled>queued', `cancel ${DUE}`, 'enqueueForDialer'] },
  { name: 'queued, dialed', path: [], step: { type: 'DIAL' }, to: 'placing', log: ['queued>placing', 'leaveDialerList', 'placeCall'] },
  { name: 'queued, cancelled', path: [], step: { type: 'CANCEL' }, to: 'cancelled', log: ['queued>cancelled', 'leaveDialerList', 'finish {"end":"cancelled"}'] },
  { name: 'queued, reassigned', path: [], step: { type: 'REASSIGN' }, to: 'queued', log: ['leaveDialerList', 'enqueueForDialer'] },
  { name: 'queued, ownership expired: ends', input: { assignToQueueOnExpiration: false }, path: [], step: { type: 'EXPIRE' }, to: 'expired', log: ['queued>expired', 'leaveDialerList', 'finish {"end":"expired"}'] },
  { name: 'placing, placed', path: [{ type: 'DIAL' }], step: placed(), to: 'dialing', log: ['placing>dialing', `delay ${SIGNAL} 2000`] },
  { name: 'dialing, ring-back', path: [{ type: 'DIAL' }, placed()], step: { fire: SIGNAL }, to: 'ringing', log: ['dialing>ringing', `cancel ${SIGNAL}`, `delay ${RING} 10000`] },
  { name: 'dialing, busy', path: [{ type: 'DIAL' }, placed({ response: 'busy' })], step: { fire: SIGNAL }, to: 'waitingRetry', log: fail('busy', 'waitingRetry', 'dialing', [`cancel ${SIGNAL}`]) },
  { name: 'ringing, a live person: waits for an agent', path: toRinging(), step: { fire: RING }, to: 'waitingForAgent', log: ['ringing>waitingForAgent', `cancel ${RING}`, ...ANSWERED] },
  { name: 'ringing, a live person sent to a flow', input: { liveVoiceReaction: 'TransferToFlow' }, path: toRinging(), step: { fire: RING }, to: 'completed', log: ['ringing>completed', `cancel ${RING}`, 'finish {"end":"completed"}'] },
  { name: 'ringing, a live person hung up on', input: { liveVoiceReaction: 'HangUp' }, path: toRinging(), step: { fire: RING }, to: 'disconnected', log: ['ringing>disconnected', `cancel ${RING}`, 'finish {"end":"disconnected"}'] },
  { name: 'ringing, a machine hung up on', path: toRinging(placed({ answer: 'machine' })), step: { fire: RING }, to: 'waitingRetry', log: fail('machine', 'waitingRetry', 'ringing', [`cancel ${RING}`]) },
  {
    name: 'ringing, a machine sent to the queue',
    input: { machineReaction: 'TransferToQueue' },
    path: toRinging(placed({ answer: 'machine' })),
    step: { fire: RING },
    to: 'waitingForAgent',
    log: ['ringing>waitingForAgent', `cancel ${RING}`, ...MACHINE_ANSWERED],
  },
  { name: 'ringing, a machine sent to a flow', input: { machineReaction: 'TransferToFlow' }, path: toRinging(placed({ answer: 'machine' })), step: { fire: RING }, to: 'completed', log: ['ringing>completed', `cancel ${RING}`, 'finish {"end":"completed"}'] },
  { name: 'ringing, no answer', path: toRinging(placed({ answer: 'noAnswer' })), step: { fire: RING }, to: 'waitingRetry', log: fail('noAnswer', 'waitingRetry', 'ringing', [`cancel ${RING}`]) },
  { name: 'waitingForAgent, offered to an agent', path: toWaiting(), step: { type: 'OFFER' }, to: 'offered', log: ['waitingForAgent>offered', 'dequeue'] },
  {
    name: 'waitingForAgent, the customer hangs up',
    path: toWaiting(),
    step: { fire: PATIENCE },
    to: 'waitingRetry',
    log: fail('abandonedAfterAnswer', 'waitingRetry', 'waitingForAgent', ['dequeue', ...LEAVE_ANSWERED]),
  },
  { name: 'offered, the agent answers', path: toOffered(), step: { type: 'AGENT_ANSWER' }, to: 'connected', log: ['offered>connected', ...LEAVE_ANSWERED, 'startTalk', `delay ${TALK} 300000`] },
  // The customer's patience runs on: a missed offer does not restart it.
  { name: 'offered, the agent misses it', path: toOffered(), step: { type: 'OFFER_MISSED' }, to: 'waitingForAgent', log: ['offered>waitingForAgent', 'holdReservation', 'enqueueAnswered'] },
  { name: 'offered, the customer hangs up', path: toOffered(), step: { fire: PATIENCE }, to: 'waitingRetry', log: fail('abandonedAfterAnswer', 'waitingRetry', 'offered', LEAVE_ANSWERED) },
  { name: 'offered, the customer hangs up (no retry left)', input: { maxRetryCount: 0 }, path: toOffered(), step: { fire: PATIENCE }, to: 'exhausted', log: fail('abandonedAfterAnswer', 'exhausted', 'offered', LEAVE_ANSWERED) },
  // No agent within the threshold: a compliance abandon, while the customer waits on.
  { name: 'waitingForAgent, the compliance threshold passes', path: toWaiting(), step: { fire: COMPLIANCE }, to: 'waitingForAgent', log: ['complianceAbandon'] },
  { name: 'offered, the compliance threshold passes', path: toOffered(), step: { fire: COMPLIANCE }, to: 'offered', log: ['complianceAbandon'] },
  // The threshold counts from the end of the greeting the plan carries.
  { name: 'ringing, a live person with a 3 s greeting', path: toRinging(placed({ greeting: 3_000 })), step: { fire: RING }, to: 'waitingForAgent', log: ['ringing>waitingForAgent', `cancel ${RING}`, 'customerAnswered', `delay ${COMPLIANCE} 5000`, `delay ${PATIENCE} 30000`, 'holdReservation', 'enqueueAnswered'] },
  // A queue with a safe-harbour message plays it to a person still waiting; one whose patience ran out first hears none.
  { name: 'waitingForAgent, the threshold passes: the safe-harbour message', input: { safeHarbourMessage: true }, path: toWaiting(), step: { fire: COMPLIANCE }, to: 'waitingForAgent', log: ['complianceAbandon', 'playSafeHarbourMessage'] },
  { name: 'waitingForAgent, the person hangs up before the threshold: no message', input: { safeHarbourMessage: true }, path: toWaiting(placed({ patience: 1_000 })), step: { fire: COMPLIANCE }, to: 'waitingForAgent', log: ['complianceAbandon'] },
  // A person detection took for a machine, counted: the chart names it before the failed attempt.
  {
    name: 'ringing, a live person taken for a machine and hung up on, counted',
    input: { countAmdFalsePositives: true },
    path: toRinging(placed({ answer: 'machine', trulyLive: true })),
    step: { fire: RING },
    to: 'waitingRetry',
    log: ['ringing>waitingRetry', `cancel ${RING}`, 'amdFalsePositiveAbandon', ...fail('machine', 'waitingRetry', 'ringing').slice(1)],
  },
  { name: 'ringing, a real machine hung up on, with false positives counted', input: { countAmdFalsePositives: true }, path: toRinging(placed({ answer: 'machine', trulyLive: false })), step: { fire: RING }, to: 'waitingRetry', log: fail('machine', 'waitingRetry', 'ringing', [`cancel ${RING}`]) },
  { name: 'connected, the talk ends', path: toConnected(), step: { fire: TALK }, to: 'wrapUp', log: ['connected>wrapUp', `cancel ${TALK}`, 'endTalk {"wrapUp":true}', `delay ${WRAP} 60000`] },
  { name: 'wrapUp, it ends', path: [...toConnected(), { fire: TALK }], step: { fire: WRAP }, to: 'completed', log: ['wrapUp>completed', `cancel ${WRAP}`, 'endAfterCallWork', 'finish {"end":"completed"}'] },
  { name: 'waitingRetry, the retry is due: back to the dialer', path: [...toRinging(placed({ answer: 'noAnswer' })), { fire: RING }], step: { fire: RETRY }, to: 'queued', log: ['waitingRetry>queued', `cancel ${RETRY}`, 'enqueueForDialer'] },
];

const describeStep = (s: Step) => ('fire' in s ? s.fire.split('.')[2] : s.type);

describe('Customer First callback machine: every transition (XStateEngine with a recording host)', () => {
  it('starts queued for the dialer (due at once) or scheduled', () => {
    expect(setup(CF).state()).toBe('queued');
    expect(setup(CF, { dueDelay: 9_000 }).state()).toBe('scheduled');
  });

  for (const row of ROWS) {
    it(`${row.name} --${describeStep(row.step)}--> ${row.to}`, () => {
      const cb = setup(CF, row.input, row.path);
      cb.step(row.step);
      expect(cb.state()).toBe(row.to);
      expect(cb.host.take()).toEqual(row.log);
    });
  }

  it('Agent First events are ignored: an OFFER before anyone answered, a PREVIEWED', () => {
    for (const event of [{ type: 'OFFER' }, { type: 'PREVIEWED', dialDelay: 1 }] as CallbackEvent[]) {
      const cb = setup(CF);
      cb.step(event);
      expect(cb.state()).toBe('queued');
      expect(cb.host.take()).toEqual([]);
    }
  });

  it('a machine taken for a live person has no patience (Infinity) and waits until an agent comes', () => {
    const cb = setup(CF, {}, toWaiting(placed({ patience: Infinity })));
    expect(cb.host.pending.has(`${ID}:${PATIENCE}`)).toBe(false);
    cb.step({ type: 'OFFER' });
    cb.step({ type: 'OFFER_MISSED' });
    cb.step({ type: 'OFFER' });
    cb.step({ type: 'AGENT_ANSWER' });
    expect(cb.state()).toBe('connected');
  });

  it('tags: in flight from placing until an agent answers; waiting for an agent once answered', () => {
    const tags = stateTags(CF);
    const withTag = (tag: string) => [...tags].filter(([, t]) => t.has(tag)).map(([s]) => s).sort();
    expect(withTag(CALLBACK_TAGS.inFlight)).toEqual(['dialing', 'offered', 'placing', 'ringing', 'waitingForAgent']);
    expect(withTag(CALLBACK_TAGS.waitingForAgent)).toEqual(['offered', 'waitingForAgent']);
    expect(withTag(CALLBACK_TAGS.editable)).toEqual(['queued', 'scheduled', 'waitingForAttempts', 'waitingForHours', 'waitingForLockout', 'waitingRetry']);
    expect(withTag(CALLBACK_TAGS.talking)).toEqual(['connected']);
    // A line is held from the placed call (not while placing waits for one) until the hang-up; wrap-up holds none.
    expect(withTag(CALLBACK_TAGS.holdsLine)).toEqual(['connected', 'dialing', 'offered', 'ringing', 'waitingForAgent']);
  });

  it('hasTag and can follow the state: editable and cancellable only while waiting', () => {
    const cb = setup(CF);
    expect(cb.engine.hasTag(ID, CALLBACK_TAGS.editable)).toBe(true);
    expect(cb.engine.can(ID, { type: 'CANCEL' })).toBe(true);
    cb.step({ type: 'DIAL' });
    expect(cb.engine.hasTag(ID, CALLBACK_TAGS.editable)).toBe(false);
    expect(cb.engine.hasTag(ID, CALLBACK_TAGS.inFlight)).toBe(true);
    expect(cb.engine.can(ID, { type: 'CANCEL' })).toBe(false);
  });
});

describe('Customer First callback machine: reachability (@xstate/graph shortest paths)', () => {
  const timers = [DUE, RETRY, SIGNAL, RING, PATIENCE, TALK, WRAP].map((type) => ({ type }) as unknown as CallbackEvent);
  const EVENTS: CallbackEvent[] = [
    { type: 'OFFER' },
    { type: 'AGENT_ANSWER' },
    { type: 'OFFER_MISSED' },
    { type: 'DIAL' },
    placed(),
    placed({ answer: 'noAnswer' }),
    placed({ answer: 'machine' }),
    placed({ response: 'busy' }),
    placed({ response: 'invalid' }),
    { type: 'CANCEL' },
    { type: 'REASSIGN' },
    { type: 'EXPIRE' },
    { type: 'RESCHEDULE', dueDelay: 1000 },
    ...timers,
  ];
  const shortest = (overrides: Partial<CallbackInput>, events = EVENTS) => shortestPaths(CF, overrides, events);
  const withPermits = shortest({ checksPermit: true }, [...EVENTS, ...permitEvents(CF)]);
  const all = new Map([
    ...shortest({ dueDelay: 60_000, assignToQueueOnExpiration: false }),
    ...withPermits,
    ...shortest({ liveVoiceReaction: 'HangUp', machineReaction: 'TransferToFlow' }),
    ...shortest({}),
  ]);

  it('every state but the transient `created` is reachable, and every end is a final state', () => {
    for (const state of [...stateTags(CF).keys()].filter((s) => s !== 'created')) expect(all.has(state), state).toBe(true);
    for (const end of CALLBACK_END_STATES) expect(CF.root.states[end].type, end).toBe('final');
  });

  it('the shortest way to completed through an agent is the documented lifecycle', () => {
    const lifecycle = EVENTS.filter((e) => !['REASSIGN', 'EXPIRE', 'RESCHEDULE', 'CANCEL'].includes(e.type));
    expect(shortest({}, lifecycle).get('completed')).toEqual(['queued', 'placing', 'dialing', 'ringing', 'waitingForAgent', 'offered', 'connected', 'wrapUp', 'completed']);
  });

  it('never visits the Agent First preview', () => {
    expect(all.has('agentConnected')).toBe(false);
    expect(all.has('previewing')).toBe(false);
  });
});
