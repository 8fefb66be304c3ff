import type { Observable, Subscription } from 'rxjs';
import type { CallbackEnd } from '../machines/callback.js';
import type { SimEvent } from '../model/events.js';
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

/**
 * Turns the event stream of a run into KPIs: per queue and in total, for
 * the counted period (after warmup), and per 30-minute interval.
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
  private readonly agentState: string[];
  private readonly agentSince: Float64Array;
  private readonly windows: AbandonWindows[];
  private readonly kindOf = new Map<number, string>();
  private readonly kindTallies = new Map<string, QueueTally>();
  private readonly campaignCounts = new Map<string, { dialed: number; live: number; callLater: number }>();
  private readonly operationRecords: OperationRecord[] = [];
  private readonly samples: Array<Array<{ waiting: number; toDial: number }> | undefined> = [];
  private readonly inFlight: Int32Array;
  private readonly inFlightSince: Float64Array;
  private closed = false;

  constructor(private readonly setup: CollectorSetup) {
    setup.queues.forEach((q, i) => this.queueIndex.set(q.id, i));
    this.thresholds = setup.queues.map((q) => q.serviceLevelThreshold);
    this.totals = setup.queues.map(() => new QueueTally());
    const agentCount = setup.agentGroups.length;
    this.groupNames = [...new Set(setup.agentGroups)];
    this.groupOfAgent = Int32Array.from(setup.agentGroups, (g) => this.groupNames.indexOf(g));
    this.groupTotals = this.groupNames.map(() => new AgentTimeTally());
    this.agentState = new Array(agentCount).fill('offline');
    this.agentSince = new Float64Array(agentCount);
    this.windows = setup.queues.map(() => new AbandonWindows(setup.warmup));
    this.inFlight = new Int32Array(setup.queues.length);
    this.inFlightSince = new Float64Array(setup.queues.length);
  }

  /** Subscribes to a run's events. */
  observe(events$: Observable<SimEvent>): Subscription {
    return events$.subscribe({ next: (e) => this.onEvent(e), complete: () => this.close(this.setup.horizon) });
  }

  /** Counts one event. */
  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'call.arrived':
        if (e.t >= this.setup.warmup) this.count(e.queue, e.t, (q) => q.offered++);
        break;
      case 'call.answered':
        if (e.arrivedAt >= this.setup.warmup) {
          const wait = e.t - e.arrivedAt;
          const within = wait <= this.thresholds[this.queueIndex.get(e.queue)!];
          this.count(e.queue, e.t, (q) => {
            q.answered++;
            q.answeredWaitSum += wait;
            if (wait > 0) q.waited++;
            if (within) q.answeredWithinServiceLevel++;
          });
        }
        break;
      case 'call.abandoned':
        if (e.arrivedAt >= this.setup.warmup)
          this.count(e.queue, e.t, (q) => {
            q.abandoned++;
            q.waited++;
          });
        break;
      case 'call.callbackAccepted':
        if (e.arrivedAt >= this.setup.warmup)
          this.count(e.queue, e.t, (q) => {
            q.callbackAccepted++;
            q.waited++;
          });
        break;
      case 'call.ended':
        if (e.arrivedAt >= this.setup.warmup)
          this.count(e.queue, e.t, (q) => {
            q.talkSum += e.t - e.answeredAt;
            q.talkCount++;
          });
        break;
      case 'callback.created':
        if (e.t >= this.setup.warmup) {
          this.kindOf.set(e.callback, e.kind);
          this.countCallback(e.queue, e.callback, e.t, (q) => q.created++);
        }
        break;
      case 'callback.dialed':
        if (e.createdAt >= this.setup.warmup)
          this.countCallback(e.queue, e.callback, e.t, (q) => {
            q.attempts++;
            if (e.attempt === 1) {
              q.firstDialSum += e.t - e.dueAt;
              q.firstDialCount++;
            }
          });
        break;
      case 'callback.attemptEnded':
        if (e.createdAt >= this.setup.warmup)
          this.countCallback(e.queue, e.callback, e.t, (q) => {
            if (e.result === 'connected') q.connected++;
            else if (e.agentSince >= 0) q.failedAttemptAgentTime += e.t - e.agentSince;
            if (e.result === 'abandonedAfterAnswer') q.abandonedAfterAnswer++;
            if (e.result === 'machine' && e.outcome === 'live') q.liveHungUpAsMachine++;
          });
        if (e.createdAt >= this.setup.warmup && e.result === 'abandonedAfterAnswer') this.windows[this.queueIndex.get(e.queue)!].abandon(e.t);
        break;
      case 'callback.answered':
        if (e.createdAt >= this.setup.warmup) {
          this.countCallback(e.queue, e.callback, e.t, (q) => q.answeredByCustomer++);
          this.windows[this.queueIndex.get(e.queue)!].answer(e.t);
        }
        break;
      case 'callback.connected':
        if (e.createdAt >= this.setup.warmup)
          this.countCallback(e.queue, e.callback, e.t, (q) => {
            q.connectSum += e.t - e.dueAt;
            q.connectCount++;
            if (e.waitedSince >= 0) {
              q.waitAfterAnswerSum += e.t - e.waitedSince;
              q.waitAfterAnswerCount++;
            }
          });
        break;
      case 'callback.ended':
        if (e.createdAt >= this.setup.warmup) {
          this.countCallback(e.queue, e.callback, e.t, (q) => {
            q.ended[e.end as CallbackEnd]++;
            q.attemptsOfEnded[e.attempts] = (q.attemptsOfEnded[e.attempts] ?? 0) + 1;
          });
          this.kindOf.delete(e.callback);
        }
        break;
      case 'callback.analyticsEnded':
        if (e.createdAt >= this.setup.warmup) this.countCallback(e.queue, e.callback, e.t, (q) => q.endedInAnalytics++);
        break;
      case 'call.voicemail':
        if (e.arrivedAt >= this.setup.warmup)
          this.count(e.queue, e.t, (q) => {
            q.voicemails++;
            q.waited++;
          });
        break;
      case 'call.transferred':
        if (e.arrivedAt >= this.setup.warmup) this.count(e.from, e.t, (q) => q.transferredOut++);
        break;
      case 'call.flowError':
        if (e.arrivedAt >= this.setup.warmup) this.count(e.queue, e.t, (q) => q.flowErrors++);
        break;
      case 'operation':
        this.count(e.queue, e.t, (q) => (e.applied ? q.operationsApplied++ : q.operationsRefused++));
        this.operationRecords.push({
          at: new Date(this.setup.startEpochMs + e.t).toISOString(),
          op: e.op,
          callback: e.callback,
          label: e.label,
          queue: e.queue,
          applied: e.applied,
          reason: e.reason,
        });
        break;
      case 'campaign.dialed': {
        let counts = this.campaignCounts.get(e.campaign);
        if (!counts) this.campaignCounts.set(e.campaign, (counts = { dialed: 0, live: 0, callLater: 0 }));
        counts.dialed++;
        if (e.outcome === 'live') counts.live++;
        if (e.callLater) counts.callLater++;
        break;
      }
      case 'agent.state':
        this.agentTime(e.agent, e.t);
        this.agentState[e.agent] = e.to;
        break;
      case 'dialer.inFlight': {
        const index = this.queueIndex.get(e.queue)!;
        this.inFlightTime(index, e.t);
        this.inFlight[index] = e.inFlight;
        if (e.t >= this.setup.warmup) this.count(e.queue, e.t, (q) => (q.inFlightMax = Math.max(q.inFlightMax, e.inFlight)));
        break;
      }
      case 'queue.sample': {
        const index = this.queueIndex.get(e.queue)!;
        const bucket = Math.floor(e.t / INTERVAL_MS);
        (this.samples[bucket] ??= this.setup.queues.map(() => ({ waiting: 0, toDial: 0 })))[index] = { waiting: e.waiting, toDial: e.toDial };
        break;
      }
      case 'callback.state':
      case 'dialer.dialed':
        break;
    }
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

  /** Counts an event of callback `callback` on its queue's tallies and its kind's tally. */
  private countCallback(queue: string, callback: number, t: number, update: (tally: QueueTally) => void): void {
    this.count(queue, t, update);
    const kind = this.kindOf.get(callback);
    if (kind === undefined) return;
    let tally = this.kindTallies.get(kind);
    if (!tally) this.kindTallies.set(kind, (tally = new QueueTally()));
    update(tally);
  }

  private count(queue: string, t: number, update: (tally: QueueTally) => void): void {
    const index = this.queueIndex.get(queue)!;
    update(this.totals[index]);
    update(this.intervalTallies(Math.floor(t / INTERVAL_MS))[index]);
  }

  /** Calls `add(bucket, ms)` for each interval's share of the counted part of `[from, to)`. */
  private spread(from: number, to: number, add: (bucket: number, ms: number) => void): void {
    let start = Math.max(from, this.setup.warmup);
    while (start < to) {
      const bucket = Math.floor(start / INTERVAL_MS);
      const end = Math.min(to, (bucket + 1) * INTERVAL_MS);
      add(bucket, end - start);
      start = end;
    }
  }

  private agentTime(agent: number, t: number): void {
    const state = this.agentState[agent];
    const from = this.agentSince[agent];
    this.agentSince[agent] = t;
    if (state === 'offline') return;
    const group = this.groupTotals[this.groupOfAgent[agent]];
    this.spread(from, t, (bucket, ms) => {
      this.agentTotal.addState(state, ms);
      group.addState(state, ms);
      let tally = this.intervalAgents[bucket];
      if (!tally) tally = this.intervalAgents[bucket] = new AgentTimeTally();
      tally.addState(state, ms);
    });
  }

  private inFlightTime(queue: number, t: number): void {
    const value = this.inFlight[queue];
    const from = this.inFlightSince[queue];
    this.inFlightSince[queue] = t;
    this.spread(from, t, (bucket, ms) => {
      const interval = this.intervalTallies(bucket)[queue];
      for (const tally of [this.totals[queue], interval]) {
        tally.inFlightArea += value * ms;
        tally.inFlightTime += ms;
      }
    });
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
