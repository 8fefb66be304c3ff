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
  | { type: 'callback.dialed'; t: number; callback: number; queue: string; attempt: number; agent: number; createdAt: number }
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
  | { type: 'callback.connected'; t: number; callback: number; queue: string; agent: number; createdAt: number; waitedSince: number }
  | { type: 'callback.ended'; t: number; callback: number; queue: string; end: string; attempts: number; createdAt: number }
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
  | { type: 'dialer.inFlight'; t: number; queue: string; inFlight: number };

/** The `type` of every `SimEvent`. */
export type SimEventType = SimEvent['type'];
