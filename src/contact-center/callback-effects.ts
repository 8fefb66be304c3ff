import { sampler, type Sampler } from '../kernel/distributions.js';
import type { AttemptFailure, AttemptPlan, CallbackEvent, DialAnswer, DialResponse } from '../machines/callback-parts.js';
import type { AgentPool } from './agent-pool.js';
import { Callee, rings } from './callee.js';
import type { CustomerStreams } from './customer-streams.js';
import type { OutboundLines } from './outbound-lines.js';
import type { DialPermits } from './dial-permits.js';
import { answeredPosition, routingOf, type CallbackRecord } from './callback-records.js';
import type { Reservations } from './reservations.js';
import type { Routing } from './waiting-lines.js';
import type { World } from './world-context.js';

/** What the effects tell the Customer First dialer. */
export interface DialerHooks {
  /** Callbacks are waiting to be dialed on `queue`, or a dial slot may have freed up. */
  poke(queue: number): void;
  /** Something the dialer of `queue` sees happened now: a dial answered or not, a customer connected or lost. */
  observe(queue: number, outcome: 'liveAnswer' | 'machineAnswer' | 'unanswered' | 'connected' | 'abandoned' | 'complianceAbandoned'): void;
  /** A conversation on `queue` and its after-call work ended after `handleTime` ms. */
  handled(queue: number, handleTime: number): void;
}

/**
 * What the callback charts' named actions do in the world: queueing for an
 * agent or for the dialer, reservations, placing the call and deciding the
 * attempt, telling the agent when talk and after-call work end, and the
 * events the attempt reports. Each action is one method; the charts decide
 * when they run.
 */
export class CallbackEffects {
  private readonly callee: Callee;
  private readonly talkOverride: Array<Sampler | undefined>;
  private readonly wrapOverride: Array<Sampler | undefined>;
  /** Per queue: its greeting length when the compliance threshold counts from the end of the greeting. */
  private readonly greeting: Array<Sampler | undefined>;
  /** Per queue: its safe-harbour message length, if it plays one. */
  private readonly safeHarbour: Array<Sampler | undefined>;
  private readonly greetingPurpose: number;
  private readonly safeHarbourPurpose: number;
  /** See `routingOf`. */
  private readonly routing: Routing = { queue: 0, priority: 0, position: 0, skills: 0, reservedFor: -1 };

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly reservations: Reservations,
    private readonly dialer: DialerHooks,
    private readonly customers: CustomerStreams,
    private readonly lines: OutboundLines | null,
    private readonly permits: DialPermits,
  ) {
    this.callee = new Callee(world.scenario.callee, world.streams, world.calendar);
    this.talkOverride = world.queues.map((q) => (q.config.callback.talkTime ? sampler(q.config.callback.talkTime) : undefined));
    this.wrapOverride = world.queues.map((q) => (q.config.callback.wrapUp ? sampler(q.config.callback.wrapUp) : undefined));
    const compliance = world.queues.map((q) => q.config.compliance);
    this.greeting = compliance.map((c) => (c.measureFrom === 'greeting' && c.greeting ? sampler(c.greeting) : undefined));
    this.safeHarbour = compliance.map((c) => (c.safeHarbourMessage ? sampler(c.safeHarbourMessage) : undefined));
    this.greetingPurpose = world.streams.purpose('customer.greeting');
    this.safeHarbourPurpose = world.streams.purpose('customer.safeHarbourMessage');
  }

  /** The talk-time sampler of a callback on `queue` whose customer would talk by `own` (a queue's own talk time overrides it). */
  talkOf(queue: number, own: Sampler): Sampler {
    return this.talkOverride[queue] ?? own;
  }

  /** The after-call-work sampler of a callback on `queue` (a queue's own wrap-up overrides it). */
  wrapOf(queue: number, own: Sampler): Sampler {
    return this.wrapOverride[queue] ?? own;
  }

  /** Carries out the named action `action` of `record`'s chart. */
  perform(record: CallbackRecord, action: string, params: Readonly<Record<string, unknown>> | undefined): void {
    switch (action) {
      case 'enqueueForAgent':
        return this.toAgents(record, record.position);
      case 'enqueueForDialer':
        return this.enqueueForDialer(record);
      case 'enqueueAnswered':
        return this.toAgents(record, answeredPosition(record));
      case 'dequeue':
        if (record.place.line !== null) this.pool.withdraw(record.place);
        return;
      case 'leaveDialerList':
        if (record.place.line !== null) record.queue.toDial.remove(record.place.ticket);
        record.place.line = null;
        return;
      case 'holdReservation':
        return this.reservations.hold(record);
      case 'placeCall':
        // A route with lines may have none free: the call is placed when one frees.
        if (this.lines !== null && !this.lines.request(record)) return;
        return this.place(record);
      case 'customerAnswered':
        return this.customerAnswered(record);
      case 'complianceAbandon':
        this.permits.complianceAbandoned(record);
        this.world.channel.callbackComplianceAbandoned(this.world.sim.now, record.id, record.queue.index, record.createdAt);
        return this.dialer.observe(record.queue.index, 'complianceAbandoned');
      case 'playSafeHarbourMessage':
        return this.playSafeHarbourMessage(record);
      case 'amdFalsePositiveAbandon':
        this.world.channel.callbackAmdFalsePositive(this.world.sim.now, record.id, record.queue.index, record.createdAt);
        return this.dialer.observe(record.queue.index, 'complianceAbandoned');
      case 'attemptFailed':
        return this.attemptFailed(record, params?.failure as AttemptFailure);
      case 'startTalk':
        return this.startTalk(record);
      case 'endTalk':
        return this.endTalk(record, params?.wrapUp === true);
      case 'endAfterCallWork':
        return this.endAfterCallWork(record);
      case 'checkPermit':
        return record.chart.send(record.id, this.permits.check(record));
      case 'releaseAgent':
        return this.releaseAgent(record);
      case 'releaseOwnership':
        record.owner = -1;
        record.reservedFor = -1;
        return;
      default:
        throw new Error(`callback machine: unknown action ${action}`);
    }
  }

  private toAgents(record: CallbackRecord, position: number): void {
    this.pool.request(record.place, routingOf(record, position, this.routing));
  }

  private enqueueForDialer(record: CallbackRecord): void {
    const queue = record.queue;
    record.place.ticket = queue.toDial.push(record.id, record.priority, record.position);
    record.place.line = queue.toDial;
    this.dialer.poke(queue.index);
  }

  /** Places `record`'s call (on a line of its route): decides the attempt from the callee's behaviour and the customer's own draws, and hands it to the chart. */
  place(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const attempt = record.attempts;
    const dial = (record.plan = this.callee.planInto(record.planStore, record.customer, record.customerSource, attempt, now));
    this.world.channel.callbackDialed(now, record.id, record.queue.index, attempt, record.agent, record.createdAt, record.dueAt);
    if (this.permits.appliesTo(record.queue.index)) this.permits.dialed(record);
    const response: DialResponse = rings(dial.outcome) ? 'ring' : (dial.outcome as DialResponse);
    const answer: DialAnswer = dial.detected === 'live' || dial.detected === 'machine' ? dial.detected : 'noAnswer';
    const answers = response === 'ring' && answer !== 'noAnswer';
    const plan: AttemptPlan = {
      response,
      answer,
      signalDelay: dial.signalDelay,
      ringDuration: dial.ringDuration,
      patience: answers ? this.patience(record, attempt) : 0,
      talk: answers ? this.talkTime(record) : 0,
      wrapUp: answers ? this.wrapUpTime(record) : 0,
      greeting: answers && answer === 'live' ? this.greetingTime(record, attempt) : 0,
      trulyLive: dial.outcome === 'live',
    };
    record.patience = plan.patience;
    record.chart.send(record.id, { type: 'PLACED', plan } satisfies CallbackEvent);
  }

  /** A machine taken for a live person records until an agent comes: it has no patience to run out. */
  private patience(record: CallbackRecord, attempt: number): number {
    if (record.plan!.outcome === 'machine') return Infinity;
    return this.callee.patienceAfterAnswer(record.customer, record.customerSource, attempt);
  }

  /** The person's greeting, from their own stream for this attempt (0, and no draw, unless the queue measures from the greeting). */
  private greetingTime(record: CallbackRecord, attempt: number): number {
    const greeting = this.greeting[record.queue.index];
    return greeting ? this.customers.draw(greeting, this.greetingPurpose, record.customer, record.customerSource + attempt * 0x10000) : 0;
  }

  /** The message plays from now; the person hears it to its end, or until their patience runs out. */
  private playSafeHarbourMessage(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const message = this.safeHarbour[record.queue.index]!;
    const drawn = this.customers.draw(message, this.safeHarbourPurpose, record.customer, record.customerSource + record.attempts * 0x10000);
    const heard = Math.min(drawn, Math.max(0, record.answeredAt + record.patience - now));
    this.world.channel.callbackSafeHarbourMessage(now, record.id, record.queue.index, record.createdAt, heard);
  }

  private talkTime(record: CallbackRecord): number {
    if (record.plan!.outcome === 'machine') return this.world.scenario.callee.voicemailMessageTime;
    return this.customers.draw(record.talk, this.customers.talkPurposeKey, record.customer, record.customerSource);
  }

  /** With auto dial and end, the callback ends autoEndDelay after the outbound call ends. */
  private wrapUpTime(record: CallbackRecord): number {
    const settings = record.queue.config.callback;
    const sampled = this.customers.draw(record.wrap, this.customers.wrapPurposeKey, record.customer, record.customerSource);
    return settings.enableAutoDialAndEnd ? settings.autoEndDelay : sampled;
  }

  private customerAnswered(record: CallbackRecord): void {
    const now = this.world.sim.now;
    record.answeredAt = now;
    this.world.channel.callbackAnswered(now, record.id, record.queue.index, record.createdAt, record.plan?.detected === 'live');
    this.dialer.poke(record.queue.index);
  }

  private attemptFailed(record: CallbackRecord, failure: AttemptFailure): void {
    const now = this.world.sim.now;
    const outcome = record.plan?.outcome ?? null;
    this.world.channel.attemptEnded(now, record.id, record.queue.index, record.attempts, failure, outcome, record.agent, record.agentSince, record.createdAt);
    const agent = record.agent;
    record.agent = -1;
    record.agentSince = -1;
    if (agent >= 0) {
      // A customer who hangs up waiting can only have an agent alerting: the offer is withdrawn.
      if (failure === 'abandonedAfterAnswer') this.pool.withdrawOffer(agent);
      else this.pool.endTalk(agent, false);
    }
  }

  /** Agent First: the agent who would have dialed outside the permit is free again, no attempt made. */
  private releaseAgent(record: CallbackRecord): void {
    const agent = record.agent;
    record.agent = -1;
    record.agentSince = -1;
    if (agent >= 0) this.pool.endTalk(agent, false);
  }

  private startTalk(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const queue = record.queue.index;
    const channel = this.world.channel;
    const outcome = record.plan?.outcome ?? null;
    channel.attemptEnded(now, record.id, queue, record.attempts, 'connected', outcome, record.agent, record.agentSince, record.createdAt);
    channel.callbackConnected(now, record.id, queue, record.agent, record.createdAt, record.dueAt, record.answeredAt);
    record.connectedAt = now;
  }

  /** The conversation and its after-call work are over: the dialer learns how long they took. */
  private handled(record: CallbackRecord): void {
    if (record.connectedAt >= 0) this.dialer.handled(record.queue.index, this.world.sim.now - record.connectedAt);
    record.connectedAt = -1;
  }

  private endTalk(record: CallbackRecord, wrapUp: boolean): void {
    const agent = record.agent;
    if (!wrapUp) {
      record.agent = -1;
      this.handled(record);
    }
    this.pool.endTalk(agent, wrapUp);
  }

  private endAfterCallWork(record: CallbackRecord): void {
    const agent = record.agent;
    record.agent = -1;
    this.handled(record);
    this.pool.endAfterCallWork(agent);
  }
}
