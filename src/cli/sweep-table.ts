import chalk from 'chalk';
import { KPI_CATALOGUE, kpi, type KpiDefinition } from '../metrics/kpi-catalogue.js';
import type { Interval } from '../model/statistics.js';
import { SUMMARY_COLUMNS, summaryColumn, type CellSummary, type SummaryColumn } from '../runner/sweep.js';
import { didYouMean } from '../scenario/suggest.js';
import { CliError } from './errors.js';
import { renderFittedTable, TABLE_WIDTH } from './fitted-table.js';
import { kpiFormatter } from './table.js';

/** KPIs `--columns` may name: the scalar KPIs of a queue (or all queues), of the agents, and of the first declared outbound route. */
const COLUMN_KPIS: readonly KpiDefinition[] = KPI_CATALOGUE.filter((k) => k.scope === 'queue' || k.scope === 'agents' || k.scope === 'route');

/** A KPI's label standing alone (a variant such as `worst 24 h` says what it is a variant of). */
const standaloneLabel = (definition: KpiDefinition) => (definition.parent === undefined ? definition.label : `${kpi(definition.parent).label} ${definition.label}`);

/**
 * The columns `--columns a,b,…` names, by KPI key, in the order given; an
 * unknown or repeated key is a `CliError` (exit 2) listing the keys allowed.
 */
export function parseColumns(text: string): SummaryColumn[] {
  const keys = text.split(',').map((k) => k.trim());
  const allowed = COLUMN_KPIS.map((k) => k.key as string);
  return keys.map((key, i) => {
    if (key === '') throw new CliError(`--columns: "${text}" has an empty name; give KPI keys separated by commas, e.g. serviceLevel,abandonAfterAnswerRate,occupancy`);
    if (keys.indexOf(key) !== i) throw new CliError(`--columns: ${key} is named twice`);
    const definition = COLUMN_KPIS.find((k) => k.key === key);
    if (!definition) {
      const suggestion = didYouMean(key, allowed);
      throw new CliError(`--columns: no KPI "${key}"${suggestion ? ` (${suggestion})` : ''}; allowed ${allowed.join(', ')}`);
    }
    const standard = SUMMARY_COLUMNS.find((c) => c.name === key);
    return standard ?? summaryColumn({ kpi: definition, label: standaloneLabel(definition), optional: false, neutral: false });
  });
}

/** Options of {@link sweepTable}. */
export interface SweepTableOptions {
  /** The KPIs shown (default: the summary's, those with a non-zero value in some cell). */
  columns?: readonly SummaryColumn[];
  /** The width the table is fitted to (default {@link TABLE_WIDTH}). */
  width?: number;
}

const has = (column: SummaryColumn, cells: readonly CellSummary[], queue: string | null) => cells.some((cell) => (column.pick(cell.kpis, queue)?.n ?? 0) > 0);

/**
 * The sweep table: one row per cell, mean ± half-width of each KPI, fitted to
 * a 120-column terminal (headers wrapped, wider tables in blocks). A worst
 * 30 days that no cell has, while the worst 24 h has values, is left out with
 * a note: the runs count fewer than 30 days.
 */
export function sweepTable(cells: readonly CellSummary[], queue: string | null, options: SweepTableOptions = {}): string {
  const chosen = options.columns;
  const columns = chosen ?? SUMMARY_COLUMNS.filter((c) => has(c, cells, queue) && cells.some((cell) => c.pick(cell.kpis, queue).mean !== 0));
  const show = (column: SummaryColumn, v: Interval | undefined) => {
    if (!v || v.n === 0) return chalk.dim('—');
    const format = kpiFormatter(column.kpi.format);
    return v.halfWidth === null ? format(v.mean) : `${format(v.mean)} ${chalk.dim(`±${format(v.halfWidth)}`)}`;
  };
  const table = renderFittedTable(
    ['cell', 'n', ...columns.map((c) => c.label)],
    cells.map((cell) => [cell.label, String(cell.replications), ...columns.map((c) => show(c, c.pick(cell.kpis, queue)))]),
    options.width ?? TABLE_WIDTH,
  );
  const byName = (name: string) => SUMMARY_COLUMNS.find((c) => c.name === name)!;
  const thirtyDaysMissing =
    (!chosen || chosen.some((c) => c.name === 'abandonAfterAnswerRateMax30d')) &&
    has(byName('abandonAfterAnswerRateMax24h'), cells, queue) &&
    !has(byName('abandonAfterAnswerRateMax30d'), cells, queue);
  return thirtyDaysMissing ? `${table}\n${chalk.dim('abandon after answer worst 30 days: n/a, the runs count fewer than 30 days (duration minus warm-up)')}` : table;
}
