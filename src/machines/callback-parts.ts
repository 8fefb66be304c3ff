import { assign, setup } from 'xstate';
import type { AttemptFailure, LiveVoiceReaction, MachineReaction } from '../model/scenario.js';

export type { AttemptFailure };

/** What a callback machine starts from (either mode). */
export interface CallbackInput {
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
  /** ms from a live answer (or the end of its greeting) within which an agent must be connected (the queue's compliance threshold). */
  complianceThreshold: number;
  /** The queue plays a safe-harbour message to a live answer that becomes a compliance abandon. */
  safeHarbourMessage: boolean;
  /** A live person detection took for a machine and hung up on is a compliance abandon. */
  countAmdFalsePositives: boolean;
  /** The world is asked for a dial permit (`checkPermit`) before the callback is queued: calling hours, do-not-call, lockout or attempt cap apply. */
  checksPermit: boolean;
}

/** How the network responds to a dial: ring-back, or a tone that ends the attempt. */
export type DialResponse = 'ring' | 'busy' | 'fax' | 'invalid';

/** What answers a call that rings, as the dialer's detection reports it. */
export type DialAnswer = 'live' | 'machine' | 'noAnswer';

/**
 * One attempt, decided by the world when the call is placed: the customer's
 * response and every duration the attempt's states last (drawn from the
 * customer's own streams).
 */
export interface AttemptPlan {
  response: DialResponse;
  answer: DialAnswer;
  /** ms from the dial to ring-back or to the tone. */
  signalDelay: number;
  /** ms of ringing before the answer (or before giving up). */
  ringDuration: number;
  /** ms a person who answered waits for an agent before hanging up (Infinity: a machine records until one comes). */
  patience: number;
  /** ms of conversation once connected. */
  talk: number;
  /** ms of after-call work (or the automatic end's delay); 0 for none. */
  wrapUp: number;
  /** ms of the person's greeting, after which the compliance threshold starts (0: it starts at the answer). */
  greeting: number;
  /** Whether a person really answered (whatever detection reports). */
  trulyLive: boolean;
}

/** The callback machine's context: its input, what it has counted, and the current attempt's plan. */
export interface CallbackContext extends CallbackInput {
  /** The current attempt, as the world decided it when the call was placed (`NO_PLAN` before the first). */
  plan: Readonly<AttemptPlan>;
  /** Dials started so far. */
  attempts: number;
  /** ms the reserved agent takes to preview and dial by hand (set when the preview starts). */
  agentDialDelay: number;
  /** ms the current wait for a dial permit lasts (set by the world's `WAIT_FOR_*` answer). */
  permitDelay: number;
  /** ms from being queued until the permit lapses (the calling hours close); Infinity: it does not. */
  permitFor: number;
}

/** Events the world sends to a callback machine. */
export type CallbackEvent =
  | { type: 'OFFER' }
  | { type: 'AGENT_ANSWER' }
  | { type: 'PREVIEWED'; dialDelay: number }
  | { type: 'OFFER_MISSED' }
  | { type: 'DIAL' }
  | { type: 'PLACED'; plan: AttemptPlan }
  | { type: 'CANCEL' }
  | { type: 'RESCHEDULE'; dueDelay: number }
  | { type: 'REASSIGN' }
  | { type: 'EXPIRE' }
  | { type: 'PERMITTED'; permitFor: number }
  | { type: 'WAIT_FOR_HOURS'; delay: number }
  | { type: 'WAIT_FOR_LOCKOUT'; delay: number }
  | { type: 'WAIT_FOR_ATTEMPTS'; delay: number }
  | { type: 'ON_DO_NOT_CALL_LIST' }
  | { type: 'ATTEMPTS_CAPPED' }
  | { type: 'DIAL_REFUSED' };

/** The end states of a callback, as reported in KPIs. */
export const CALLBACK_END_STATES = ['completed', 'exhausted', 'cancelled', 'expired', 'disconnected', 'doNotCall', 'attemptCapped'] as const;

/** One of `CALLBACK_END_STATES`. */
export type CallbackEnd = (typeof CALLBACK_END_STATES)[number];

/**
 * The tags of callback states, which the world counts by: `editable` states
 * accept operations, `inFlight` ones hold one of the Customer First dialer's
 * dials, `waitingForAgent` ones hold a customer who answered and waits for
 * an agent, `talking` ones a conversation, `holdsLine` ones a line of the
 * queue's outbound route (from the moment the call is placed to its hang-up:
 * a failure, an answer sent to a flow or hung up on, or the end of the talk).
 */
export const CALLBACK_TAGS = {
  editable: 'editable',
  inFlight: 'inFlight',
  waitingForAgent: 'waitingForAgent',
  talking: 'talking',
  holdsLine: 'holdsLine',
} as const;

/** The blank attempt plan of a callback not yet dialed. */
export const NO_PLAN: Readonly<AttemptPlan> = Object.freeze({
  response: 'ring',
  answer: 'noAnswer',
  signalDelay: 0,
  ringDuration: 0,
  patience: 0,
  talk: 0,
  wrapUp: 0,
  greeting: 0,
  trulyLive: false,
});

/** A condition on the current attempt: its response, its answer and the queue's reaction to a live voice or a machine (absent: any). */
export interface PlanCase {
  response?: DialResponse;
  answer?: DialAnswer;
  liveVoice?: LiveVoiceReaction;
  machine?: MachineReaction;
  /** A person really answered, detection took them for a machine, and the queue counts such false positives. */
  countedFalsePositive?: boolean;
}

/** A failure, taken when the plan matches. */
export interface FailureCase extends PlanCase {
  failure: AttemptFailure;
}

function planMatches(context: CallbackContext, when: PlanCase): boolean {
  const { plan } = context;
  return (
    (when.response === undefined || plan.response === when.response) &&
    (when.answer === undefined || plan.answer === when.answer) &&
    (when.liveVoice === undefined || context.liveVoiceReaction === when.liveVoice) &&
    (when.machine === undefined || context.machineReaction === when.machine) &&
    (when.countedFalsePositive === undefined || (plan.trulyLive && plan.answer === 'machine' && context.countAmdFalsePositives) === when.countedFalsePositive)
  );
}

/**
 * Named actions the machine asks the world to perform. The machine only
 * names them; the world that drives the machine carries them out, so the
 * implementations here are intentionally empty.
 */
const performedByTheWorld = () => {};

/** Setup shared by the Agent First and Customer First callback machines. */
export const callbackSetup = setup({
  types: {
    context: {} as CallbackContext,
    events: {} as CallbackEvent,
    input: {} as CallbackInput,
  },
  guards: {
    isDueLater: ({ context }) => context.dueDelay > 0,
    mayRetry: ({ context }, params: FailureCase) =>
      planMatches(context, params) && context.attempts <= context.maxRetryCount && context.retryOn.includes(params.failure),
    isRetryable: ({ context }, params: FailureCase) => planMatches(context, params) && context.retryOn.includes(params.failure),
    planIs: ({ context }, params: PlanCase) => planMatches(context, params),
    hasWrapUp: ({ context }) => context.plan.wrapUp > 0,
    assignsToQueueOnExpiration: ({ context }) => context.assignToQueueOnExpiration,
    /** The compliance timer ran out while the person still waits, on a queue with a safe-harbour message. */
    hearsSafeHarbourMessage: ({ context }) => context.safeHarbourMessage && context.plan.greeting + context.complianceThreshold < context.plan.patience,
    checksPermit: ({ context }) => context.checksPermit,
    releasesToPermit: ({ context }) => context.assignToQueueOnExpiration && context.checksPermit,
  },
  delays: {
    dueDelay: ({ context }) => context.dueDelay,
    retryDelay: ({ context }) => context.retryDelay,
    dialDelay: ({ context }) => (context.enableAutoDialAndEnd ? context.autoDialDelay : context.agentDialDelay),
    signalDelay: ({ context }) => context.plan.signalDelay,
    ringDuration: ({ context }) => context.plan.ringDuration,
    patience: ({ context }) => context.plan.patience,
    // A live answer is a compliance abandon once the threshold passes without an agent, or when the person hangs up first.
    complianceDelay: ({ context }) => (context.plan.answer === 'live' ? Math.min(context.plan.greeting + context.complianceThreshold, context.plan.patience) : Infinity),
    talk: ({ context }) => context.plan.talk,
    wrapUp: ({ context }) => context.plan.wrapUp,
    permitDelay: ({ context }) => context.permitDelay,
    permitFor: ({ context }) => context.permitFor,
  },
  actions: {
    /** Put the callback in its queue for an agent, at its position (Agent First, or an owned one). */
    enqueueForAgent: performedByTheWorld,
    /** Put the callback in its queue's list for the Customer First dialer. */
    enqueueForDialer: performedByTheWorld,
    /** Route the customer who answered to an agent (at the queue's answered position). */
    enqueueAnswered: performedByTheWorld,
    /** Take the callback out of the line it waits in for an agent. */
    dequeue: performedByTheWorld,
    /** Take the callback off its queue's list for the dialer (unless the dialer took it). */
    leaveDialerList: performedByTheWorld,
    /** Start the callback's reservation for its owner or first agent, the first time it waits for an agent. */
    holdReservation: performedByTheWorld,
    /** Place the outbound call with the queue's ANI on a free line of its route (waiting for one, first come first served): the world decides the attempt and answers `PLACED`. */
    placeCall: performedByTheWorld,
    /** A person (or a machine taken for one) answered the Customer First dial. */
    customerAnswered: performedByTheWorld,
    /** A person who answered has not been connected to an agent within the compliance threshold (or hangs up before it). */
    complianceAbandon: performedByTheWorld,
    /** Play the queue's safe-harbour message to the person who waits (they keep waiting). */
    playSafeHarbourMessage: performedByTheWorld,
    /** A live person taken for a machine was hung up on: a compliance abandon of a live answer. */
    amdFalsePositiveAbandon: performedByTheWorld,
    /** The attempt did not connect (`params.failure`): free the agent, if any, and count the failure. */
    attemptFailed: performedByTheWorld,
    /** Agent First: the agent who answered previews the callback; the world answers `PREVIEWED` with how long until the dial. */
    startPreview: performedByTheWorld,
    /** The conversation starts. */
    startTalk: performedByTheWorld,
    /** The conversation ends; `params.wrapUp` says whether after-call work follows. */
    endTalk: performedByTheWorld,
    /** The after-call work ends: the agent is free. */
    endAfterCallWork: performedByTheWorld,
    /** The callback has ended; `params.end` says how. */
    finish: performedByTheWorld,
    /** Ownership has expired: anyone on the queue may take the callback now. */
    releaseOwnership: performedByTheWorld,
    /** May the customer be dialed now? The world answers `PERMITTED`, a `WAIT_FOR_*` with how long, or a refusal that ends the callback. */
    checkPermit: performedByTheWorld,
    /** Agent First: the agent's dial would fall outside the permit; the agent is freed without an attempt. */
    releaseAgent: performedByTheWorld,
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    rememberDueDelay: assign({
      dueDelay: ({ context, event }) => (event.type === 'RESCHEDULE' ? event.dueDelay : context.dueDelay),
    }),
    rememberDialDelay: assign({
      agentDialDelay: ({ event }) => (event.type === 'PREVIEWED' ? event.dialDelay : 0),
    }),
    rememberPermitDelay: assign({
      permitDelay: ({ context, event }) => ('delay' in event ? event.delay : context.permitDelay),
    }),
    rememberPermit: assign({ permitFor: ({ context, event }) => (event.type === 'PERMITTED' ? event.permitFor : context.permitFor) }),
    rememberPlan: assign({ plan: ({ context, event }) => (event.type === 'PLACED' ? event.plan : context.plan) }),
  },
});

/**
 * The transitions taken when an attempt fails for `failure`: retry,
 * exhausted, or disconnected. With `when`, they are taken only if the
 * attempt's plan matches it (and the next transitions are tried otherwise).
 */
export function failed(failure: AttemptFailure, when: PlanCase = {}, also?: 'amdFalsePositiveAbandon') {
  const actions: Array<{ type: 'attemptFailed'; params: { failure: AttemptFailure } } | 'amdFalsePositiveAbandon'> = [{ type: 'attemptFailed' as const, params: { failure } }];
  if (also) actions.unshift(also);
  const params = { failure, ...when };
  const last = Object.keys(when).length === 0 ? {} : { guard: { type: 'planIs' as const, params: when } };
  return [
    { guard: { type: 'mayRetry' as const, params }, target: 'waitingRetry', actions },
    { guard: { type: 'isRetryable' as const, params }, target: 'exhausted', actions },
    { ...last, target: 'disconnected', actions },
  ];
}

/** A final state that reports `endState`. */
export function end(endState: CallbackEnd) {
  return { type: 'final' as const, entry: [{ type: 'finish' as const, params: { end: endState } }] };
}

const { editable, talking, holdsLine } = CALLBACK_TAGS;

/**
 * The way into `queued`: through `checkingPermit` when the world must say
 * whether the customer may be dialed now, else straight in (as before any
 * permit rule existed). With `reenter`, an already queued callback queues again.
 */
export function toQueued(reenter = false) {
  return [{ guard: 'checksPermit' as const, target: 'checkingPermit' }, reenter ? { target: 'queued', reenter: true } : { target: 'queued' }];
}

/** The context a callback machine starts with. */
export function initialContext(input: CallbackInput): CallbackContext {
  return { attempts: 0, agentDialDelay: 0, permitDelay: 0, permitFor: Infinity, plan: NO_PLAN, ...input };
}

/**
 * The states both modes share: waiting to be due, waiting to retry, placing
 * the call and waiting for the network's response, the conversation and
 * the after-call work, and the ends. `queued`, `ringing` and what follows an
 * answer are the modes' own.
 */
export function sharedStates() {
  return {
    created: {
      always: [{ guard: 'isDueLater' as const, target: 'scheduled' }, ...toQueued()],
    },
    scheduled: {
      tags: [editable],
      after: { dueDelay: toQueued() },
      on: {
        CANCEL: 'cancelled',
        RESCHEDULE: { target: 'scheduled', reenter: true, actions: 'rememberDueDelay' as const },
      },
    },
    waitingRetry: {
      tags: [editable],
      after: { retryDelay: toQueued() },
      on: {
        CANCEL: 'cancelled',
        RESCHEDULE: { target: 'scheduled', actions: 'rememberDueDelay' as const },
        EXPIRE: [{ guard: 'assignsToQueueOnExpiration' as const, actions: 'releaseOwnership' as const }, { target: 'expired' }],
      },
    },
    connected: {
      tags: [talking, holdsLine],
      entry: 'startTalk' as const,
      after: {
        talk: [
          { guard: 'hasWrapUp' as const, target: 'wrapUp', actions: { type: 'endTalk' as const, params: { wrapUp: true } } },
          { target: 'completed', actions: { type: 'endTalk' as const, params: { wrapUp: false } } },
        ],
      },
    },
    wrapUp: {
      after: { wrapUp: { target: 'completed', actions: 'endAfterCallWork' as const } },
    },
    completed: end('completed'),
    exhausted: end('exhausted'),
    cancelled: end('cancelled'),
    expired: end('expired'),
    disconnected: end('disconnected'),
  };
}

/** What a queued callback of either mode takes besides its way out: the operations, and its owner's ownership expiring (re-queued through the permit check when there is one). */
export function queuedEdits() {
  return {
    CANCEL: 'cancelled',
    RESCHEDULE: { target: 'scheduled', actions: 'rememberDueDelay' as const },
    REASSIGN: toQueued(true),
    EXPIRE: [
      { guard: 'releasesToPermit' as const, target: 'checkingPermit', actions: 'releaseOwnership' as const },
      { guard: 'assignsToQueueOnExpiration' as const, target: 'queued', reenter: true, actions: 'releaseOwnership' as const },
      { target: 'expired' },
    ],
  };
}

/** The transitions out of `dialing` when the signal delay ends: ring-back, or a tone that fails the attempt. */
export function afterSignal() {
  return [
    { guard: { type: 'planIs' as const, params: { response: 'ring' as const } }, target: 'ringing' },
    ...failed('busy', { response: 'busy' }),
    ...failed('fax', { response: 'fax' }),
    ...failed('invalid'),
  ];
}

/**
 * The states both modes share from the dial: `placing` asks the world to
 * place the call, which answers `PLACED` once the route has a free line (at
 * once on a route without a limit); `dialing` holds the line and waits for
 * the network's response. `tags` are the mode's own, on both.
 */
export function placingAndDialing(tags: readonly string[]) {
  return {
    placing: {
      tags,
      entry: ['countAttempt' as const, 'placeCall' as const],
      on: { PLACED: { target: 'dialing', actions: 'rememberPlan' as const } },
    },
    dialing: {
      tags: [...tags, holdsLine],
      after: { signalDelay: afterSignal() },
    },
  };
}
