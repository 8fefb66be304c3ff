import { callMachine, MAX_IN_QUEUE_FLOWS, type CallContext, type CallEnd, type CallEvent, type CallInput, type FlowErrorReason, type QueueFacts } from '../machines/call.js';
import { Mailbox, type MachineEngine } from '../machines/engine.js';
import type { AgentPool, AgentRequester } from './agent-pool.js';
import { CallCallbacks } from './call-callbacks.js';
import type { CallbackCenter } from './callbacks.js';
import { CallPool, type Call } from './calls.js';
import type { CustomerStreams } from './customer-streams.js';
import { InboundArrivals, type InboundSource } from './inbound-sources.js';
import type { SkillBook } from './skills.js';
import type { Routing } from './waiting-lines.js';
import type { EngineFactory, World } from './world-context.js';

/** Why the flow-error event says the in-queue flow failed, by the machine's reason. */
const FLOW_ERROR_REASONS: Readonly<Record<string, string>> = {
  loop: 'the in-queue flow transferred the call back to its own queue',
  limit: `in-queue flow limit reached: at most ${MAX_IN_QUEUE_FLOWS} in-queue flows per interaction`,
};

/** The event an alerted agent's offer sends to a call (one object: engines only read events). */
const ALERT: CallEvent = Object.freeze({ type: 'ALERT' });

/**
 * Inbound calls: each arrival starts a call statechart (src/machines/call.ts)
 * that decides the call's life — waiting, alerting, talking, wrap-up, and
 * how it ends: answered, abandoned when the caller's patience runs out, an
 * accepted in-queue callback offer, a voicemail, an in-queue flow error —
 * and times every step of it. This host draws the customer's choices and
 * durations from their own random streams, hands them to the chart, and
 * performs the actions the chart names: putting the call in line and taking
 * it out, transfers, the conversation, and the callbacks a call leaves
 * behind.
 */
export class InboundTraffic implements AgentRequester {
  /** The call statechart engine (entities are call slots). */
  readonly engine: MachineEngine<CallInput, CallEvent, CallContext>;
  private readonly calls = new CallPool(this);
  private readonly arrivals: InboundArrivals;
  private readonly made: CallCallbacks;
  private nextId = 1;
  /** Per source, see `fixedInput` (undefined until first asked). */
  private readonly fixedInputs: Array<CallInput | null | undefined> = [];
  /** Routing of the call being placed (read by the pool, never kept). */
  private readonly routing: Routing = { queue: 0, priority: 0, position: 0, skills: 0, reservedFor: -1 };

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    callbacks: CallbackCenter,
    skills: SkillBook,
    private readonly customers: CustomerStreams,
    createEngine: EngineFactory,
  ) {
    this.arrivals = new InboundArrivals(world, skills, (source) => this.arrive(source));
    this.made = new CallCallbacks(world, pool, callbacks, customers);
    const timers = world.timers.forEngine<CallEvent>((slot, event) => this.engine.send(slot, event));
    this.engine = createEngine('call', callMachine, {
      perform: (slot, action, params) => this.perform(slot, action, params),
      // A timing that does not apply (no patience, no offer, no voicemail or flow on the queue) is Infinity: never fires.
      delay: timers.delay,
      cancelDelay: timers.cancelDelay,
      changed: () => {},
      // Calls queue their own events, apart from the agents' and callbacks': an agent and a call hand
      // each other events at once (a missed offer puts the call back in line inside the agent's
      // transition), as one conversation between the two, while each machine still runs to completion.
    }, new Mailbox());
  }

  /** Number of calls in the system (waiting, alerting, talking or in wrap-up). */
  get inSystem(): number {
    return this.calls.size;
  }

  /** Schedules the first arrival of every stream. */
  start(): void {
    this.arrivals.start();
  }

  private arrive(source: InboundSource): void {
    const now = this.world.sim.now;
    const call = this.calls.add(this.nextId++, source, now);
    this.arrivals.scheduleNext(source);
    this.world.channel.callArrived(now, call.id, source.queue);
    this.engine.start(call.slot, this.fixedInput(call, source) ?? this.inputOf(call, source));
  }

  /** The machine input of a call of `source`, from the customer's own draws. */
  private inputOf(call: Call, source: InboundSource): CallInput {
    const c = this.customers;
    const offer = source.config.callbackOffer;
    return {
      patience: source.patience ? c.draw(source.patience, c.patiencePurposeKey, call.customer, source.index) : Infinity,
      offerAfter: offer ? offer.afterWait : Infinity,
      acceptsOffer: offer ? c.customerStream(c.offerPurposeKey, call.customer, source.index).next() < offer.acceptance : false,
      ...this.facts(call, source.queue),
    };
  }

  /**
   * The one frozen input every call of `source` starts from when its
   * customers draw nothing of their own (no patience distribution, no
   * callback offer, no voicemail prompt), else null. Engines may reuse what
   * they made of a frozen input: starting a call is then a copy.
   */
  private fixedInput(call: Call, source: InboundSource): CallInput | null {
    let input = this.fixedInputs[source.index];
    if (input === undefined) {
      const drawsNothing = (!source.patience || source.patience.constant !== null) && !source.config.callbackOffer && !this.world.queues[source.queue].config.voicemail;
      input = this.fixedInputs[source.index] = drawsNothing ? Object.freeze(this.inputOf(call, source)) : null;
    }
    return input;
  }

  /** What `call` meets on queue `queue`: its voicemail prompt (and the customer's answer) and its in-queue flow. */
  private facts(call: Call, queue: number): QueueFacts {
    const { voicemail, inQueueFlow } = this.world.queues[queue].config;
    const c = this.customers;
    return {
      voicemailAfter: voicemail ? voicemail.afterWait : Infinity,
      leavesVoicemail: voicemail ? c.customerStream(c.voicemailPurposeKey, call.customer, call.source.index).next() < voicemail.probability : false,
      flowAfter: inQueueFlow ? inQueueFlow.afterWait : Infinity,
      flowLoops: inQueueFlow ? this.world.queueIndex(inQueueFlow.transferTo) === queue : false,
    };
  }

  private queueId(call: Call): string {
    return this.world.queues[call.queue].config.id;
  }

  offered(slot: number, agent: number): boolean {
    const call = this.calls.get(slot);
    call.place.line = null;
    call.agent = agent;
    return false;
  }

  /** The call rings at its agent; a call the agent answers at once goes from its line straight to the conversation. */
  alerted(slot: number): void {
    this.engine.send(slot, ALERT);
  }

  answered(slot: number): void {
    const call = this.calls.get(slot);
    const c = this.customers;
    const talk = c.draw(call.source.talk, c.talkPurposeKey, call.customer, call.source.index);
    const wrap = c.draw(call.source.wrap, c.wrapPurposeKey, call.customer, call.source.index);
    this.engine.send(slot, { type: 'ANSWER', talk, wrap });
  }

  missed(slot: number): void {
    const call = this.calls.get(slot);
    call.agent = -1;
    this.engine.send(slot, { type: 'MISSED', at: this.world.sim.now - call.arrivedAt });
  }

  private perform(slot: number, action: string, params: Readonly<Record<string, unknown>> | undefined): void {
    const call = this.calls.get(slot);
    switch (action) {
      case 'enqueue':
        return this.enqueue(call);
      case 'dequeue':
        if (call.place.line !== null) this.pool.withdraw(call.place);
        return;
      case 'withdrawOffer':
        if (call.agent >= 0) this.pool.withdrawOffer(call.agent);
        return;
      case 'transfer':
        return this.transfer(call);
      case 'connect':
        call.answeredAt = this.world.sim.now;
        this.world.channel.callAnswered(call.answeredAt, call.id, call.source.queue, call.agent, call.arrivedAt);
        return;
      case 'endTalk':
        return this.endTalk(call);
      case 'endAfterCallWork':
        return this.pool.endAfterCallWork(call.agent);
      case 'finish':
        return this.finish(call, params!.end as CallEnd);
      default:
        throw new Error(`call machine: unknown action ${action}`);
    }
  }

  /** Puts the call in line on its current queue (or with an agent at once). */
  private enqueue(call: Call): void {
    const routing = this.routing;
    routing.queue = call.queue;
    routing.priority = call.source.priority;
    routing.position = call.position;
    routing.skills = call.source.skillSet;
    routing.reservedFor = -1;
    this.pool.request(call.place, routing);
  }

  /** The queue's in-queue flow moves the call to its target queue; the machine then puts it in line there. */
  private transfer(call: Call): void {
    const now = this.world.sim.now;
    const flow = this.world.queues[call.queue].config.inQueueFlow!;
    const from = this.queueId(call);
    call.queue = this.world.queueIndex(flow.transferTo);
    call.position = now;
    const flows = this.engine.read(call.slot, 'flows');
    this.world.emit({ type: 'call.transferred', t: now, call: call.id, from, to: flow.transferTo, arrivedAt: call.arrivedAt, flows });
    this.engine.send(call.slot, { type: 'QUEUED', at: now - call.arrivedAt, ...this.facts(call, call.queue) });
  }

  /** The conversation is over: the agent may schedule a callback, then does the after-call work the machine was given. */
  private endTalk(call: Call): void {
    const agent = call.agent;
    this.world.channel.callEnded(this.world.sim.now, call.id, call.source.queue, agent, call.answeredAt, call.arrivedAt);
    this.made.maybeSchedule(call, agent);
    this.pool.endTalk(agent, this.engine.read(call.slot, 'wrap') > 0);
  }

  /** The call leaves the system, and what its end leaves behind is published. */
  private finish(call: Call, end: CallEnd): void {
    const slot = call.slot;
    const flows = this.engine.read(slot, 'flows');
    const flowError = this.engine.read(slot, 'flowErrorReason');
    this.engine.release(slot);
    this.calls.remove(call);
    this.ends[end](call, this.world.sim.now, flows, flowError);
  }

  /** What each end of a call publishes (and leaves behind), by the end the machine's `finish` names. */
  private readonly ends: Readonly<Record<CallEnd, (call: Call, now: number, flows: number, flowError: FlowErrorReason) => void>> = {
    answered: () => {},
    abandoned: (call, now) => this.world.channel.callAbandoned(now, call.id, call.source.queue, call.arrivedAt),
    tookCallback: (call, now) => {
      const callback = this.made.accepted(call);
      this.world.channel.callbackAccepted(now, call.id, call.source.queue, call.arrivedAt, callback);
    },
    leftVoicemail: (call, now) => {
      const callback = this.made.voicemail(call);
      this.world.emit({ type: 'call.voicemail', t: now, call: call.id, queue: this.queueId(call), arrivedAt: call.arrivedAt, callback });
    },
    flowError: (call, now, flows, flowError) => {
      const reason = FLOW_ERROR_REASONS[flowError];
      this.world.emit({ type: 'call.flowError', t: now, call: call.id, queue: this.queueId(call), arrivedAt: call.arrivedAt, flows, reason });
    },
  };
}
