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
}

/** Events the world sends to an agent machine. */
export type AgentEvent =
  | { type: 'LOG_ON' }
  | { type: 'LOG_OFF' }
  | { type: 'OFFER'; alertingTimeout: number; answerAtOnce: boolean }
  | { type: 'ANSWER' }
  | { type: 'WITHDRAW' }
  | { type: 'END'; wrapUp: boolean }
  | { type: 'WRAP_END' };

/** The states of an agent, as reported in traces and occupancy. */
export const AGENT_STATES = ['offline', 'idle', 'alerting', 'busy', 'wrapUp', 'notResponding'] as const;

/** One of `AGENT_STATES`. */
export type AgentState = (typeof AGENT_STATES)[number];

/** Named actions performed by the world that drives the machine (see callback.ts). */
const performedByTheWorld = () => {};

const afterWork = [{ guard: 'logOffPending' as const, target: 'offline' }, { target: 'idle' }];

/**
 * One agent's presence and routing status.
 *
 * offline ⇄ idle; an offer makes the agent alerting (or busy at once with
 * auto-answer); an unanswered offer times out into notResponding; work ends
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
    answersAtOnce: ({ event }) => event.type === 'OFFER' && event.answerAtOnce,
    hasWrapUp: ({ event }) => event.type === 'END' && event.wrapUp,
  },
  delays: {
    alertingTimeout: ({ context }) => context.alertingTimeout,
    notRespondingTime: ({ context }) => context.notRespondingTime,
  },
  actions: {
    /** The agent can take work: route the best waiting interaction to them. */
    available: performedByTheWorld,
    /** The agent let an offer time out: give the interaction to someone else. */
    offerMissed: performedByTheWorld,
    rememberAlertingTimeout: assign({
      alertingTimeout: ({ context, event }) => (event.type === 'OFFER' ? event.alertingTimeout : context.alertingTimeout),
    }),
    markLogOffPending: assign({ logOffPending: true }),
    clearLogOffPending: assign({ logOffPending: false }),
  },
}).createMachine({
  id: 'agent',
  initial: 'offline',
  context: ({ input }) => ({ logOffPending: false, alertingTimeout: 0, ...input }),
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
          { guard: 'answersAtOnce', target: 'busy' },
          { target: 'alerting', actions: 'rememberAlertingTimeout' },
        ],
      },
    },
    alerting: {
      tags: ['working'],
      after: { alertingTimeout: { target: 'notResponding', actions: 'offerMissed' } },
      on: {
        ANSWER: 'busy',
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
