import { getShortestPaths } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import type { AttemptPlan, CallbackContext, CallbackEvent, CallbackInput } from '../../src/machines/callback-parts.js';
import { Mailbox } from '../../src/machines/engine.js';
import { XStateEngine } from '../../src/machines/xstate-engine.js';
import { RecordingHost } from './recording-host.js';

/** The entity id every callback test drives. */
export const ID = 1;
export const RETRY_DELAY = 600_000;

/** A callback's input, with the queue defaults of the tests. */
export function input(overrides: Partial<CallbackInput> = {}): CallbackInput {
  return {
    maxRetryCount: 1,
    retryDelay: RETRY_DELAY,
    retryOn: ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'],
    dueDelay: 0,
    enableAutoDialAndEnd: false,
    autoDialDelay: 300_000,
    liveVoiceReaction: 'TransferToQueue',
    machineReaction: 'HangUp',
    assignToQueueOnExpiration: true,
    complianceThreshold: 2_000,
    safeHarbourMessage: false,
    countAmdFalsePositives: false,
    checksPermit: false,
    ...overrides,
  };
}

/** An attempt answered by a live person: 2 s to ring-back, 10 s of ringing, 30 s of patience, 5 min of talk, 1 min of wrap-up. */
export const LIVE: AttemptPlan = { response: 'ring', answer: 'live', signalDelay: 2_000, ringDuration: 10_000, patience: 30_000, talk: 300_000, wrapUp: 60_000, greeting: 0, trulyLive: true };

/** The PLACED event of an attempt like `LIVE` with `changes`. */
export function placed(changes: Partial<AttemptPlan> = {}): CallbackEvent {
  return { type: 'PLACED', plan: { ...LIVE, ...changes } };
}

/** A step of a test: an event, or firing the pending timer named. */
export type Step = CallbackEvent | { fire: string };

/** The id XState gives the timer of `delay` on `state` (a dotted path) of machine `machine`. */
export function timer(machine: AnyStateMachine, delay: string, state: string): string {
  return `xstate.after.${delay}.${machine.id}.${state}`;
}

/** A callback of `machine` started with `overrides` and driven along `path`, its host's log cleared. */
export function setup(machine: AnyStateMachine, overrides: Partial<CallbackInput> = {}, path: Step[] = []) {
  const host = new RecordingHost<CallbackEvent>();
  const engine = new XStateEngine<CallbackInput, CallbackEvent, CallbackContext>(machine, host, new Mailbox());
  engine.start(ID, input(overrides));
  const step = (s: Step) => engine.send(ID, 'fire' in s ? host.due(ID, s.fire) : s);
  for (const s of path) step(s);
  host.take();
  return { host, engine, step, state: () => engine.stateOf(ID), context: () => engine.contextOf(ID) };
}

/** The log of a failed attempt leaving `from` for `to`, after the exits `exit`. */
export function failedTo(machine: AnyStateMachine, failure: string, to: 'waitingRetry' | 'exhausted' | 'disconnected', from: string, exit: string[] = []): string[] {
  const log = [`${from}>${to}`, ...exit, `attemptFailed {"failure":"${failure}"}`];
  if (to === 'waitingRetry') log.push(`delay ${timer(machine, 'retryDelay', 'waitingRetry')} ${RETRY_DELAY}`);
  else log.push(`finish {"end":"${to}"}`);
  return log;
}

/** The leaf state of an XState state value (`{ answered: 'offered' }` → `offered`). */
export function leafOf(value: unknown): string {
  let v = value;
  while (typeof v === 'object' && v !== null) v = Object.values(v)[0];
  return String(v);
}

/** The shortest path (the leaf states along it) to each state of `machine` from a callback with `overrides`, trying `events` in every state. */
export function shortestPaths(machine: AnyStateMachine, overrides: Partial<CallbackInput>, events: CallbackEvent[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of getShortestPaths(machine, { input: input(overrides), events })) {
    const state = leafOf(p.state.value);
    const steps = p.steps.map((s) => leafOf(s.state.value));
    if (!out.has(state) || steps.length < out.get(state)!.length) out.set(state, steps);
  }
  return out;
}

/** The world's answers to `checkPermit`, and the timers of the permit states of `machine`, for the reachability tests. */
export function permitEvents(machine: AnyStateMachine): CallbackEvent[] {
  const timers = ['waitingForHours', 'waitingForLockout', 'waitingForAttempts'].map((state) => ({ type: timer(machine, 'permitDelay', state) }) as unknown as CallbackEvent);
  return [
    { type: 'PERMITTED', permitFor: 3_600_000 },
    { type: 'WAIT_FOR_HOURS', delay: 1_000 },
    { type: 'WAIT_FOR_LOCKOUT', delay: 1_000 },
    { type: 'WAIT_FOR_ATTEMPTS', delay: 1_000 },
    { type: 'ON_DO_NOT_CALL_LIST' },
    { type: 'ATTEMPTS_CAPPED' },
    { type: 'DIAL_REFUSED' },
    { type: timer(machine, 'permitFor', 'queued') } as unknown as CallbackEvent,
    ...timers,
  ];
}
