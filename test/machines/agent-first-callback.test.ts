import { describe, expect, it } from 'vitest';
import { agentFirstCallbackMachine as AF } from '../../src/machines/agent-first-callback.js';
import { CALLBACK_END_STATES, CALLBACK_TAGS, type CallbackEvent, type CallbackInput } from '../../src/machines/callback-parts.js';
import { stateTags } from '../../src/machines/state-tags.js';
import { failedTo, ID, permitEvents, placed, setup, shortestPaths, timer, type Step } from './callback-steps.js';

const DUE = timer(AF, 'dueDelay', 'scheduled');
const RETRY = timer(AF, 'retryDelay', 'waitingRetry');
const DIAL_DELAY = timer(AF, 'dialDelay', 'previewing');
const SIGNAL = timer(AF, 'signalDelay', 'dialing');
const RING = timer(AF, 'ringDuration', 'ringing');
const TALK = timer(AF, 'talk', 'connected');
const WRAP = timer(AF, 'wrapUp', 'wrapUp');

const TO_PREVIEWING: Step[] = [{ type: 'OFFER' }, { type: 'AGENT_ANSWER' }, { type: 'PREVIEWED', dialDelay: 7000 }];
const toDialing = (plan: CallbackEvent = placed()): Step[] => [...TO_PREVIEWING, { fire: DIAL_DELAY }, plan];
const toRinging = (plan: CallbackEvent = placed()): Step[] => [...toDialing(plan), { fire: SIGNAL }];
const toConnected = (plan: CallbackEvent = placed()): Step[] => [...toRinging(plan), { fire: RING }];

interface Row {
  name: string;
  input?: Partial<CallbackInput>;
  path: Step[];
  step: Step;
  to: string;
  log: string[];
}

const fail = (failure: string, to: 'waitingRetry' | 'exhausted' | 'disconnected', from: string, exit: string[] = []) => failedTo(AF, failure, to, from, exit);
const ENQUEUE = ['holdReservation', 'enqueueForAgent'];

/** Every transition of the Agent First machine, with what it asks of the world. */
const ROWS: Row[] = [
  { name: 'scheduled, due', input: { dueDelay: 5000 }, path: [], step: { fire: DUE }, to: 'queued', log: ['scheduled>queued', `cancel ${DUE}`, ...ENQUEUE] },
  { name: 'scheduled, cancelled', input: { dueDelay: 5000 }, path: [], step: { type: 'CANCEL' }, to: 'cancelled', log: ['scheduled>cancelled', `cancel ${DUE}`, 'finish {"end":"cancelled"}'] },
  { name: 'scheduled, rescheduled', input: { dueDelay: 5000 }, path: [], step: { type: 'RESCHEDULE', dueDelay: 9000 }, to: 'scheduled', log: [`cancel ${DUE}`, `delay ${DUE} 9000`] },
  { name: 'queued, offered to an agent', path: [], step: { type: 'OFFER' }, to: 'offered', log: ['queued>offered', 'dequeue'] },
  { name: 'queued, cancelled', path: [], step: { type: 'CANCEL' }, to: 'cancelled', log: ['queued>cancelled', 'dequeue', 'finish {"end":"cancelled"}'] },
  { name: 'queued, rescheduled', path: [], step: { type: 'RESCHEDULE', dueDelay: 7000 }, to: 'scheduled', log: ['queued>scheduled', 'dequeue', `delay ${DUE} 7000`] },
  { name: 'queued, reassigned: waits again', path: [], step: { type: 'REASSIGN' }, to: 'queued', log: ['dequeue', ...ENQUEUE] },
  { name: 'queued, ownership expired: to the queue', path: [], step: { type: 'EXPIRE' }, to: 'queued', log: ['dequeue', 'releaseOwnership', ...ENQUEUE] },
  { name: 'queued, ownership expired: ends', input: { assignToQueueOnExpiration: false }, path: [], step: { type: 'EXPIRE' }, to: 'expired', log: ['queued>expired', 'dequeue', 'finish {"end":"expired"}'] },
  { name: 'offered, the agent answers: preview', path: [{ type: 'OFFER' }], step: { type: 'AGENT_ANSWER' }, to: 'agentConnected', log: ['offered>agentConnected', 'startPreview'] },
  { name: 'offered, the agent misses it: queued again', path: [{ type: 'OFFER' }], step: { type: 'OFFER_MISSED' }, to: 'queued', log: ['offered>queued', ...ENQUEUE] },
  { name: 'agentConnected, previewed: dials after the dial delay', path: TO_PREVIEWING.slice(0, 2), step: { type: 'PREVIEWED', dialDelay: 7000 }, to: 'previewing', log: ['agentConnected>previewing', `delay ${DIAL_DELAY} 7000`] },
  {
    name: 'agentConnected, previewed with auto dial: the queue’s delay',
    input: { enableAutoDialAndEnd: true, autoDialDelay: 20_000 },
    path: TO_PREVIEWING.slice(0, 2),
    step: { type: 'PREVIEWED', dialDelay: 7000 },
    to: 'previewing',
    log: ['agentConnected>previewing', `delay ${DIAL_DELAY} 20000`],
  },
  { name: 'previewing, the dial delay ends: the call is placed', path: TO_PREVIEWING, step: { fire: DIAL_DELAY }, to: 'placing', log: ['previewing>placing', `cancel ${DIAL_DELAY}`, 'placeCall'] },
  { name: 'placing, placed', path: [...TO_PREVIEWING, { fire: DIAL_DELAY }], step: placed(), to: 'dialing', log: ['placing>dialing', `delay ${SIGNAL} 2000`] },
  { name: 'dialing, ring-back', path: toDialing(), step: { fire: SIGNAL }, to: 'ringing', log: ['dialing>ringing', `cancel ${SIGNAL}`, `delay ${RING} 10000`] },
  { name: 'dialing, busy', path: toDialing(placed({ response: 'busy' })), step: { fire: SIGNAL }, to: 'waitingRetry', log: fail('busy', 'waitingRetry', 'dialing', [`cancel ${SIGNAL}`]) },
  { name: 'dialing, fax (not retried)', path: toDialing(placed({ response: 'fax' })), step: { fire: SIGNAL }, to: 'disconnected', log: fail('fax', 'disconnected', 'dialing', [`cancel ${SIGNAL}`]) },
  { name: 'dialing, fax (retried)', input: { retryOn: ['fax'] }, path: toDialing(placed({ response: 'fax' })), step: { fire: SIGNAL }, to: 'waitingRetry', log: fail('fax', 'waitingRetry', 'dialing', [`cancel ${SIGNAL}`]) },
  { name: 'dialing, invalid number', path: toDialing(placed({ response: 'invalid' })), step: { fire: SIGNAL }, to: 'disconnected', log: fail('invalid', 'disconnected', 'dialing', [`cancel ${SIGNAL}`]) },
  { name: 'ringing, a live answer', path: toRinging(), step: { fire: RING }, to: 'connected', log: ['ringing>connected', `cancel ${RING}`, 'startTalk', `delay ${TALK} 300000`] },
  { name: 'ringing, a live answer (the live-voice reaction is Customer First’s)', input: { liveVoiceReaction: 'HangUp' }, path: toRinging(), step: { fire: RING }, to: 'connected', log: ['ringing>connected', `cancel ${RING}`, 'startTalk', `delay ${TALK} 300000`] },
  { name: 'ringing, a machine', path: toRinging(placed({ answer: 'machine' })), step: { fire: RING }, to: 'waitingRetry', log: fail('machine', 'waitingRetry', 'ringing', [`cancel ${RING}`]) },
  { name: 'ringing, a machine (the machine reaction is Customer First’s)', input: { machineReaction: 'TransferToQueue' }, path: toRinging(placed({ answer: 'machine' })), step: { fire: RING }, to: 'waitingRetry', log: fail('machine', 'waitingRetry', 'ringing', [`cancel ${RING}`]) },
  { name: 'ringing, no answer', path: toRinging(placed({ answer: 'noAnswer' })), step: { fire: RING }, to: 'waitingRetry', log: fail('noAnswer', 'waitingRetry', 'ringing', [`cancel ${RING}`]) },
  { name: 'connected, the talk ends: wrap-up', path: toConnected(), step: { fire: TALK }, to: 'wrapUp', log: ['connected>wrapUp', `cancel ${TALK}`, 'endTalk {"wrapUp":true}', `delay ${WRAP} 60000`] },
  { name: 'connected, the talk ends: no wrap-up', path: toConnected(placed({ wrapUp: 0 })), step: { fire: TALK }, to: 'completed', log: ['connected>completed', `cancel ${TALK}`, 'endTalk {"wrapUp":false}', 'finish {"end":"completed"}'] },
  { name: 'wrapUp, it ends', path: [...toConnected(), { fire: TALK }], step: { fire: WRAP }, to: 'completed', log: ['wrapUp>completed', `cancel ${WRAP}`, 'endAfterCallWork', 'finish {"end":"completed"}'] },
  { name: 'waitingRetry, the retry is due', path: [...toDialing(placed({ response: 'busy' })), { fire: SIGNAL }], step: { fire: RETRY }, to: 'queued', log: ['waitingRetry>queued', `cancel ${RETRY}`, ...ENQUEUE] },
  { name: 'waitingRetry, cancelled', path: [...toDialing(placed({ response: 'busy' })), { fire: SIGNAL }], step: { type: 'CANCEL' }, to: 'cancelled', log: ['waitingRetry>cancelled', `cancel ${RETRY}`, 'finish {"end":"cancelled"}'] },
  { name: 'waitingRetry, rescheduled', path: [...toDialing(placed({ response: 'busy' })), { fire: SIGNAL }], step: { type: 'RESCHEDULE', dueDelay: 5000 }, to: 'scheduled', log: ['waitingRetry>scheduled', `cancel ${RETRY}`, `delay ${DUE} 5000`] },
  { name: 'waitingRetry, ownership expired: stays, for the queue', path: [...toDialing(placed({ response: 'busy' })), { fire: SIGNAL }], step: { type: 'EXPIRE' }, to: 'waitingRetry', log: ['releaseOwnership'] },
  { name: 'waitingRetry, ownership expired: ends', input: { assignToQueueOnExpiration: false }, path: [...toDialing(placed({ response: 'busy' })), { fire: SIGNAL }], step: { type: 'EXPIRE' }, to: 'expired', log: ['waitingRetry>expired', `cancel ${RETRY}`, 'finish {"end":"expired"}'] },
];

const describeStep = (s: Step) => ('fire' in s ? s.fire.split('.')[2] : s.type);

describe('Agent First callback machine: every transition (XStateEngine with a recording host)', () => {
  it('starts queued (due at once) or scheduled with its due delay', () => {
    const now = setup(AF);
    expect(now.state()).toBe('queued');
    const host = setup(AF, { dueDelay: 45_000 });
    expect(host.state()).toBe('scheduled');
    expect(host.host.timersOf(ID)).toEqual([DUE]);
    expect(host.host.pending.get(`${ID}:${DUE}`)!.delay).toBe(45_000);
  });

  for (const row of ROWS) {
    it(`${row.name} --${describeStep(row.step)}--> ${row.to}`, () => {
      const cb = setup(AF, row.input, row.path);
      cb.step(row.step);
      expect(cb.state()).toBe(row.to);
      expect(cb.host.take()).toEqual(row.log);
    });
  }

  it('counts attempts at each placed call, and takes the attempt’s durations from PLACED', () => {
    const cb = setup(AF, { maxRetryCount: 3 }, toDialing(placed({ response: 'busy', signalDelay: 4_500 })));
    expect(cb.context()).toMatchObject({ attempts: 1, agentDialDelay: 7000, plan: { response: 'busy', signalDelay: 4_500 } });
    expect(cb.host.pending.get(`${ID}:${SIGNAL}`)!.delay).toBe(4_500);
    cb.step({ fire: SIGNAL });
    cb.step({ fire: RETRY });
    for (const s of toDialing(placed({ talk: 42_000 }))) cb.step(s);
    expect(cb.context()).toMatchObject({ attempts: 2, plan: { talk: 42_000, response: 'ring' } });
  });

  it('retries while attempts ≤ maxRetryCount, then is exhausted', () => {
    for (const maxRetryCount of [0, 1, 3]) {
      const cb = setup(AF, { maxRetryCount });
      for (let attempt = 1; attempt <= maxRetryCount + 1; attempt++) {
        for (const s of toRinging(placed({ answer: 'noAnswer' }))) cb.step(s);
        cb.step({ fire: RING });
        expect(cb.context().attempts).toBe(attempt);
        if (attempt <= maxRetryCount) {
          expect(cb.state()).toBe('waitingRetry');
          cb.step({ fire: RETRY });
        }
      }
      expect(cb.state()).toBe('exhausted');
    }
  });

  it('tags: only the waiting states are editable; Agent First holds no dial of the dialer in flight', () => {
    const tags = stateTags(AF);
    const editable = [...tags].filter(([, t]) => t.has(CALLBACK_TAGS.editable)).map(([s]) => s);
    expect(editable.sort()).toEqual(['queued', 'scheduled', 'waitingForAttempts', 'waitingForHours', 'waitingForLockout', 'waitingRetry']);
    for (const [state, t] of tags) {
      expect(t.has(CALLBACK_TAGS.inFlight), state).toBe(false);
      expect(t.has(CALLBACK_TAGS.waitingForAgent), state).toBe(false);
    }
    expect([...tags].filter(([, t]) => t.has(CALLBACK_TAGS.talking)).map(([s]) => s)).toEqual(['connected']);
  });

  it('tags: a line of the route is held from the placed call to the hang-up (not while placing waits for one, nor in wrap-up)', () => {
    const tags = stateTags(AF);
    const holding = [...tags].filter(([, t]) => t.has(CALLBACK_TAGS.holdsLine)).map(([s]) => s);
    expect(holding.sort()).toEqual(['connected', 'dialing', 'ringing']);
  });
});

describe('Agent First callback machine: reachability (@xstate/graph shortest paths)', () => {
  const timers = [DUE, RETRY, DIAL_DELAY, SIGNAL, RING, TALK, WRAP].map((type) => ({ type }) as unknown as CallbackEvent);
  const EVENTS: CallbackEvent[] = [
    { type: 'OFFER' },
    { type: 'AGENT_ANSWER' },
    { type: 'PREVIEWED', dialDelay: 1000 },
    { type: 'OFFER_MISSED' },
    placed(),
    placed({ answer: 'noAnswer' }),
    placed({ answer: 'machine' }),
    placed({ response: 'busy' }),
    placed({ response: 'invalid' }),
    placed({ wrapUp: 0 }),
    { type: 'CANCEL' },
    { type: 'REASSIGN' },
    { type: 'EXPIRE' },
    { type: 'RESCHEDULE', dueDelay: 1000 },
    ...timers,
  ];
  const shortest = (overrides: Partial<CallbackInput>, events = EVENTS) => shortestPaths(AF, overrides, events);
  const withPermits = shortest({ checksPermit: true }, [...EVENTS, ...permitEvents(AF)]);
  const all = new Map([...withPermits, ...shortest({ dueDelay: 60_000, assignToQueueOnExpiration: false }), ...shortest({})]);

  it('every state but the transient `created` is reachable, and every end is a final state', () => {
    const states = [...stateTags(AF).keys()].filter((s) => s !== 'created');
    for (const state of states) expect(all.has(state), state).toBe(true);
    for (const end of CALLBACK_END_STATES) expect(AF.root.states[end].type, end).toBe('final');
  });

  it('the shortest way to completed is the documented lifecycle', () => {
    const lifecycle = EVENTS.filter((e) => !['REASSIGN', 'EXPIRE', 'RESCHEDULE', 'CANCEL'].includes(e.type));
    expect(shortest({}, lifecycle).get('completed')).toEqual(['queued', 'offered', 'agentConnected', 'previewing', 'placing', 'dialing', 'ringing', 'connected', 'completed']);
  });
});
