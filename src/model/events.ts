import type { CallbackMode, DialOutcome } from './scenario.js';

/** How a callback came to be. */
export type CallbackKind = 'inQueue' | 'requested' | 'scheduled' | 'agentOwned' | 'campaign' | 'voicemail';

/** How one dial attempt ended, as the world saw it. */
export type AttemptResult = 'connected' | 'live' | 'machine' | 'noAnswer' | 'busy' | 'invalid' | 'fax' | 'abandonedAfterAnswer';

/**
 * What happens in a run, in simulated time order: the stream that metrics,
 * traces and tests consume. `t` is simulated ms; `queue` is a queue id;
 * `agent` is an agent index (-1 for none).
 */
export type SimEvent =
  | { type: 'call.arrived'; t: number; call: number; queue: string }
  | { type: 'call.answered'; t: number; call: number; queue: string; agent: number; arrivedAt: number }
  | { type: 'call.abandoned'; t: number; call: number; queue: string; arrivedAt: number }
  | { type: 'call.callbackAccepted'; t: number; call: number; queue: string; arrivedAt: number; callback: number }
  | { type: 'call.ended'; t: number; call: number; queue: string; agent: number; answeredAt: number; arrivedAt: number }
  | { type: 'callback.created'; t: number; callback: number; queue: string; kind: CallbackKind; mode: CallbackMode; position: number }
  | { type: 'callback.state'; t: number; callback: number; queue: string; from: string; to: string; event: string }
  | {
      type: 'callback.dialed';
      t: number;
      callback: number;
      queue: string;
      attempt: number;
      agent: number;
      createdAt: number;
      /** When the callback became due: its scheduled time, else its creation. */
      dueAt: number;
      /** The number dialed. */
      number: string;
      /** Caller ID shown to the customer: the queue's ANI unless a flow's Call Data step set another. */
      callerId: string;
      callerName: string | null;
    }
  | {
      type: 'callback.attemptEnded';
      t: number;
      callback: number;
      queue: string;
      attempt: number;
      result: AttemptResult;
      /** What really answered the dial (differs from `result` when detection erred), or null before a dial. */
      outcome: DialOutcome | null;
      agent: number;
      /** When the agent was engaged for this attempt (Agent First), else -1. */
      agentSince: number;
      createdAt: number;
    }
  | { type: 'callback.answered'; t: number; callback: number; queue: string; createdAt: number }
  | {
      type: 'callback.connected';
      t: number;
      callback: number;
      queue: string;
      agent: number;
      createdAt: number;
      /** When the callback became due: its scheduled time, else its creation. */
      dueAt: number;
      waitedSince: number;
    }
  | { type: 'callback.ended'; t: number; callback: number; queue: string; end: string; attempts: number; createdAt: number }
  /** No update within 14 days of creation and no scheduled time: ended in analytics, though it may still be active. */
  | { type: 'callback.analyticsEnded'; t: number; callback: number; queue: string; createdAt: number; state: string }
  | { type: 'call.voicemail'; t: number; call: number; queue: string; arrivedAt: number; callback: number }
  | { type: 'call.transferred'; t: number; call: number; from: string; to: string; arrivedAt: number; flows: number }
  | { type: 'call.flowError'; t: number; call: number; queue: string; arrivedAt: number; flows: number; reason: string }
  | { type: 'operation'; t: number; op: string; callback: number; label: string | null; queue: string; applied: boolean; reason: string | null }
  | { type: 'campaign.dialed'; t: number; campaign: string; contact: number; outcome: string; callLater: boolean }
  | { type: 'agent.state'; t: number; agent: number; group: string; from: string; to: string }
  | {
      type: 'dialer.dialed';
      t: number;
      queue: string;
      callback: number;
      /** Dials in flight on the queue once this one started. */
      inFlight: number;
      /** The policy's bound on dials in flight when it decided. */
      bound: number;
      policy: string;
      /** The adaptive policy's dial level, else null. */
      level: number | null;
    }
  | { type: 'dialer.inFlight'; t: number; queue: string; inFlight: number }
  /** A queue's state sampled every 30 minutes: interactions waiting for an agent, callbacks waiting to be dialed, dials in flight, agents. */
  | { type: 'queue.sample'; t: number; queue: string; waiting: number; toDial: number; inFlight: number; idleAgents: number; onlineAgents: number };

/** The `type` of every `SimEvent`. */
export type SimEventType = SimEvent['type'];

/**
 * A consumer that takes the frequent events of a run as typed calls with
 * their fields, instead of as `SimEvent` objects: nothing is allocated per
 * event. Each method stands for the event of the same name with its fields in
 * the same order, except that a queue is given by its index in the
 * scenario's `queues` (not its id), and fields that are fixed properties of
 * the entity are left out (an agent's `group`; a dial's `number`, `callerId`
 * and `callerName`). Every other type of event comes as an object through
 * `event`. Publishers make every typed call; of the other types, they pass
 * on only those in `types`.
 */
export interface SimEventSink {
  /** The types of event this sink needs (a hint for the types that come through `event`). */
  readonly types: readonly SimEventType[];
  /** `call.arrived` */
  callArrived(t: number, call: number, queue: number): void;
  /** `call.answered` */
  callAnswered(t: number, call: number, queue: number, agent: number, arrivedAt: number): void;
  /** `call.abandoned` */
  callAbandoned(t: number, call: number, queue: number, arrivedAt: number): void;
  /** `call.callbackAccepted` */
  callbackAccepted(t: number, call: number, queue: number, arrivedAt: number, callback: number): void;
  /** `call.ended` */
  callEnded(t: number, call: number, queue: number, agent: number, answeredAt: number, arrivedAt: number): void;
  /** `callback.created` */
  callbackCreated(t: number, callback: number, queue: number, kind: CallbackKind, mode: CallbackMode, position: number): void;
  /** `callback.dialed` (without the number and caller ID) */
  callbackDialed(t: number, callback: number, queue: number, attempt: number, agent: number, createdAt: number, dueAt: number): void;
  /** `callback.attemptEnded` */
  attemptEnded(
    t: number,
    callback: number,
    queue: number,
    attempt: number,
    result: AttemptResult,
    outcome: DialOutcome | null,
    agent: number,
    agentSince: number,
    createdAt: number,
  ): void;
  /** `callback.answered` */
  callbackAnswered(t: number, callback: number, queue: number, createdAt: number): void;
  /** `callback.connected` */
  callbackConnected(t: number, callback: number, queue: number, agent: number, createdAt: number, dueAt: number, waitedSince: number): void;
  /** `callback.ended` */
  callbackEnded(t: number, callback: number, queue: number, end: string, attempts: number, createdAt: number): void;
  /** `agent.state` (without the group) */
  agentState(t: number, agent: number, from: string, to: string): void;
  /** `dialer.inFlight` */
  dialerInFlight(t: number, queue: number, inFlight: number): void;
  /** Any other type of event. */
  event(e: SimEvent): void;
  /** The run has ended. */
  complete(): void;
}

/** The types that a `SimEventSink` takes as typed calls (the others come through `event`). */
export const TYPED_EVENT_TYPES: readonly SimEventType[] = [
  'call.arrived',
  'call.answered',
  'call.abandoned',
  'call.callbackAccepted',
  'call.ended',
  'callback.created',
  'callback.dialed',
  'callback.attemptEnded',
  'callback.answered',
  'callback.connected',
  'callback.ended',
  'agent.state',
  'dialer.inFlight',
];
