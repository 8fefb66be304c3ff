import { sampleWhole, type Sampler } from '../kernel/distributions.js';
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
import { WorkKind, workRef, type AgentPool, type WorkOwner } from './agent-pool.js';
import { Callee, rings, type DialPlan } from './callee.js';
import type { EngineFactory, QueueRuntime, World } from './world-context.js';
import type { WorkQueue } from './work-queue.js';

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
}

/** Draws from a customer's own random streams (the same ones their inbound call used). */
export interface CustomerDraws {
  talkPurposeKey: number;
  wrapPurposeKey: number;
  customerStream(purpose: number, customer: number, source: number): { next(): number };
}

/** Notified when Customer First callbacks are waiting to be dialed or dials end. */
export interface DialerHooks {
  /** Callbacks are waiting to be dialed on `queue`, or a dial slot may have freed up. */
  poke(queue: number): void;
  /** A customer who answered on `queue` reached an agent (`abandoned` false) or hung up waiting (true). */
  answerResolved(queue: number, abandoned: boolean): void;
}

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
  agent: number;
  /** Ticket in `ticketQueue` while queued, else 0. */
  ticket: number;
  ticketQueue: WorkQueue | null;
  /** Time the reserved agent answered the offer (Agent First), else -1. */
  agentSince: number;
  dialedAt: number;
  calleeHandle: number;
  calleeNext: CallbackEvent | null;
  plan: DialPlan | null;
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
  private readonly records = new Map<number, CallbackRecord>();
  private nextId = 1;
  private readonly calleeKind: number;
  private readonly patienceKind: number;
  private readonly callee: Callee;
  private readonly talkOverride: Array<Sampler | undefined>;
  private readonly wrapOverride: Array<Sampler | undefined>;
  private customers!: CustomerDraws;
  private dialer: DialerHooks | null = null;
  /** Customer First dials in flight per queue (ringing, or answered and waiting for an agent). */
  readonly inFlight: Int32Array;
  /** Customer First customers per queue who answered and wait for an agent. */
  readonly waitingForAgent: Int32Array;

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    createEngine: EngineFactory,
  ) {
    const { sim } = world;
    this.calleeKind = sim.register('callback.callee', (id) => this.calleeEvent(id));
    this.patienceKind = sim.register('callback.patienceEnd', (id) => this.patienceEnd(id));
    this.callee = new Callee(world.scenario.callee, world.streams, world.calendar);
    this.talkOverride = world.queues.map((q) => (q.config.callback.talkTime ? sampler(q.config.callback.talkTime) : undefined));
    this.wrapOverride = world.queues.map((q) => (q.config.callback.wrapUp ? sampler(q.config.callback.wrapUp) : undefined));
    this.inFlight = new Int32Array(world.queues.length);
    this.waitingForAgent = new Int32Array(world.queues.length);
    const timers = world.timers.forEngine<CallbackEvent>((id, e) => this.engine.send(id, e));
    this.engine = createEngine('callback', callbackMachine, {
      perform: (id, action, params) => this.perform(id, action, params),
      delay: timers.delay,
      cancelDelay: timers.cancelDelay,
      changed: (id, from, to, event) => {
        const record = this.records.get(id)!;
        this.world.emit({ type: 'callback.state', t: this.world.sim.now, callback: id, queue: record.queue.config.id, from, to, event: event.type });
      },
    });
    pool.setOwner(WorkKind.Callback, this);
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
    return this.records.size;
  }

  /** Creates a callback and starts its statechart; returns its id. */
  create(spec: NewCallback): number {
    const id = this.nextId++;
    const queue = this.world.queues[spec.queue];
    const settings = queue.config.callback;
    const now = this.world.sim.now;
    this.records.set(id, {
      id,
      queue,
      kind: spec.kind,
      createdAt: now,
      position: spec.position,
      customer: spec.customer,
      customerSource: spec.customerSource,
      talk: this.talkOverride[queue.index] ?? spec.talk,
      wrap: this.wrapOverride[queue.index] ?? spec.wrap,
      agent: -1,
      ticket: 0,
      ticketQueue: null,
      agentSince: -1,
      dialedAt: -1,
      calleeHandle: 0,
      calleeNext: null,
      plan: null,
      patienceHandle: 0,
      waitingSince: -1,
      inFlight: false,
      awaiting: false,
    });
    this.world.emit({ type: 'callback.created', t: now, callback: id, queue: queue.config.id, kind: spec.kind, mode: settings.mode, position: spec.position });
    this.engine.start(id, {
      mode: settings.mode,
      maxRetryCount: settings.maxRetryCount,
      retryDelay: settings.retryDelay,
      retryOn: settings.retryOn,
      dueDelay: spec.dueDelay ?? 0,
      enableAutoDialAndEnd: settings.enableAutoDialAndEnd,
      autoDialDelay: settings.autoDialDelay,
      liveVoiceReaction: settings.liveVoiceReactionType,
      machineReaction: settings.answeringMachineReactionType,
    });
    return id;
  }

  /** Dials a Customer First callback now (the dialer's decision). */
  dial(id: number): void {
    this.engine.send(id, { type: 'DIAL' });
  }

  private record(id: number): CallbackRecord {
    const record = this.records.get(id);
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
      default:
        throw new Error(`callback machine: unknown action ${action}`);
    }
  }

  private enqueue(record: CallbackRecord): void {
    const queue = record.queue;
    const waitingForDialer = this.engine.stateOf(record.id) === 'queued' && queue.config.callback.mode === 'CustomerFirst';
    const target = waitingForDialer ? queue.toDial : queue.waiting;
    record.ticketQueue = target;
    record.ticket = target.push(workRef(WorkKind.Callback, record.id), queue.config.callback.priority, this.positionOf(record, waitingForDialer));
    if (waitingForDialer) this.dialer?.poke(queue.index);
    else this.pool.workWaiting(queue.index);
  }

  /** Queue position: the callback's own, except for a Customer First customer waiting after answering. */
  private positionOf(record: CallbackRecord, waitingForDialer: boolean): number {
    if (waitingForDialer || record.waitingSince < 0) return record.position;
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
    if (record.ticket && record.ticketQueue) record.ticketQueue.remove(record.ticket);
    record.ticket = 0;
    record.ticketQueue = null;
  }

  /** The dialer took this callback off the `toDial` queue. */
  takenByDialer(id: number): void {
    const record = this.record(id);
    record.ticket = 0;
    record.ticketQueue = null;
  }

  private placeCall(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const attempt = this.engine.contextOf(record.id).attempts;
    const plan = this.callee.plan(record.customer, record.customerSource, attempt, now);
    record.plan = plan;
    record.dialedAt = now;
    if (record.agent < 0) {
      record.inFlight = true;
      this.inFlight[record.queue.index]++;
      this.emitInFlight(record.queue);
    }
    this.world.emit({ type: 'callback.dialed', t: now, callback: record.id, queue: record.queue.config.id, attempt, agent: record.agent, createdAt: record.createdAt });
    const first: CallbackEvent = rings(plan.outcome)
      ? { type: 'RING' }
      : plan.outcome === 'busy'
        ? { type: 'BUSY' }
        : plan.outcome === 'fax'
          ? { type: 'FAX' }
          : { type: 'INVALID' };
    this.scheduleCallee(record, plan.signalDelay, first);
  }

  private scheduleCallee(record: CallbackRecord, delay: number, event: CallbackEvent): void {
    record.calleeNext = event;
    record.calleeHandle = this.world.sim.after(delay, this.calleeKind, record.id);
  }

  private calleeEvent(id: number): void {
    const record = this.records.get(id);
    if (!record || !record.calleeNext) return;
    const event = record.calleeNext;
    record.calleeNext = null;
    record.calleeHandle = 0;
    if (event.type === 'RING') {
      const plan = record.plan!;
      const outcome: CallbackEvent =
        plan.detected === 'live' ? { type: 'LIVE' } : plan.detected === 'machine' ? { type: 'MACHINE' } : { type: 'NO_ANSWER' };
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
    this.world.emit({ type: 'dialer.inFlight', t: this.world.sim.now, queue: queue.config.id, inFlight: this.inFlight[queue.index] });
  }

  private attemptFailed(record: CallbackRecord, failure: AttemptFailure): void {
    const now = this.world.sim.now;
    this.cancelPatience(record);
    this.world.emit({
      type: 'callback.attemptEnded',
      t: now,
      callback: record.id,
      queue: record.queue.config.id,
      attempt: this.engine.contextOf(record.id).attempts,
      result: failure,
      outcome: record.plan?.outcome ?? null,
      agent: record.agent,
      agentSince: record.agentSince,
      createdAt: record.createdAt,
    });
    const agent = record.agent;
    record.agent = -1;
    record.agentSince = -1;
    if (agent >= 0) {
      // A customer who hangs up waiting can only have an agent alerting: the offer is withdrawn.
      if (failure === 'abandonedAfterAnswer') this.pool.withdraw(agent);
      else this.pool.endWork(agent, 0);
    }
    this.stopAwaiting(record, failure === 'abandonedAfterAnswer');
    record.waitingSince = -1;
    this.endFlight(record);
  }

  private awaitAgent(record: CallbackRecord): void {
    const now = this.world.sim.now;
    record.waitingSince = now;
    this.world.emit({ type: 'callback.answered', t: now, callback: record.id, queue: record.queue.config.id, createdAt: record.createdAt });
    record.awaiting = true;
    this.waitingForAgent[record.queue.index]++;
    // A machine taken for a live person records until an agent comes: it has no patience to run out.
    if (record.plan?.outcome !== 'machine') {
      const attempt = this.engine.contextOf(record.id).attempts;
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
    const record = this.records.get(id);
    if (!record) return;
    record.patienceHandle = 0;
    this.engine.send(id, { type: 'PATIENCE_END' });
  }

  private startTalk(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const queueId = record.queue.config.id;
    const attempt = this.engine.contextOf(record.id).attempts;
    this.world.emit({
      type: 'callback.attemptEnded',
      t: now,
      callback: record.id,
      queue: queueId,
      attempt,
      result: 'connected',
      outcome: record.plan?.outcome ?? null,
      agent: record.agent,
      agentSince: record.agentSince,
      createdAt: record.createdAt,
    });
    this.world.emit({
      type: 'callback.connected',
      t: now,
      callback: record.id,
      queue: queueId,
      agent: record.agent,
      createdAt: record.createdAt,
      waitedSince: record.waitingSince,
    });
    this.stopAwaiting(record, false);
    this.endFlight(record);
    if (record.plan?.outcome === 'machine') {
      this.pool.startTalk(record.agent, this.world.scenario.callee.voicemailMessageTime);
      return;
    }
    const u = this.customers.customerStream(this.customers.talkPurposeKey, record.customer, record.customerSource);
    this.pool.startTalk(record.agent, sampleWhole(record.talk, u));
  }

  private startWrapUp(record: CallbackRecord): void {
    const u = this.customers.customerStream(this.customers.wrapPurposeKey, record.customer, record.customerSource);
    const wrap = sampleWhole(record.wrap, u);
    const agent = record.agent;
    if (wrap === 0) {
      record.agent = -1;
      this.pool.endWork(agent, 0);
      this.engine.send(record.id, { type: 'WRAP_END' });
    } else {
      this.pool.endWork(agent, wrap);
    }
  }

  private finish(record: CallbackRecord, end: string): void {
    this.stopAwaiting(record, false);
    this.endFlight(record);
    this.cancelPatience(record);
    if (record.calleeHandle) this.world.sim.cancel(record.calleeHandle);
    this.world.emit({
      type: 'callback.ended',
      t: this.world.sim.now,
      callback: record.id,
      queue: record.queue.config.id,
      end,
      attempts: this.engine.contextOf(record.id).attempts,
      createdAt: record.createdAt,
    });
    this.records.delete(record.id);
    this.engine.release(record.id);
  }

  // --- WorkOwner: what the agent pool tells the owner of a callback ---

  assigned(id: number, agent: number): boolean {
    const record = this.record(id);
    record.agent = agent;
    record.ticket = 0;
    record.ticketQueue = null;
    this.engine.send(id, { type: 'OFFER' });
    return record.queue.config.callback.enableAutoAnswer;
  }

  answered(id: number, agent: number): void {
    const record = this.record(id);
    const agentFirst = record.queue.config.callback.mode === 'AgentFirst';
    if (agentFirst) record.agentSince = this.world.sim.now;
    this.engine.send(id, { type: 'AGENT_ANSWER', dialDelay: agentFirst ? this.pool.dialTime(agent) : 0 });
  }

  missed(id: number): void {
    const record = this.record(id);
    record.agent = -1;
    this.engine.send(id, { type: 'OFFER_MISSED' });
  }

  talkEnded(id: number): void {
    this.engine.send(id, { type: 'TALK_END' });
  }

  wrapEnded(id: number): void {
    const record = this.records.get(id);
    if (!record) return;
    record.agent = -1;
    this.engine.send(id, { type: 'WRAP_END' });
  }
}
