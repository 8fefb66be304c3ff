import type { AnyStateMachine } from 'xstate';
import { sampler, type Sampler } from '../kernel/distributions.js';
import { agentFirstCallbackMachine } from '../machines/agent-first-callback.js';
import type { CallbackEvent, CallbackInput } from '../machines/callback-parts.js';
import { customerFirstCallbackMachine } from '../machines/customer-first-callback.js';
import type { CallbackKind } from '../model/events.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../model/scenario.js';
import type { AgentPool, AgentRequester } from './agent-pool.js';
import { CallbackEffects, type DialerHooks } from './callback-effects.js';
import { DialPermits } from './dial-permits.js';
import { numberOf } from './callback-numbers.js';
import type { CallbackChart, CallbackRecord, CallbackRecords } from './callback-records.js';
import type { CustomerStreams } from './customer-streams.js';
import { FlightAccounting, FlightChange, holdsLine } from './flight-accounting.js';
import type { OutboundLines } from './outbound-lines.js';
import { Reservations } from './reservations.js';
import type { SkillBook } from './skills.js';
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

/** A callback with no scheduled time and no update for this long after creation is ended in analytics. */
export const ANALYTICS_INACTIVE_MS = 14 * 86_400_000;

const OFFER: CallbackEvent = Object.freeze({ type: 'OFFER' });
const OFFER_MISSED: CallbackEvent = Object.freeze({ type: 'OFFER_MISSED' });
const AGENT_ANSWER: CallbackEvent = Object.freeze({ type: 'AGENT_ANSWER' });
const DIAL_REFUSED: CallbackEvent = Object.freeze({ type: 'DIAL_REFUSED' });
/** A preview that takes no time. */
const PREVIEWED_AT_ONCE: CallbackEvent = Object.freeze({ type: 'PREVIEWED', dialDelay: 0 });

/**
 * Callbacks: their charts (one engine per mode, chosen when a callback is
 * created), what the agent pool tells them, and what their state changes
 * mean to the dialer's counts. What the charts' actions do is in
 * `CallbackEffects`; who and what a callback is, in its record.
 */
export class CallbackCenter implements AgentRequester {
  /** The engine of Agent First callbacks. */
  readonly agentFirst: CallbackChart;
  /** The engine of Customer First callbacks. */
  readonly customerFirst: CallbackChart;
  /** The callbacks' reservations (ownership, first-agent waits). */
  readonly reservations: Reservations;
  private readonly effects: CallbackEffects;
  private readonly permits: DialPermits;
  private readonly analyticsKind: number;
  /** Every analytics check comes 14 days after its callback's creation: a delay line, not the heap. */
  private readonly analyticsLine: number;
  private readonly listenTime: Array<Sampler | undefined>;
  private readonly queueSkillSets: Array<number | undefined> = [];
  /** Per queue, the frozen machine input of its callbacks due at once (engines may reuse what they made of it). */
  private readonly dueNowInputs: Array<CallbackInput | undefined> = [];

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly skills: SkillBook,
    private readonly records: CallbackRecords,
    private readonly flight: FlightAccounting,
    private readonly dialer: DialerHooks,
    private readonly customers: CustomerStreams,
    createEngine: EngineFactory,
    private readonly lines: OutboundLines | null,
  ) {
    const { sim } = world;
    this.analyticsKind = sim.register('callback.analyticsCheck', (id) => this.analyticsCheck(id));
    this.analyticsLine = sim.delayLine(ANALYTICS_INACTIVE_MS);
    this.listenTime = world.queues.map((q) => (q.config.voicemail ? sampler(q.config.voicemail.listenTime) : undefined));
    this.reservations = new Reservations(world, pool, records, createEngine);
    this.permits = new DialPermits(world, customers);
    this.effects = new CallbackEffects(world, pool, this.reservations, dialer, customers, lines, this.permits);
    const chart = (machine: AnyStateMachine): CallbackChart => {
      // The counted-tag bits of each of the machine's states.
      const tags = flight.tagsOf(machine.id);
      const timers = world.timers.forEngine<CallbackEvent>((id, e) => engine.send(id, e));
      const engine: CallbackChart = createEngine(machine.id, machine, {
        perform: (id, action, params) => this.perform(this.records.get(id), action, params),
        delay: timers.delay,
        cancelDelay: timers.cancelDelay,
        changed: (id, from, to, event) => this.changed(this.records.get(id), tags, from, to, event),
      });
      return engine;
    };
    this.agentFirst = chart(agentFirstCallbackMachine);
    this.customerFirst = chart(customerFirstCallbackMachine);
  }

  /** Number of callbacks not yet ended. */
  get active(): number {
    return this.records.active;
  }

  /** Transitions taken so far by the callbacks' charts (and their reservations'). */
  get transitions(): number {
    return this.agentFirst.transitions + this.customerFirst.transitions + this.reservations.transitions;
  }

  /** The engine that runs callbacks of `queue` (its mode decides, once, at creation). */
  chartFor(queue: QueueRuntime): CallbackChart {
    return queue.config.callback.mode === 'AgentFirst' ? this.agentFirst : this.customerFirst;
  }

  /** The current state of callback `id`, for display. */
  stateOf(id: number): string {
    const record = this.records.get(id);
    return record.chart.stateOf(id);
  }

  /** Creates a callback and starts its statechart; returns its id. Nothing of `spec` itself is kept (a caller may reuse it). */
  create(spec: NewCallback): number {
    const queue = this.world.queues[spec.queue];
    const settings = queue.config.callback;
    const now = this.world.sim.now;
    const dueDelay = Math.min(spec.dueDelay ?? 0, MAX_SCHEDULE_AHEAD_MS);
    const preserved = settings.preserveSkillsAndPriority && spec.origin;
    const owner = spec.owner ?? -1;
    const first = owner >= 0 ? { agent: owner, wait: 0 } : spec.firstAgent;
    const record = this.records.take(this.chartFor(queue), queue, this);
    const id = record.id;
    record.kind = spec.kind;
    record.createdAt = now;
    record.position = spec.position;
    record.customer = spec.customer;
    record.customerSource = spec.customerSource;
    record.talk = this.effects.talkOf(queue.index, spec.talk);
    record.wrap = this.effects.wrapOf(queue.index, spec.wrap);
    record.skills = preserved ? this.skills.setOf(spec.origin!.skills) : this.queueSkills(queue.index);
    record.priority = preserved ? spec.origin!.priority : settings.priority;
    record.number = spec.number ?? null;
    record.callee = spec.callee ?? null;
    record.callerId = spec.callerId ?? queue.config.ani;
    record.callerName = spec.callerName ?? null;
    record.label = spec.label ?? null;
    record.scheduledAt = spec.kind === 'inQueue' || spec.kind === 'requested' || spec.kind === 'voicemail' ? -1 : now + dueDelay;
    record.owner = owner;
    record.ownershipStarted = false;
    record.reservedFor = first ? first.agent : -1;
    record.reservationWait = first && owner < 0 ? first.wait : 0;
    record.reserved = false;
    record.lastUpdate = now;
    record.agent = -1;
    record.place.line = null;
    record.agentSince = -1;
    record.answeredAt = -1;
    record.connectedAt = -1;
    record.plan = null;
    record.permitUntil = Infinity;
    record.permitWaits = 0;
    record.dialRefusedUntil = -1;
    this.records.add(record);
    this.world.channel.callbackCreated(now, id, queue.index, spec.kind, settings.mode, spec.position);
    if (record.scheduledAt < 0) this.world.sim.scheduleOn(this.analyticsLine, this.analyticsKind, id);
    record.chart.start(id, dueDelay === 0 ? this.dueNowInput(queue) : machineInput(queue, dueDelay, this.permits.appliesTo(queue.index)));
    return id;
  }

  private perform(record: CallbackRecord, action: string, params: Readonly<Record<string, unknown>> | undefined): void {
    if (action === 'startPreview') this.startPreview(record);
    else if (action === 'finish') this.finish(record, String(params?.end));
    else this.effects.perform(record, action, params);
  }

  /** The number callback `id` dials, its caller ID and caller name. */
  dialDetails(id: number): { number: string; callerId: string; callerName: string | null } {
    const record = this.records.get(id);
    return { number: numberOf(record), callerId: record.callerId, callerName: record.callerName };
  }

  private dueNowInput(queue: QueueRuntime): CallbackInput {
    return (this.dueNowInputs[queue.index] ??= Object.freeze(machineInput(queue, 0, this.permits.appliesTo(queue.index))));
  }

  /** The skill set of queue `queue`'s own skills (looked up once per queue). */
  private queueSkills(queue: number): number {
    let set = this.queueSkillSets[queue];
    if (set === undefined) set = this.queueSkillSets[queue] = this.skills.setOf(this.world.queues[queue].config.skills);
    return set;
  }

  /** A callback waiting for a line of its route has one: its call is placed. */
  placeOnLine(record: CallbackRecord): void {
    this.effects.place(record);
  }

  /** A callback's chart moved (engines report it before the transition's actions): report it and count what its tags say. */
  private changed(record: CallbackRecord, tags: ReadonlyMap<string, number>, from: string, to: string, event: CallbackEvent): void {
    const now = this.world.sim.now;
    const queue = record.queue.index;
    if (now > record.createdAt) record.lastUpdate = now;
    this.world.channel.callbackState(now, record.id, queue, from, to, event.type);
    const fromBits = tags.get(from)!;
    const toBits = tags.get(to)!;
    if (this.lines !== null) this.lines.changed(record, holdsLine(fromBits), holdsLine(toBits));
    const change = this.flight.changed(queue, fromBits, toBits);
    if (change & (FlightChange.startedWaiting | FlightChange.endedUnheld)) this.dialer.observe(queue, dialOutcome(record, change));
    if (change & FlightChange.stoppedWaiting) this.dialer.observe(queue, change & FlightChange.abandoned ? 'abandoned' : 'connected');
    if (change & FlightChange.landed) this.dialer.poke(queue);
  }

  /** The chart reached an end: report it and forget the callback. */
  private finish(record: CallbackRecord, end: string): void {
    this.reservations.drop(record);
    this.world.channel.callbackEnded(this.world.sim.now, record.id, record.queue.index, end, record.attempts, record.createdAt);
    record.chart.release(record.id);
    this.records.remove(record);
  }

  private analyticsCheck(id: number): void {
    const record = this.records.find(id);
    if (!record || record.lastUpdate > record.createdAt) return;
    this.world.emit({ type: 'callback.analyticsEnded', t: this.world.sim.now, callback: id, queue: record.queue.config.id, createdAt: record.createdAt, state: record.chart.stateOf(id) });
  }

  // --- AgentRequester: what the agent pool tells a callback that asked for an agent ---

  offered(id: number, agent: number): boolean {
    const record = this.records.get(id);
    record.agent = agent;
    record.place.line = null;
    record.chart.send(id, OFFER);
    return record.queue.config.callback.enableAutoAnswer;
  }

  /** A callback's chart is told of the offer at once (`OFFER`), whether the agent is alerted or answers at once. */
  alerted(): void {}

  answered(id: number): void {
    this.records.get(id).chart.send(id, AGENT_ANSWER);
  }

  /**
   * The Agent First agent's preview before dialing (the chart's
   * `startPreview`): listening to a voicemail (voicemail callbacks), then
   * dialing by hand; the chart is told how long it takes.
   */
  private startPreview(record: CallbackRecord): void {
    record.agentSince = this.world.sim.now;
    const listen = this.listenTime[record.queue.index];
    const listening = record.kind === 'voicemail' && listen ? this.customers.draw(listen, this.customers.listenPurposeKey, record.customer, record.customerSource) : 0;
    const dialDelay = listening + this.pool.dialTime(record.agent);
    if (record.permitUntil !== Infinity && this.permits.refusesDial(record, dialDelay)) return record.chart.send(record.id, DIAL_REFUSED);
    record.chart.send(record.id, dialDelay === 0 ? PREVIEWED_AT_ONCE : { type: 'PREVIEWED', dialDelay });
  }

  missed(id: number, agent: number): void {
    const record = this.records.get(id);
    record.agent = -1;
    // An owner (or first agent) who misses the offer: it goes to the next available agent.
    if (record.reservedFor === agent) {
      record.reservedFor = -1;
      record.owner = -1;
    }
    record.chart.send(id, OFFER_MISSED);
  }
}

/** The machine input of a callback on `queue` due in `dueDelay` ms (`checksPermit`: a dial permit rule applies). */
function machineInput(queue: QueueRuntime, dueDelay: number, checksPermit: boolean): CallbackInput {
  const settings = queue.config.callback;
  return {
    maxRetryCount: settings.maxRetryCount,
    retryDelay: settings.retryDelay,
    retryOn: settings.retryOn,
    dueDelay,
    enableAutoDialAndEnd: settings.enableAutoDialAndEnd,
    autoDialDelay: settings.autoDialDelay,
    liveVoiceReaction: settings.liveVoiceReactionType,
    machineReaction: settings.answeringMachineReactionType,
    assignToQueueOnExpiration: settings.agentOwnedCallbacks.assignToQueueOnExpiration,
    complianceThreshold: queue.config.compliance.threshold,
    safeHarbourMessage: queue.config.compliance.safeHarbourMessage !== undefined,
    countAmdFalsePositives: queue.config.compliance.countAmdFalsePositives,
    checksPermit,
  };
}

/** What the dialer learns when a dial is answered or ends unanswered: what answer detection told (the plan is the present by then). */
function dialOutcome(record: CallbackRecord, change: number): 'liveAnswer' | 'machineAnswer' | 'unanswered' {
  const detected = record.plan?.detected;
  if (detected === 'machine') return 'machineAnswer';
  if (detected === 'live' || change & FlightChange.startedWaiting) return 'liveAnswer';
  return 'unanswered';
}
