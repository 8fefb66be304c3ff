import type { Observable, Subscription } from 'rxjs';
import { EventStream } from '../kernel/event-stream.js';
import type { CallbackEnd } from '../machines/callback.js';
import { TYPED_EVENT_TYPES, type AttemptResult, type CallbackKind, type SimEvent, type SimEventSink, type SimEventType } from '../model/events.js';
import type { CallbackMode, DialOutcome } from '../model/scenario.js';
import { AbandonWindows } from './abandon-windows.js';
import { agentKpis, callbackKindKpis, queueKpis, ratio, round, type AgentKpis, type CallbackKindKpis, type QueueKpis } from './kpis.js';
import { AgentTimeTally, QueueTally } from './tally.js';

/** Length of a statistics interval, as Genesys keeps them: 30 minutes. */
export const INTERVAL_MS = 30 * 60_000;

/** What the collector needs to know of the run. */
export interface CollectorSetup {
  /** Queue ids and their service-level thresholds (ms). */
  queues: ReadonlyArray<{ id: string; serviceLevelThreshold: number }>;
  /** The group of each agent, by agent index. */
  agentGroups: readonly string[];
  /** Arrivals and creations before this time (ms) are not counted. */
  warmup: number;
  /** End of the run (ms). */
  horizon: number;
  /** Epoch ms of simulated time 0, for interval timestamps. */
  startEpochMs: number;
  /** Ids of the outbound campaigns. */
  campaigns?: readonly string[];
}

/** One 30-minute interval's figures. */
export interface IntervalReport {
  /** Interval start, ISO 8601 UTC. */
  start: string;
  queues: Record<string, IntervalQueueFigures>;
  agents: { occupancy: number | null; staffedHours: number };
}

/** The per-queue figures kept for each interval. */
export interface IntervalQueueFigures {
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asa: number | null;
  callbacksCreated: number;
  attempts: number;
  connected: number;
  abandonedAfterAnswer: number;
  dialsInFlightMean: number | null;
  dialsInFlightMax: number;
  /** Interactions waiting for an agent at the start of the interval. */
  waiting: number;
  /** Customer First callbacks waiting to be dialed at the start of the interval. */
  toDial: number;
}

/** One operation on one callback. */
export interface OperationRecord {
  /** Simulated time, ISO 8601 UTC. */
  at: string;
  op: string;
  callback: number;
  label: string | null;
  queue: string;
  applied: boolean;
  reason: string | null;
}

/** Everything the collector reports. */
export interface KpiReport {
  queues: Record<string, QueueKpis>;
  total: QueueKpis;
  /** Callback KPIs by kind of callback, over all queues. */
  callbackKinds: Record<string, CallbackKindKpis>;
  /** Per outbound campaign: contacts dialed, live answers, and those who asked to be called later. */
  campaigns: Record<string, { dialed: number; live: number; callLater: number }>;
  /** Every operation on a callback, applied or refused. */
  operations: OperationRecord[];
  agents: AgentKpis & { groups: Record<string, AgentKpis> };
  intervals: IntervalReport[];
}

/** The event of type `T`. */
type EventOf<T extends SimEventType> = Extract<SimEvent, { type: T }>;

/** Which events the collector counts (every type must be listed, so that a new one is not forgotten). */
const COUNTED: Record<SimEventType, boolean> = {
  'call.arrived': true,
  'call.answered': true,
  'call.abandoned': true,
  'call.callbackAccepted': true,
  'call.ended': true,
  'call.voicemail': true,
  'call.transferred': true,
  'call.flowError': true,
  'callback.created': true,
  'callback.state': false,
  'callback.dialed': true,
  'callback.attemptEnded': true,
  'callback.answered': true,
  'callback.connected': true,
  'callback.ended': true,
  'callback.analyticsEnded': true,
  operation: true,
  'campaign.dialed': true,
  'agent.state': true,
  'dialer.dialed': false,
  'dialer.inFlight': true,
  'queue.sample': true,
};

/** The types of event the collector counts. */
export const COUNTED_EVENT_TYPES: readonly SimEventType[] = (Object.keys(COUNTED) as SimEventType[]).filter((type) => COUNTED[type]);

/** Agent states as the collector keeps them: offline, idle, not responding, or working (alerting, busy, wrap-up). */
const enum AgentCode {
  Offline = 0,
  Idle = 1,
  NotResponding = 2,
  Working = 3,
}

function agentCode(state: string): AgentCode {
  switch (state) {
    case 'offline':
      return AgentCode.Offline;
    case 'idle':
      return AgentCode.Idle;
    case 'notResponding':
      return AgentCode.NotResponding;
    default:
      return AgentCode.Working;
  }
}

/** Adds `ms` of agent time in state `code` to a tally (as `AgentTimeTally.addState`). */
function addAgentTime(tally: AgentTimeTally, code: AgentCode, ms: number): void {
  if (code === AgentCode.Offline || ms <= 0) return;
  tally.staffed += ms;
  if (code === AgentCode.Idle) tally.idle += ms;
  else if (code === AgentCode.NotResponding) tally.notResponding += ms;
  else tally.busy += ms;
}

// What each counted event adds to a tally. Each is applied to the queue's
// run total and its interval (and, for callbacks, to the kind's tally): plain
// functions, so that counting an event allocates nothing.

function countAnswered(q: QueueTally, wait: number, within: boolean): void {
  q.answered++;
  q.answeredWaitSum += wait;
  if (wait > 0) q.waited++;
  if (within) q.answeredWithinServiceLevel++;
}

function countAbandoned(q: QueueTally): void {
  q.abandoned++;
  q.waited++;
}

function countCallbackAccepted(q: QueueTally): void {
  q.callbackAccepted++;
  q.waited++;
}

function countCallEnded(q: QueueTally, talk: number): void {
  q.talkSum += talk;
  q.talkCount++;
}

function countDialed(q: QueueTally, attempt: number, sinceDue: number): void {
  q.attempts++;
  if (attempt === 1) {
    q.firstDialSum += sinceDue;
    q.firstDialCount++;
  }
}

function countAttemptEnded(q: QueueTally, t: number, result: AttemptResult, outcome: DialOutcome | null, agentSince: number): void {
  if (result === 'connected') q.connected++;
  else if (agentSince >= 0) q.failedAttemptAgentTime += t - agentSince;
  if (result === 'abandonedAfterAnswer') q.abandonedAfterAnswer++;
  if (result === 'machine' && outcome === 'live') q.liveHungUpAsMachine++;
}

function countConnected(q: QueueTally, t: number, dueAt: number, waitedSince: number): void {
  q.connectSum += t - dueAt;
  q.connectCount++;
  if (waitedSince >= 0) {
    q.waitAfterAnswerSum += t - waitedSince;
    q.waitAfterAnswerCount++;
  }
}

function countEnded(q: QueueTally, end: CallbackEnd, attempts: number): void {
  q.ended[end]++;
  q.attemptsOfEnded[attempts] = (q.attemptsOfEnded[attempts] ?? 0) + 1;
}

function countVoicemail(q: QueueTally): void {
  q.voicemails++;
  q.waited++;
}

/**
 * The kind tally of each callback, by callback id: callback ids are small
 * integers handed out in order, so a code per id in a typed array (growing
 * with the ids) stands in for a map; other ids go to a map.
 */
class CallbackKinds {
  private codes = new Uint8Array(1024);
  private readonly tallies: QueueTally[] = [];
  private readonly others = new Map<number, QueueTally>();

  get(callback: number): QueueTally | undefined {
    if (!small(callback)) return this.others.get(callback);
    const code = callback < this.codes.length ? this.codes[callback] : 0;
    return code === 0 ? undefined : this.tallies[code - 1];
  }

  set(callback: number, tally: QueueTally): void {
    if (!small(callback)) {
      this.others.set(callback, tally);
      return;
    }
    let code = this.tallies.indexOf(tally) + 1;
    if (code === 0) code = this.tallies.push(tally);
    if (callback >= this.codes.length) {
      let size = this.codes.length * 2;
      while (size <= callback) size *= 2;
      const codes = new Uint8Array(size);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.codes[callback] = code;
  }

  delete(callback: number): void {
    if (!small(callback)) this.others.delete(callback);
    else if (callback < this.codes.length) this.codes[callback] = 0;
  }
}

/** Whether `id` is an integer small enough to index an array by. */
function small(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id < 0x10000000;
}

/**
 * Turns the event stream of a run into KPIs: per queue and in total, for
 * the counted period (after warmup), and per 30-minute interval.
 *
 * It is a `SimEventSink`: a run can hand it the frequent events as typed
 * calls (`ContactCenter.attach`), with queue indexes in the order of
 * `setup.queues`; event objects (`observe`, `onEvent`) are turned into the
 * same calls. Counting allocates nothing per event: the interval in progress
 * is remembered, and each kind of event has a plain counting function.
 */
export class KpiCollector implements SimEventSink {
  /** The types of event the collector counts. */
  readonly types = COUNTED_EVENT_TYPES;
  private readonly queueIndex = new Map<string, number>();
  private readonly thresholds: number[];
  private readonly totals: QueueTally[];
  private readonly agentTotal = new AgentTimeTally();
  private readonly groupNames: string[];
  private readonly groupOfAgent: Int32Array;
  private readonly groupTotals: AgentTimeTally[];
  private readonly intervalQueues: Array<QueueTally[] | undefined> = [];
  private readonly intervalAgents: Array<AgentTimeTally | undefined> = [];
  private readonly agentCodes: Uint8Array;
  private readonly agentSince: Float64Array;
  private readonly windows: AbandonWindows[];
  /** The kind tally of each counted callback that has not ended (see `kindOf`). */
  private readonly kinds = new CallbackKinds();
  private readonly kindTallies = new Map<string, QueueTally>();
  private readonly campaignCounts = new Map<string, { dialed: number; live: number; callLater: number }>();
  private readonly operationRecords: OperationRecord[] = [];
  private readonly samples: Array<Array<{ waiting: number; toDial: number }> | undefined> = [];
  private readonly inFlight: Int32Array;
  private readonly inFlightSince: Float64Array;
  private readonly warmup: number;
  /** The queue id resolved last, and its index. */
  private lastQueueId: string | undefined;
  private lastQueue = -1;
  /** The interval counted last: its bounds (ms) and its queue tallies. */
  private lastStart = 0;
  private lastEnd = 0;
  private lastTallies: QueueTally[] = [];
  /** The interval agent time was counted in last: its bounds (ms) and its tally. */
  private agentStart = 0;
  private agentEnd = 0;
  private agentTally = new AgentTimeTally();
  private closed = false;

  constructor(private readonly setup: CollectorSetup) {
    setup.queues.forEach((q, i) => this.queueIndex.set(q.id, i));
    this.thresholds = setup.queues.map((q) => q.serviceLevelThreshold);
    this.totals = setup.queues.map(() => new QueueTally());
    const agentCount = setup.agentGroups.length;
    this.groupNames = [...new Set(setup.agentGroups)];
    this.groupOfAgent = Int32Array.from(setup.agentGroups, (g) => this.groupNames.indexOf(g));
    this.groupTotals = this.groupNames.map(() => new AgentTimeTally());
    this.agentCodes = new Uint8Array(agentCount).fill(AgentCode.Offline);
    this.agentSince = new Float64Array(agentCount);
    this.windows = setup.queues.map(() => new AbandonWindows(setup.warmup));
    this.inFlight = new Int32Array(setup.queues.length);
    this.inFlightSince = new Float64Array(setup.queues.length);
    this.warmup = setup.warmup;
  }

  /**
   * Subscribes to a run's events. A stream that can be listened to directly
   * (`EventStream`, as `ContactCenter.events$` is) is, without rxjs's
   * per-event machinery; any other observable is subscribed to.
   */
  observe(events$: Observable<SimEvent>): Subscription {
    const observer = {
      next: this.onEvent.bind(this),
      complete: () => this.close(this.setup.horizon),
      types: COUNTED_EVENT_TYPES,
    };
    return events$ instanceof EventStream ? (events$ as EventStream<SimEvent>).listen(observer) : events$.subscribe(observer);
  }

  /** Counts one event given as an object. */
  onEvent(e: SimEvent): void {
    // The most frequent events first: a switch on strings compares in order.
    switch (e.type) {
      case 'agent.state':
        return this.agentState(e.t, e.agent, e.from, e.to);
      case 'call.arrived':
        return this.callArrived(e.t, e.call, this.queue(e.queue));
      case 'call.answered':
        return this.callAnswered(e.t, e.call, this.queue(e.queue), e.agent, e.arrivedAt);
      case 'call.ended':
        return this.callEnded(e.t, e.call, this.queue(e.queue), e.agent, e.answeredAt, e.arrivedAt);
      case 'callback.dialed':
        return this.callbackDialed(e.t, e.callback, this.queue(e.queue), e.attempt, e.agent, e.createdAt, e.dueAt);
      case 'callback.attemptEnded':
        return this.attemptEnded(e.t, e.callback, this.queue(e.queue), e.attempt, e.result, e.outcome, e.agent, e.agentSince, e.createdAt);
      case 'dialer.inFlight':
        return this.dialerInFlight(e.t, this.queue(e.queue), e.inFlight);
      case 'callback.created':
        return this.callbackCreated(e.t, e.callback, this.queue(e.queue), e.kind, e.mode, e.position);
      case 'callback.answered':
        return this.callbackAnswered(e.t, e.callback, this.queue(e.queue), e.createdAt);
      case 'callback.connected':
        return this.callbackConnected(e.t, e.callback, this.queue(e.queue), e.agent, e.createdAt, e.dueAt, e.waitedSince);
      case 'callback.ended':
        return this.callbackEnded(e.t, e.callback, this.queue(e.queue), e.end, e.attempts, e.createdAt);
      case 'call.abandoned':
        return this.callAbandoned(e.t, e.call, this.queue(e.queue), e.arrivedAt);
      case 'call.callbackAccepted':
        return this.callbackAccepted(e.t, e.call, this.queue(e.queue), e.arrivedAt, e.callback);
      default:
        return this.event(e);
    }
  }

  /** Counts an event of a type that has no typed call (see `SimEventSink`). */
  event(e: SimEvent): void {
    switch (e.type) {
      case 'callback.analyticsEnded':
        return this.analyticsEnded(e);
      case 'call.voicemail':
        return this.callVoicemail(e);
      case 'call.transferred':
        return this.callTransferred(e);
      case 'call.flowError':
        return this.callFlowError(e);
      case 'operation':
        return this.operation(e);
      case 'campaign.dialed':
        return this.campaignDialed(e);
      case 'queue.sample':
        return this.queueSample(e);
      case 'callback.state':
      case 'dialer.dialed':
        return;
      default:
        // A typed event given as an object (any other type is not counted).
        if (TYPED_EVENT_TYPES.includes(e.type)) return this.onEvent(e);
    }
  }

  /** The run has ended: closes agent time at the horizon. */
  complete(): void {
    this.close(this.setup.horizon);
  }

  /** Counts a `agent.state` event. */
  agentState(t: number, agent: number, _from: string, to: string): void {
    this.agentTime(agent, t);
    this.agentCodes[agent] = agentCode(to);
  }

  /** Counts a `call.arrived` event. */
  callArrived(t: number, _call: number, q: number): void {
    if (t < this.warmup) return;
    this.totals[q].offered++;
    this.interval(t)[q].offered++;
  }

  /** Counts a `call.answered` event. */
  callAnswered(t: number, _call: number, q: number, _agent: number, arrivedAt: number): void {
    if (arrivedAt < this.warmup) return;
    const wait = t - arrivedAt;
    const within = wait <= this.thresholds[q];
    countAnswered(this.totals[q], wait, within);
    countAnswered(this.interval(t)[q], wait, within);
  }

  /** Counts a `call.abandoned` event. */
  callAbandoned(t: number, _call: number, q: number, arrivedAt: number): void {
    if (arrivedAt < this.warmup) return;
    countAbandoned(this.totals[q]);
    countAbandoned(this.interval(t)[q]);
  }

  /** Counts a `call.callbackAccepted` event. */
  callbackAccepted(t: number, _call: number, q: number, arrivedAt: number, _callback: number): void {
    if (arrivedAt < this.warmup) return;
    countCallbackAccepted(this.totals[q]);
    countCallbackAccepted(this.interval(t)[q]);
  }

  /** Counts a `call.ended` event. */
  callEnded(t: number, _call: number, q: number, _agent: number, answeredAt: number, arrivedAt: number): void {
    if (arrivedAt < this.warmup) return;
    const talk = t - answeredAt;
    countCallEnded(this.totals[q], talk);
    countCallEnded(this.interval(t)[q], talk);
  }

  /** Counts a `callback.created` event. */
  callbackCreated(t: number, callback: number, q: number, kindName: CallbackKind, _mode: CallbackMode, _position: number): void {
    if (t < this.warmup) return;
    let kind = this.kindTallies.get(kindName);
    if (!kind) this.kindTallies.set(kindName, (kind = new QueueTally()));
    this.kinds.set(callback, kind);
    this.totals[q].created++;
    this.interval(t)[q].created++;
    kind.created++;
  }

  /** Counts a `callback.dialed` event. */
  callbackDialed(t: number, callback: number, q: number, attempt: number, _agent: number, createdAt: number, dueAt: number): void {
    if (createdAt < this.warmup) return;
    const sinceDue = t - dueAt;
    countDialed(this.totals[q], attempt, sinceDue);
    countDialed(this.interval(t)[q], attempt, sinceDue);
    const kind = this.kinds.get(callback);
    if (kind) countDialed(kind, attempt, sinceDue);
  }

  /** Counts a `callback.attemptEnded` event. */
  attemptEnded(
    t: number,
    callback: number,
    q: number,
    _attempt: number,
    result: AttemptResult,
    outcome: DialOutcome | null,
    _agent: number,
    agentSince: number,
    createdAt: number,
  ): void {
    if (createdAt < this.warmup) return;
    countAttemptEnded(this.totals[q], t, result, outcome, agentSince);
    countAttemptEnded(this.interval(t)[q], t, result, outcome, agentSince);
    const kind = this.kinds.get(callback);
    if (kind) countAttemptEnded(kind, t, result, outcome, agentSince);
    if (result === 'abandonedAfterAnswer') this.windows[q].abandon(t);
  }

  /** Counts a `callback.answered` event. */
  callbackAnswered(t: number, callback: number, q: number, createdAt: number): void {
    if (createdAt < this.warmup) return;
    this.totals[q].answeredByCustomer++;
    this.interval(t)[q].answeredByCustomer++;
    const kind = this.kinds.get(callback);
    if (kind) kind.answeredByCustomer++;
    this.windows[q].answer(t);
  }

  /** Counts a `callback.connected` event. */
  callbackConnected(t: number, callback: number, q: number, _agent: number, createdAt: number, dueAt: number, waitedSince: number): void {
    if (createdAt < this.warmup) return;
    countConnected(this.totals[q], t, dueAt, waitedSince);
    countConnected(this.interval(t)[q], t, dueAt, waitedSince);
    const kind = this.kinds.get(callback);
    if (kind) countConnected(kind, t, dueAt, waitedSince);
  }

  /** Counts a `callback.ended` event. */
  callbackEnded(t: number, callback: number, q: number, endName: string, attempts: number, createdAt: number): void {
    if (createdAt < this.warmup) return;
    const end = endName as CallbackEnd;
    countEnded(this.totals[q], end, attempts);
    countEnded(this.interval(t)[q], end, attempts);
    const kind = this.kinds.get(callback);
    if (kind) {
      countEnded(kind, end, attempts);
      this.kinds.delete(callback);
    }
  }

  /** Counts a `dialer.inFlight` event. */
  dialerInFlight(t: number, q: number, inFlight: number): void {
    this.inFlightTime(q, t);
    this.inFlight[q] = inFlight;
    if (t < this.warmup) return;
    const total = this.totals[q];
    const interval = this.interval(t)[q];
    total.inFlightMax = Math.max(total.inFlightMax, inFlight);
    interval.inFlightMax = Math.max(interval.inFlightMax, inFlight);
  }

  private analyticsEnded(e: EventOf<'callback.analyticsEnded'>): void {
    if (e.createdAt < this.warmup) return;
    const q = this.queue(e.queue);
    this.totals[q].endedInAnalytics++;
    this.interval(e.t)[q].endedInAnalytics++;
    const kind = this.kinds.get(e.callback);
    if (kind) kind.endedInAnalytics++;
  }

  private callVoicemail(e: EventOf<'call.voicemail'>): void {
    if (e.arrivedAt < this.warmup) return;
    const q = this.queue(e.queue);
    countVoicemail(this.totals[q]);
    countVoicemail(this.interval(e.t)[q]);
  }

  private callTransferred(e: EventOf<'call.transferred'>): void {
    if (e.arrivedAt < this.warmup) return;
    const q = this.queue(e.from);
    this.totals[q].transferredOut++;
    this.interval(e.t)[q].transferredOut++;
  }

  private callFlowError(e: EventOf<'call.flowError'>): void {
    if (e.arrivedAt < this.warmup) return;
    const q = this.queue(e.queue);
    this.totals[q].flowErrors++;
    this.interval(e.t)[q].flowErrors++;
  }

  private operation(e: EventOf<'operation'>): void {
    const q = this.queue(e.queue);
    for (const tally of [this.totals[q], this.interval(e.t)[q]]) {
      if (e.applied) tally.operationsApplied++;
      else tally.operationsRefused++;
    }
    this.operationRecords.push({
      at: new Date(this.setup.startEpochMs + e.t).toISOString(),
      op: e.op,
      callback: e.callback,
      label: e.label,
      queue: e.queue,
      applied: e.applied,
      reason: e.reason,
    });
  }

  private campaignDialed(e: EventOf<'campaign.dialed'>): void {
    let counts = this.campaignCounts.get(e.campaign);
    if (!counts) this.campaignCounts.set(e.campaign, (counts = { dialed: 0, live: 0, callLater: 0 }));
    counts.dialed++;
    if (e.outcome === 'live') counts.live++;
    if (e.callLater) counts.callLater++;
  }

  private queueSample(e: EventOf<'queue.sample'>): void {
    const index = this.queue(e.queue);
    const bucket = Math.floor(e.t / INTERVAL_MS);
    (this.samples[bucket] ??= this.setup.queues.map(() => ({ waiting: 0, toDial: 0 })))[index] = { waiting: e.waiting, toDial: e.toDial };
  }

  /** Closes agent time at `t` (the horizon); called when the stream completes. */
  close(t: number): void {
    if (this.closed) return;
    for (let a = 0; a < this.agentCodes.length; a++) this.agentTime(a, t);
    for (let q = 0; q < this.inFlight.length; q++) this.inFlightTime(q, t);
    this.closed = true;
  }

  /** The KPIs so far. */
  report(): KpiReport {
    const queues: Record<string, QueueKpis> = {};
    const total = new QueueTally();
    this.setup.queues.forEach((q, i) => {
      queues[q.id] = queueKpis(this.totals[i], { max24h: this.windows[i].worstRate(1), max30d: this.windows[i].worstRate(30) });
      total.add(this.totals[i]);
    });
    const groups: Record<string, AgentKpis> = {};
    this.groupNames.forEach((name, g) => (groups[name] = agentKpis(this.groupTotals[g])));
    const callbackKinds: Record<string, CallbackKindKpis> = {};
    for (const kind of [...this.kindTallies.keys()].sort()) callbackKinds[kind] = callbackKindKpis(this.kindTallies.get(kind)!);
    const campaigns: Record<string, { dialed: number; live: number; callLater: number }> = {};
    for (const c of this.setup.campaigns ?? []) campaigns[c] = this.campaignCounts.get(c) ?? { dialed: 0, live: 0, callLater: 0 };
    return {
      queues,
      total: queueKpis(total),
      callbackKinds,
      campaigns,
      operations: this.operationRecords,
      agents: { ...agentKpis(this.agentTotal), groups },
      intervals: this.intervalReports(),
    };
  }

  /** Index of the queue with id `id` (the last one resolved is remembered). */
  private queue(id: string): number {
    if (id === this.lastQueueId) return this.lastQueue;
    const index = this.queueIndex.get(id);
    if (index === undefined) throw new Error(`KpiCollector: unknown queue ${id}`);
    this.lastQueueId = id;
    this.lastQueue = index;
    return index;
  }

  /** The queue tallies of the interval that holds time `t`. */
  private interval(t: number): QueueTally[] {
    if (t >= this.lastStart && t < this.lastEnd) return this.lastTallies;
    const bucket = Math.floor(t / INTERVAL_MS);
    this.lastStart = bucket * INTERVAL_MS;
    this.lastEnd = this.lastStart + INTERVAL_MS;
    return (this.lastTallies = this.intervalTallies(bucket));
  }

  /** Counts agent time of `agent` from its last change to `t` in the state it was in, interval by interval. */
  private agentTime(agent: number, t: number): void {
    const code = this.agentCodes[agent] as AgentCode;
    const from = this.agentSince[agent];
    this.agentSince[agent] = t;
    if (code === AgentCode.Offline) return;
    const group = this.groupTotals[this.groupOfAgent[agent]];
    let start = Math.max(from, this.warmup);
    if (start >= t) return;
    if (start >= this.agentStart && t <= this.agentEnd) {
      // Within the interval counted last (the common case): one step.
      const ms = t - start;
      addAgentTime(this.agentTotal, code, ms);
      addAgentTime(group, code, ms);
      addAgentTime(this.agentTally, code, ms);
      return;
    }
    while (start < t) {
      const bucket = Math.floor(start / INTERVAL_MS);
      const end = Math.min(t, (bucket + 1) * INTERVAL_MS);
      const ms = end - start;
      addAgentTime(this.agentTotal, code, ms);
      addAgentTime(group, code, ms);
      let tally = this.intervalAgents[bucket];
      if (!tally) tally = this.intervalAgents[bucket] = new AgentTimeTally();
      addAgentTime(tally, code, ms);
      this.agentStart = bucket * INTERVAL_MS;
      this.agentEnd = this.agentStart + INTERVAL_MS;
      this.agentTally = tally;
      start = end;
    }
  }

  /** Integrates the dials in flight on `queue` from its last change to `t`, interval by interval. */
  private inFlightTime(queue: number, t: number): void {
    const value = this.inFlight[queue];
    const from = this.inFlightSince[queue];
    this.inFlightSince[queue] = t;
    const total = this.totals[queue];
    let start = Math.max(from, this.warmup);
    while (start < t) {
      const bucket = Math.floor(start / INTERVAL_MS);
      const end = Math.min(t, (bucket + 1) * INTERVAL_MS);
      const ms = end - start;
      const interval = this.intervalTallies(bucket)[queue];
      total.inFlightArea += value * ms;
      total.inFlightTime += ms;
      interval.inFlightArea += value * ms;
      interval.inFlightTime += ms;
      start = end;
    }
  }

  private intervalTallies(bucket: number): QueueTally[] {
    let tallies = this.intervalQueues[bucket];
    if (!tallies) tallies = this.intervalQueues[bucket] = this.setup.queues.map(() => new QueueTally());
    return tallies;
  }

  private intervalReports(): IntervalReport[] {
    const reports: IntervalReport[] = [];
    const first = Math.floor(this.setup.warmup / INTERVAL_MS);
    const last = Math.ceil(this.setup.horizon / INTERVAL_MS);
    for (let bucket = first; bucket < last; bucket++) {
      const tallies = this.intervalQueues[bucket];
      const agents = this.intervalAgents[bucket];
      const queues: Record<string, IntervalQueueFigures> = {};
      this.setup.queues.forEach((q, i) => {
        const t = tallies?.[i] ?? new QueueTally();
        queues[q.id] = {
          offered: t.offered,
          answered: t.answered,
          abandoned: t.abandoned,
          serviceLevel: ratio(t.answeredWithinServiceLevel, t.answered + t.abandoned),
          asa: ratio(t.answeredWaitSum / 1000, t.answered, 3),
          callbacksCreated: t.created,
          attempts: t.attempts,
          connected: t.connected,
          abandonedAfterAnswer: t.abandonedAfterAnswer,
          dialsInFlightMean: ratio(t.inFlightArea, t.inFlightTime, 3),
          dialsInFlightMax: t.inFlightMax,
          waiting: this.samples[bucket]?.[i].waiting ?? 0,
          toDial: this.samples[bucket]?.[i].toDial ?? 0,
        };
      });
      reports.push({
        start: new Date(this.setup.startEpochMs + bucket * INTERVAL_MS).toISOString(),
        queues,
        agents: {
          occupancy: agents ? ratio(agents.busy, agents.staffed) : null,
          staffedHours: agents ? round(agents.staffed / 3_600_000, 4) : 0,
        },
      });
    }
    return reports;
  }
}
