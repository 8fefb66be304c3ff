/** A sweep's rows grouped by cell and combined across replications. */
import type { QueueKpis } from '../metrics/kpis.js';
import { combine, type Estimated } from '../runner/replicate.js';
import type { RunResult } from '../runner/simulate.js';
import type { SweepAxis, SweepCell, SweepManifest, SweepRow } from '../runner/sweep-plan.js';
import type { BandPoint } from './chart-specs.js';

/** One cell of a sweep with its finished replications combined. */
export interface ReportCell {
  cell: SweepCell;
  /** The cell's value of each axis, in axis order. */
  values: string[];
  /** Its rows, in replication order (one per replication, duplicates dropped). */
  rows: SweepRow[];
  /** Every KPI as mean ± 95 % half-width over the rows; `null` when the cell has no rows yet. */
  kpis: Estimated<RunResult['kpis']> | null;
}

/** The last segment of an axis path (`pacingModifier` for `queues.support.callback.pacingModifier`). */
export function axisName(axis: SweepAxis): string {
  return axis.path.split('.').slice(-1)[0];
}

/** Whether every value of an axis is a number. */
export function isNumericAxis(axis: SweepAxis): boolean {
  return axis.values.length > 0 && axis.values.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
}

/**
 * Groups rows by cell (rows of unknown cells are ignored, a repeated
 * replication counts once) and combines each cell's KPIs, the rows taken in
 * replication order so that the result does not depend on the order they
 * were written in.
 */
export function summarizeCells(manifest: SweepManifest, rows: readonly SweepRow[]): ReportCell[] {
  const byCell = new Map<number, Map<number, SweepRow>>();
  for (const row of rows) {
    if (!manifest.cells[row.cell]) continue;
    const reps = byCell.get(row.cell) ?? new Map<number, SweepRow>();
    if (!reps.has(row.replication)) reps.set(row.replication, row);
    byCell.set(row.cell, reps);
  }
  return manifest.cells.map((cell) => {
    const cellRows = [...(byCell.get(cell.index)?.values() ?? [])].sort((a, b) => a.replication - b.replication);
    const values = manifest.axes.map((axis, i) => {
      const set = cell.set[i] ?? '';
      return set.startsWith(`${axis.path}=`) ? set.slice(axis.path.length + 1) : set.slice(set.indexOf('=') + 1);
    });
    return { cell, values, rows: cellRows, kpis: cellRows.length > 0 ? combine(cellRows.map((r) => r.kpis)) : null };
  });
}

/** The KPIs of queue `queue` (all queues when absent) of a combined KPI tree. */
export function queueOf(kpis: Estimated<RunResult['kpis']>, queue?: string): Estimated<QueueKpis> | undefined {
  return queue === undefined ? kpis.total : kpis.queues[queue];
}

/** Which axis is plotted across (the first numeric one, else the first) and which make the separate lines. */
export interface ChartAxes {
  x: number;
  xNumeric: boolean;
  /** The other axes: each line is one combination of their values. */
  series: number[];
}

/** Chooses the chart axes of a sweep; `null` when it has no axes. */
export function chartAxes(axes: readonly SweepAxis[]): ChartAxes | null {
  if (axes.length === 0) return null;
  const numeric = axes.findIndex(isNumericAxis);
  const x = numeric >= 0 ? numeric : 0;
  return { x, xNumeric: numeric >= 0, series: axes.map((_, i) => i).filter((i) => i !== x) };
}

/**
 * The points of one KPI against the chart's x axis, one line per combination
 * of the other axes' values. Cells without an estimate of the KPI are left out.
 */
export function bandPoints(
  cells: readonly ReportCell[],
  axes: readonly SweepAxis[],
  chart: ChartAxes,
  pick: (kpis: Estimated<RunResult['kpis']>) => { mean: number; halfWidth: number | null; n: number } | undefined,
): BandPoint[] {
  const points: BandPoint[] = [];
  for (const c of cells) {
    if (!c.kpis) continue;
    const value = pick(c.kpis);
    if (!value || value.n === 0 || !Number.isFinite(value.mean)) continue;
    const half = value.halfWidth ?? 0;
    const raw = c.values[chart.x];
    points.push({
      x: chart.xNumeric ? Number(raw) : raw,
      series: chart.series.map((i) => `${axisName(axes[i])}=${c.values[i]}`).join(' '),
      mean: round(value.mean),
      lo: round(value.mean - half),
      hi: round(value.mean + half),
    });
  }
  return points;
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** The cells to draw the day profile and attempts of: the chosen ones (by index), else the first, middle and last that have rows. */
export function featuredCells(cells: readonly ReportCell[], chosen?: readonly number[]): ReportCell[] {
  if (chosen && chosen.length > 0) return chosen.map((i) => cells[i]).filter((c): c is ReportCell => c !== undefined && c.rows.length > 0);
  const done = cells.filter((c) => c.rows.length > 0);
  if (done.length === 0) return [];
  const picks = [0, Math.floor((done.length - 1) / 2), done.length - 1];
  return [...new Set(picks)].map((i) => done[i]);
}
