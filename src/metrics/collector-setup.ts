/** What the KPI collector is told of a run, and everything it reports. */
import type { CampaignCounts } from './campaign-counts.js';
import type { ComplianceReport, DropGroupKpis, QueueCompliance } from './compliance-counts.js';
import type { IntervalReport } from './interval-buckets.js';
import type { AgentKpis, CallbackKindKpis, QueueKpis } from './kpis.js';
import type { OperationRecord } from './operation-log.js';
import type { RouteKpis, RouteSetup } from './route-lines.js';

/** What the collector needs to know of the run. */
export interface CollectorSetup {
  /** Queue ids, their service-level thresholds (ms) and how their dials are judged (default `DEFAULT_COMPLIANCE`). */
  queues: ReadonlyArray<{ id: string; serviceLevelThreshold: number; compliance?: QueueCompliance }>;
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
  /** The outbound routes that declare their lines. */
  routes?: readonly RouteSetup[];
}

/** Everything the collector reports. */
export interface KpiReport {
  queues: Record<string, QueueKpis>;
  total: QueueKpis;
  /** The compliance KPIs of each drop group (queues whose compliance.dropGroup names it, measured together). */
  dropGroups: Record<string, DropGroupKpis>;
  /** The compliance measure in the rule windows, per queue, drop group and in total. */
  complianceWindows: ComplianceReport;
  /** Callback KPIs by kind of callback, over all queues. */
  callbackKinds: Record<string, CallbackKindKpis>;
  /** Per outbound campaign. */
  campaigns: Record<string, CampaignCounts>;
  /** Per outbound route that declares its lines (absent when none does). */
  routes?: Record<string, RouteKpis>;
  /** Every operation on a callback, applied or refused. */
  operations: OperationRecord[];
  agents: AgentKpis & { groups: Record<string, AgentKpis> };
  intervals: IntervalReport[];
}
