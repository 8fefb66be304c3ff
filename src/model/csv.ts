/** One CSV field: quoted (quotes doubled) when it holds a quote, a comma or a line break. */
export function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A number as a CSV field, to 6 decimals; empty for null and for non-finite numbers. */
export function csvNumber(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '' : String(Math.round(x * 1e6) / 1e6);
}
