import { assign, setup } from 'xstate';

/** What an agent machine starts from. */
export interface AgentInput {
  /** ms an agent stays Not Responding after missing an offer before being available again. */
  notRespondingTime: number;
}

/** The agent machine's context. */
export interface AgentContext extends AgentInput {
  /** The agent's shift ended while they were working: go offline when the work is done. */
  logOffPending: boolean;
  /** ms the current offer alerts before it counts as missed. */
  alertingTimeout: number;
  /** ms the agent takes to answer the current offer (Infinity: not before it times out). */
  answerTime: number;
}

/** Events the world sends to an agent machine. */
export type AgentEvent =
  | { type: 'LOG_ON' }
  | { type: 'LOG_OFF' }
  | { type: 'OFFER'; alertingTimeout: number; answerTime: number }
  | { type: 'WITHDRAW' }
  | { type: 'END'; wrapUp: boolean }
  | { type: 'WRAP_END' };

/** The tags of agent states, one per state: how the agent's time is counted (offline time is not). */
export const AGENT_TIME_TAGS = ['offline', 'idle', 'working', 'notResponding'] as const;

/** One of `AGENT_TIME_TAGS`. */
export type AgentTimeTag = (typeof AGENT_TIME_TAGS)[number];

/** Named actions performed by the world that drives the machine (see callback.ts). */
const performedByTheWorld = () => {};

const afterWork = [{ guard: 'logOffPending' as const, target: 'offline' }, { target: 'idle' }];

/**
 * One agent's presence and routing status.
 *
 * offline ⇄ idle; an offer makes the agent alerting until they answer it
 * (or busy at once with auto-answer); an unanswered offer times out into notResponding; work ends
 * in wrapUp (or straight back to idle when there is no after-call work). A
 * shift that ends while the agent works takes effect when the work is done,
 * unless the next shift starts first.
 */
export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
    input: {} as AgentInput,
  },
  guards: {
    logOffPending: ({ context }) => context.logOffPending,
    answersAtOnce: ({ event }) => event.type === 'OFFER' && event.answerTime === 0,
    hasWrapUp: ({ event }) => event.type === 'END' && event.wrapUp,
  },
  delays: {
    alertingTimeout: ({ context }) => context.alertingTimeout,
    notRespondingTime: ({ context }) => context.notRespondingTime,
    answerTime: ({ context }) => context.answerTime,
  },
  actions: {
    /** The agent can take work: route the best waiting interaction to them. */
    available: performedByTheWorld,
    /** The agent let an offer time out: give the interaction to someone else. */
    offerMissed: performedByTheWorld,
    /** The agent answered the offer: the interaction has its agent. */
    answered: performedByTheWorld,
    /** The offer rings at the agent (it was not answered at once). */
    alerted: performedByTheWorld,
    rememberOffer: assign(({ context, event }) =>
      event.type === 'OFFER' ? { alertingTimeout: event.alertingTimeout, answerTime: event.answerTime } : context,
    ),
    markLogOffPending: assign({ logOffPending: true }),
    clearLogOffPending: assign({ logOffPending: false }),
  },
}).createMachine({
  id: 'agent',
  initial: 'offline',
  context: ({ input }) => ({ logOffPending: false, alertingTimeout: 0, answerTime: 0, ...input }),
  states: {
    offline: {
      tags: ['offline'],
      entry: 'clearLogOffPending',
      on: { LOG_ON: 'idle' },
    },
    idle: {
      tags: ['idle'],
      entry: 'available',
      on: {
        LOG_OFF: 'offline',
        OFFER: [
          { guard: 'answersAtOnce', target: 'busy', actions: 'answered' },
          { target: 'alerting', actions: 'rememberOffer' },
        ],
      },
    },
    alerting: {
      tags: ['working'],
      entry: 'alerted',
      after: {
        answerTime: { target: 'busy', actions: 'answered' },
        alertingTimeout: { target: 'notResponding', actions: 'offerMissed' },
      },
      on: {
        WITHDRAW: afterWork,
        LOG_OFF: { actions: 'markLogOffPending' },
        LOG_ON: { actions: 'clearLogOffPending' },
      },
    },
    busy: {
      tags: ['working'],
      on: {
        END: [{ guard: 'hasWrapUp', target: 'wrapUp' }, ...afterWork],
        LOG_OFF: { actions: 'markLogOffPending' },
        LOG_ON: { actions: 'clearLogOffPending' },
      },
    },
    wrapUp: {
      tags: ['working'],
      on: {
        WRAP_END: afterWork,
        LOG_OFF: { actions: 'markLogOffPending' },
        LOG_ON: { actions: 'clearLogOffPending' },
      },
    },
    notResponding: {
      tags: ['notResponding'],
      after: { notRespondingTime: afterWork },
      on: { LOG_OFF: 'offline' },
    },
  },
});
