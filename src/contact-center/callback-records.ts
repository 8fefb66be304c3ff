import { sampler, type Sampler } from '../kernel/distributions.js';
import type { CallbackContext, CallbackEvent, CallbackInput } from '../machines/callback-parts.js';
import type { MachineEngine } from '../machines/engine.js';
import type { CallbackKind } from '../model/events.js';
import { blankPlan, type DialPlan } from './callee.js';
import { nowhere, type AgentRequester, type Place, type Routing } from './waiting-lines.js';
import type { QueueRuntime } from './world-context.js';

/** The engine that runs the chart of a callback (one per mode). */
export type CallbackChart = MachineEngine<CallbackInput, CallbackEvent, CallbackContext>;

/** A position before any real one, for customers put at the front of the queue. */
const FRONT_OF_QUEUE = 1e11;

/** A placeholder sampler for a blank record. */
const NO_SAMPLER: Sampler = sampler({ kind: 'constant', value: 0 });

/**
 * What the world keeps of one callback beside its chart: who and where it
 * is for, its agents, and the facts it reports. Nothing here repeats the
 * chart's state; the chart says where the callback is in its life.
 */
export class CallbackRecord {
  id = 0;
  /** The engine running this callback's chart (fixed at creation by the queue's mode). */
  chart: CallbackChart;
  queue: QueueRuntime;
  kind: CallbackKind = 'requested';
  createdAt = 0;
  position = 0;
  customer = 0;
  customerSource = 0;
  talk: Sampler = NO_SAMPLER;
  wrap: Sampler = NO_SAMPLER;
  skills = 0;
  priority = 0;
  /** The number dialed, or null for a number generated from the customer's identity (see `numberOf`). */
  number: string | null = null;
  /** The callee's name, or null for a generated customer's (see `calleeOf`). */
  callee: string | null = null;
  callerId = '';
  callerName: string | null = null;
  label: string | null = null;
  /** Simulated ms the callback is due (scheduled callbacks), else -1. */
  scheduledAt = -1;
  /** Owning agent, or -1. */
  owner = -1;
  /** Whether the ownership's clock has been started (it starts the first time the callback waits for an agent). */
  ownershipStarted = false;
  /** Agent the callback is reserved for while it waits (owner, route to me, preferred agent), or -1. */
  reservedFor = -1;
  /** ms a first-agent reservation lasts once the callback waits; 0 once it has started or for none. */
  reservationWait = 0;
  /** A reservation (ownership or first-agent wait) is held for this callback. */
  reserved = false;
  /** Last state change after creation (for the 14-day analytics rule). */
  lastUpdate = 0;
  /** The agent working on the callback (alerted, dialing or talking), or -1. */
  agent = -1;
  /** The callback's request for an agent, and where it waits (for an agent, or for the dialer; its line is null when it waits in none). */
  readonly place: Place;
  /** Time the reserved agent answered the offer (Agent First), else -1. */
  agentSince = -1;
  /** Time the customer answered the current Customer First attempt, else -1. */
  answeredAt = -1;
  /** ms the person who answered the current Customer First attempt waits for an agent (its plan's patience). */
  patience = 0;
  /** Time the current Customer First attempt reached an agent, else -1. */
  connectedAt = -1;
  /** The callee's plan of the current dial attempt, or null before the first dial. */
  plan: DialPlan | null = null;
  /** Simulated time the callback's dial permit lapses (its customer's calling window closes); Infinity: it does not. */
  permitUntil = Infinity;
  /** Agent First: the end of the window in which an agent's dial was refused (the next permit starts no earlier), else -1. */
  dialRefusedUntil = -1;
  /** Bits of the reasons the callback has waited for its permit (see `DialPermits`). */
  permitWaits = 0;
  /** The object `plan` is written into (kept with the record for its next occupants). */
  planStore: DialPlan = blankPlan();

  constructor(chart: CallbackChart, queue: QueueRuntime, requester: AgentRequester) {
    this.chart = chart;
    this.queue = queue;
    this.place = nowhere(requester);
  }

  /** When the callback became due: its scheduled time, or its creation for callbacks due at once. */
  get dueAt(): number {
    return this.scheduledAt >= 0 ? this.scheduledAt : this.createdAt;
  }

  /** The callback's attempts so far, as its chart counts them. */
  get attempts(): number {
    return this.chart.read(this.id, 'attempts');
  }
}

/** Where a customer who answered a Customer First dial is put in the queue. */
export function answeredPosition(record: CallbackRecord): number {
  switch (record.queue.config.callback.answeredPosition) {
    case 'front':
      return -FRONT_OF_QUEUE;
    case 'back':
      return record.answeredAt;
    default:
      return record.position;
  }
}

/** How the callback is routed to agents now, written into `routing` (the pool reads it and keeps nothing). */
export function routingOf(record: CallbackRecord, position: number, routing: Routing): Routing {
  routing.queue = record.queue.index;
  routing.priority = record.priority;
  routing.position = position;
  routing.skills = record.skills;
  routing.reservedFor = record.reservedFor;
  return routing;
}

/**
 * The callbacks not yet ended, by id, and the records of ended ones kept
 * for reuse: records live long, and would otherwise all be copied out of
 * the young generation by the garbage collector.
 */
export class CallbackRecords {
  /** By id (ids are handed out in order, so this is an array). */
  private readonly byId: Array<CallbackRecord | undefined> = [];
  private readonly free: CallbackRecord[] = [];
  private readonly labels = new Map<string, number>();
  private live = 0;
  private nextId = 1;

  /** Number of callbacks not yet ended. */
  get active(): number {
    return this.live;
  }

  /** A record for a new callback, with its id, chart and queue set, asking `requester`'s agents (the caller sets the rest). */
  take(chart: CallbackChart, queue: QueueRuntime, requester: AgentRequester): CallbackRecord {
    const record = this.free.length > 0 ? this.free.pop()! : new CallbackRecord(chart, queue, requester);
    record.id = this.nextId++;
    record.place.id = record.id;
    record.chart = chart;
    record.queue = queue;
    return record;
  }

  /** Makes `record` an active callback (findable by id and label). */
  add(record: CallbackRecord): void {
    this.byId[record.id] = record;
    this.live++;
    if (record.label !== null) this.labels.set(record.label, record.id);
  }

  /** The active callback `id`; throws if there is none. */
  get(id: number): CallbackRecord {
    const record = this.byId[id];
    if (!record) throw new Error(`callback ${id} does not exist`);
    return record;
  }

  /** The active callback `id`, or undefined once it has ended. */
  find(id: number): CallbackRecord | undefined {
    return this.byId[id];
  }

  /** The active callback named `label` in the scenario, if any. */
  byLabel(label: string): number | undefined {
    return this.labels.get(label);
  }

  /** Every active callback, in id order. */
  *all(): IterableIterator<CallbackRecord> {
    for (const record of this.byId) if (record !== undefined) yield record;
  }

  /** Forgets an ended callback and keeps its record for a later one, without what it referred to. */
  remove(record: CallbackRecord): void {
    this.byId[record.id] = undefined;
    this.live--;
    if (record.label !== null) this.labels.delete(record.label);
    record.place.line = null;
    record.plan = null;
    record.label = null;
    record.number = null;
    record.callee = null;
    record.callerName = null;
    this.free.push(record);
  }
}
