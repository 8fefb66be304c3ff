import fc from 'fast-check';
import type { AnyStateMachine } from 'xstate';
import { agentMachine, type AgentInput } from '../../src/machines/agent.js';
import { agentFirstCallbackMachine } from '../../src/machines/agent-first-callback.js';
import { callMachine, type CallInput } from '../../src/machines/call.js';
import type { AttemptFailure, AttemptPlan, CallbackInput } from '../../src/machines/callback-parts.js';
import { customerFirstCallbackMachine } from '../../src/machines/customer-first-callback.js';
import { reservationMachine, type ReservationInput } from '../../src/machines/reservation.js';
import { CompiledEngine } from '../../src/machines/compile/compiled-engine.js';
import { Mailbox, type MachineEngine, type MachineHost } from '../../src/machines/engine.js';
import { XStateEngine } from '../../src/machines/xstate-engine.js';
import { nestedInputArb, nestedMachine } from './compiled-nested-machine.js';

/** One call an engine made to its host, with its arguments. */
export type HostCall =
  | ['changed', number, string, string, unknown]
  | ['perform', number, string, unknown, unknown]
  | ['delay', number, string, number, unknown]
  | ['cancelDelay', number, string];

/** A pending delayed event, as the host keeps it. */
export interface PendingTimer {
  entity: number;
  id: string;
  delay: number;
  event: { type: string };
}

/** A host that records every call and keeps pending timers the way the world's clock does (a new timer with the same id replaces the old one). */
export class RecordingHost implements MachineHost<{ type: string }> {
  /** Every call, in order. */
  readonly calls: HostCall[] = [];
  /** Pending timers by `entity|id`, in the order they were (re)started. */
  readonly timers = new Map<string, PendingTimer>();

  perform(entity: number, action: string, params: Readonly<Record<string, unknown>> | undefined, event: { type: string }): void {
    this.calls.push(['perform', entity, action, params, event]);
  }

  delay(entity: number, id: string, delay: number, event: { type: string }): void {
    this.calls.push(['delay', entity, id, delay, event]);
    const key = `${entity}|${id}`;
    this.timers.delete(key);
    this.timers.set(key, { entity, id, delay, event });
  }

  cancelDelay(entity: number, id: string): void {
    this.calls.push(['cancelDelay', entity, id]);
    this.timers.delete(`${entity}|${id}`);
  }

  changed(entity: number, from: string, to: string, event: { type: string }): void {
    this.calls.push(['changed', entity, from, to, event]);
  }

  /** Forgets the pending timers of `entity`. */
  dropTimers(entity: number): void {
    for (const [key, timer] of this.timers) if (timer.entity === entity) this.timers.delete(key);
  }
}

/** An engine under test with its own host and mailbox. */
export interface Driven {
  engine: MachineEngine<unknown, { type: string }, unknown>;
  host: RecordingHost;
}

/** Both engines on the same machine, each with a recording host. */
export function enginePair(machine: AnyStateMachine): { xstate: Driven; compiled: Driven } {
  const xHost = new RecordingHost();
  const cHost = new RecordingHost();
  return {
    xstate: { engine: new XStateEngine(machine, xHost, new Mailbox()), host: xHost },
    compiled: { engine: new CompiledEngine(machine, cHost, new Mailbox()), host: cHost },
  };
}

/** The compiled engine alone, with a recording host. */
export function compiledEngine(machine: AnyStateMachine): Driven {
  const host = new RecordingHost();
  return { engine: new CompiledEngine(machine, host, new Mailbox()), host };
}

const FAILURES: readonly AttemptFailure[] = ['noAnswer', 'busy', 'machine', 'invalid', 'fax', 'abandonedAfterAnswer'];

/** Random callback inputs over the whole input space (small numbers, so retries run out). */
export const callbackInputArb: fc.Arbitrary<CallbackInput> = fc.record({
  maxRetryCount: fc.integer({ min: 0, max: 3 }),
  retryDelay: fc.integer({ min: 0, max: 86_400_000 }),
  retryOn: fc.subarray([...FAILURES]),
  dueDelay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 86_400_000 })),
  enableAutoDialAndEnd: fc.boolean(),
  autoDialDelay: fc.integer({ min: 0, max: 600_000 }),
  liveVoiceReaction: fc.constantFrom('TransferToQueue' as const, 'HangUp' as const, 'TransferToFlow' as const),
  machineReaction: fc.constantFrom('TransferToQueue' as const, 'HangUp' as const, 'TransferToFlow' as const),
  assignToQueueOnExpiration: fc.boolean(),
  complianceThreshold: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60_000 })),
  safeHarbourMessage: fc.boolean(),
  countAmdFalsePositives: fc.boolean(),
  checksPermit: fc.boolean(),
});

/** Random call inputs: patience, offer, voicemail and flow each absent (Infinity) or soon, so that every path is taken. */
export const callInputArb: fc.Arbitrary<CallInput> = fc.record({
  patience: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 600_000 })),
  offerAfter: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 600_000 })),
  acceptsOffer: fc.boolean(),
  voicemailAfter: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 600_000 })),
  leavesVoicemail: fc.boolean(),
  flowAfter: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 600_000 })),
  flowLoops: fc.boolean(),
});

/** Random reservation inputs. */
export const reservationInputArb: fc.Arbitrary<ReservationInput> = fc.record({ holdTime: fc.integer({ min: 0, max: 86_400_000 }), ownership: fc.boolean() });

/** Random attempt plans: every response and answer, with durations that may be 0 (no wrap-up) or Infinity (no patience). */
const planArb: fc.Arbitrary<AttemptPlan> = fc.record({
  response: fc.constantFrom('ring' as const, 'busy' as const, 'fax' as const, 'invalid' as const),
  answer: fc.constantFrom('live' as const, 'machine' as const, 'noAnswer' as const),
  signalDelay: fc.integer({ min: 0, max: 30_000 }),
  ringDuration: fc.integer({ min: 0, max: 60_000 }),
  patience: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 120_000 })),
  talk: fc.integer({ min: 0, max: 3_600_000 }),
  wrapUp: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600_000 })),
  greeting: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })),
  trulyLive: fc.boolean(),
});

/** Random agent inputs. */
export const agentInputArb: fc.Arbitrary<AgentInput> = fc.record({ notRespondingTime: fc.integer({ min: 0, max: 600_000 }) });

/** Payload fields that events of our machines carry; every random event carries all of them. */
const payloadArb = fc.record({
  dialDelay: fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.double({ noNaN: true })),
  dueDelay: fc.integer({ min: 0, max: 86_400_000 }),
  alertingTimeout: fc.integer({ min: 0, max: 60_000 }),
  answerTime: fc.oneof(fc.constant(0), fc.constant(Infinity), fc.integer({ min: 1, max: 60_000 })),
  wrapUp: fc.boolean(),
  plan: planArb,
  at: fc.integer({ min: 0, max: 86_400_000 }),
  talk: fc.integer({ min: 0, max: 3_600_000 }),
  wrap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600_000 })),
  voicemailAfter: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 600_000 })),
  leavesVoicemail: fc.boolean(),
  flowAfter: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 600_000 })),
  flowLoops: fc.boolean(),
  permitFor: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 86_400_000 })),
  delay: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 86_400_000 })),
});

/** What the harness reads of an XState state node. */
interface NodeLike {
  tags: readonly string[];
  transitions: Map<string, unknown>;
  states: Record<string, NodeLike>;
}

/** Every state node of `machine` below its root, in document order. */
function nodesOf(machine: AnyStateMachine): NodeLike[] {
  const out: NodeLike[] = [];
  const visit = (node: NodeLike): void => {
    for (const child of Object.values(node.states)) {
      out.push(child);
      visit(child);
    }
  };
  visit(machine.root as unknown as NodeLike);
  return out;
}

/** The event types `machine`'s states handle, at every depth, read through XState's own definition (`after` events included). */
export function eventTypes(machine: AnyStateMachine): string[] {
  return [...new Set(nodesOf(machine).flatMap((s) => [...s.transitions.keys()]))];
}

/** The tags `machine`'s states carry, at every depth. */
export function tagNames(machine: AnyStateMachine): string[] {
  return [...new Set(nodesOf(machine).flatMap((s) => s.tags))];
}

/** Two payloads that take the event guards of our machines both ways, for probing `can`. */
export const PROBE_PAYLOADS: ReadonlyArray<Record<string, unknown>> = [
  { dialDelay: 5_000, dueDelay: 60_000, alertingTimeout: 8_000, answerTime: 0, wrapUp: true, at: 0, talk: 60_000, wrap: 0 },
  { dialDelay: 0, dueDelay: 0, alertingTimeout: 0, answerTime: 5_000, wrapUp: false, at: 1_000, talk: 0, wrap: 30_000 },
];

/**
 * What an entity answers to queries: `hasTag` for every tag of the machine
 * (and one it does not have), `can` for every event type (and an unknown
 * one) with each probe payload.
 */
export function queriesOf(driven: Driven, machine: AnyStateMachine, entity: number) {
  const { engine } = driven;
  return {
    tags: Object.fromEntries([...tagNames(machine), 'NOT_A_TAG'].map((tag) => [tag, attempt(() => engine.hasTag(entity, tag))])),
    can: Object.fromEntries(
      [...eventTypes(machine), 'NOT_AN_EVENT'].map((type) => [type, PROBE_PAYLOADS.map((payload) => attempt(() => engine.can(entity, { type, ...payload })))]),
    ),
  };
}

/** Random events of `machine`: its own event types and an unknown one, carrying every payload field. */
export function eventArb(machine: AnyStateMachine): fc.Arbitrary<{ type: string }> {
  const types = [...eventTypes(machine), 'NOT_AN_EVENT'];
  return fc.tuple(fc.constantFrom(...types), payloadArb).map(([type, payload]) => ({ type, ...payload }));
}

/** Our machines and the synthetic nested one, with their input arbitraries. */
export const MACHINES: ReadonlyArray<{ name: string; machine: AnyStateMachine; input: fc.Arbitrary<unknown> }> = [
  { name: 'agent-first callback', machine: agentFirstCallbackMachine, input: callbackInputArb },
  { name: 'customer-first callback', machine: customerFirstCallbackMachine, input: callbackInputArb },
  { name: 'agent', machine: agentMachine, input: agentInputArb },
  { name: 'call', machine: callMachine, input: callInputArb },
  { name: 'reservation', machine: reservationMachine, input: reservationInputArb },
  { name: 'nested', machine: nestedMachine, input: nestedInputArb },
];

/** Runs `f`, returning its value or the message it threw. */
export function attempt<T>(f: () => T): { value: T } | { error: string } {
  try {
    return { value: f() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
