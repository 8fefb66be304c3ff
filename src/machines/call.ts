import { assign, setup } from 'xstate';

/** At most this many in-queue flows run for one interaction. */
export const MAX_IN_QUEUE_FLOWS = 30;

/**
 * What the call meets on the queue it waits on: the queue's voicemail prompt
 * and in-queue flow, with the customer's answer to the prompt. A timing
 * that does not apply is `Infinity` (its timer never fires).
 */
export interface QueueFacts {
  /** ms from joining the queue to its voicemail prompt. */
  voicemailAfter: number;
  /** The customer leaves a voicemail when prompted on this queue. */
  leavesVoicemail: boolean;
  /** ms from joining the queue to its in-queue flow. */
  flowAfter: number;
  /** The queue's in-queue flow transfers calls back to this same queue. */
  flowLoops: boolean;
}

/**
 * What a call machine starts from: the customer's own draws and the first
 * queue's facts. The chart's clock counts from the arrival: the times events
 * carry are ms since the call arrived (so calls whose customers draw nothing
 * of their own start from one shared input).
 */
export interface CallInput extends QueueFacts {
  /** ms the customer waits before hanging up. */
  patience: number;
  /** ms from the arrival to the in-queue callback offer. */
  offerAfter: number;
  /** The customer accepts the callback offer. */
  acceptsOffer: boolean;
}

/** Why an in-queue flow ended the call in an error ('' while it has not). */
export type FlowErrorReason = '' | 'loop' | 'limit';

/** The call machine's context: its input plus what it has learnt and counted. */
export interface CallContext extends CallInput {
  /** ms since the arrival at the last event the world sent: timers count from it. */
  now: number;
  /** ms since the arrival when the call joined its current queue (0, or the transfer). */
  position: number;
  /** In-queue flows run for the call so far (the first queue counts as one). */
  flows: number;
  /** The callback offer has been made (accepted or not). */
  offerMade: boolean;
  /** ms of conversation, once an agent answered. */
  talk: number;
  /** ms of the agent's after-call work, once an agent answered. */
  wrap: number;
  /** Why an in-queue flow ended the call in an error ('' while it has not). */
  flowErrorReason: FlowErrorReason;
}

/** Events the world sends to a call machine. */
export type CallEvent =
  | { type: 'ALERT' }
  | { type: 'ANSWER'; talk: number; wrap: number }
  | { type: 'MISSED'; at: number }
  | ({ type: 'QUEUED'; at: number } & QueueFacts);

/* In MISSED and QUEUED, `at` is ms since the call arrived. */

/** The ends of an inbound call. */
export const CALL_ENDS = ['answered', 'abandoned', 'tookCallback', 'leftVoicemail', 'flowError'] as const;

/** One of `CALL_ENDS`. */
export type CallEnd = (typeof CALL_ENDS)[number];

/** Named actions performed by the world that drives the machine (see callback.ts). */
const performedByTheWorld = () => {};

/** ms until the moment `at`, from the machine's `now` (0 once it is past); both count from the arrival. */
const until = (at: number, now: number) => Math.max(0, at - now);

function end(callEnd: CallEnd) {
  return { type: 'final' as const, tags: ['ended'], entry: [{ type: 'finish' as const, params: { end: callEnd } }] };
}

const callSetup = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    input: {} as CallInput,
  },
  guards: {
    acceptsOffer: ({ context }) => context.acceptsOffer,
    leavesVoicemail: ({ context }) => context.leavesVoicemail,
    flowLoops: ({ context }) => context.flowLoops,
    flowLimitReached: ({ context }) => context.flows >= MAX_IN_QUEUE_FLOWS,
    hasWrapUp: ({ context }) => context.wrap > 0,
  },
  delays: {
    patience: ({ context }) => context.patience,
    offerDelay: ({ context }) => (context.offerMade ? Infinity : until(context.offerAfter, context.now)),
    voicemailDelay: ({ context }) => until(context.position + context.voicemailAfter, context.now),
    flowDelay: ({ context }) => until(context.position + context.flowAfter, context.now),
    talk: ({ context }) => context.talk,
    wrap: ({ context }) => context.wrap,
  },
  actions: {
    /** Put the call in line on its queue (or with an idle agent at once). */
    enqueue: performedByTheWorld,
    /** Take the call out of its line, if it still waits in one. */
    dequeue: performedByTheWorld,
    /** The agent alerted with the call (if any) loses the offer. */
    withdrawOffer: performedByTheWorld,
    /** The in-queue flow moves the call to the flow's queue: the world answers with `QUEUED` and that queue's facts. */
    transfer: performedByTheWorld,
    /** An agent answered: the conversation starts. */
    connect: performedByTheWorld,
    /** The conversation is over: the agent may schedule a callback, then does the after-call work (if any). */
    endTalk: performedByTheWorld,
    /** The agent's after-call work is over. */
    endAfterCallWork: performedByTheWorld,
    /** The call has ended; `params.end` says how. */
    finish: performedByTheWorld,
    markOfferMade: assign({ offerMade: true }),
    countFlow: assign({ flows: ({ context }) => context.flows + 1 }),
    markFlowLoop: assign({ flowErrorReason: 'loop' as FlowErrorReason }),
    markFlowLimit: assign({ flowErrorReason: 'limit' as FlowErrorReason }),
    rememberTime: assign({
      now: ({ context, event }) => (event.type === 'MISSED' ? event.at : context.now),
    }),
    joinQueue: assign({
      now: ({ context, event }) => (event.type === 'QUEUED' ? event.at : context.now),
      position: ({ context, event }) => (event.type === 'QUEUED' ? event.at : context.position),
      voicemailAfter: ({ context, event }) => (event.type === 'QUEUED' ? event.voicemailAfter : context.voicemailAfter),
      leavesVoicemail: ({ context, event }) => (event.type === 'QUEUED' ? event.leavesVoicemail : context.leavesVoicemail),
      flowAfter: ({ context, event }) => (event.type === 'QUEUED' ? event.flowAfter : context.flowAfter),
      flowLoops: ({ context, event }) => (event.type === 'QUEUED' ? event.flowLoops : context.flowLoops),
    }),
    rememberConversation: assign({
      talk: ({ context, event }) => (event.type === 'ANSWER' ? event.talk : context.talk),
      wrap: ({ context, event }) => (event.type === 'ANSWER' ? event.wrap : context.wrap),
    }),
  },
});

/**
 * The life of one inbound call.
 *
 * The call waits in line (`inQueue.holding.onQueue.waiting`) until an agent
 * is alerted with it (`alerting`) or answers it at once; an offer the agent
 * misses puts it back in line, one the agent answers starts the conversation
 * (`talking`), then the
 * agent's after-call work (`wrapUp`) ends it `answered`. While it waits, the
 * customer hangs up when their patience runs out (`abandoned`, from line or
 * while an agent is alerted), takes the in-queue callback offer
 * (`tookCallback`) or leaves a voicemail when prompted (`leftVoicemail`),
 * and the queue's in-queue flow transfers it to another queue (`onQueue`
 * entered again there) or ends it in an error (`flowError`: a flow back to
 * the same queue, or more than `MAX_IN_QUEUE_FLOWS` flows). The offer,
 * voicemail and flow timers run only while the call is in line: an alert
 * stops them, and a missed offer restarts them where they stood (a moment
 * that passed meanwhile comes at once). The offer is made once per call;
 * the voicemail prompt and flow come again on each queue.
 */
export const callMachine = callSetup.createMachine({
  id: 'call',
  initial: 'inQueue',
  // Written out rather than spread from the input: one context is made per call.
  context: ({ input }) => ({
    patience: input.patience,
    offerAfter: input.offerAfter,
    acceptsOffer: input.acceptsOffer,
    voicemailAfter: input.voicemailAfter,
    leavesVoicemail: input.leavesVoicemail,
    flowAfter: input.flowAfter,
    flowLoops: input.flowLoops,
    now: 0,
    position: 0,
    flows: 1,
    offerMade: false,
    talk: 0,
    wrap: 0,
    flowErrorReason: '' as FlowErrorReason,
  }),
  states: {
    inQueue: {
      initial: 'holding',
      after: { patience: { target: 'abandoned', actions: 'withdrawOffer' } },
      states: {
        holding: {
          initial: 'onQueue',
          after: {
            offerDelay: [
              { guard: 'acceptsOffer', target: '#call.tookCallback', actions: 'markOfferMade' },
              { actions: 'markOfferMade' },
            ],
          },
          on: {
            ALERT: 'alerting',
            // An agent who answers at once never alerts.
            ANSWER: { target: '#call.talking', actions: ['rememberConversation', 'connect'] },
          },
          states: {
            onQueue: {
              initial: 'waiting',
              after: {
                voicemailDelay: [{ guard: 'leavesVoicemail', target: '#call.leftVoicemail' }, {}],
                flowDelay: [
                  { guard: 'flowLoops', target: '#call.flowError', actions: 'markFlowLoop' },
                  { guard: 'flowLimitReached', target: '#call.flowError', actions: 'markFlowLimit' },
                  { target: 'transferring', actions: 'countFlow' },
                ],
              },
              states: {
                waiting: {
                  tags: ['waiting'],
                  entry: 'enqueue',
                  exit: 'dequeue',
                },
              },
            },
            transferring: {
              tags: ['waiting'],
              entry: 'transfer',
              on: { QUEUED: { target: 'onQueue', actions: 'joinQueue' } },
            },
          },
        },
        alerting: {
          tags: ['alerting'],
          on: {
            ANSWER: { target: '#call.talking', actions: ['rememberConversation', 'connect'] },
            MISSED: { target: 'holding', actions: 'rememberTime' },
          },
        },
      },
    },
    talking: {
      tags: ['talking'],
      after: {
        talk: [
          { guard: 'hasWrapUp', target: 'wrapUp', actions: 'endTalk' },
          { target: 'answered', actions: 'endTalk' },
        ],
      },
    },
    wrapUp: {
      tags: ['wrapUp'],
      after: { wrap: { target: 'answered', actions: 'endAfterCallWork' } },
    },
    answered: end('answered'),
    abandoned: end('abandoned'),
    tookCallback: end('tookCallback'),
    leftVoicemail: end('leftVoicemail'),
    flowError: end('flowError'),
  },
});
