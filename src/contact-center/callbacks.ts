import { NO_RANDOM, sampleWhole, type Sampler } from '../kernel/distributions.js';
import { sampler } from '../kernel/distributions.js';
import {
  callbackMachine,
  type AttemptFailure,
  type CallbackContext,
  type CallbackEvent,
  type CallbackInput,
} from '../machines/callback.js';
import type { MachineEngine } from '../machines/engine.js';
import type { CallbackKind } from '../model/events.js';
import type { CallbackSelector } from '../model/scenario.js';
import { WorkKind, workRef, type AgentPool, type WorkOwner } from './agent-pool.js';
import { blankPlan, Callee, rings, type DialPlan } from './callee.js';
import type { SkillBook } from './skills.js';
import { nowhere, type Place, type Routing } from './waiting-lines.js';
import type { EngineFactory, QueueRuntime, World } from './world-context.js';

/** What a new callback is made of. */
export interface NewCallback {
  kind: CallbackKind;
  /** Index of the queue it is for. */
  queue: number;
  /** Position in the queue (ms): the original enqueue time for in-queue callbacks. */
  position: number;
  /** The customer's identity (index within their stream, and the stream), for their own random draws. */
  customer: number;
  customerSource: number;
  /** ms until due (scheduled callbacks); 0 or absent for at once. */
  dueDelay?: number;
  /** The customer's talk time once connected (a queue's callback talkTime overrides it). */
  talk: Sampler;
  /** The after-call work (a queue's callback wrapUp overrides it). */
  wrap: Sampler;
  /** Skills and priority of the interaction it came from (kept with `preserveSkillsAndPriority`). */
  origin?: { skills: readonly string[]; priority: number };
  /** The agent who owns it (agent-owned callbacks). */
  owner?: number;
  /** The agent it goes to first, and how long it waits for them (route to me, preferred agent). */
  firstAgent?: { agent: number; wait: number };
  /** The number dialed; generated from the customer's identity when absent. */
  number?: string;
  callee?: string;
  /** Caller ID and name set by a flow's Call Data step; default the queue's ANI. */
  callerId?: string;
  callerName?: string;
  /** Name in the scenario (listed callbacks), for operations. */
  label?: string;
}

/** What an operation on a callback did. */
export type OperationResult = { applied: true } | { applied: false; reason: string };

/** One row of the Scheduled Callbacks view. */
export interface ScheduledCallbackRow {
  id: number;
  label: string | null;
  queue: string;
  kind: CallbackKind;
  /** Simulated ms the callback is (or was) due. */
  scheduledAt: number;
  callee: string;
  number: string;
  state: string;
  /** The owning agent as group#n, or '' when nobody owns it. */
  owner: string;
}

/** Editing an owned callback is refused this close to its scheduled time. */
export const OWNED_EDIT_FREEZE_MS = 15 * 60_000;
/** A callback with no scheduled time and no update for this long after creation is ended in analytics. */
export const ANALYTICS_INACTIVE_MS = 14 * 86_400_000;
/** How far ahead a callback can be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 30 * 86_400_000;

/** Draws from a customer's own random streams (the same ones their inbound call used). */
export interface CustomerDraws {
  talkPurposeKey: number;
  wrapPurposeKey: number;
  listenPurposeKey: number;
  customerStream(purpose: number, customer: number, source: number): { next(): number };
}

/** Notified when Customer First callbacks are waiting to be dialed or dials end. */
export interface DialerHooks {
  /** Callbacks are waiting to be dialed on `queue`, or a dial slot may have freed up. */
  poke(queue: number): void;
  /** A customer who answered on `queue` reached an agent (`abandoned` false) or hung up waiting (true). */
  answerResolved(queue: number, abandoned: boolean): void;
}

/** The callback machine's events without data, made once (engines and hosts only read events). */
const EVENT = Object.freeze({
  CANCEL: Object.freeze({ type: 'CANCEL' }) as CallbackEvent,
  REQUEUE: Object.freeze({ type: 'REQUEUE' }) as CallbackEvent,
  DIAL: Object.freeze({ type: 'DIAL' }) as CallbackEvent,
  EXPIRE: Object.freeze({ type: 'EXPIRE' }) as CallbackEvent,
  RING: Object.freeze({ type: 'RING' }) as CallbackEvent,
  BUSY: Object.freeze({ type: 'BUSY' }) as CallbackEvent,
  FAX: Object.freeze({ type: 'FAX' }) as CallbackEvent,
  INVALID: Object.freeze({ type: 'INVALID' }) as CallbackEvent,
  LIVE: Object.freeze({ type: 'LIVE' }) as CallbackEvent,
  MACHINE: Object.freeze({ type: 'MACHINE' }) as CallbackEvent,
  NO_ANSWER: Object.freeze({ type: 'NO_ANSWER' }) as CallbackEvent,
  PATIENCE_END: Object.freeze({ type: 'PATIENCE_END' }) as CallbackEvent,
  WRAP_END: Object.freeze({ type: 'WRAP_END' }) as CallbackEvent,
  OFFER: Object.freeze({ type: 'OFFER' }) as CallbackEvent,
  OFFER_MISSED: Object.freeze({ type: 'OFFER_MISSED' }) as CallbackEvent,
  TALK_END: Object.freeze({ type: 'TALK_END' }) as CallbackEvent,
} satisfies Record<string, CallbackEvent>);

/** Agent First callbacks with no dial delay get this AGENT_ANSWER (Customer First ones always). */
const AGENT_ANSWER_AT_ONCE: CallbackEvent = Object.freeze({ type: 'AGENT_ANSWER', dialDelay: 0 });

/** A position before any real one, for customers put at the front of the queue. */
const FRONT_OF_QUEUE = 1e11;

interface CallbackRecord {
  id: number;
  queue: QueueRuntime;
  kind: CallbackKind;
  createdAt: number;
  position: number;
  customer: number;
  customerSource: number;
  talk: Sampler;
  wrap: Sampler;
  skills: number;
  priority: number;
  /** The number dialed, or null for a number generated from the customer's identity (made when needed: see `numberOf`). */
  number: string | null;
  /** The callee's name, or null for a generated customer's (see `calleeOf`). */
  callee: string | null;
  callerId: string;
  callerName: string | null;
  label: string | null;
  /** Simulated ms the callback is due (scheduled callbacks), else -1. */
  scheduledAt: number;
  /** Owning agent, or -1. */
  owner: number;
  ownershipHandle: number;
  /** Agent the callback is reserved for while it waits (owner, route to me, preferred agent), or -1. */
  reservedFor: number;
  /** ms a first-agent reservation lasts once the callback waits; 0 once it has started or for none. */
  reservationWait: number;
  reservationHandle: number;
  /** Last state change after creation (for the 14-day analytics rule). */
  lastUpdate: number;
  agent: number;
  /** Where the callback waits (for an agent, or for the dialer; its line is null when it waits in none). */
  readonly place: Place;
  /** Time the reserved agent answered the offer (Agent First), else -1. */
  agentSince: number;
  dialedAt: number;
  calleeHandle: number;
  calleeNext: CallbackEvent | null;
  /** The plan of the current dial attempt, or null before the first dial. */
  plan: DialPlan | null;
  /** The object `plan` is written into (kept with the record for its next occupants). */
  planStore: DialPlan | null;
  patienceHandle: number;
  waitingSince: number;
  /** A Customer First dial of this callback is in flight (ringing, or answered and waiting for an agent). */
  inFlight: boolean;
  /** The customer answered and is waiting for an agent (Customer First). */
  awaiting: boolean;
}

/**
 * Callbacks: their statecharts and what their actions do in the world —
 * queueing at the original position, agents reserved and dialing (Agent
 * First), calls placed with the queue's ANI, the callee's response, talk and
 * wrap-up, retries and ends.
 */
export class CallbackCenter implements WorkOwner {
  /** The callback statechart engine. */
  readonly engine: MachineEngine<CallbackInput, CallbackEvent, CallbackContext>;
  /** The callbacks not yet ended, by id (ids are handed out in order, so this is an array). */
  private readonly records: Array<CallbackRecord | undefined> = [];
  private live = 0;
  /** Records of ended callbacks, for reuse. */
  private readonly freeRecords: CallbackRecord[] = [];
  private nextId = 1;
  private readonly labels = new Map<string, number>();
  private readonly calleeKind: number;
  private readonly patienceKind: number;
  private readonly reservationKind: number;
  private readonly ownershipKind: number;
  private readonly analyticsKind: number;
  /** Every analytics check comes 14 days after its callback's creation: a delay line, not the heap. */
  private readonly analyticsLine: number;
  private readonly callee: Callee;
  private readonly talkOverride: Array<Sampler | undefined>;
  private readonly listenTime: Array<Sampler | undefined>;
  private readonly wrapOverride: Array<Sampler | undefined>;
  private customers!: CustomerDraws;
  private readonly queueSkillSets: Array<number | undefined> = [];
  private readonly dueNowInputs: Array<CallbackInput | undefined> = [];
  /** See `routingOf`. */
  private readonly routing: Routing = { queue: 0, priority: 0, position: 0, skills: 0, reservedFor: -1 };
  private dialer: DialerHooks | null = null;
  /** Customer First dials in flight per queue (ringing, or answered and waiting for an agent). */
  readonly inFlight: Int32Array;
  /** Customer First customers per queue who answered and wait for an agent. */
  readonly waitingForAgent: Int32Array;

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly skills: SkillBook,
    createEngine: EngineFactory,
  ) {
    const { sim } = world;
    this.calleeKind = sim.register('callback.callee', (id) => this.calleeEvent(id));
    this.patienceKind = sim.register('callback.patienceEnd', (id) => this.patienceEnd(id));
    this.reservationKind = sim.register('callback.reservationEnd', (id) => this.reservationEnd(id));
    this.ownershipKind = sim.register('callback.ownershipEnd', (id) => this.ownershipEnd(id));
    this.analyticsKind = sim.register('callback.analyticsCheck', (id) => this.analyticsCheck(id));
    this.analyticsLine = sim.delayLine(ANALYTICS_INACTIVE_MS);
    this.callee = new Callee(world.scenario.callee, world.streams, world.calendar);
    this.talkOverride = world.queues.map((q) => (q.config.callback.talkTime ? sampler(q.config.callback.talkTime) : undefined));
    this.wrapOverride = world.queues.map((q) => (q.config.callback.wrapUp ? sampler(q.config.callback.wrapUp) : undefined));
    this.listenTime = world.queues.map((q) => (q.config.voicemail ? sampler(q.config.voicemail.listenTime) : undefined));
    this.inFlight = new Int32Array(world.queues.length);
    this.waitingForAgent = new Int32Array(world.queues.length);
    const timers = world.timers.forEngine<CallbackEvent>((id, e) => this.engine.send(id, e));
    this.engine = createEngine('callback', callbackMachine, {
      perform: (id, action, params) => this.perform(id, action, params),
      delay: timers.delay,
      cancelDelay: timers.cancelDelay,
      changed: (id, from, to, event) => {
        const record = this.records[id]!;
        const now = this.world.sim.now;
        if (now > record.createdAt) record.lastUpdate = now;
        this.world.channel.callbackState(now, id, record.queue.index, from, to, event.type);
      },
    });
    pool.setOwner(WorkKind.Callback, this);
  }

  /** The skill set of queue `queue`'s own skills (looked up once per queue). */
  private queueSkills(queue: number): number {
    let set = this.queueSkillSets[queue];
    if (set === undefined) set = this.queueSkillSets[queue] = this.skills.setOf(this.world.queues[queue].config.skills);
    return set;
  }

  /** Connects the customer draws of the inbound side. */
  setCustomers(customers: CustomerDraws): void {
    this.customers = customers;
  }

  /** Connects the Customer First dialer. */
  setDialer(dialer: DialerHooks): void {
    this.dialer = dialer;
  }

  /** Number of callbacks not yet ended. */
  get active(): number {
    return this.live;
  }

  /** Creates a callback and starts its statechart; returns its id. Nothing of `spec` itself is kept (a caller may reuse it). */
  create(spec: NewCallback): number {
    const id = this.nextId++;
    const queue = this.world.queues[spec.queue];
    const settings = queue.config.callback;
    const now = this.world.sim.now;
    const dueDelay = Math.min(spec.dueDelay ?? 0, MAX_SCHEDULE_AHEAD_MS);
    const preserved = settings.preserveSkillsAndPriority && spec.origin;
    const owner = spec.owner ?? -1;
    const first = owner >= 0 ? { agent: owner, wait: 0 } : spec.firstAgent;
    // A record of a callback that has ended is reused: records live long, and would otherwise
    // all be copied out of the young generation by the garbage collector.
    const record = this.freeRecords.length > 0 ? this.freeRecords.pop()! : blankRecord(queue);
    record.id = id;
    record.queue = queue;
    record.kind = spec.kind;
    record.createdAt = now;
    record.position = spec.position;
    record.customer = spec.customer;
    record.customerSource = spec.customerSource;
    record.talk = this.talkOverride[queue.index] ?? spec.talk;
    record.wrap = this.wrapOverride[queue.index] ?? spec.wrap;
    record.skills = preserved ? this.skills.setOf(spec.origin!.skills) : this.queueSkills(queue.index);
    record.priority = preserved ? spec.origin!.priority : settings.priority;
    record.number = spec.number ?? null;
    record.callee = spec.callee ?? null;
    record.callerId = spec.callerId ?? queue.config.ani;
    record.callerName = spec.callerName ?? null;
    record.label = spec.label ?? null;
    record.scheduledAt = spec.kind === 'inQueue' || spec.kind === 'requested' || spec.kind === 'voicemail' ? -1 : now + dueDelay;
    record.owner = owner;
    record.ownershipHandle = 0;
    record.reservedFor = first ? first.agent : -1;
    record.reservationWait = first && owner < 0 ? first.wait : 0;
    record.reservationHandle = 0;
    record.lastUpdate = now;
    record.agent = -1;
    record.place.line = null;
    record.agentSince = -1;
    record.dialedAt = -1;
    record.calleeHandle = 0;
    record.calleeNext = null;
    record.plan = null;
    record.patienceHandle = 0;
    record.waitingSince = -1;
    record.inFlight = false;
    record.awaiting = false;
    this.records[id] = record;
    this.live++;
    if (record.label !== null) this.labels.set(record.label, id);
    this.world.channel.callbackCreated(now, id, queue.index, spec.kind, settings.mode, spec.position);
    if (record.scheduledAt < 0) this.world.sim.scheduleOn(this.analyticsLine, this.analyticsKind, id);
    this.engine.start(id, dueDelay === 0 ? this.dueNowInput(queue) : this.machineInput(queue, dueDelay));
    return id;
  }

  /** The machine input of a callback on `queue` due in `dueDelay` ms. */
  private machineInput(queue: QueueRuntime, dueDelay: number): CallbackInput {
    const settings = queue.config.callback;
    return {
      mode: settings.mode,
      maxRetryCount: settings.maxRetryCount,
      retryDelay: settings.retryDelay,
      retryOn: settings.retryOn,
      dueDelay,
      enableAutoDialAndEnd: settings.enableAutoDialAndEnd,
      autoDialDelay: settings.autoDialDelay,
      liveVoiceReaction: settings.liveVoiceReactionType,
      machineReaction: settings.answeringMachineReactionType,
      assignToQueueOnExpiration: settings.agentOwnedCallbacks.assignToQueueOnExpiration,
    };
  }

  /** The machine input of a callback on `queue` due at once: one frozen object per queue (engines may reuse what they made of it). */
  private dueNowInput(queue: QueueRuntime): CallbackInput {
    return (this.dueNowInputs[queue.index] ??= Object.freeze(this.machineInput(queue, 0)));
  }

  /** Ids of the active callbacks an operation selects: named ones, or those matching a filter. */
  select(selector: CallbackSelector): number[] {
    if ('ids' in selector) return selector.ids.map((label) => this.labels.get(label)).filter((id): id is number => id !== undefined);
    const out: number[] = [];
    for (const record of this.records) {
      if (record === undefined) continue;
      if (selector.queue !== undefined && record.queue.config.id !== selector.queue) continue;
      if (selector.kind !== undefined && record.kind !== selector.kind) continue;
      if (selector.state !== undefined && this.engine.stateOf(record.id) !== selector.state) continue;
      out.push(record.id);
    }
    return out;
  }

  /** The name and queue of a callback, for reports. */
  describe(id: number): { label: string | null; queue: string } {
    const record = this.record(id);
    return { label: record.label, queue: record.queue.config.id };
  }

  /** Cancels a callback that is not in a call. */
  cancel(id: number): OperationResult {
    const refused = this.editRefused(id, ['scheduled', 'queued', 'waitingRetry']);
    if (refused) return refused;
    this.engine.send(id, EVENT.CANCEL);
    return { applied: true };
  }

  /** Moves a callback that is not in a call to a new due time (at most 30 days ahead). */
  reschedule(id: number, dueAt: number): OperationResult {
    const refused = this.editRefused(id, ['scheduled', 'queued', 'waitingRetry']);
    if (refused) return refused;
    const now = this.world.sim.now;
    if (dueAt - now > MAX_SCHEDULE_AHEAD_MS) return { applied: false, reason: 'a callback can be scheduled at most 30 days ahead' };
    const record = this.record(id);
    record.scheduledAt = Math.max(now, dueAt);
    this.engine.send(id, { type: 'RESCHEDULE', dueDelay: record.scheduledAt - now });
    return { applied: true };
  }

  /** Gives an agent-owned callback to another agent (its new owner) or moves it to another queue. */
  reassign(id: number, to: { queue?: number; agent?: number }): OperationResult {
    const record = this.record(id);
    if (record.owner < 0) return { applied: false, reason: 'only agent-owned callbacks can be reassigned' };
    const refused = this.editRefused(id, ['scheduled', 'queued', 'waitingRetry']);
    if (refused) return refused;
    if (to.agent !== undefined) {
      if (!this.pool.serves(to.agent, record.queue.index)) {
        return { applied: false, reason: `${this.pool.nameOf(to.agent)} does not serve queue ${record.queue.config.id}` };
      }
      record.owner = to.agent;
      record.reservedFor = to.agent;
    }
    if (to.queue !== undefined) record.queue = this.world.queues[to.queue];
    if (this.engine.stateOf(id) === 'queued') this.engine.send(id, EVENT.REQUEUE);
    return { applied: true };
  }

  /** Why an edit of a callback is refused now, if it is: a call in progress, or an owned callback within 15 minutes of its time. */
  private editRefused(id: number, editableStates: readonly string[]): OperationResult | null {
    const record = this.record(id);
    const state = this.engine.stateOf(id);
    if (!editableStates.includes(state)) return { applied: false, reason: `the callback is ${state}, not waiting` };
    if (record.owner >= 0 && record.scheduledAt >= 0 && Math.abs(this.world.sim.now - record.scheduledAt) < OWNED_EDIT_FREEZE_MS) {
      return { applied: false, reason: 'an owned callback cannot be edited within 15 minutes of its scheduled time' };
    }
    return null;
  }

  /** The Scheduled Callbacks view: every active callback with a scheduled time. */
  scheduledView(): ScheduledCallbackRow[] {
    const rows: ScheduledCallbackRow[] = [];
    for (const record of this.records) {
      if (record === undefined) continue;
      if (record.scheduledAt < 0) continue;
      rows.push({
        id: record.id,
        label: record.label,
        queue: record.queue.config.id,
        kind: record.kind,
        scheduledAt: record.scheduledAt,
        callee: calleeOf(record),
        number: numberOf(record),
        state: this.engine.stateOf(record.id),
        owner: record.owner >= 0 ? this.pool.nameOf(record.owner) : '',
      });
    }
    return rows.sort((a, b) => a.scheduledAt - b.scheduledAt || a.id - b.id);
  }

  /** The number callback `id` dials, its caller ID and caller name. */
  dialDetails(id: number): { number: string; callerId: string; callerName: string | null } {
    const record = this.record(id);
    return { number: numberOf(record), callerId: record.callerId, callerName: record.callerName };
  }

  /** Dials a Customer First callback now (the dialer's decision). */
  dial(id: number): void {
    this.engine.send(id, EVENT.DIAL);
  }

  private record(id: number): CallbackRecord {
    const record = this.records[id];
    if (!record) throw new Error(`callback ${id} does not exist`);
    return record;
  }

  private perform(id: number, action: string, params: Readonly<Record<string, unknown>> | undefined): void {
    const record = this.record(id);
    switch (action) {
      case 'enqueue':
        return this.enqueue(record);
      case 'dequeue':
        return this.dequeue(record);
      case 'placeCall':
        return this.placeCall(record);
      case 'attemptFailed':
        return this.attemptFailed(record, params?.failure as AttemptFailure);
      case 'awaitAgent':
        return this.awaitAgent(record);
      case 'agentReached':
        return this.cancelPatience(record);
      case 'startTalk':
        return this.startTalk(record);
      case 'startWrapUp':
        return this.startWrapUp(record);
      case 'finish':
        return this.finish(record, String(params?.end));
      case 'releaseOwnership':
        return this.releaseOwnership(record);
      default:
        throw new Error(`callback machine: unknown action ${action}`);
    }
  }

  private enqueue(record: CallbackRecord): void {
    const queue = record.queue;
    const ref = workRef(WorkKind.Callback, record.id);
    const waitingForDialer = this.engine.stateOf(record.id) === 'queued' && queue.config.callback.mode === 'CustomerFirst';
    if (waitingForDialer) {
      record.place.ticket = queue.toDial.push(ref, record.priority, record.position);
      record.place.line = queue.toDial;
      this.dialer?.poke(queue.index);
      return;
    }
    this.startReservation(record);
    this.pool.place(ref, this.routingOf(record), record.place);
  }

  /** How the callback is routed to agents now (in an object reused by the next call: the pool reads it and keeps nothing). */
  private routingOf(record: CallbackRecord): Routing {
    const routing = this.routing;
    routing.queue = record.queue.index;
    routing.priority = record.priority;
    routing.position = this.positionOf(record);
    routing.skills = record.skills;
    routing.reservedFor = record.reservedFor;
    return routing;
  }

  /** Starts the clocks of a reservation when the callback first waits for an agent: ownership, or the first-agent wait. */
  private startReservation(record: CallbackRecord): void {
    const now = this.world.sim.now;
    if (record.owner >= 0 && record.ownershipHandle === 0) {
      const maxOwnership = record.queue.config.callback.agentOwnedCallbacks.maxOwnership;
      record.ownershipHandle = this.world.sim.schedule(Math.max(now, record.scheduledAt) + maxOwnership, this.ownershipKind, record.id);
    }
    if (record.reservationWait > 0) {
      record.reservationHandle = this.world.sim.after(record.reservationWait, this.reservationKind, record.id);
      record.reservationWait = 0;
    }
  }

  /** The first-agent wait is over: anyone on the queue may take the callback. */
  private reservationEnd(id: number): void {
    const record = this.records[id];
    if (!record) return;
    record.reservationHandle = 0;
    if (record.owner >= 0) return;
    this.unreserve(record);
  }

  /** Routes a waiting callback to anyone on its queue from now on. */
  private unreserve(record: CallbackRecord): void {
    if (record.reservedFor < 0) return;
    record.reservedFor = -1;
    const place = record.place;
    if (place.line !== null && place.line !== record.queue.toDial) {
      this.pool.withdraw(place);
      this.pool.place(workRef(WorkKind.Callback, record.id), this.routingOf(record), place);
    }
  }

  private ownershipEnd(id: number): void {
    const record = this.records[id];
    if (!record) return;
    record.ownershipHandle = 0;
    this.engine.send(id, EVENT.EXPIRE);
  }

  private releaseOwnership(record: CallbackRecord): void {
    record.owner = -1;
    record.reservedFor = -1;
  }

  private analyticsCheck(id: number): void {
    const record = this.records[id];
    if (!record || record.lastUpdate > record.createdAt) return;
    this.world.emit({ type: 'callback.analyticsEnded', t: this.world.sim.now, callback: id, queue: record.queue.config.id, createdAt: record.createdAt, state: this.engine.stateOf(id) });
  }

  /** Queue position: the callback's own, except for a Customer First customer waiting after answering. */
  private positionOf(record: CallbackRecord): number {
    if (record.waitingSince < 0) return record.position;
    switch (record.queue.config.callback.answeredPosition) {
      case 'front':
        return -FRONT_OF_QUEUE;
      case 'back':
        return record.waitingSince;
      default:
        return record.position;
    }
  }

  private dequeue(record: CallbackRecord): void {
    if (record.place.line !== null) this.pool.withdraw(record.place);
  }

  /** The dialer took this callback off the `toDial` queue. */
  takenByDialer(id: number): void {
    this.record(id).place.line = null;
  }

  private placeCall(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const attempt = this.engine.read(record.id, 'attempts');
    // One plan object per callback, rewritten on each attempt.
    const plan = (record.plan = this.callee.planInto((record.planStore ??= blankPlan()), record.customer, record.customerSource, attempt, now));
    record.dialedAt = now;
    if (record.agent < 0) {
      record.inFlight = true;
      this.inFlight[record.queue.index]++;
      this.emitInFlight(record.queue);
    }
    this.world.channel.callbackDialed(now, record.id, record.queue.index, attempt, record.agent, record.createdAt, dueAtOf(record));
    const first: CallbackEvent = rings(plan.outcome)
      ? EVENT.RING
      : plan.outcome === 'busy'
        ? EVENT.BUSY
        : plan.outcome === 'fax'
          ? EVENT.FAX
          : EVENT.INVALID;
    this.scheduleCallee(record, plan.signalDelay, first);
  }

  private scheduleCallee(record: CallbackRecord, delay: number, event: CallbackEvent): void {
    record.calleeNext = event;
    record.calleeHandle = this.world.sim.after(delay, this.calleeKind, record.id);
  }

  private calleeEvent(id: number): void {
    const record = this.records[id];
    if (!record || !record.calleeNext) return;
    const event = record.calleeNext;
    record.calleeNext = null;
    record.calleeHandle = 0;
    if (event.type === 'RING') {
      const plan = record.plan!;
      const outcome: CallbackEvent =
        plan.detected === 'live' ? EVENT.LIVE : plan.detected === 'machine' ? EVENT.MACHINE : EVENT.NO_ANSWER;
      this.scheduleCallee(record, plan.ringDuration, outcome);
    }
    this.engine.send(id, event);
  }

  /** The customer who answered stops waiting for an agent: reached one, or hung up. */
  private stopAwaiting(record: CallbackRecord, abandoned: boolean): void {
    if (!record.awaiting) return;
    record.awaiting = false;
    this.waitingForAgent[record.queue.index]--;
    this.dialer?.answerResolved(record.queue.index, abandoned);
  }

  private endFlight(record: CallbackRecord): void {
    if (!record.inFlight) return;
    record.inFlight = false;
    this.inFlight[record.queue.index]--;
    this.emitInFlight(record.queue);
    this.dialer?.poke(record.queue.index);
  }

  private emitInFlight(queue: QueueRuntime): void {
    this.world.channel.dialerInFlight(this.world.sim.now, queue.index, this.inFlight[queue.index]);
  }

  private attemptFailed(record: CallbackRecord, failure: AttemptFailure): void {
    const now = this.world.sim.now;
    this.cancelPatience(record);
    const attempt = this.engine.read(record.id, 'attempts');
    const outcome = record.plan?.outcome ?? null;
    this.world.channel.attemptEnded(now, record.id, record.queue.index, attempt, failure, outcome, record.agent, record.agentSince, record.createdAt);
    const agent = record.agent;
    record.agent = -1;
    record.agentSince = -1;
    if (agent >= 0) {
      // A customer who hangs up waiting can only have an agent alerting: the offer is withdrawn.
      if (failure === 'abandonedAfterAnswer') this.pool.withdrawOffer(agent);
      else this.pool.endWork(agent, 0);
    }
    this.stopAwaiting(record, failure === 'abandonedAfterAnswer');
    record.waitingSince = -1;
    this.endFlight(record);
  }

  private awaitAgent(record: CallbackRecord): void {
    const now = this.world.sim.now;
    record.waitingSince = now;
    this.world.channel.callbackAnswered(now, record.id, record.queue.index, record.createdAt);
    record.awaiting = true;
    this.waitingForAgent[record.queue.index]++;
    // A machine taken for a live person records until an agent comes: it has no patience to run out.
    if (record.plan?.outcome !== 'machine') {
      const attempt = this.engine.read(record.id, 'attempts');
      const patience = this.callee.patienceAfterAnswer(record.customer, record.customerSource, attempt);
      record.patienceHandle = this.world.sim.after(patience, this.patienceKind, record.id);
    }
    this.dialer?.poke(record.queue.index);
  }

  private cancelPatience(record: CallbackRecord): void {
    if (record.patienceHandle) this.world.sim.cancel(record.patienceHandle);
    record.patienceHandle = 0;
  }

  private patienceEnd(id: number): void {
    const record = this.records[id];
    if (!record) return;
    record.patienceHandle = 0;
    this.engine.send(id, EVENT.PATIENCE_END);
  }

  private startTalk(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const queue = record.queue.index;
    const attempt = this.engine.read(record.id, 'attempts');
    const channel = this.world.channel;
    const outcome = record.plan?.outcome ?? null;
    channel.attemptEnded(now, record.id, queue, attempt, 'connected', outcome, record.agent, record.agentSince, record.createdAt);
    channel.callbackConnected(now, record.id, queue, record.agent, record.createdAt, dueAtOf(record), record.waitingSince);
    this.stopAwaiting(record, false);
    this.endFlight(record);
    if (record.plan?.outcome === 'machine') {
      this.pool.startTalk(record.agent, this.world.scenario.callee.voicemailMessageTime);
      return;
    }
    const u = record.talk.constant !== null ? NO_RANDOM : this.customers.customerStream(this.customers.talkPurposeKey, record.customer, record.customerSource);
    this.pool.startTalk(record.agent, sampleWhole(record.talk, u));
  }

  private startWrapUp(record: CallbackRecord): void {
    const settings = record.queue.config.callback;
    const u = record.wrap.constant !== null ? NO_RANDOM : this.customers.customerStream(this.customers.wrapPurposeKey, record.customer, record.customerSource);
    const sampled = sampleWhole(record.wrap, u);
    // With auto dial and end, the callback ends autoEndDelay after the outbound call ends.
    const wrap = settings.enableAutoDialAndEnd ? settings.autoEndDelay : sampled;
    const agent = record.agent;
    if (wrap === 0) {
      record.agent = -1;
      this.pool.endWork(agent, 0);
      this.engine.send(record.id, EVENT.WRAP_END);
    } else {
      this.pool.endWork(agent, wrap);
    }
  }

  private finish(record: CallbackRecord, end: string): void {
    this.stopAwaiting(record, false);
    this.endFlight(record);
    this.cancelPatience(record);
    if (record.calleeHandle) this.world.sim.cancel(record.calleeHandle);
    if (record.reservationHandle) this.world.sim.cancel(record.reservationHandle);
    if (record.ownershipHandle) this.world.sim.cancel(record.ownershipHandle);
    this.world.channel.callbackEnded(this.world.sim.now, record.id, record.queue.index, end, this.engine.read(record.id, 'attempts'), record.createdAt);
    this.records[record.id] = undefined;
    this.live--;
    if (record.label !== null) this.labels.delete(record.label);
    this.engine.release(record.id);
    this.recycle(record);
  }

  /** Keeps the record of an ended callback for a later one, without what it referred to. */
  private recycle(record: CallbackRecord): void {
    record.place.line = null;
    record.calleeNext = null;
    record.plan = null;
    record.label = null;
    record.number = null;
    record.callee = null;
    record.callerName = null;
    this.freeRecords.push(record);
  }

  // --- WorkOwner: what the agent pool tells the owner of a callback ---

  assigned(id: number, agent: number): boolean {
    const record = this.record(id);
    record.agent = agent;
    record.place.line = null;
    this.engine.send(id, EVENT.OFFER);
    return record.queue.config.callback.enableAutoAnswer;
  }

  answered(id: number, agent: number): void {
    const record = this.record(id);
    const agentFirst = record.queue.config.callback.mode === 'AgentFirst';
    if (agentFirst) record.agentSince = this.world.sim.now;
    const dialDelay = agentFirst ? this.listenFirst(record) + this.pool.dialTime(agent) : 0;
    this.engine.send(id, dialDelay === 0 ? AGENT_ANSWER_AT_ONCE : { type: 'AGENT_ANSWER', dialDelay });
  }

  /** Agent First voicemail: the agent listens to the message before dialing. */
  private listenFirst(record: CallbackRecord): number {
    const listen = this.listenTime[record.queue.index];
    if (record.kind !== 'voicemail' || !listen) return 0;
    return sampleWhole(listen, this.customers.customerStream(this.customers.listenPurposeKey, record.customer, record.customerSource));
  }

  missed(id: number, agent: number): void {
    const record = this.record(id);
    record.agent = -1;
    // An owner (or first agent) who misses the offer: it goes to the next available agent.
    if (record.reservedFor === agent) {
      record.reservedFor = -1;
      record.owner = -1;
    }
    this.engine.send(id, EVENT.OFFER_MISSED);
  }

  queueOf(id: number): number {
    return this.record(id).queue.index;
  }

  leftLine(id: number): void {
    this.record(id).place.line = null;
  }

  talkEnded(id: number): void {
    this.engine.send(id, EVENT.TALK_END);
  }

  wrapEnded(id: number): void {
    const record = this.records[id];
    if (!record) return;
    record.agent = -1;
    this.engine.send(id, EVENT.WRAP_END);
  }
}

/** A record with every field at its initial value (`create` sets them all). */
function blankRecord(queue: QueueRuntime): CallbackRecord {
  return {
    id: 0,
    queue,
    kind: 'requested',
    createdAt: 0,
    position: 0,
    customer: 0,
    customerSource: 0,
    talk: NO_SAMPLER,
    wrap: NO_SAMPLER,
    skills: 0,
    priority: 0,
    number: null,
    callee: null,
    callerId: '',
    callerName: null,
    label: null,
    scheduledAt: -1,
    owner: -1,
    ownershipHandle: 0,
    reservedFor: -1,
    reservationWait: 0,
    reservationHandle: 0,
    lastUpdate: 0,
    agent: -1,
    place: nowhere(),
    agentSince: -1,
    dialedAt: -1,
    calleeHandle: 0,
    calleeNext: null,
    plan: null,
    planStore: null,
    patienceHandle: 0,
    waitingSince: -1,
    inFlight: false,
    awaiting: false,
  };
}

/** When a callback became due: its scheduled time, or its creation for callbacks due at once. */
function dueAtOf(record: CallbackRecord): number {
  return record.scheduledAt >= 0 ? record.scheduledAt : record.createdAt;
}

/** A placeholder sampler for a blank record. */
const NO_SAMPLER: Sampler = sampler({ kind: 'constant', value: 0 });

/**
 * The number a callback dials. A generated customer's is made from their
 * identity when it is needed, not kept: most callbacks are dialed a few
 * times, and the string would be most of a waiting callback's memory.
 */
function numberOf(record: CallbackRecord): string {
  return record.number ?? generatedNumber(record.customer, record.customerSource);
}

/** The callee's name (a generated customer's is made when needed, as `numberOf`). */
function calleeOf(record: CallbackRecord): string {
  return record.callee ?? `Customer ${record.customerSource}-${record.customer + 1}`;
}

/** A deterministic E.164 number for a generated customer. */
function generatedNumber(customer: number, source: number): string {
  return `+1555${String((source * 1_000_003 + customer) % 100_000_000).padStart(8, '0')}`;
}
