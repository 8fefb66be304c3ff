import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type StateValue } from 'xstate';
import { CALL_ENDS, MAX_IN_QUEUE_FLOWS, callMachine, type CallContext, type CallEvent, type CallInput, type QueueFacts } from '../../src/machines/call.js';
import { Mailbox } from '../../src/machines/engine.js';
import { stateTags } from '../../src/machines/state-tags.js';
import { XStateEngine } from '../../src/machines/xstate-engine.js';
import { RecordingHost } from './recording-host.js';

const ID = 4;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The chart's clock counts from the call's arrival: times in events are ms since it. */
const ARRIVAL = 0;

/** The machine's timer ids (XState names an `after` by its delay and state). */
const PATIENCE = 'xstate.after.patience.call.inQueue';
const OFFER = 'xstate.after.offerDelay.call.inQueue.holding';
const VOICEMAIL = 'xstate.after.voicemailDelay.call.inQueue.holding.onQueue';
const FLOW = 'xstate.after.flowDelay.call.inQueue.holding.onQueue';
const TALK = 'xstate.after.talk.call.talking';
const WRAP = 'xstate.after.wrap.call.wrapUp';

const WAITING = 'inQueue.holding.onQueue.waiting';
const ALERT: CallEvent = { type: 'ALERT' };

const NO_QUEUE_STEPS: QueueFacts = { voicemailAfter: Infinity, leavesVoicemail: false, flowAfter: Infinity, flowLoops: false };

function input(overrides: Partial<CallInput> = {}): CallInput {
  return {
    patience: 5 * MINUTE,
    offerAfter: MINUTE,
    acceptsOffer: false,
    voicemailAfter: 2 * MINUTE,
    leavesVoicemail: false,
    flowAfter: 3 * MINUTE,
    flowLoops: false,
    ...overrides,
  };
}

/** A state value as a dotted path to its leaf (`inQueue.holding.onQueue.waiting`). */
function leaf(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0];
  return child === undefined ? key : `${key}.${leaf(child as StateValue)}`;
}

/**
 * One call driven through the XState engine with a recording host. XState's
 * own pure `transition` follows the same events beside it, for the state's
 * full path and tags (the engine reports a state by name).
 */
function drive(overrides: Partial<CallInput> = {}) {
  const host = new RecordingHost<CallEvent>();
  const engine = new XStateEngine<CallInput, CallEvent, CallContext>(callMachine, host, new Mailbox());
  const given = input(overrides);
  let snapshot = initialTransition(callMachine, given)[0];
  engine.start(ID, given);
  const send = (event: CallEvent) => {
    engine.send(ID, event);
    snapshot = transition(callMachine, snapshot, event)[0];
  };
  return {
    host,
    send,
    /** The actions and timers since the last take (state changes are read from `state`). */
    take: () => host.take().filter((line) => !line.includes('>')),
    /** Fires the pending timer `id` (it must be pending). */
    fire: (id: string) => send(host.due(ID, id)),
    state: () => leaf(snapshot.value),
    done: () => snapshot.status === 'done',
    hasTag: (tag: string) => snapshot.hasTag(tag),
    context: () => engine.contextOf(ID),
  };
}

describe('the inbound call machine', () => {
  it('a new call starts its patience, the offer, voicemail and flow timers, then joins the line', () => {
    const call = drive();
    expect(call.take()).toEqual([
      `delay ${PATIENCE} ${5 * MINUTE}`,
      `delay ${OFFER} ${MINUTE}`,
      `delay ${VOICEMAIL} ${2 * MINUTE}`,
      `delay ${FLOW} ${3 * MINUTE}`,
      'enqueue',
    ]);
    expect(call.state()).toBe(WAITING);
    expect(call.hasTag('waiting')).toBe(true);
    expect(call.context()).toMatchObject({ now: ARRIVAL, position: ARRIVAL, flows: 1, offerMade: false });
  });

  it('a timing that does not apply (Infinity) is never handed to the host, so it is never cancelled either', () => {
    const call = drive({ patience: Infinity, offerAfter: Infinity, ...NO_QUEUE_STEPS });
    expect(call.take()).toEqual(['enqueue']);
    call.send(ALERT);
    expect(call.take()).toEqual(['dequeue']);
  });

  it('answered: alerting stops the line timers, the answer stops patience, talk and wrap-up end it answered', () => {
    const call = drive();
    call.take();
    call.send(ALERT);
    expect(call.state()).toBe('inQueue.alerting');
    expect(call.hasTag('alerting')).toBe(true);
    expect(call.take()).toEqual(['dequeue', `cancel ${VOICEMAIL}`, `cancel ${FLOW}`, `cancel ${OFFER}`]);
    call.send({ type: 'ANSWER', talk: 4 * MINUTE, wrap: 30 * SECOND });
    expect(call.state()).toBe('talking');
    expect(call.take()).toEqual([`cancel ${PATIENCE}`, 'connect', `delay ${TALK} ${4 * MINUTE}`]);
    expect(call.context()).toMatchObject({ talk: 4 * MINUTE, wrap: 30 * SECOND });
    call.fire(TALK);
    expect(call.state()).toBe('wrapUp');
    expect(call.take()).toEqual([`cancel ${TALK}`, 'endTalk', `delay ${WRAP} ${30 * SECOND}`]);
    call.fire(WRAP);
    expect(call.state()).toBe('answered');
    expect(call.done()).toBe(true);
    expect(call.take()).toEqual([`cancel ${WRAP}`, 'endAfterCallWork', 'finish {"end":"answered"}']);
  });

  it('answered without after-call work ends when the talk does', () => {
    const call = drive();
    call.send(ALERT);
    call.send({ type: 'ANSWER', talk: MINUTE, wrap: 0 });
    call.take();
    call.fire(TALK);
    expect(call.state()).toBe('answered');
    expect(call.take()).toEqual([`cancel ${TALK}`, 'endTalk', 'finish {"end":"answered"}']);
  });

  it('abandoned from the line: the call leaves its line when the patience runs out', () => {
    const call = drive();
    call.take();
    call.fire(PATIENCE);
    expect(call.state()).toBe('abandoned');
    expect(call.take()).toEqual([
      'dequeue',
      `cancel ${VOICEMAIL}`,
      `cancel ${FLOW}`,
      `cancel ${OFFER}`,
      `cancel ${PATIENCE}`,
      'withdrawOffer',
      'finish {"end":"abandoned"}',
    ]);
  });

  it('abandoned while an agent is alerted: the agent loses the offer', () => {
    const call = drive();
    call.send(ALERT);
    call.take();
    call.fire(PATIENCE);
    expect(call.state()).toBe('abandoned');
    expect(call.take()).toEqual([`cancel ${PATIENCE}`, 'withdrawOffer', 'finish {"end":"abandoned"}']);
  });

  it('a missed offer puts the call back in line, its timers where they stood (a passed moment comes at once)', () => {
    const call = drive({ offerAfter: MINUTE, voicemailAfter: 2 * MINUTE, flowAfter: 3 * MINUTE });
    call.send(ALERT);
    call.take();
    // Missed 90 s after the arrival: the offer's moment has passed, voicemail and flow are 30 s and 90 s away.
    call.send({ type: 'MISSED', at: ARRIVAL + 90 * SECOND });
    expect(call.state()).toBe(WAITING);
    expect(call.take()).toEqual([`delay ${OFFER} 0`, `delay ${VOICEMAIL} ${30 * SECOND}`, `delay ${FLOW} ${90 * SECOND}`, 'enqueue']);
    expect(call.context().now).toBe(ARRIVAL + 90 * SECOND);
  });

  it('tookCallback: a customer who accepts the offer leaves the line', () => {
    const call = drive({ acceptsOffer: true });
    call.take();
    call.fire(OFFER);
    expect(call.state()).toBe('tookCallback');
    expect(call.take()).toEqual([
      'dequeue',
      `cancel ${VOICEMAIL}`,
      `cancel ${FLOW}`,
      `cancel ${OFFER}`,
      `cancel ${PATIENCE}`,
      'finish {"end":"tookCallback"}',
    ]);
  });

  it('a declined offer is made once: the call stays in line and is not offered again', () => {
    const call = drive({ acceptsOffer: false });
    call.take();
    call.fire(OFFER);
    expect(call.state()).toBe(WAITING);
    expect(call.take()).toEqual([]);
    expect(call.context().offerMade).toBe(true);
    call.send(ALERT);
    call.send({ type: 'MISSED', at: ARRIVAL + 2 * MINUTE });
    const log = call.take();
    expect(log).toContain('enqueue');
    expect(log.filter((line) => line.startsWith(`delay ${OFFER}`))).toEqual([]);
  });

  it('leftVoicemail: a customer who answers the prompt leaves the line', () => {
    const call = drive({ leavesVoicemail: true });
    call.take();
    call.fire(VOICEMAIL);
    expect(call.state()).toBe('leftVoicemail');
    expect(call.take()).toEqual([
      'dequeue',
      `cancel ${VOICEMAIL}`,
      `cancel ${FLOW}`,
      `cancel ${OFFER}`,
      `cancel ${PATIENCE}`,
      'finish {"end":"leftVoicemail"}',
    ]);
  });

  it('a declined voicemail prompt keeps the call in line; it comes again when the call is back in line', () => {
    const call = drive({ leavesVoicemail: false });
    call.take();
    call.fire(VOICEMAIL);
    expect(call.state()).toBe(WAITING);
    expect(call.take()).toEqual([]);
    call.send(ALERT);
    call.send({ type: 'MISSED', at: ARRIVAL + 150 * SECOND });
    expect(call.take()).toContain(`delay ${VOICEMAIL} 0`);
  });

  it('an in-queue flow transfers the call: it leaves the line, and joins the target queue with that queue’s steps', () => {
    const call = drive();
    call.take();
    call.fire(FLOW);
    expect(call.state()).toBe('inQueue.holding.transferring');
    expect(call.hasTag('waiting')).toBe(true);
    expect(call.take()).toEqual(['dequeue', `cancel ${VOICEMAIL}`, `cancel ${FLOW}`, 'transfer']);
    expect(call.context().flows).toBe(2);
    const at = ARRIVAL + 3 * MINUTE;
    call.send({ type: 'QUEUED', at, voicemailAfter: 45 * SECOND, leavesVoicemail: true, flowAfter: 5 * MINUTE, flowLoops: true });
    expect(call.state()).toBe(WAITING);
    // The offer timer runs on: it counts from the arrival, not from the queue.
    expect(call.take()).toEqual([`delay ${VOICEMAIL} ${45 * SECOND}`, `delay ${FLOW} ${5 * MINUTE}`, 'enqueue']);
    expect(call.context()).toMatchObject({ now: at, position: at, voicemailAfter: 45 * SECOND, leavesVoicemail: true, flowLoops: true });
  });

  it('flowError: a flow that transfers the call back to its own queue', () => {
    const call = drive({ flowLoops: true });
    call.take();
    call.fire(FLOW);
    expect(call.state()).toBe('flowError');
    expect(call.context()).toMatchObject({ flowErrorReason: 'loop', flows: 1 });
    expect(call.take()).toEqual([
      'dequeue',
      `cancel ${VOICEMAIL}`,
      `cancel ${FLOW}`,
      `cancel ${OFFER}`,
      `cancel ${PATIENCE}`,
      'finish {"end":"flowError"}',
    ]);
  });

  it(`flowError: the ${MAX_IN_QUEUE_FLOWS}th flow of one interaction is its last`, () => {
    const call = drive({ patience: Infinity });
    let at = ARRIVAL;
    for (let flow = 1; flow < MAX_IN_QUEUE_FLOWS; flow++) {
      call.fire(FLOW);
      expect(call.state()).toBe('inQueue.holding.transferring');
      at += 3 * MINUTE;
      call.send({ type: 'QUEUED', at, voicemailAfter: Infinity, leavesVoicemail: false, flowAfter: 3 * MINUTE, flowLoops: false });
    }
    expect(call.context().flows).toBe(MAX_IN_QUEUE_FLOWS);
    call.take();
    call.fire(FLOW);
    expect(call.state()).toBe('flowError');
    expect(call.context()).toMatchObject({ flowErrorReason: 'limit', flows: MAX_IN_QUEUE_FLOWS });
    expect(call.take().at(-1)).toBe('finish {"end":"flowError"}');
  });

  it('every end is a final state that names finish with its end, and every resting state carries one tag', () => {
    const tags = stateTags(callMachine);
    expect([...tags.keys()].sort()).toEqual(['abandoned', 'alerting', 'answered', 'flowError', 'leftVoicemail', 'talking', 'tookCallback', 'transferring', 'waiting', 'wrapUp']);
    for (const end of CALL_ENDS) {
      expect(callMachine.states[end].type).toBe('final');
      expect(tags.get(end)).toEqual(new Set(['ended']));
    }
    for (const [state, carried] of tags) expect(carried.size, state).toBe(1);
  });

  it('an agent who answers at once never alerts: the call goes from its line straight to the conversation', () => {
    const call = drive();
    call.take();
    call.send({ type: 'ANSWER', talk: 2 * MINUTE, wrap: 0 });
    expect(call.state()).toBe('talking');
    expect(call.take()).toEqual(['dequeue', `cancel ${VOICEMAIL}`, `cancel ${FLOW}`, `cancel ${OFFER}`, `cancel ${PATIENCE}`, 'connect', `delay ${TALK} ${2 * MINUTE}`]);
    expect(call.context()).toMatchObject({ talk: 2 * MINUTE, wrap: 0 });
  });

  it('events a state does not take change nothing', () => {
    const call = drive();
    call.take();
    call.send({ type: 'MISSED', at: ARRIVAL });
    expect(call.state()).toBe(WAITING);
    expect(call.take()).toEqual([]);
  });
});
