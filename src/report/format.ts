/** Number formats of the report's tables (plain text, escaped by the caller). */
import type { KpiFormat } from '../metrics/kpi-catalogue.js';
import { groupedNumber } from '../model/grouped-number.js';
import type { Interval } from '../model/statistics.js';

/** A KPI value: one run's number, or the mean and confidence interval of several. */
export type KpiValue = number | null | Interval | undefined;

/** Formats a number of one kind of KPI; `null` is shown as an em dash. */
export type Format = (x: number | null) => string;

const DASH = '—';

/** A count with thousands separators, or a number with `digits` decimals. */
export const decimal =
  (digits: number): Format =>
  (x) =>
    x === null || Number.isNaN(x) ? DASH : groupedNumber(x, digits);

/** A whole number with thousands separators (means of counts get one decimal). */
export const count: Format = decimal(0);

/** A share 0–1 as a percentage with `digits` decimals. */
export const share =
  (digits = 1): Format =>
  (x) =>
    x === null || Number.isNaN(x) ? DASH : `${(x * 100).toFixed(digits)}%`;

/** Seconds, compactly: `12.3s`, `4m05s`, `2h10m`. */
export const seconds: Format = (x) => {
  if (x === null || Number.isNaN(x)) return DASH;
  if (!Number.isFinite(x)) return '∞';
  if (x < 60) return `${x.toFixed(1)}s`;
  if (x < 3600) return `${Math.floor(x / 60)}m${String(Math.round(x % 60)).padStart(2, '0')}s`;
  return `${Math.floor(x / 3600)}h${String(Math.round((x % 3600) / 60)).padStart(2, '0')}m`;
};

/** The format of a KPI format of the catalogue. */
export function kpiFormat(format: KpiFormat): Format {
  switch (format.style) {
    case 'number':
      return decimal(format.digits);
    case 'percent':
      return share(format.digits);
    case 'duration':
      return seconds;
  }
}

/** A share 0–1 as a percentage in prose, without trailing zeros: `3 %`, `2.5 %`. */
export const prosePercent = (x: number): string => `${Number((x * 100).toFixed(2))} %`;

/** The central value of a KPI: the number, or an interval's mean (`null` when there is none). */
export function central(value: KpiValue): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  return value.n === 0 || Number.isNaN(value.mean) ? null : value.mean;
}

/**
 * Formats a KPI: a number as is, an interval as its mean and, separately, its
 * half-width (`null` when there is none, e.g. a single replication).
 */
export function formatValue(value: KpiValue, format: Format, isCount = false): { text: string; halfWidth: string | null } {
  const mean = central(value);
  if (mean === null) return { text: DASH, halfWidth: null };
  const interval = typeof value === 'object' && value !== null;
  // A mean of counts is not a count: give it a decimal.
  const shown = interval && isCount && !Number.isInteger(mean) ? decimal(1)(mean) : format(mean);
  if (!interval || value.halfWidth === null) return { text: shown, halfWidth: null };
  return { text: shown, halfWidth: isCount ? decimal(1)(value.halfWidth) : format(value.halfWidth) };
}
