import type { Observable, Subscription } from 'rxjs';
import { EventStream } from '../kernel/event-stream.js';
import type { CallbackEnd } from '../machines/callback-parts.js';
import { eventAdapter } from '../model/event-adapter.js';
import type { PermitWaitReason } from '../model/event-schema.js';
import { SIM_EVENT_TYPES, type AttemptResult, type CallbackKind, type SimEvent, type SimEventSink, type SimEventType } from '../model/events.js';
import type { CallbackMode, DialOutcome } from '../model/scenario.js';
import { AbandonWindows, coversDays, THIRTY_DAYS } from './abandon-windows.js';
import { AgentTime } from './agent-time.js';
import { CallbackKinds } from './callback-kinds.js';
import { CampaignTally, type CampaignCounts } from './campaign-counts.js';
import { ComplianceCounts, DEFAULT_COMPLIANCE, worstRates, type ComplianceReport, type DropGroupKpis, type QueueCompliance } from './compliance-counts.js';
import {
  countAbandoned,
  countAnswered,
  countAttemptEnded,
  countCallbackAccepted,
  countCallEnded,
  countConnected,
  countDialed,
  countEnded,
  countInFlight,
  countOperation,
  countVoicemail,
} from './event-counts.js';
import { IntervalBuckets, type IntervalReport } from './interval-buckets.js';
import { agentKpis, queueKpis, type AgentKpis, type CallbackKindKpis, type QueueKpis } from './kpis.js';
import { OperationLog, type OperationRecord } from './operation-log.js';
import { IdIndex } from './id-index.js';
import type { CollectorSetup, KpiReport } from './collector-setup.js';
import { RouteLineTally, type RouteKpis, type RouteSetup } from './route-lines.js';
import { QueueTally } from './tally.js';
import { TimeIntegrator } from './time-integrator.js';

export type { CampaignCounts } from './campaign-counts.js';
export type { ComplianceReport, DropGroupKpis, QueueCompliance } from './compliance-counts.js';
export type { ComplianceWindow, ComplianceWindows } from './compliance-windows.js';
export type { IntervalQueueFigures, IntervalReport } from './interval-buckets.js';
export type { OperationRecord } from './operation-log.js';
export type { CollectorSetup, KpiReport } from './collector-setup.js';

/** The types of event that count nothing. */
const UNCOUNTED: ReadonlySet<SimEventType> = new Set<SimEventType>(['callback.state', 'dialer.dialed']);

/** The types of event the collector counts (a hint for event streams: the others need not be built for it). */
export const COUNTED_EVENT_TYPES: readonly SimEventType[] = SIM_EVENT_TYPES.filter((type) => !UNCOUNTED.has(type));

/**
 * Turns the events of a run into KPIs: per queue and in total, for the
 * counted period (after warmup), and per 30-minute interval.
 *
 * It is a `SimEventSink`: a run hands it every event as a typed call
 * (`ContactCenter.attach`), with queue indexes in the order of
 * `setup.queues`; event objects (`observe`, `onEvent`) are turned into the
 * same calls by an event adapter. Counting a typed call allocates nothing.
 */
export class KpiCollector implements SimEventSink {
  private readonly queueIndex: IdIndex;
  private readonly thresholds: number[];
  private readonly totals: QueueTally[];
  private readonly windows: AbandonWindows[];
  /** Each queue's compliance denominator and abandons by minute. */
  private readonly compliance: ComplianceCounts;
  private readonly intervals: IntervalBuckets;
  private readonly agentTime: AgentTime;
  /** Dials in flight on each queue, integrated over time. */
  private readonly inFlight: TimeIntegrator;
  private readonly kinds = new CallbackKinds();
  private readonly campaigns = new CampaignTally();
  private readonly operations: OperationLog;
  private readonly routes: RouteLineTally;
  private readonly warmup: number;
  private readonly toCall = eventAdapter((id) => this.queueIndex.of(id));
  private closed = false;

  constructor(private readonly setup: CollectorSetup) {
    this.queueIndex = new IdIndex(setup.queues.map((q) => q.id), 'queue');
    this.thresholds = setup.queues.map((q) => q.serviceLevelThreshold);
    this.totals = setup.queues.map(() => new QueueTally());
    this.windows = setup.queues.map(() => new AbandonWindows(setup.warmup));
    const run = { origin: setup.warmup, length: setup.horizon - setup.warmup, startEpochMs: setup.startEpochMs };
    this.compliance = new ComplianceCounts(setup.queues.map((q) => ({ id: q.id, compliance: q.compliance ?? DEFAULT_COMPLIANCE })), run);
    this.intervals = new IntervalBuckets(setup.queues.length);
    this.agentTime = new AgentTime(setup.agentGroups, setup.warmup, this.intervals);
    this.inFlight = new TimeIntegrator(setup.queues.length, setup.warmup, 0);
    this.operations = new OperationLog(setup.startEpochMs);
    this.routes = new RouteLineTally(setup.routes ?? [], setup.warmup);
    this.warmup = setup.warmup;
  }

  /**
   * Subscribes to a run's events. A stream that can be listened to directly
   * (`EventStream`, as `ContactCenter.events$` is) is, without rxjs's
   * per-event machinery; any other observable is subscribed to.
   */
  observe(events$: Observable<SimEvent>): Subscription {
    const observer = {
      next: (e: SimEvent) => this.toCall(this, e),
      complete: () => this.close(this.setup.horizon),
      types: COUNTED_EVENT_TYPES,
    };
    return events$ instanceof EventStream ? (events$ as EventStream<SimEvent>).listen(observer) : events$.subscribe(observer);
  }

  /** Counts one event given as an object. */
  onEvent(e: SimEvent): void {
    this.toCall(this, e);
  }

  /** The run has ended: closes agent time at the horizon. */
  complete(): void {
    this.close(this.setup.horizon);
  }

  /** Counts an `agent.state` event. */
  agentState(t: number, agent: number, _from: string, to: string): void {
    this.agentTime.enter(t, agent, to);
  }

  /** Counts a `call.arrived` event. */
  callArrived(t: number, _call: number, q: number): void {
    if (t < this.warmup) return;
    this.totals[q].offered++;
    this.intervals.at(t)[q].offered++;
  }

  /** Counts a `call.answered` event. */
  callAnswered(t: number, _call: number, q: number, _agent: number, arrivedAt: number): void {
    if (arrivedAt < this.warmup) return;
    const wait = t - arrivedAt;
    const within = wait <= this.thresholds[q];
    countAnswered(this.totals[q], wait, within);
    countAnswered(this.intervals.at(t)[q], wait, within);
  }

  /** Counts a `call.abandoned` event. */
  callAbandoned(t: number, _call: number, q: number, arrivedAt: number): void {
    if (arrivedAt < this.warmup) return;
    countAbandoned(this.totals[q]);
    countAbandoned(this.intervals.at(t)[q]);
  }

  /** Counts a `call.callbackAccepted` event. */
  callbackAccepted(t: number, _call: number, q: number, arrivedAt: number, _callback: number): void {
    if (arrivedAt < this.warmup) return;
    countCallbackAccepted(this.totals[q]);
    countCallbackAccepted(this.intervals.at(t)[q]);
  }

  /** Counts a `call.ended` event. */
  callEnded(t: number, _call: number, q: number, _agent: number, answeredAt: number, arrivedAt: number): void {
    if (arrivedAt < this.warmup) return;
    const talk = t - answeredAt;
    countCallEnded(this.totals[q], talk);
    countCallEnded(this.intervals.at(t)[q], talk);
  }

  /** Counts a `call.voicemail` event. */
  callVoicemail(t: number, _call: number, q: number, arrivedAt: number, _callback: number): void {
    if (arrivedAt < this.warmup) return;
    countVoicemail(this.totals[q]);
    countVoicemail(this.intervals.at(t)[q]);
  }

  /** Counts a `call.transferred` event (on the queue the call left). */
  callTransferred(t: number, _call: number, from: number, _to: number, arrivedAt: number, _flows: number): void {
    if (arrivedAt < this.warmup) return;
    this.totals[from].transferredOut++;
    this.intervals.at(t)[from].transferredOut++;
  }

  /** Counts a `call.flowError` event. */
  callFlowError(t: number, _call: number, q: number, arrivedAt: number, _flows: number, _reason: string): void {
    if (arrivedAt < this.warmup) return;
    this.totals[q].flowErrors++;
    this.intervals.at(t)[q].flowErrors++;
  }

  /** Counts a `callback.created` event. */
  callbackCreated(t: number, callback: number, q: number, kind: CallbackKind, _mode: CallbackMode, _position: number): void {
    if (t < this.warmup) return;
    this.totals[q].created++;
    this.intervals.at(t)[q].created++;
    this.kinds.created(callback, kind).created++;
  }

  /** A `callback.state` event counts nothing. */
  callbackState(_t: number, _callback: number, _q: number, _from: string, _to: string, _event: string): void {}

  /** Counts a `callback.dialed` event. */
  callbackDialed(t: number, callback: number, q: number, attempt: number, _agent: number, createdAt: number, dueAt: number): void {
    if (createdAt < this.warmup) return;
    const sinceDue = t - dueAt;
    countDialed(this.totals[q], attempt, sinceDue);
    countDialed(this.intervals.at(t)[q], attempt, sinceDue);
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
    countAttemptEnded(this.intervals.at(t)[q], t, result, outcome, agentSince);
    const kind = this.kinds.get(callback);
    if (kind) countAttemptEnded(kind, t, result, outcome, agentSince);
    if (result === 'abandonedAfterAnswer') this.windows[q].abandon(t);
  }

  /** Counts a `callback.answered` event. */
  callbackAnswered(t: number, callback: number, q: number, createdAt: number, live: boolean): void {
    if (createdAt < this.warmup) return;
    this.totals[q].answeredByCustomer++;
    this.intervals.at(t)[q].answeredByCustomer++;
    const kind = this.kinds.get(callback);
    if (kind) kind.answeredByCustomer++;
    this.windows[q].answer(t);
    if (live || this.compliance.countsEveryAnswer(q)) this.complianceAnswer(t, q);
    if (!live) return;
    this.totals[q].liveAnswers++;
    this.intervals.at(t)[q].liveAnswers++;
    if (kind) kind.liveAnswers++;
  }

  /** An answer in queue `q`'s compliance denominator. */
  private complianceAnswer(t: number, q: number): void {
    this.totals[q].complianceAnswers++;
    this.intervals.at(t)[q].complianceAnswers++;
    this.compliance.answer(q, t);
  }

  /** Counts a `callback.complianceAbandoned` event. */
  callbackComplianceAbandoned(t: number, callback: number, q: number, createdAt: number): void {
    if (createdAt < this.warmup) return;
    this.totals[q].complianceAbandoned++;
    this.intervals.at(t)[q].complianceAbandoned++;
    const kind = this.kinds.get(callback);
    if (kind) kind.complianceAbandoned++;
    this.compliance.abandon(q, t);
  }

  /** Counts a `callback.safeHarbourMessage` event. */
  callbackSafeHarbourMessage(_t: number, _callback: number, q: number, createdAt: number, length: number): void {
    if (createdAt < this.warmup) return;
    this.totals[q].safeHarbourMessages++;
    this.totals[q].safeHarbourTime += length;
  }

  /** Counts a `callback.amdFalsePositive` event: a live answer (in either denominator) and a compliance abandon. */
  callbackAmdFalsePositive(t: number, callback: number, q: number, createdAt: number): void {
    if (createdAt < this.warmup) return;
    this.totals[q].liveAnswers++;
    this.intervals.at(t)[q].liveAnswers++;
    this.totals[q].amdFalsePositiveAbandons++;
    this.complianceAnswer(t, q);
    this.callbackComplianceAbandoned(t, callback, q, createdAt);
  }

  /** Counts a `callback.permitWait` event. */
  callbackPermitWait(t: number, callback: number, q: number, reason: PermitWaitReason, wait: number, first: boolean, createdAt: number): void {
    if (createdAt < this.warmup) return;
    for (const tally of [this.totals[q], this.intervals.at(t)[q], this.kinds.get(callback)]) tally?.permitWait(reason, wait, first);
  }

  /** Counts a `callback.dialedOutsideHours` event. */
  callbackDialedOutsideHours(t: number, callback: number, q: number, createdAt: number): void {
    if (createdAt < this.warmup) return;
    this.totals[q].dialsOutsideHours++;
    this.intervals.at(t)[q].dialsOutsideHours++;
  }

  /** Counts a `callback.connected` event. */
  callbackConnected(t: number, callback: number, q: number, _agent: number, createdAt: number, dueAt: number, waitedSince: number): void {
    if (createdAt < this.warmup) return;
    countConnected(this.totals[q], t, dueAt, waitedSince);
    countConnected(this.intervals.at(t)[q], t, dueAt, waitedSince);
    const kind = this.kinds.get(callback);
    if (kind) countConnected(kind, t, dueAt, waitedSince);
  }

  /** Counts a `callback.ended` event. */
  callbackEnded(t: number, callback: number, q: number, endName: string, attempts: number, createdAt: number): void {
    if (createdAt < this.warmup) return;
    const end = endName as CallbackEnd;
    countEnded(this.totals[q], end, attempts);
    countEnded(this.intervals.at(t)[q], end, attempts);
    const kind = this.kinds.get(callback);
    if (kind) {
      countEnded(kind, end, attempts);
      this.kinds.ended(callback);
    }
  }

  /** Counts a `callback.analyticsEnded` event. */
  callbackAnalyticsEnded(t: number, callback: number, q: number, createdAt: number, _state: string): void {
    if (createdAt < this.warmup) return;
    this.totals[q].endedInAnalytics++;
    this.intervals.at(t)[q].endedInAnalytics++;
    const kind = this.kinds.get(callback);
    if (kind) kind.endedInAnalytics++;
  }

  /** Counts and records an `operation` event (at any time: operations are not warm-up traffic). */
  operation(t: number, op: string, callback: number, label: string | null, q: number, applied: boolean, reason: string | null): void {
    countOperation(this.totals[q], applied);
    countOperation(this.intervals.at(t)[q], applied);
    this.operations.record(t, op, callback, label, this.setup.queues[q].id, applied, reason);
  }

  /** Counts a `campaign.dialed` event. */
  campaignDialed(_t: number, campaign: string, _contact: number, outcome: string, callLater: boolean): void {
    this.campaigns.dialed(campaign, outcome, callLater);
  }

  /** A `dialer.dialed` event counts nothing (`dialer.inFlight` counts the dials in flight). */
  dialerDialed(_t: number, _q: number, _callback: number, _inFlight: number, _bound: number, _policy: string, _level: number | null): void {}

  /** Counts a `dialer.inFlight` event. */
  dialerInFlight(t: number, q: number, inFlight: number): void {
    const time = this.inFlight;
    for (let ms = time.set(q, t, inFlight); ms > 0; ms = time.next()) this.countInFlight(q, time.value, time.bucket, ms);
    if (t < this.warmup) return;
    const total = this.totals[q];
    const interval = this.intervals.at(t)[q];
    total.inFlightMax = Math.max(total.inFlightMax, inFlight);
    interval.inFlightMax = Math.max(interval.inFlightMax, inFlight);
  }

  /** Counts a `route.lines` event. */
  routeLines(t: number, route: string, busy: number): void {
    this.routes.lines(t, route, busy);
  }

  /** Counts a `route.lineWaited` event. */
  routeLineWaited(t: number, route: string, _q: number, _callback: number, wait: number): void {
    this.routes.waitedForLine(t, route, wait);
  }

  /** Records a `queue.sample` event's line lengths for its interval. */
  queueSample(t: number, q: number, waiting: number, toDial: number, _inFlight: number, _idleAgents: number, _onlineAgents: number): void {
    this.intervals.sample(t, q, waiting, toDial);
  }

  /** Closes agent time and dials in flight at `t` (the horizon); called when the run or the stream completes. */
  close(t: number): void {
    if (this.closed) return;
    this.agentTime.close(t);
    this.routes.close(t);
    const time = this.inFlight;
    for (let q = 0; q < time.count; q++) {
      for (let ms = time.advance(q, t); ms > 0; ms = time.next()) this.countInFlight(q, time.value, time.bucket, ms);
    }
    this.closed = true;
  }

  /** The KPIs so far. */
  report(): KpiReport {
    const queues: Record<string, QueueKpis> = {};
    const total = new QueueTally();
    const { queues: queueSetup, warmup, horizon, startEpochMs } = this.setup;
    // A worst 30-day rate of a run that counts fewer than 30 days would be a shorter period's rate under a 30-day name: none.
    const thirtyDays = coversDays(warmup, horizon, THIRTY_DAYS);
    const rates = (windows: AbandonWindows) => ({ max24h: windows.worstRate(1), max30d: thirtyDays ? windows.worstRate(THIRTY_DAYS) : null });
    const complianceWindows = this.compliance.report();
    this.setup.queues.forEach((q, i) => {
      queues[q.id] = queueKpis(this.totals[i], { ...rates(this.windows[i]), compliance: worstRates(complianceWindows.queues[q.id]) });
      total.add(this.totals[i]);
    });
    return {
      queues,
      total: queueKpis(total, { ...rates(AbandonWindows.sum(warmup, this.windows)), compliance: worstRates(complianceWindows.total) }),
      dropGroups: this.compliance.dropGroupKpis(this.totals, complianceWindows),
      complianceWindows,
      callbackKinds: this.kinds.report(),
      campaigns: this.campaigns.report(this.setup.campaigns ?? []),
      ...(this.setup.routes?.length && { routes: this.routes.report() }),
      operations: this.operations.records,
      agents: { ...agentKpis(this.agentTime.total), groups: this.agentTime.groups() },
      intervals: this.intervals.report({ queueIds: queueSetup.map((q) => q.id), warmup, horizon, startEpochMs }),
    };
  }

  /** Counts `ms` of `inFlight` dials in flight on queue `q` in interval `bucket`. */
  private countInFlight(q: number, inFlight: number, bucket: number, ms: number): void {
    countInFlight(this.totals[q], inFlight, ms);
    countInFlight(this.intervals.queues(bucket)[q], inFlight, ms);
  }
}
