import chalk from 'chalk';
import { judge } from '../metrics/kpi-catalogue.js';
import { CLI_KPI_TABLE, type KpiRow, type KpiSection } from '../metrics/kpi-views.js';
import type { AgentKpis, CallbackKindKpis, QueueKpis } from '../metrics/kpis.js';
import type { DropGroupKpis } from '../metrics/collector.js';
import type { Interval } from '../model/statistics.js';
import type { Scenario } from '../model/scenario.js';
import { formatDuration } from '../model/duration.js';
import { coversDays, THIRTY_DAYS } from '../metrics/abandon-windows.js';
import type { Estimated, ReplicatedResult } from '../runner/replicate.js';
import type { RunResult } from '../runner/simulate.js';
import { kpiFormatter, renderTable, rowLabel, type Row } from './table.js';
import { printable } from '../model/printable.js';

/** A KPI as printed: one run's value, or the mean and confidence interval of several. */
type Value = number | null | Interval;

/** Formats a number of one kind of KPI. */
type Format = (x: number | null) => string;

/** Formats a value: a number as is, an interval as `mean ± half-width`. */
function show(value: Value | undefined, format: Format): string {
  if (value === undefined) return format(null);
  if (value === null || typeof value === 'number') return format(value);
  if (value.n === 0 || Number.isNaN(value.mean)) return format(null);
  return value.halfWidth === null ? format(value.mean) : `${format(value.mean)} ${chalk.dim(`± ${format(value.halfWidth)}`)}`;
}

/** The central value (the number, or an interval's mean). */
function central(value: Value | undefined): number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : value.n === 0 ? null : value.mean;
}

type Kpis = Record<string, Value>;
/** A column of a table: its title, its KPIs and, for a queue, its service-level target (0–1). */
type Column = { title: string; kpis: Kpis; target?: number };

const metricRow = (row: KpiRow, columns: Column[]): Row => {
  const format = kpiFormatter(row.kpi.format);
  return {
    cells: [
      rowLabel(row),
      ...columns.map((c) => {
        const text = show(c.kpis[row.kpi.key], format);
        const value = central(c.kpis[row.kpi.key]);
        const colour = value === null ? undefined : judge(row.kpi, value, c.target);
        return colour === 'good' ? chalk.green(text) : colour === 'bad' ? chalk.red(text) : text;
      }),
    ],
  };
};

const anyNonZero = (row: KpiRow, columns: Column[]) => columns.some((c) => (central(c.kpis[row.kpi.key]) ?? 0) !== 0);

/** The rows of a section the columns call for (callback modes from the scenario). */
function sectionRows(section: KpiSection, columns: Column[], scenario: Scenario, leftOut: ReadonlySet<string>): Row[] {
  if (section.shownIf !== undefined && !columns.some((c) => (central(c.kpis[section.shownIf!]) ?? 0) > 0)) return [];
  const modes = new Set(scenario.queues.map((q) => q.callback.mode));
  const rows: Row[] = [{ section: section.title }];
  for (const group of section.groups) {
    if (group.when === 'customerFirst' && !modes.has('CustomerFirst')) continue;
    if (group.when === 'agentFirst' && !modes.has('AgentFirst')) continue;
    if (group.when === 'anyNonZero' && !group.rows.some((r) => anyNonZero(r, columns))) continue;
    rows.push(...group.rows.filter((r) => (!r.optional || anyNonZero(r, columns)) && !leftOut.has(r.kpi.key)).map((r) => metricRow(r, columns)));
  }
  return rows;
}

/** The KPIs of one run, or of replications (each value with its 95 % confidence interval). */
type KpiSet = RunResult['kpis'] | Estimated<RunResult['kpis']>;

/**
 * The KPI tables of a run or of replications: one column per queue (and a
 * total when there are several), callbacks by kind, campaigns, outbound
 * routes that declare their lines, and agents by group.
 */
export function kpiTable(kpis: KpiSet, scenario: Scenario): string {
  const asKpis = (k: QueueKpis | Estimated<QueueKpis>) => k as unknown as Kpis;
  const columns: Column[] = scenario.queues.map((q) => ({ title: q.id, kpis: asKpis(kpis.queues[q.id]), target: q.serviceLevel.percentage / 100 }));
  if (columns.length > 1) columns.push({ title: 'total', kpis: asKpis(kpis.total) });
  const thirtyDays = coversDays(scenario.warmup, scenario.duration, THIRTY_DAYS);
  const leftOut = new Set<string>(thirtyDays ? [] : ['abandonAfterAnswerRateMax30d']);
  const rows = CLI_KPI_TABLE.queues.flatMap((section) => sectionRows(section, columns, scenario, leftOut));
  const sections = [renderTable(['', ...columns.map((c) => c.title)], rows)];
  const customerFirst = scenario.queues.some((q) => q.callback.mode === 'CustomerFirst') && columns.some((c) => (central(c.kpis.created) ?? 0) > 0);
  if (!thirtyDays && customerFirst) {
    sections[0] += `\n${chalk.dim(`abandon after answer worst 30 days: n/a, the run counts ${formatDuration(scenario.duration - scenario.warmup)} (duration minus warm-up), less than 30 days; compliance abandon worst 30 days is the whole run's, as the US rule measures a shorter campaign`)}`;
  }

  const dropGroups = Object.entries((kpis.dropGroups ?? {}) as Record<string, DropGroupKpis | Estimated<DropGroupKpis>>);
  if (dropGroups.length > 0) {
    const groupColumns = dropGroups.map(([name, k]) => ({ title: name, kpis: k as unknown as Kpis }));
    sections.push(renderTable(['Drop groups', ...dropGroups.map(([name]) => name)], CLI_KPI_TABLE.dropGroups.filter((r) => !r.optional || anyNonZero(r, groupColumns)).map((r) => metricRow(r, groupColumns))));
  }

  const kinds = Object.entries(kpis.callbackKinds as Record<string, CallbackKindKpis | Estimated<CallbackKindKpis>>);
  if (kinds.length > 1) {
    const kindColumns = kinds.map(([kind, k]) => ({ title: kind, kpis: k as unknown as Kpis }));
    sections.push(renderTable(['Callbacks by kind', ...kinds.map(([kind]) => kind)], CLI_KPI_TABLE.kinds.map((r) => metricRow(r, kindColumns))));
  }

  const campaigns = Object.entries(kpis.campaigns as Record<string, Record<string, Value>>);
  if (campaigns.length > 0) {
    sections.push(
      renderTable(
        ['Campaigns', ...CLI_KPI_TABLE.campaigns.map((r) => r.label)],
        campaigns.map(([id, c]) => ({ cells: [id, ...CLI_KPI_TABLE.campaigns.map((r) => show(c[r.kpi.key], kpiFormatter(r.kpi.format)))] })),
      ),
    );
  }

  const routes = Object.entries((kpis.routes ?? {}) as Record<string, Record<string, Value>>);
  if (routes.length > 0) {
    sections.push(
      renderTable(
        ['Outbound routes', ...CLI_KPI_TABLE.routes.map((r) => r.label)],
        routes.map(([id, r]) => ({ cells: [id, ...CLI_KPI_TABLE.routes.map((row) => show(r[row.kpi.key], kpiFormatter(row.kpi.format)))] })),
      ),
    );
  }

  const agents = kpis.agents as unknown as Kpis & { groups: Record<string, AgentKpis | Estimated<AgentKpis>> };
  const groups = Object.entries(agents.groups);
  const agentColumns: Column[] =
    groups.length > 1
      ? [...groups.map(([name, k]) => ({ title: name, kpis: k as unknown as Kpis })), { title: 'all agents', kpis: agents }]
      : [{ title: groups[0]?.[0] ?? 'agents', kpis: agents }];
  sections.push(renderTable(['Agents', ...agentColumns.map((c) => c.title)], CLI_KPI_TABLE.agents.map((r) => metricRow(r, agentColumns))));
  return sections.join('\n\n');
}

/** One line naming the run: scenario, seed, horizon, warmup and engine. */
export function runHeading(result: RunResult | ReplicatedResult): string {
  const s = result.scenario;
  const runs = 'replications' in result ? ` · ${result.replications} replications, mean ± 95% half-width` : ` · seed ${s.seed}`;
  return `${chalk.bold(printable(s.name))}  ${chalk.dim(`start ${s.start} · ${s.duration} simulated (warmup ${s.warmup}) · engine ${result.engine}${runs}`)}`;
}
