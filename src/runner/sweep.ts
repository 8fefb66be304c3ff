import { type KpiDefinition } from '../metrics/kpi-catalogue.js';
import { SWEEP_SUMMARY_ROWS, type KpiRow } from '../metrics/kpi-views.js';
import type { Scenario } from '../model/scenario.js';
import { csvCell, csvNumber } from '../model/csv.js';
import type { Interval } from '../model/statistics.js';
import { contentHash } from './content-hash.js';
import { combine, replicationSeeds, type Estimated } from './replicate.js';
import type { RunResult } from './simulate.js';
import { sweepCells, type SweepAxis, type SweepManifest, type SweepRow } from './sweep-plan.js';
import type { SweepTask } from './sweep-task.js';

/** Which of `n` slices a run covers: `index` from 1 to `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The manifest of a sweep of `axes` × `replications` of `scenario` (resolved
 * with the sweep's own `--seed` and `--duration`, before any cell's `--set`):
 * seeds derived from its seed, the same in every cell, and the hash of its content.
 */
export function planSweep(spec: {
  file: string;
  scenario: Scenario;
  /** Digests of the pacing modules the scenario names, by path: their code is part of the work too. */
  modules?: Record<string, string>;
  version: string;
  axes: SweepAxis[];
  replications: number;
  engine: string;
  duration: string | null;
  /** The warm-up override (`--warmup`), when one was given. */
  warmup?: string | null;
}): SweepManifest {
  const modules = spec.modules ?? {};
  return {
    format: 1,
    file: spec.file,
    scenario: spec.scenario.name,
    scenarioHash: contentHash(Object.keys(modules).length > 0 ? { scenario: spec.scenario, modules } : spec.scenario),
    version: spec.version,
    seed: spec.scenario.seed,
    axes: spec.axes,
    cells: sweepCells(spec.axes),
    replications: spec.replications,
    seeds: replicationSeeds(spec.scenario.seed, spec.replications),
    engine: spec.engine,
    duration: spec.duration,
    ...(spec.warmup != null && { warmup: spec.warmup }),
  };
}

/** Every task of a sweep (cell by cell), or the slice of them a shard runs (every count-th task). */
export function sweepTasks(manifest: SweepManifest, shard?: Shard): SweepTask[] {
  const tasks: SweepTask[] = [];
  for (const cell of manifest.cells) {
    for (let r = 0; r < manifest.replications; r++) tasks.push({ cell: cell.index, replication: r, seed: manifest.seeds[r], set: cell.set });
  }
  return shard ? tasks.filter((_, i) => i % shard.count === shard.index - 1) : tasks;
}

/** One cell's KPIs over its finished replications. */
export interface CellSummary {
  cell: number;
  label: string;
  set: string[];
  replications: number;
  kpis: Estimated<RunResult['kpis']>;
  profile: Estimated<NonNullable<RunResult['profile']>> | null;
}

/** Summarizes the rows of each cell (cells without rows are left out), in cell order. */
export function summarizeSweep(manifest: SweepManifest, rows: Iterable<SweepRow>): CellSummary[] {
  const byCell = new Map<number, SweepRow[]>();
  for (const row of rows) {
    const list = byCell.get(row.cell) ?? [];
    list.push(row);
    byCell.set(row.cell, list);
  }
  return manifest.cells
    .filter((cell) => byCell.has(cell.index))
    .map((cell) => {
      const cellRows = byCell.get(cell.index)!.sort((a, b) => a.replication - b.replication);
      return {
        cell: cell.index,
        label: cell.label,
        set: cell.set,
        replications: cellRows.length,
        kpis: combine(cellRows.map((r) => r.kpis)),
        profile: cellRows[0].profile ? combine(cellRows.map((r) => r.profile)) : null,
      };
    });
}

type CellKpis = Estimated<RunResult['kpis']>;

/** A column of the sweep summary: a KPI of the chosen queue (or of all queues), of the agents serving it, or of the first declared outbound route. */
export interface SummaryColumn {
  /** The KPI's key, which names the column in summary.csv. */
  name: string;
  /** The column's heading in the sweep table. */
  label: string;
  kpi: KpiDefinition;
  pick: (kpis: CellKpis, queue: string | null) => Interval;
}

/** The KPIs of the first route under `outboundRoutes` (none when no route is declared). */
const firstRoute = (kpis: CellKpis): object => Object.values(kpis.routes ?? {})[0] ?? {};

const pickOf =
  (kpi: KpiDefinition): SummaryColumn['pick'] =>
  (kpis, queue) => {
    const scope = kpi.scope === 'agents' ? kpis.agents : kpi.scope === 'route' ? firstRoute(kpis) : queue ? kpis.queues[queue] : kpis.total;
    return (scope as unknown as Record<string, Interval>)[kpi.key];
  };

/** The KPIs the sweep table and summary.csv show. */
export const SUMMARY_COLUMNS: readonly SummaryColumn[] = SWEEP_SUMMARY_ROWS.map((row) => summaryColumn(row));

/** The summary column of a KPI row of the catalogue (of a queue, of the agents, or of the first declared route). */
export function summaryColumn(row: KpiRow): SummaryColumn {
  return { name: row.kpi.key, label: row.label, kpi: row.kpi, pick: pickOf(row.kpi) };
}


/** summary.csv: one line per cell — the axis values, replications, then mean and 95 % half-width of each KPI. */
export function summaryCsv(manifest: SweepManifest, cells: readonly CellSummary[], queue: string | null): string {
  const axisNames = manifest.axes.map((a) => a.path);
  const header = ['cell', ...axisNames, 'replications', ...SUMMARY_COLUMNS.flatMap((c) => [c.name, `${c.name}_halfWidth`])];
  const lines = cells.map((cell) => {
    const values = cell.set.map((s) => s.slice(s.indexOf('=') + 1));
    const kpis = SUMMARY_COLUMNS.flatMap((c) => {
      const v = c.pick(cell.kpis, queue);
      return v && v.n > 0 ? [csvNumber(v.mean), csvNumber(v.halfWidth)] : ['', ''];
    });
    return [String(cell.cell), ...values, String(cell.replications), ...kpis].map(csvCell).join(',');
  });
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
