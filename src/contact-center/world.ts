import type { Observable } from 'rxjs';
import type { AnyStateMachine } from 'xstate';
import { RandomStreams } from '../kernel/random.js';
import { Simulator } from '../kernel/simulator.js';
import { Mailbox, type MachineHost } from '../machines/engine.js';
import { CompiledEngine } from '../machines/compile/compiled-engine.js';
import { XStateEngine } from '../machines/xstate-engine.js';
import { LocalCalendar } from '../model/calendar.js';
import type { SimEvent, SimEventSink, SimEventType } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import { AgentPool } from './agent-pool.js';
import { CallbackRequests } from './callback-requests.js';
import { CallbackCenter } from './callbacks.js';
import { CallbackEdits } from './callback-edits.js';
import { CallbackRecords } from './callback-records.js';
import { CustomerStreams } from './customer-streams.js';
import { FlightAccounting } from './flight-accounting.js';
import { scheduledView, type ScheduledCallbackRow } from './scheduled-view.js';
import { agentFirstCallbackMachine } from '../machines/agent-first-callback.js';
import { customerFirstCallbackMachine } from '../machines/customer-first-callback.js';
import { EventChannel } from './event-channel.js';
import { Dialer } from './dialer.js';
import { InboundTraffic } from './inbound.js';
import { MachineTimers } from './machine-timers.js';
import { onQueuePeriods, type OnQueuePeriod } from './shifts.js';
import { SkillBook } from './skills.js';
import { Campaigns } from './campaigns.js';
import { ListedCallbacks } from './listed-callbacks.js';
import { Operations } from './operations.js';
import { OutboundLines } from './outbound-lines.js';
import type { EngineFactory, QueueRuntime, World } from './world-context.js';
import { MAX_PRIORITY, WorkQueue } from './work-queue.js';

/** Line lengths are sampled this often (and at time 0). */
export const SAMPLE_EVERY_MS = 30 * 60_000;

/** The statechart engines a run can use; the first is the default. */
export const ENGINES = ['compiled', 'xstate'] as const;

/** One of `ENGINES`. */
export type EngineName = (typeof ENGINES)[number];

/** Options of a contact-center run. */
export interface ContactCenterOptions {
  /** Which engine runs the statecharts (default `compiled`). */
  engine?: EngineName;
}

/**
 * The simulated contact center built from a scenario: queues, agents,
 * inbound traffic and callbacks on one clock, publishing what happens as a
 * stream of `SimEvent`s.
 */
export class ContactCenter implements World {
  readonly sim = new Simulator(4096);
  readonly streams: RandomStreams;
  readonly calendar: LocalCalendar;
  readonly timers: MachineTimers;
  readonly queues: QueueRuntime[];
  readonly horizon: number;
  readonly skills: SkillBook;
  readonly agents: AgentPool;
  /** Every customer's own random draws. */
  readonly customers: CustomerStreams;
  /** The callbacks not yet ended. */
  readonly records: CallbackRecords;
  /** The Customer First dialer's counts of dials in flight and customers waiting. */
  readonly flight: FlightAccounting;
  /** The lines of the outbound routes that declare them; null when no queue is on one. */
  readonly lines: OutboundLines | null;
  readonly callbacks: CallbackCenter;
  /** Operations on callbacks (cancel, reschedule, reassign). */
  readonly edits: CallbackEdits;
  readonly inbound: InboundTraffic;
  readonly dialer: Dialer;
  readonly requests: CallbackRequests;
  readonly campaigns: Campaigns;
  readonly listed: ListedCallbacks;
  readonly operations: Operations;
  readonly engineName: EngineName;
  private readonly mailbox = new Mailbox();
  readonly channel: EventChannel;
  private readonly queueIds = new Map<string, number>();
  private started = false;
  private readonly sampleKind: number;

  constructor(
    readonly scenario: Scenario,
    options: ContactCenterOptions = {},
  ) {
    this.engineName = options.engine ?? ENGINES[0];
    this.channel = new EventChannel({
      queueId: (queue) => this.queues[queue].config.id,
      queueIndex: (id) => this.queueIndex(id),
      groupOf: (agent) => this.agents.groupOf(agent),
      dialDetails: (callback) => this.callbacks.dialDetails(callback),
    });
    this.streams = new RandomStreams(scenario.seed);
    this.calendar = new LocalCalendar(scenario.startEpochMs, scenario.utcOffsetMinutes, scenario.timeZone);
    this.horizon = scenario.duration;
    this.timers = new MachineTimers(this.sim);
    this.queues = scenario.queues.map((config, index) => {
      if (Math.abs(config.priority) > MAX_PRIORITY || Math.abs(config.callback.priority) > MAX_PRIORITY) {
        throw new RangeError(`queue ${config.id}: priorities must be within ±${MAX_PRIORITY}`);
      }
      this.queueIds.set(config.id, index);
      return { index, config, toDial: new WorkQueue() };
    });
    const createEngine = this.engineFactory();
    this.skills = new SkillBook(scenario.agents.flatMap((g) => new Array<Record<string, number>>(g.count).fill(g.skills)));
    this.customers = new CustomerStreams(this.streams);
    // An agent who becomes available with nothing to take may let the Customer First dialer dial (it is built
    // below; the pool calls this only once the run has started).
    this.agents = new AgentPool(this, this.skills, createEngine, (queue) => this.dialer.poke(queue));
    this.records = new CallbackRecords();
    this.flight = new FlightAccounting(this, [agentFirstCallbackMachine, customerFirstCallbackMachine]);
    // A dial that waited for a line is placed once it has one (the callbacks are built below).
    this.lines = OutboundLines.of(this, (record) => this.callbacks.placeOnLine(record), (queue) => this.dialer.poke(queue));
    this.dialer = new Dialer(this, this.agents, this.records, this.flight, this.lines);
    this.callbacks = new CallbackCenter(this, this.agents, this.skills, this.records, this.flight, this.dialer, this.customers, createEngine, this.lines);
    this.edits = new CallbackEdits(this, this.records, this.callbacks, this.agents);
    this.inbound = new InboundTraffic(this, this.agents, this.callbacks, this.skills, this.customers, createEngine);
    this.requests = new CallbackRequests(this, this.callbacks);
    this.campaigns = new Campaigns(this, this.callbacks);
    this.listed = new ListedCallbacks(this, this.callbacks, this.agents);
    this.operations = new Operations(this, this.edits, this.agents);
    this.sampleKind = this.sim.register('queue.sample', () => this.sample());
  }

  /**
   * Everything that happens in the run, in simulated-time order. It is an
   * `EventStream`: consumers that take every event may `listen` to it
   * directly instead of subscribing.
   */
  get events$(): Observable<SimEvent> {
    return this.channel.stream;
  }

  /**
   * Sends every event from now on to `sink` as typed calls, without event
   * objects (one sink per run: the KPI collector). Its queue indexes are
   * those of `scenario.queues`.
   */
  attach(sink: SimEventSink): void {
    this.channel.attach(sink);
  }

  /** Whether anyone would see an event of type `type` (the typed sink, or a stream observer that names it). */
  wants(type: SimEventType): boolean {
    return this.channel.wants(type);
  }

  queueIndex(id: string): number {
    const index = this.queueIds.get(id);
    if (index === undefined) throw new Error(`unknown queue ${id}`);
    return index;
  }

  onQueuePeriods(group: number): OnQueuePeriod[] {
    return onQueuePeriods(this.scenario.agents[group].schedule, this.calendar, this.horizon);
  }

  emit(event: SimEvent): void {
    this.channel.emit(event);
  }

  /** Transitions taken so far by every statechart of the run. */
  get transitions(): number {
    return this.agents.engine.transitions + this.callbacks.transitions + this.inbound.engine.transitions;
  }

  /** The Scheduled Callbacks view now. */
  scheduledView(): ScheduledCallbackRow[] {
    return scheduledView(this.records, this.agents);
  }

  /** Runs the simulation up to simulated time `until` (at most the horizon). */
  runUntil(until: number): void {
    if (!this.started) {
      this.started = true;
      this.agents.start();
      this.inbound.start();
      this.requests.start();
      this.campaigns.start();
      this.listed.start();
      this.operations.start();
      this.sim.schedule(0, this.sampleKind, 0);
    }
    this.sim.run(Math.min(until, this.horizon));
  }

  /** Runs to the horizon and closes the event stream. */
  finish(): void {
    this.runUntil(this.horizon);
    this.channel.complete();
  }

  /** Publishes every queue's line lengths, then samples again at the next 30-minute mark. */
  private sample(): void {
    const t = this.sim.now;
    if (this.channel.wants('queue.sample')) {
      for (const q of this.queues) {
        this.emit({
          type: 'queue.sample',
          t,
          queue: q.config.id,
          waiting: this.agents.waitingOn(q.index),
          toDial: q.toDial.size,
          inFlight: this.flight.inFlight[q.index],
          idleAgents: this.agents.idleOn(q.index),
          onlineAgents: this.agents.onlineOn(q.index),
        });
      }
    }
    const next = t + SAMPLE_EVERY_MS;
    if (next < this.horizon) this.sim.schedule(next, this.sampleKind, 0);
  }

  /** Builds engines of the chosen kind, sharing the run's mailbox unless given their own. */
  private engineFactory(): EngineFactory {
    const shared = this.mailbox;
    const compiled = this.engineName === 'compiled';
    return <TInput, TEvent extends { type: string }, TContext>(_name: string, machine: AnyStateMachine, host: MachineHost<TEvent>, mailbox = shared) =>
      compiled
        ? new CompiledEngine<TInput, TEvent, TContext>(machine, host, mailbox)
        : new XStateEngine<TInput, TEvent, TContext>(machine, host, mailbox);
  }
}
