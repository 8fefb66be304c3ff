import { ContactCenter, type EngineName } from '../contact-center/world.js';
import { KpiCollector, type CollectorSetup, type IntervalReport } from '../metrics/collector.js';
import type { ComplianceReport, DropGroupKpis } from '../metrics/collector.js';
import type { AgentKpis, CallbackKindKpis, QueueKpis } from '../metrics/kpis.js';
import type { RouteKpis } from '../metrics/route-lines.js';
import type { OperationRecord } from '../metrics/collector.js';
import { dayProfile, type ProfileSlot } from '../metrics/day-profile.js';
import { formatDuration } from '../model/duration.js';
import type { Scenario } from '../model/scenario.js';

/** Version of the output format. */
export const OUTPUT_VERSION = 1;

/** Events between two progress calls of a run: often enough for a live display, rare enough to cost nothing. */
export const PROGRESS_EVERY_EVENTS = 1 << 16;

/** Options of one run. */
export interface SimulateOptions {
  engine?: EngineName;
  /**
   * Called every `progressEvery` events handled, and once at the end, with the
   * simulated time reached and the events so far (for progress displays: a
   * heavy simulated day still reports as it goes).
   */
  onProgress?: (simulatedMs: number, horizonMs: number, events: number) => void;
  /** Events between progress calls (default {@link PROGRESS_EVERY_EVENTS}). */
  progressEvery?: number;
  /** Leave the 30-minute intervals out of the result. */
  intervals?: boolean;
  /** Add the day profile (intervals folded onto one local day). */
  profile?: boolean;
}

/** The result of one run: the output contract of `cbsim run --json`. */
export interface RunResult {
  format: number;
  scenario: {
    name: string;
    seed: number;
    start: string;
    duration: string;
    warmup: string;
    timeZone: string | null;
  };
  engine: EngineName;
  kpis: {
    queues: Record<string, QueueKpis>;
    total: QueueKpis;
    /** Callback KPIs by kind of callback. */
    callbackKinds: Record<string, CallbackKindKpis>;
    campaigns: Record<string, { dialed: number; live: number; callLater: number }>;
    /** Per outbound route that declares its lines (absent when none does). */
    routes?: Record<string, RouteKpis>;
    agents: AgentKpis & { groups: Record<string, AgentKpis> };
    /** The compliance KPIs of each drop group. */
    dropGroups: Record<string, DropGroupKpis>;
    /** The compliance measure in the rule windows, per queue, drop group and in total. */
    complianceWindows: ComplianceReport;
  };
  run: {
    /** Simulation events handled. */
    events: number;
    /** Statechart transitions taken (callbacks and agents). */
    transitions: number;
    /** Callbacks still active at the horizon (created at any time). */
    callbacksActiveAtEnd: number;
    /** Inbound calls still in the system at the horizon. */
    callsInSystemAtEnd: number;
  };
  /** Every operation on a callback (scenario `operations:`), applied or refused with the reason. */
  operations: OperationRecord[];
  intervals?: IntervalReport[];
  /** The 30-minute intervals folded onto one local day (with `profile: true`). */
  profile?: ProfileSlot[];
}

/** What the KPI collector of a run of `scenario` in `world` needs to know (queues, agent groups, warm-up, horizon, campaigns). */
export function collectorSetup(scenario: Scenario, world: ContactCenter): CollectorSetup {
  return {
    queues: scenario.queues.map((q) => ({
      id: q.id,
      serviceLevelThreshold: q.serviceLevel.threshold,
      compliance: { ceiling: q.compliance.ceiling, denominator: q.compliance.denominator, ...(q.compliance.dropGroup !== undefined && { dropGroup: q.compliance.dropGroup }) },
    })),
    agentGroups: Array.from({ length: world.agents.size }, (_, a) => world.agents.groupOf(a)),
    warmup: scenario.warmup,
    horizon: scenario.duration,
    startEpochMs: scenario.startEpochMs,
    campaigns: scenario.campaigns.map((c) => c.id),
    routes: scenario.outboundRoutes.map((r) => ({ id: r.id, lines: r.lines })),
  };
}

/** Runs a scenario to its horizon and returns its KPIs. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const world = new ContactCenter(scenario, { engine: options.engine });
  const collector = new KpiCollector(collectorSetup(scenario, world));
  world.attach(collector);
  const onProgress = options.onProgress;
  if (onProgress) world.sim.onProgress(options.progressEvery ?? PROGRESS_EVERY_EVENTS, (events, now) => onProgress(now, scenario.duration, events));
  world.finish();
  onProgress?.(scenario.duration, scenario.duration, world.sim.eventsHandled);
  const report = collector.report();
  const result: RunResult = {
    format: OUTPUT_VERSION,
    scenario: {
      name: scenario.name,
      seed: scenario.seed,
      start: scenario.start,
      duration: formatDuration(scenario.duration),
      warmup: formatDuration(scenario.warmup),
      timeZone: scenario.timeZone ?? null,
    },
    engine: world.engineName,
    kpis: {
      queues: report.queues,
      total: report.total,
      callbackKinds: report.callbackKinds,
      campaigns: report.campaigns,
      ...(report.routes && { routes: report.routes }),
      agents: report.agents,
      dropGroups: report.dropGroups,
      complianceWindows: report.complianceWindows,
    },
    operations: report.operations,
    run: {
      events: world.sim.eventsHandled,
      transitions: world.transitions,
      callbacksActiveAtEnd: world.callbacks.active,
      callsInSystemAtEnd: world.inbound.inSystem,
    },
  };
  if (options.intervals !== false) result.intervals = report.intervals;
  if (options.profile) result.profile = dayProfile(report.intervals, world.calendar);
  return result;
}
