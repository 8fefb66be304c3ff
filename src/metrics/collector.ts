import type { Observable, Subscription } from 'rxjs';
import { EventStream } from '../kernel/event-stream.js';
import type { CallbackEnd } from '../machines/callback.js';
import type { SimEvent, SimEventType } from '../model/events.js';
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

function countAttemptEnded(q: QueueTally, e: EventOf<'callback.attemptEnded'>): void {
  if (e.result === 'connected') q.connected++;
  else if (e.agentSince >= 0) q.failedAttemptAgentTime += e.t - e.agentSince;
  if (e.result === 'abandonedAfterAnswer') q.abandonedAfterAnswer++;
  if (e.result === 'machine' && e.outcome === 'live') q.liveHungUpAsMachine++;
}

function countConnected(q: QueueTally, e: EventOf<'callback.connected'>): void {
  q.connectSum += e.t - e.dueAt;
  q.connectCount++;
  if (e.waitedSince >= 0) {
    q.waitAfterAnswerSum += e.t - e.waitedSince;
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
 * Turns the event stream of a run into KPIs: per queue and in total, for
 * the counted period (after warmup), and per 30-minute interval.
 *
 * Counting allocates nothing per event: queue ids are resolved to indexes
 * (with the last one remembered), the interval in progress is remembered,
 * and each kind of event has a plain counting function.
 */
export class KpiCollector {
  private readonly queueIndex = new Map<string, number>();
  private readonly thresholds: number[];
  private readonly totals: QueueTally[];
  private readonly agentTotal = new AgentTimeTally();
  private readonly groupNames: string[];
  private readonly groupOfAgent: Int32Array;
  private readonly groupTotals: AgentTimeTally[];
  private readonly intervalQueues: Array<QueueTally[] | undefined> = [];
  private readonly intervalAgents: Array<AgentTimeTally | undefined> = [];
  private readonly agentState: Uint8Array;
  private readonly agentSince: Float64Array;
  private readonly windows: AbandonWindows[];
  /** The kind tally of each counted callback that has not ended. */
  private readonly kindOf = new Map<number, QueueTally>();
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
  /** The interval bucket counted last, and its tallies. */
  private lastBucket = -1;
  private lastTallies: QueueTally[] = [];
  private closed = false;

  constructor(private readonly setup: CollectorSetup) {
    setup.queues.forEach((q, i) => this.queueIndex.set(q.id, i));
    this.thresholds = setup.queues.map((q) => q.serviceLevelThreshold);
    this.totals = setup.queues.map(() => new QueueTally());
    const agentCount = setup.agentGroups.length;
    this.groupNames = [...new Set(setup.agentGroups)];
    this.groupOfAgent = Int32Array.from(setup.agentGroups, (g) => this.groupNames.indexOf(g));
    this.groupTotals = this.groupNames.map(() => new AgentTimeTally());
    this.agentState = new Uint8Array(agentCount).fill(AgentCode.Offline);
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

  /** Counts one event. */
  onEvent(e: SimEvent): void {
    // A small dispatcher (the most frequent events first: a switch on strings
    // compares in order) over one small method per type, which the JIT can
    // inline where a single large method would not be.
    switch (e.type) {
      case 'agent.state':
        return this.agentChanged(e);
      case 'call.arrived':
        return this.callArrived(e);
      case 'call.answered':
        return this.callAnswered(e);
      case 'call.ended':
        return this.callEnded(e);
      case 'callback.dialed':
        return this.callbackDialed(e);
      case 'callback.attemptEnded':
        return this.attemptEnded(e);
      case 'dialer.inFlight':
        return this.dialerInFlight(e);
      case 'callback.created':
        return this.callbackCreated(e);
      case 'callback.answered':
        return this.callbackAnswered(e);
      case 'callback.connected':
        return this.callbackConnected(e);
      case 'callback.ended':
        return this.callbackEnded(e);
      case 'call.abandoned':
        return this.callAbandoned(e);
      case 'call.callbackAccepted':
        return this.callbackAccepted(e);
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
    }
  }

  private agentChanged(e: EventOf<'agent.state'>): void {
    this.agentTime(e.agent, e.t);
    this.agentState[e.agent] = agentCode(e.to);
  }

  private callArrived(e: EventOf<'call.arrived'>): void {
    if (e.t < this.warmup) return;
    const q = this.queue(e.queue);
    this.totals[q].offered++;
    this.interval(e.t)[q].offered++;
  }

  private callAnswered(e: EventOf<'call.answered'>): void {
    if (e.arrivedAt < this.warmup) return;
    const q = this.queue(e.queue);
    const wait = e.t - e.arrivedAt;
    const within = wait <= this.thresholds[q];
    countAnswered(this.totals[q], wait, within);
    countAnswered(this.interval(e.t)[q], wait, within);
  }

  private callAbandoned(e: EventOf<'call.abandoned'>): void {
    if (e.arrivedAt < this.warmup) return;
    const q = this.queue(e.queue);
    countAbandoned(this.totals[q]);
    countAbandoned(this.interval(e.t)[q]);
  }

  private callbackAccepted(e: EventOf<'call.callbackAccepted'>): void {
    if (e.arrivedAt < this.warmup) return;
    const q = this.queue(e.queue);
    countCallbackAccepted(this.totals[q]);
    countCallbackAccepted(this.interval(e.t)[q]);
  }

  private callEnded(e: EventOf<'call.ended'>): void {
    if (e.arrivedAt < this.warmup) return;
    const q = this.queue(e.queue);
    const talk = e.t - e.answeredAt;
    countCallEnded(this.totals[q], talk);
    countCallEnded(this.interval(e.t)[q], talk);
  }

  private callbackCreated(e: EventOf<'callback.created'>): void {
    if (e.t < this.warmup) return;
    let kind = this.kindTallies.get(e.kind);
    if (!kind) this.kindTallies.set(e.kind, (kind = new QueueTally()));
    this.kindOf.set(e.callback, kind);
    const q = this.queue(e.queue);
    this.totals[q].created++;
    this.interval(e.t)[q].created++;
    kind.created++;
  }

  private callbackDialed(e: EventOf<'callback.dialed'>): void {
    if (e.createdAt < this.warmup) return;
    const q = this.queue(e.queue);
    const sinceDue = e.t - e.dueAt;
    countDialed(this.totals[q], e.attempt, sinceDue);
    countDialed(this.interval(e.t)[q], e.attempt, sinceDue);
    const kind = this.kindOf.get(e.callback);
    if (kind) countDialed(kind, e.attempt, sinceDue);
  }

  private attemptEnded(e: EventOf<'callback.attemptEnded'>): void {
    if (e.createdAt < this.warmup) return;
    const q = this.queue(e.queue);
    countAttemptEnded(this.totals[q], e);
    countAttemptEnded(this.interval(e.t)[q], e);
    const kind = this.kindOf.get(e.callback);
    if (kind) countAttemptEnded(kind, e);
    if (e.result === 'abandonedAfterAnswer') this.windows[q].abandon(e.t);
  }

  private callbackAnswered(e: EventOf<'callback.answered'>): void {
    if (e.createdAt < this.warmup) return;
    const q = this.queue(e.queue);
    this.totals[q].answeredByCustomer++;
    this.interval(e.t)[q].answeredByCustomer++;
    const kind = this.kindOf.get(e.callback);
    if (kind) kind.answeredByCustomer++;
    this.windows[q].answer(e.t);
  }

  private callbackConnected(e: EventOf<'callback.connected'>): void {
    if (e.createdAt < this.warmup) return;
    const q = this.queue(e.queue);
    countConnected(this.totals[q], e);
    countConnected(this.interval(e.t)[q], e);
    const kind = this.kindOf.get(e.callback);
    if (kind) countConnected(kind, e);
  }

  private callbackEnded(e: EventOf<'callback.ended'>): void {
    if (e.createdAt < this.warmup) return;
    const q = this.queue(e.queue);
    const end = e.end as CallbackEnd;
    countEnded(this.totals[q], end, e.attempts);
    countEnded(this.interval(e.t)[q], end, e.attempts);
    const kind = this.kindOf.get(e.callback);
    if (kind) {
      countEnded(kind, end, e.attempts);
      this.kindOf.delete(e.callback);
    }
  }

  private analyticsEnded(e: EventOf<'callback.analyticsEnded'>): void {
    if (e.createdAt < this.warmup) return;
    const q = this.queue(e.queue);
    this.totals[q].endedInAnalytics++;
    this.interval(e.t)[q].endedInAnalytics++;
    const kind = this.kindOf.get(e.callback);
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

  private dialerInFlight(e: EventOf<'dialer.inFlight'>): void {
    const q = this.queue(e.queue);
    this.inFlightTime(q, e.t);
    this.inFlight[q] = e.inFlight;
    if (e.t < this.warmup) return;
    const total = this.totals[q];
    const interval = this.interval(e.t)[q];
    total.inFlightMax = Math.max(total.inFlightMax, e.inFlight);
    interval.inFlightMax = Math.max(interval.inFlightMax, e.inFlight);
  }

  private queueSample(e: EventOf<'queue.sample'>): void {
    const index = this.queue(e.queue);
    const bucket = Math.floor(e.t / INTERVAL_MS);
    (this.samples[bucket] ??= this.setup.queues.map(() => ({ waiting: 0, toDial: 0 })))[index] = { waiting: e.waiting, toDial: e.toDial };
  }

  /** Closes agent time at `t` (the horizon); called when the stream completes. */
  close(t: number): void {
    if (this.closed) return;
    for (let a = 0; a < this.agentState.length; a++) this.agentTime(a, t);
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
    const bucket = Math.floor(t / INTERVAL_MS);
    if (bucket === this.lastBucket) return this.lastTallies;
    this.lastBucket = bucket;
    return (this.lastTallies = this.intervalTallies(bucket));
  }

  /** Counts agent time of `agent` from its last change to `t` in the state it was in, interval by interval. */
  private agentTime(agent: number, t: number): void {
    const code = this.agentState[agent] as AgentCode;
    const from = this.agentSince[agent];
    this.agentSince[agent] = t;
    if (code === AgentCode.Offline) return;
    const group = this.groupTotals[this.groupOfAgent[agent]];
    let start = Math.max(from, this.warmup);
    while (start < t) {
      const bucket = Math.floor(start / INTERVAL_MS);
      const end = Math.min(t, (bucket + 1) * INTERVAL_MS);
      const ms = end - start;
      addAgentTime(this.agentTotal, code, ms);
      addAgentTime(group, code, ms);
      let tally = this.intervalAgents[bucket];
      if (!tally) tally = this.intervalAgents[bucket] = new AgentTimeTally();
      addAgentTime(tally, code, ms);
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
