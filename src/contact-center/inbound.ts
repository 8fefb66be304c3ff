import { nextArrival, type PiecewiseRate } from '../kernel/arrivals.js';
import { sampler, sampleWhole, type Sampler } from '../kernel/distributions.js';
import type { RandomStream } from '../kernel/random.js';
import type { InboundConfig } from '../model/scenario.js';
import { WorkKind, workRef, type AgentPool, type WorkOwner } from './agent-pool.js';
import { hourlyRate } from './arrival-rate.js';
import type { CallbackCenter } from './callbacks.js';
import type { World } from './world-context.js';

const enum CallState {
  Waiting,
  Alerting,
  Talking,
  WrappingUp,
}

interface Call {
  id: number;
  source: InboundSource;
  /** Index of the caller within their inbound stream: with the stream index, the customer's identity. */
  customer: number;
  arrivedAt: number;
  state: CallState;
  /** Ticket in the queue while waiting, else 0. */
  ticket: number;
  abandonHandle: number;
  offerHandle: number;
  agent: number;
  answeredAt: number;
}

interface InboundSource {
  index: number;
  config: InboundConfig;
  queue: number;
  queueId: string;
  /** Queue that accepted callback offers are created on. */
  callbackQueue: number;
  rate: PiecewiseRate;
  arrivals: RandomStream;
  /** Float time of the last arrival (rounded only when scheduled). */
  lastArrival: number;
  count: number;
  talk: Sampler;
  wrap: Sampler;
  patience?: Sampler;
}

/**
 * Inbound calls: Poisson arrivals by hour of day, callers who hang up when
 * their patience runs out, and the in-queue callback offer that turns a
 * waiting call into a callback at the caller's original position.
 */
export class InboundTraffic implements WorkOwner {
  private readonly sources: InboundSource[];
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  private readonly arrivalKind: number;
  private readonly abandonKind: number;
  private readonly offerKind: number;
  private readonly customer: RandomStream;
  private readonly patiencePurpose: number;
  private readonly talkPurpose: number;
  private readonly wrapPurpose: number;
  private readonly offerPurpose: number;

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly callbacks: CallbackCenter,
  ) {
    const { sim, streams, scenario, calendar } = world;
    this.arrivalKind = sim.register('call.arrival', (s) => this.arrive(this.sources[s]));
    this.abandonKind = sim.register('call.abandon', (id) => this.abandon(id));
    this.offerKind = sim.register('call.callbackOffer', (id) => this.offerCallback(id));
    this.customer = streams.stream('customer');
    this.patiencePurpose = streams.purpose('customer.patience');
    this.talkPurpose = streams.purpose('customer.talkTime');
    this.wrapPurpose = streams.purpose('customer.wrapUp');
    this.offerPurpose = streams.purpose('customer.callbackOffer');
    this.sources = scenario.inbound.map((config, index) => ({
      index,
      config,
      queue: world.queueIndex(config.queue),
      queueId: config.queue,
      callbackQueue: world.queueIndex(config.callbackOffer?.queue ?? config.queue),
      rate: hourlyRate(config.perHour, calendar),
      arrivals: streams.stream('arrivals', index),
      lastArrival: 0,
      count: 0,
      talk: sampler(config.talkTime),
      wrap: sampler(config.wrapUp),
      patience: config.patience ? sampler(config.patience) : undefined,
    }));
    pool.setOwner(WorkKind.Inbound, this);
  }

  /** Number of calls in the system (waiting, alerting, talking or in wrap-up). */
  get inSystem(): number {
    return this.calls.size;
  }

  /** Schedules the first arrival of every stream. */
  start(): void {
    for (const source of this.sources) this.scheduleNext(source);
  }

  /** A draw for the customer `(customer, source)` for `purpose`. */
  customerStream(purpose: number, customer: number, source: number): RandomStream {
    return this.world.streams.rekey(this.customer, purpose, customer, source);
  }

  /** Purpose key of talk-time draws (shared with callbacks, so a customer talks as long either way). */
  get talkPurposeKey(): number {
    return this.talkPurpose;
  }

  /** Purpose key of wrap-up draws. */
  get wrapPurposeKey(): number {
    return this.wrapPurpose;
  }

  private scheduleNext(source: InboundSource): void {
    const at = nextArrival(source.lastArrival, source.rate, source.arrivals, this.world.horizon);
    if (at === Infinity) return;
    source.lastArrival = at;
    this.world.sim.schedule(Math.max(this.world.sim.now, Math.round(at)), this.arrivalKind, source.index);
  }

  private arrive(source: InboundSource): void {
    const now = this.world.sim.now;
    const id = this.nextId++;
    const call: Call = {
      id,
      source,
      customer: source.count++,
      arrivedAt: now,
      state: CallState.Waiting,
      ticket: 0,
      abandonHandle: 0,
      offerHandle: 0,
      agent: -1,
      answeredAt: -1,
    };
    this.calls.set(id, call);
    this.scheduleNext(source);
    this.world.emit({ type: 'call.arrived', t: now, call: id, queue: source.queueId });
    if (this.pool.idleOn(source.queue) > 0) {
      this.enqueue(call);
      return;
    }
    if (source.patience) {
      const patience = sampleWhole(source.patience, this.customerStream(this.patiencePurpose, call.customer, source.index));
      call.abandonHandle = this.world.sim.after(patience, this.abandonKind, id);
    }
    const offer = source.config.callbackOffer;
    if (offer) call.offerHandle = this.world.sim.after(offer.afterWait, this.offerKind, id);
    this.enqueue(call);
  }

  private enqueue(call: Call): void {
    const queue = this.world.queues[call.source.queue];
    call.state = CallState.Waiting;
    call.ticket = queue.waiting.push(workRef(WorkKind.Inbound, call.id), queue.config.priority, call.arrivedAt);
    this.pool.workWaiting(call.source.queue);
  }

  private forget(call: Call): void {
    this.calls.delete(call.id);
  }

  assigned(id: number, agent: number): boolean {
    const call = this.calls.get(id)!;
    call.state = CallState.Alerting;
    call.ticket = 0;
    call.agent = agent;
    if (call.offerHandle) this.world.sim.cancel(call.offerHandle);
    call.offerHandle = 0;
    return false;
  }

  answered(id: number, agent: number): void {
    const call = this.calls.get(id)!;
    const now = this.world.sim.now;
    if (call.abandonHandle) this.world.sim.cancel(call.abandonHandle);
    call.abandonHandle = 0;
    call.state = CallState.Talking;
    call.answeredAt = now;
    this.world.emit({ type: 'call.answered', t: now, call: id, queue: call.source.queueId, agent, arrivedAt: call.arrivedAt });
    const talk = sampleWhole(call.source.talk, this.customerStream(this.talkPurpose, call.customer, call.source.index));
    this.pool.startTalk(agent, talk);
  }

  missed(id: number): void {
    const call = this.calls.get(id)!;
    call.agent = -1;
    this.enqueue(call);
  }

  talkEnded(id: number, agent: number): void {
    const call = this.calls.get(id)!;
    const now = this.world.sim.now;
    this.world.emit({
      type: 'call.ended',
      t: now,
      call: id,
      queue: call.source.queueId,
      agent,
      answeredAt: call.answeredAt,
      arrivedAt: call.arrivedAt,
    });
    const wrap = sampleWhole(call.source.wrap, this.customerStream(this.wrapPurpose, call.customer, call.source.index));
    if (wrap > 0) call.state = CallState.WrappingUp;
    else this.forget(call);
    this.pool.endWork(agent, wrap);
  }

  wrapEnded(id: number): void {
    const call = this.calls.get(id);
    if (call) this.forget(call);
  }

  private leaveQueue(call: Call): void {
    if (call.state === CallState.Waiting && call.ticket) {
      this.world.queues[call.source.queue].waiting.remove(call.ticket);
      call.ticket = 0;
    } else if (call.state === CallState.Alerting) {
      this.pool.withdraw(call.agent);
    }
  }

  private abandon(id: number): void {
    const call = this.calls.get(id);
    if (!call) return;
    call.abandonHandle = 0;
    if (call.offerHandle) this.world.sim.cancel(call.offerHandle);
    this.leaveQueue(call);
    this.forget(call);
    this.world.emit({ type: 'call.abandoned', t: this.world.sim.now, call: id, queue: call.source.queueId, arrivedAt: call.arrivedAt });
  }

  private offerCallback(id: number): void {
    const call = this.calls.get(id);
    if (!call || call.state !== CallState.Waiting) return;
    call.offerHandle = 0;
    const offer = call.source.config.callbackOffer!;
    const u = this.customerStream(this.offerPurpose, call.customer, call.source.index).next();
    if (u >= offer.acceptance) return;
    if (call.abandonHandle) this.world.sim.cancel(call.abandonHandle);
    call.abandonHandle = 0;
    this.leaveQueue(call);
    this.forget(call);
    const callback = this.callbacks.create({
      kind: 'inQueue',
      queue: call.source.callbackQueue,
      position: call.arrivedAt,
      customer: call.customer,
      customerSource: call.source.index,
      talk: call.source.talk,
      wrap: call.source.wrap,
    });
    this.world.emit({
      type: 'call.callbackAccepted',
      t: this.world.sim.now,
      call: id,
      queue: call.source.queueId,
      arrivedAt: call.arrivedAt,
      callback,
    });
  }
}
