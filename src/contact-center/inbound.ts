import { nextArrival, type PiecewiseRate } from '../kernel/arrivals.js';
import { NO_RANDOM, sampler, sampleWhole, type Sampler } from '../kernel/distributions.js';
import type { RandomStream } from '../kernel/random.js';
import type { InboundConfig } from '../model/scenario.js';
import { WorkKind, workRef, type AgentPool, type WorkOwner } from './agent-pool.js';
import { hourlyRate } from './arrival-rate.js';
import { MAX_SCHEDULE_AHEAD_MS, type CallbackCenter } from './callbacks.js';
import type { SkillBook } from './skills.js';
import { nowhere, type Place, type Routing } from './waiting-lines.js';
import type { World } from './world-context.js';

/** At most this many in-queue flows run for one interaction. */
export const MAX_IN_QUEUE_FLOWS = 30;

const enum CallState {
  Waiting,
  Alerting,
  Talking,
  WrappingUp,
  /** The call has left the system; its slot is free. */
  Gone,
}

/**
 * One inbound call. Call objects are pooled: a slot of `InboundTraffic`
 * holds one for the life of a call and is reused by a later call, so that
 * calls that wait or talk for simulated minutes do not pile up as garbage.
 * Kernel events and agents' work refs name a call by its slot.
 */
interface Call {
  /** The call's id, as events report it. */
  id: number;
  /** Index in `InboundTraffic.calls`. */
  slot: number;
  source: InboundSource;
  /** Index of the caller within their inbound stream: with the stream index, the customer's identity. */
  customer: number;
  arrivedAt: number;
  /** The queue the call is on now (an in-queue flow may transfer it). */
  queue: number;
  /** Position in the current queue (arrival, or transfer time). */
  position: number;
  /** In-queue flows run for this call so far. */
  flows: number;
  state: CallState;
  /** Where the call waits for an agent (its line is null when it waits in none). */
  readonly place: Place;
  abandonHandle: number;
  offerHandle: number;
  voicemailHandle: number;
  flowHandle: number;
  /** The callback offer has been made (accepted or not). */
  offerMade: boolean;
  agent: number;
  answeredAt: number;
}

interface InboundSource {
  index: number;
  config: InboundConfig;
  queue: number;
  /** Queue that accepted callback offers are created on. */
  callbackQueue: number;
  rate: PiecewiseRate;
  arrivals: RandomStream;
  /** Float time of the last arrival (rounded only when scheduled). */
  lastArrival: number;
  /** The simulator lane its arrivals wait in (their times never decrease). */
  lane: number;
  count: number;
  talk: Sampler;
  wrap: Sampler;
  patience?: Sampler;
  leadTime?: Sampler;
  /** Skills the calls require (the queue's and their own). */
  skills: readonly string[];
  skillSet: number;
  priority: number;
}

/**
 * Inbound calls: Poisson arrivals by hour of day, callers who hang up when
 * their patience runs out, the in-queue callback offer (a callback at the
 * caller's original position), ACD voicemail, in-queue flows that transfer
 * calls (at most 30 per interaction), and callbacks agents schedule during
 * calls.
 */
export class InboundTraffic implements WorkOwner {
  private readonly sources: InboundSource[];
  /** Calls by slot; a free slot keeps its object for reuse. */
  private readonly calls: Call[] = [];
  private readonly freeSlots: number[] = [];
  private live = 0;
  private nextId = 1;
  /** Routing of the call being placed (read by the pool, never kept). */
  private readonly routing: Routing = { queue: 0, priority: 0, position: 0, skills: 0, reservedFor: -1 };
  private readonly arrivalKind: number;
  private readonly abandonKind: number;
  private readonly offerKind: number;
  private readonly voicemailKind: number;
  private readonly flowKind: number;
  private readonly customer: RandomStream;
  private readonly patiencePurpose: number;
  private readonly talkPurpose: number;
  private readonly wrapPurpose: number;
  private readonly offerPurpose: number;
  private readonly voicemailPurpose: number;
  private readonly listenPurpose: number;
  private readonly schedulePurpose: number;
  private readonly preferencePurpose: number;

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly callbacks: CallbackCenter,
    skills: SkillBook,
  ) {
    const { sim, streams, scenario, calendar } = world;
    this.arrivalKind = sim.register('call.arrival', (s) => this.arrive(this.sources[s]));
    this.abandonKind = sim.register('call.abandon', (slot) => this.abandon(slot));
    this.offerKind = sim.register('call.callbackOffer', (slot) => this.offerCallback(slot));
    this.voicemailKind = sim.register('call.voicemailPrompt', (slot) => this.voicemailPrompt(slot));
    this.flowKind = sim.register('call.inQueueFlow', (slot) => this.inQueueFlow(slot));
    this.customer = streams.stream('customer');
    this.patiencePurpose = streams.purpose('customer.patience');
    this.talkPurpose = streams.purpose('customer.talkTime');
    this.wrapPurpose = streams.purpose('customer.wrapUp');
    this.offerPurpose = streams.purpose('customer.callbackOffer');
    this.voicemailPurpose = streams.purpose('customer.voicemail');
    this.listenPurpose = streams.purpose('customer.voicemailListen');
    this.schedulePurpose = streams.purpose('customer.scheduleCallback');
    this.preferencePurpose = streams.purpose('customer.preferredAgent');
    this.sources = scenario.inbound.map((config, index) => {
      const queue = world.queueIndex(config.queue);
      const required = [...world.queues[queue].config.skills, ...config.skills];
      return {
        index,
        config,
        queue,
        callbackQueue: world.queueIndex(config.callbackOffer?.queue ?? config.queue),
        rate: hourlyRate(config.perHour, calendar),
        arrivals: streams.stream('arrivals', index),
        lastArrival: 0,
        lane: sim.lane(),
        count: 0,
        talk: sampler(config.talkTime),
        wrap: sampler(config.wrapUp),
        patience: config.patience ? sampler(config.patience) : undefined,
        leadTime: config.scheduleCallback ? sampler(config.scheduleCallback.leadTime) : undefined,
        skills: required,
        skillSet: skills.setOf(required),
        priority: config.priority ?? world.queues[queue].config.priority,
      };
    });
    pool.setOwner(WorkKind.Inbound, this);
  }

  /** Number of calls in the system (waiting, alerting, talking or in wrap-up). */
  get inSystem(): number {
    return this.live;
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

  /** Purpose key of the time an agent listens to the customer's voicemail. */
  get listenPurposeKey(): number {
    return this.listenPurpose;
  }

  private scheduleNext(source: InboundSource): void {
    const at = nextArrival(source.lastArrival, source.rate, source.arrivals, this.world.horizon);
    if (at === Infinity) return;
    source.lastArrival = at;
    this.world.sim.scheduleInLane(source.lane, Math.max(this.world.sim.now, Math.round(at)), this.arrivalKind, source.index);
  }

  /** A call object for a new call: a free slot's, or a new one. */
  private newCall(id: number, source: InboundSource, now: number): Call {
    this.live++;
    if (this.freeSlots.length > 0) {
      const call = this.calls[this.freeSlots.pop()!];
      call.id = id;
      call.source = source;
      call.customer = source.count++;
      call.arrivedAt = now;
      call.queue = source.queue;
      call.position = now;
      call.flows = 1;
      call.state = CallState.Waiting;
      call.place.line = null;
      call.abandonHandle = 0;
      call.offerHandle = 0;
      call.voicemailHandle = 0;
      call.flowHandle = 0;
      call.offerMade = false;
      call.agent = -1;
      call.answeredAt = -1;
      return call;
    }
    const call: Call = {
      id,
      slot: this.calls.length,
      source,
      customer: source.count++,
      arrivedAt: now,
      queue: source.queue,
      position: now,
      flows: 1,
      state: CallState.Waiting,
      place: nowhere(),
      abandonHandle: 0,
      offerHandle: 0,
      voicemailHandle: 0,
      flowHandle: 0,
      offerMade: false,
      agent: -1,
      answeredAt: -1,
    };
    this.calls.push(call);
    return call;
  }

  /** The call in `slot` (which must hold one). */
  private call(slot: number): Call {
    return this.calls[slot];
  }

  /** The call in `slot` if it is in the system (a pending event may outlive its call). */
  private liveCall(slot: number): Call | undefined {
    const call = this.calls[slot];
    return call !== undefined && call.state !== CallState.Gone ? call : undefined;
  }

  private arrive(source: InboundSource): void {
    const now = this.world.sim.now;
    const id = this.nextId++;
    const call = this.newCall(id, source, now);
    this.scheduleNext(source);
    this.world.channel.callArrived(now, id, source.queue);
    if (source.patience) {
      const patience = sampleWhole(source.patience, this.customerStream(this.patiencePurpose, call.customer, source.index));
      call.abandonHandle = this.world.sim.after(patience, this.abandonKind, call.slot);
    }
    this.enqueue(call);
  }

  private queueId(call: Call): string {
    return this.world.queues[call.queue].config.id;
  }

  /** Puts the call in line on its current queue (or with an agent at once), with that queue's timers. */
  private enqueue(call: Call): void {
    call.state = CallState.Waiting;
    const queue = this.world.queues[call.queue].config;
    const now = this.world.sim.now;
    const offer = call.source.config.callbackOffer;
    if (offer && !call.offerMade && call.offerHandle === 0) {
      call.offerHandle = this.world.sim.schedule(Math.max(now, call.arrivedAt + offer.afterWait), this.offerKind, call.slot);
    }
    if (queue.voicemail && call.voicemailHandle === 0) {
      call.voicemailHandle = this.world.sim.schedule(Math.max(now, call.position + queue.voicemail.afterWait), this.voicemailKind, call.slot);
    }
    if (queue.inQueueFlow && call.flowHandle === 0) {
      call.flowHandle = this.world.sim.schedule(Math.max(now, call.position + queue.inQueueFlow.afterWait), this.flowKind, call.slot);
    }
    const routing = this.routing;
    routing.queue = call.queue;
    routing.priority = call.source.priority;
    routing.position = call.position;
    routing.skills = call.source.skillSet;
    routing.reservedFor = -1;
    this.pool.place(workRef(WorkKind.Inbound, call.slot), routing, call.place);
  }

  /** The call leaves the system: its timers are cancelled and its slot freed. */
  private forget(call: Call): void {
    this.cancelQueueTimers(call);
    if (call.abandonHandle) this.world.sim.cancel(call.abandonHandle);
    call.abandonHandle = 0;
    call.state = CallState.Gone;
    call.place.line = null;
    this.live--;
    this.freeSlots.push(call.slot);
  }

  private cancelQueueTimers(call: Call): void {
    const sim = this.world.sim;
    if (call.offerHandle) sim.cancel(call.offerHandle);
    if (call.voicemailHandle) sim.cancel(call.voicemailHandle);
    if (call.flowHandle) sim.cancel(call.flowHandle);
    call.offerHandle = 0;
    call.voicemailHandle = 0;
    call.flowHandle = 0;
  }

  assigned(slot: number, agent: number): boolean {
    const call = this.call(slot);
    call.state = CallState.Alerting;
    call.place.line = null;
    call.agent = agent;
    this.cancelQueueTimers(call);
    return false;
  }

  answered(slot: number, agent: number): void {
    const call = this.call(slot);
    const now = this.world.sim.now;
    if (call.abandonHandle) this.world.sim.cancel(call.abandonHandle);
    call.abandonHandle = 0;
    call.state = CallState.Talking;
    call.answeredAt = now;
    this.world.channel.callAnswered(now, call.id, call.source.queue, agent, call.arrivedAt);
    const talk = this.draw(call.source.talk, this.talkPurpose, call);
    this.pool.startTalk(agent, talk);
  }

  missed(slot: number): void {
    const call = this.call(slot);
    call.agent = -1;
    this.enqueue(call);
  }

  queueOf(slot: number): number {
    return this.call(slot).queue;
  }

  leftLine(slot: number): void {
    this.call(slot).place.line = null;
  }

  talkEnded(slot: number, agent: number): void {
    const call = this.call(slot);
    const now = this.world.sim.now;
    this.world.channel.callEnded(now, call.id, call.source.queue, agent, call.answeredAt, call.arrivedAt);
    this.maybeScheduleCallback(call, agent);
    const wrap = this.draw(call.source.wrap, this.wrapPurpose, call);
    if (wrap > 0) call.state = CallState.WrappingUp;
    else this.forget(call);
    this.pool.endWork(agent, wrap);
  }

  wrapEnded(slot: number): void {
    const call = this.liveCall(slot);
    if (call && call.state === CallState.WrappingUp) this.forget(call);
  }

  /** A whole-ms draw of `s` from the call's customer's own stream for `purpose` (a constant needs no stream). */
  private draw(s: Sampler, purpose: number, call: Call): number {
    return sampleWhole(s, s.constant !== null ? NO_RANDOM : this.customerStream(purpose, call.customer, call.source.index));
  }

  /** At the end of a call, the agent may schedule one callback for the customer (docs/rules.md, *Kinds of callback*). */
  private maybeScheduleCallback(call: Call, agent: number): void {
    const config = call.source.config.scheduleCallback;
    if (!config) return;
    const u = this.customerStream(this.schedulePurpose, call.customer, call.source.index);
    if (u.next() >= config.probability) return;
    const lead = Math.min(sampleWhole(call.source.leadTime!, u), MAX_SCHEDULE_AHEAD_MS);
    const routeToMe = u.next() < config.routeToMe;
    const owned = u.next() < config.owned;
    const queue = config.queue ? this.world.queueIndex(config.queue) : call.queue;
    const reachable = this.pool.serves(agent, queue);
    this.callbacks.create({
      kind: owned && reachable ? 'agentOwned' : 'scheduled',
      queue,
      position: this.world.sim.now + lead,
      customer: call.customer,
      customerSource: call.source.index,
      dueDelay: lead,
      talk: call.source.talk,
      wrap: call.source.wrap,
      origin: { skills: call.source.skills, priority: call.source.priority },
      ...(owned && reachable ? { owner: agent } : routeToMe && reachable ? { firstAgent: { agent, wait: config.routeToMeWait } } : {}),
    });
  }

  private leaveQueue(call: Call): void {
    if (call.state === CallState.Waiting && call.place.line !== null) {
      this.pool.withdraw(call.place);
    } else if (call.state === CallState.Alerting) {
      this.pool.withdrawOffer(call.agent);
    }
  }

  private abandon(slot: number): void {
    const call = this.liveCall(slot);
    if (!call) return;
    call.abandonHandle = 0;
    this.leaveQueue(call);
    this.forget(call);
    this.world.channel.callAbandoned(this.world.sim.now, call.id, call.source.queue, call.arrivedAt);
  }

  /** The origin of a callback made from this call (its skills and priority). */
  private origin(call: Call) {
    return { skills: call.source.skills, priority: call.source.priority };
  }

  /** The agent an inbound callback of this customer goes to first, when the queue has a preferred-agent rule. */
  private preferredAgent(call: Call, queue: number): { agent: number; wait: number } | undefined {
    const rule = this.world.queues[queue].config.preferredAgentRouting;
    if (!rule.enabled) return undefined;
    const u = this.customerStream(this.preferencePurpose, call.customer, call.source.index);
    if (u.next() >= rule.share) return undefined;
    const agents = this.pool.servingQueue(queue);
    if (agents.length === 0) return undefined;
    return { agent: agents[Math.floor(u.next() * agents.length)], wait: rule.timeout };
  }

  private offerCallback(slot: number): void {
    const call = this.liveCall(slot);
    if (!call || call.state !== CallState.Waiting) return;
    call.offerHandle = 0;
    call.offerMade = true;
    const offer = call.source.config.callbackOffer!;
    const u = this.customerStream(this.offerPurpose, call.customer, call.source.index).next();
    if (u >= offer.acceptance) return;
    this.leaveQueue(call);
    this.forget(call);
    const queue = call.source.callbackQueue;
    const firstAgent = this.preferredAgent(call, queue);
    const callback = this.callbacks.create({
      kind: 'inQueue',
      queue,
      position: call.arrivedAt,
      customer: call.customer,
      customerSource: call.source.index,
      talk: call.source.talk,
      wrap: call.source.wrap,
      origin: this.origin(call),
      ...(firstAgent && { firstAgent }),
      ...(offer.callData?.callerId !== undefined && { callerId: offer.callData.callerId }),
      ...(offer.callData?.callerName !== undefined && { callerName: offer.callData.callerName }),
    });
    this.world.channel.callbackAccepted(this.world.sim.now, call.id, call.source.queue, call.arrivedAt, callback);
  }

  private voicemailPrompt(slot: number): void {
    const call = this.liveCall(slot);
    if (!call || call.state !== CallState.Waiting) return;
    call.voicemailHandle = 0;
    const voicemail = this.world.queues[call.queue].config.voicemail!;
    if (this.customerStream(this.voicemailPurpose, call.customer, call.source.index).next() >= voicemail.probability) return;
    this.leaveQueue(call);
    this.forget(call);
    const callback = this.callbacks.create({
      kind: 'voicemail',
      queue: call.queue,
      position: call.arrivedAt,
      customer: call.customer,
      customerSource: call.source.index,
      talk: call.source.talk,
      wrap: call.source.wrap,
      origin: this.origin(call),
    });
    this.world.emit({ type: 'call.voicemail', t: this.world.sim.now, call: call.id, queue: this.queueId(call), arrivedAt: call.arrivedAt, callback });
  }

  /** The queue's in-queue flow transfers the waiting call: to another queue, or into an error. */
  private inQueueFlow(slot: number): void {
    const call = this.liveCall(slot);
    if (!call || call.state !== CallState.Waiting) return;
    call.flowHandle = 0;
    const flow = this.world.queues[call.queue].config.inQueueFlow!;
    const target = this.world.queueIndex(flow.transferTo);
    const now = this.world.sim.now;
    const from = this.queueId(call);
    const reason =
      target === call.queue
        ? 'the in-queue flow transferred the call back to its own queue'
        : call.flows >= MAX_IN_QUEUE_FLOWS
          ? `in-queue flow limit reached: at most ${MAX_IN_QUEUE_FLOWS} in-queue flows per interaction`
          : null;
    if (reason) {
      this.leaveQueue(call);
      this.forget(call);
      this.world.emit({ type: 'call.flowError', t: now, call: call.id, queue: from, arrivedAt: call.arrivedAt, flows: call.flows, reason });
      return;
    }
    this.leaveQueue(call);
    if (call.voicemailHandle) this.world.sim.cancel(call.voicemailHandle);
    call.voicemailHandle = 0;
    call.flows++;
    call.queue = target;
    call.position = now;
    this.world.emit({ type: 'call.transferred', t: now, call: call.id, from, to: flow.transferTo, arrivedAt: call.arrivedAt, flows: call.flows });
    this.enqueue(call);
  }
}
