import chalk from 'chalk';
import type { KpiFormat } from '../metrics/kpi-catalogue.js';
import type { KpiRow } from '../metrics/kpi-views.js';
import { groupedNumber } from '../model/grouped-number.js';

/** A table cell: text, optionally styled. */
export type Cell = string;

const ANSI = /\x1b\[[0-9;]*m/g;

/** Visible width of a string (ANSI colour codes do not count). */
export function visibleWidth(text: string): number {
  return text.replace(ANSI, '').length;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** A row of a table, or a section heading spanning it. */
export type Row = { cells: Cell[] } | { section: string };

/**
 * Renders rows as an aligned text table: the first column left-aligned,
 * the others right-aligned (or all left-aligned for text), a rule under the
 * header, sections in bold.
 */
export function renderTable(header: Cell[], rows: Row[], align: 'numbers' | 'left' = 'numbers'): string {
  const widths = header.map((h) => visibleWidth(h));
  for (const row of rows) {
    if ('cells' in row) row.cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(c))));
  }
  const line = (cells: Cell[]) => cells.map((c, i) => pad(c, widths[i], i === 0 || align === 'left' ? 'left' : 'right')).join('  ').trimEnd();
  const out = [chalk.bold(line(header)), chalk.dim(widths.map((w) => '─'.repeat(w)).join('  '))];
  for (const row of rows) out.push('cells' in row ? line(row.cells) : chalk.bold.cyan(row.section));
  return out.join('\n');
}

/** Formats a number with at most `digits` decimals, or an em dash for null. */
export function num(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return chalk.dim('—');
  return groupedNumber(value, digits);
}

/** Formats a share (0–1) as a percentage, or an em dash for null. */
export function pct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return chalk.dim('—');
  return `${(value * 100).toFixed(digits)}%`;
}

/** Formats seconds compactly (`12.3s`, `4m05s`, `2h10m`), or an em dash for null. */
export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return chalk.dim('—');
  if (!Number.isFinite(value)) return '∞';
  if (value < 59.95) return `${value.toFixed(1)}s`;
  const totalSeconds = Math.round(value);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  const totalMinutes = Math.round(value / 60);
  return `${Math.floor(totalMinutes / 60)}h${String(totalMinutes % 60).padStart(2, '0')}m`;
}

/** The formatter of a KPI format of the catalogue. */
export function kpiFormatter(format: KpiFormat): (value: number | null) => string {
  switch (format.style) {
    case 'number':
      return (x) => num(x, format.digits);
    case 'percent':
      return (x) => pct(x, format.digits);
    case 'duration':
      return (x) => seconds(x);
  }
}

/** A row's label, indented under its parent KPI when it has one. */
export function rowLabel(row: KpiRow): string {
  return row.kpi.parent === undefined ? row.label : `  ${row.label}`;
}
