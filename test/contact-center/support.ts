import type { Distribution } from '../../src/kernel/distributions.js';
import type { SimEvent } from '../../src/model/events.js';
import type { CalleeConfig, CallbackRequestConfig, DialOutcome, OutcomeProbabilities } from '../../src/model/scenario.js';
import { ofType } from '../helpers/record.js';
import { scenario } from '../helpers/scenario.js';

/** Shared helpers of the contact-center behaviour tests (not a test file). */

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A constant distribution. */
export const constant = (value: number): Distribution => ({ kind: 'constant', value });

/** Outcome probabilities where `outcome` always happens. */
export function always(outcome: DialOutcome): OutcomeProbabilities {
  return { live: 0, machine: 0, noAnswer: 0, busy: 0, invalid: 0, fax: 0, [outcome]: 1 };
}

/** The helper scenario's callee with constant ring (5 s) and signal (3 s) times, overridable. */
export function callee(overrides: Partial<CalleeConfig> = {}): CalleeConfig {
  return {
    ...scenario({ queues: [], agents: [], inbound: [] }).callee,
    ringTime: constant(5 * SECOND),
    ringTimeout: 30 * SECOND,
    signalTime: 3 * SECOND,
    patienceAfterAnswer: constant(10 * HOUR),
    ...overrides,
  };
}

/** A stream of callback requests (due at once) at `perHour`, or at `perHour[h]` by hour. */
export function requests(queueId: string, perHour: number | number[], talkTime: Distribution, wrapUp: Distribution = constant(0)): CallbackRequestConfig {
  return { queue: queueId, perHour: Array.isArray(perHour) ? perHour : new Array(24).fill(perHour), talkTime, wrapUp };
}

/** A per-hour profile that is `rate` during the local hours `[from, to)` and 0 otherwise. */
export function during(from: number, to: number, rate: number): number[] {
  return Array.from({ length: 24 }, (_, h) => (h >= from && h < to ? rate : 0));
}

/** The `callback.state` transitions of one callback, in order. */
export function transitionsOf(events: readonly SimEvent[], callback: number): Array<Extract<SimEvent, { type: 'callback.state' }>> {
  return ofType(events, 'callback.state').filter((e) => e.callback === callback);
}

/** The states one callback went through (its `to` states, in order). */
export function statesOf(events: readonly SimEvent[], callback: number): string[] {
  return transitionsOf(events, callback).map((e) => e.to);
}

/** Time of the first transition of `callback` into `state`, or undefined. */
export function enteredAt(events: readonly SimEvent[], callback: number, state: string): number | undefined {
  return transitionsOf(events, callback).find((e) => e.to === state)?.t;
}

/** Ids of the callbacks that ended, with their end. */
export function endings(events: readonly SimEvent[]): Map<number, Extract<SimEvent, { type: 'callback.ended' }>> {
  return new Map(ofType(events, 'callback.ended').map((e) => [e.callback, e]));
}

/**
 * Replays `agent.state` events and calls `visit` for every event with the
 * agents' states as they were just BEFORE that event (events of the same
 * instant that come earlier in the stream are applied).
 */
export function withAgentStates(events: readonly SimEvent[], visit: (event: SimEvent, index: number, states: ReadonlyMap<number, string>, idleSince: ReadonlyMap<number, number>) => void): void {
  const states = new Map<number, string>();
  const idleSince = new Map<number, number>();
  events.forEach((e, index) => {
    visit(e, index, states, idleSince);
    if (e.type === 'agent.state') {
      states.set(e.agent, e.to);
      if (e.to === 'idle') idleSince.set(e.agent, index);
      else idleSince.delete(e.agent);
    }
  });
}

/** Number of agents in `state` in a state map. */
export function countIn(states: ReadonlyMap<number, string>, state: string): number {
  let n = 0;
  for (const s of states.values()) if (s === state) n++;
  return n;
}

/** Intervals `[from, to)` an agent spent in each state; open intervals close at `horizon`. */
export function agentIntervals(events: readonly SimEvent[], agent: number, horizon: number): Array<{ state: string; from: number; to: number }> {
  const out: Array<{ state: string; from: number; to: number }> = [];
  let state = '';
  let since = 0;
  for (const e of ofType(events, 'agent.state')) {
    if (e.agent !== agent) continue;
    if (state !== '') out.push({ state, from: since, to: e.t });
    state = e.to;
    since = e.t;
  }
  if (state !== '') out.push({ state, from: since, to: horizon });
  return out;
}
