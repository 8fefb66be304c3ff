import { assign, setup } from 'xstate';
import type { AttemptFailure, CallbackMode, LiveVoiceReaction, MachineReaction } from '../model/scenario.js';

export type { AttemptFailure };

/** What a callback machine starts from. */
export interface CallbackInput {
  mode: CallbackMode;
  maxRetryCount: number;
  /** ms between an attempt that did not connect and the next. */
  retryDelay: number;
  /** Failures after which a retry is made (while retries remain). */
  retryOn: readonly AttemptFailure[];
  /** ms until the callback is due; 0 puts it in the queue at once. */
  dueDelay: number;
  enableAutoDialAndEnd: boolean;
  /** ms from the agent connecting to the automatic dial. */
  autoDialDelay: number;
  liveVoiceReaction: LiveVoiceReaction;
  machineReaction: MachineReaction;
  /** Agent-owned callbacks: when ownership expires, route to the whole queue (else end `expired`). */
  assignToQueueOnExpiration: boolean;
}

/** The callback machine's context: its input plus what it has counted. */
export interface CallbackContext extends CallbackInput {
  /** Dials started so far. */
  attempts: number;
  /** ms the reserved agent takes to dial by hand (set when the agent answers the offer). */
  agentDialDelay: number;
}

/** Events the world sends to a callback machine. */
export type CallbackEvent =
  | { type: 'OFFER' }
  | { type: 'AGENT_ANSWER'; dialDelay: number }
  | { type: 'OFFER_MISSED' }
  | { type: 'DIAL' }
  | { type: 'RING' }
  | { type: 'LIVE' }
  | { type: 'MACHINE' }
  | { type: 'NO_ANSWER' }
  | { type: 'BUSY' }
  | { type: 'INVALID' }
  | { type: 'FAX' }
  | { type: 'PATIENCE_END' }
  | { type: 'TALK_END' }
  | { type: 'WRAP_END' }
  | { type: 'CANCEL' }
  | { type: 'RESCHEDULE'; dueDelay: number }
  | { type: 'REQUEUE' }
  | { type: 'EXPIRE' };

/** The end states of a callback, as reported in KPIs. */
export const CALLBACK_END_STATES = ['completed', 'exhausted', 'cancelled', 'expired', 'disconnected'] as const;

/** One of `CALLBACK_END_STATES`. */
export type CallbackEnd = (typeof CALLBACK_END_STATES)[number];

/**
 * Named actions the machine asks the world to perform. The machine only
 * names them; the world that drives the machine carries them out, so the
 * implementations here are intentionally empty.
 */
const performedByTheWorld = () => {};

const callbackSetup = setup({
  types: {
    context: {} as CallbackContext,
    events: {} as CallbackEvent,
    input: {} as CallbackInput,
  },
  guards: {
    isDueLater: ({ context }) => context.dueDelay > 0,
    isAgentFirst: ({ context }) => context.mode === 'AgentFirst',
    isCustomerFirst: ({ context }) => context.mode === 'CustomerFirst',
    mayRetry: ({ context }, params: { failure: AttemptFailure }) =>
      context.attempts <= context.maxRetryCount && context.retryOn.includes(params.failure),
    isRetryable: ({ context }, params: { failure: AttemptFailure }) => context.retryOn.includes(params.failure),
    liveGoesToQueue: ({ context }) => context.liveVoiceReaction === 'TransferToQueue',
    liveGoesToFlow: ({ context }) => context.liveVoiceReaction === 'TransferToFlow',
    machineGoesToQueue: ({ context }) => context.mode === 'CustomerFirst' && context.machineReaction === 'TransferToQueue',
    machineGoesToFlow: ({ context }) => context.mode === 'CustomerFirst' && context.machineReaction === 'TransferToFlow',
    assignsToQueueOnExpiration: ({ context }) => context.assignToQueueOnExpiration,
  },
  delays: {
    dueDelay: ({ context }) => context.dueDelay,
    retryDelay: ({ context }) => context.retryDelay,
    dialDelay: ({ context }) => (context.enableAutoDialAndEnd ? context.autoDialDelay : context.agentDialDelay),
  },
  actions: {
    /** Put the callback in its queue (for an agent, or for the Customer First dialer) at its position. */
    enqueue: performedByTheWorld,
    /** Take the callback out of its queue. */
    dequeue: performedByTheWorld,
    /** Place the outbound call with the queue's ANI and let the callee decide the outcome. */
    placeCall: performedByTheWorld,
    /** The attempt did not connect: free the agent (if any) and count the failure. */
    attemptFailed: performedByTheWorld,
    /** A live person or machine is on the line waiting for an agent: start their patience. */
    awaitAgent: performedByTheWorld,
    /** An agent answered the customer who was waiting: stop their patience. */
    agentReached: performedByTheWorld,
    /** Start the conversation (talk time). */
    startTalk: performedByTheWorld,
    /** Start the agent's after-call work. */
    startWrapUp: performedByTheWorld,
    /** The callback has ended; `params.end` says how. */
    finish: performedByTheWorld,
    /** Ownership has expired: anyone on the queue may take the callback now. */
    releaseOwnership: performedByTheWorld,
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    rememberDueDelay: assign({
      dueDelay: ({ context, event }) => (event.type === 'RESCHEDULE' ? event.dueDelay : context.dueDelay),
    }),
    rememberDialDelay: assign({
      agentDialDelay: ({ event }) => (event.type === 'AGENT_ANSWER' ? event.dialDelay : 0),
    }),
  },
});

/** The transitions taken when an attempt fails for `failure`: retry, exhausted, or disconnected. */
function failed(failure: AttemptFailure) {
  const actions = [{ type: 'attemptFailed' as const, params: { failure } }];
  return [
    { guard: { type: 'mayRetry' as const, params: { failure } }, target: 'waitingRetry', actions },
    { guard: { type: 'isRetryable' as const, params: { failure } }, target: 'exhausted', actions },
    { target: 'disconnected', actions },
  ];
}

function end(endState: CallbackEnd) {
  return { type: 'final' as const, entry: [{ type: 'finish' as const, params: { end: endState } }] };
}

/**
 * The life of one callback, in both modes.
 *
 * Agent First: queued → offered (an agent is alerted) → agentConnected (the
 * agent previews and dials) → dialing → ringing → connected → wrapUp →
 * completed. Customer First: queued (waiting for the dialer) → dialing →
 * ringing → waitingForAgent (a live person answered) → offered → connected →
 * wrapUp → completed. An attempt that does not connect goes to waitingRetry
 * while retries remain, else to exhausted (or disconnected for a failure that
 * is not retried). A scheduled callback waits in `scheduled` until it is
 * due; an agent-owned one whose ownership expires goes to the whole queue or
 * ends `expired`; operations cancel, reschedule or requeue (reassign) it.
 */
export const callbackMachine = callbackSetup.createMachine({
  id: 'callback',
  initial: 'created',
  context: ({ input }) => ({ attempts: 0, agentDialDelay: 0, ...input }),
  states: {
    created: {
      always: [{ guard: 'isDueLater', target: 'scheduled' }, { target: 'queued' }],
    },
    scheduled: {
      after: { dueDelay: 'queued' },
      on: {
        CANCEL: 'cancelled',
        RESCHEDULE: { target: 'scheduled', reenter: true, actions: 'rememberDueDelay' },
      },
    },
    queued: {
      entry: 'enqueue',
      exit: 'dequeue',
      on: {
        OFFER: { guard: 'isAgentFirst', target: 'offered' },
        DIAL: { guard: 'isCustomerFirst', target: 'dialing' },
        CANCEL: 'cancelled',
        RESCHEDULE: { target: 'scheduled', actions: 'rememberDueDelay' },
        REQUEUE: { target: 'queued', reenter: true },
        EXPIRE: [
          { guard: 'assignsToQueueOnExpiration', target: 'queued', reenter: true, actions: 'releaseOwnership' },
          { target: 'expired' },
        ],
      },
    },
    offered: {
      on: {
        AGENT_ANSWER: [
          { guard: 'isAgentFirst', target: 'agentConnected', actions: 'rememberDialDelay' },
          { target: 'connected', actions: 'agentReached' },
        ],
        OFFER_MISSED: [{ guard: 'isAgentFirst', target: 'queued' }, { target: 'waitingForAgent' }],
        PATIENCE_END: failed('abandonedAfterAnswer'),
      },
    },
    agentConnected: {
      after: { dialDelay: 'dialing' },
    },
    dialing: {
      entry: ['countAttempt', 'placeCall'],
      on: {
        RING: 'ringing',
        BUSY: failed('busy'),
        INVALID: failed('invalid'),
        FAX: failed('fax'),
      },
    },
    ringing: {
      on: {
        LIVE: [
          { guard: 'isAgentFirst', target: 'connected' },
          { guard: 'liveGoesToQueue', target: 'waitingForAgent', actions: 'awaitAgent' },
          { guard: 'liveGoesToFlow', target: 'completed' },
          { target: 'disconnected' },
        ],
        MACHINE: [
          { guard: 'machineGoesToQueue', target: 'waitingForAgent', actions: 'awaitAgent' },
          { guard: 'machineGoesToFlow', target: 'completed' },
          ...failed('machine'),
        ],
        NO_ANSWER: failed('noAnswer'),
      },
    },
    waitingForAgent: {
      entry: 'enqueue',
      exit: 'dequeue',
      on: {
        OFFER: 'offered',
        PATIENCE_END: failed('abandonedAfterAnswer'),
      },
    },
    connected: {
      entry: 'startTalk',
      on: { TALK_END: 'wrapUp' },
    },
    wrapUp: {
      entry: 'startWrapUp',
      on: { WRAP_END: 'completed' },
    },
    waitingRetry: {
      after: { retryDelay: 'queued' },
      on: {
        CANCEL: 'cancelled',
        RESCHEDULE: { target: 'scheduled', actions: 'rememberDueDelay' },
        EXPIRE: [{ guard: 'assignsToQueueOnExpiration', actions: 'releaseOwnership' }, { target: 'expired' }],
      },
    },
    completed: end('completed'),
    exhausted: end('exhausted'),
    cancelled: end('cancelled'),
    expired: end('expired'),
    disconnected: end('disconnected'),
  },
});
