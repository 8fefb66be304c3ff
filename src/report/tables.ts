/** The report's HTML tables: the KPIs of a run by queue, and of a sweep by cell. */
import { escapeHtml } from './escape.js';
import { judge } from '../metrics/kpi-catalogue.js';
import { REPORT_KPI_SECTIONS, REPORT_SWEEP_COLUMNS, type KpiRow } from '../metrics/kpi-views.js';
import { central, formatValue, kpiFormat, type KpiValue } from './format.js';

type Kpis = Readonly<Record<string, unknown>>;

/** A column of a KPI table: a title and the queue, agent or route KPIs it shows. */
export interface KpiColumn {
  title: string;
  /** A queue's KPIs (for the inbound and callback sections). */
  queue?: Kpis;
  /** An agent group's KPIs (for the agents section). */
  agents?: Kpis;
  /** An outbound route's KPIs (for the routes section). */
  route?: Kpis;
}

const value = (kpis: Kpis | undefined | null, key: string) => kpis?.[key] as KpiValue;

/** One table cell with a value and, for estimates, its half-width. */
function cell(v: KpiValue, row: KpiRow): string {
  const { text, halfWidth } = formatValue(v, kpiFormat(row.kpi.format), row.kpi.unit === 'count');
  const mean = central(v);
  const verdict = mean === null ? undefined : judge(row.kpi, mean);
  const cls = verdict === undefined ? '' : ` class="${verdict}"`;
  const hw = halfWidth === null ? '' : ` <span class="hw">± ${escapeHtml(halfWidth)}</span>`;
  return `<td${cls}><span class="v">${escapeHtml(text)}</span>${hw}</td>`;
}

const nonZero = (values: KpiValue[]) => values.some((v) => (central(v) ?? 0) !== 0);

/**
 * The KPI table of a run or of replications: one column per queue (and all
 * queues) with sections for inbound calls and callbacks, one per agent
 * group with the agents' section, or one per outbound route; sections and optional rows with nothing to
 * show are left out.
 */
export function kpiTable(columns: readonly KpiColumn[]): string {
  const rows: string[] = [];
  for (const section of REPORT_KPI_SECTIONS) {
    const pickFrom = (c: KpiColumn) => (section.scope === 'agents' ? c.agents : section.scope === 'route' ? c.route : c.queue);
    if (!columns.some((c) => pickFrom(c) !== undefined)) continue;
    if (section.shownIf !== undefined && !nonZero(columns.map((c) => value(pickFrom(c), section.shownIf!)))) continue;
    const metrics = section.groups.flatMap((g) => g.rows).filter((m) => !m.optional || nonZero(columns.map((c) => value(pickFrom(c), m.kpi.key))));
    if (metrics.length === 0) continue;
    rows.push(`<tr class="section"><td colspan="${columns.length + 1}">${escapeHtml(section.title)}</td></tr>`);
    for (const m of metrics) rows.push(`<tr><td>${escapeHtml(m.label)}</td>${columns.map((c) => cell(value(pickFrom(c), m.kpi.key), m)).join('')}</tr>`);
  }
  const head = `<tr><th></th>${columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('')}</tr>`;
  return `<div class="scroll"><table class="kpis">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table></div>`;
}

/** A row of the sweep table: the cell's axis values, its replications and KPIs (null when none finished). */
export interface SweepTableRow {
  values: string[];
  replications: number;
  queue: Kpis | null;
  agents: Kpis | null;
}

/** The sweep table: one row per cell, its axis values and the main KPIs as mean ± 95 % half-width. */
export function sweepTable(axisNames: readonly string[], rows: readonly SweepTableRow[]): string {
  const pick = (r: SweepTableRow, m: KpiRow) => value(m.kpi.scope === 'agents' ? r.agents : r.queue, m.kpi.key);
  const metrics = REPORT_SWEEP_COLUMNS.filter((m) => !m.optional || nonZero(rows.map((r) => pick(r, m))));
  const head = `<tr>${axisNames.map((n) => `<th class="key">${escapeHtml(n)}</th>`).join('')}<th>replications</th>${metrics.map((m) => `<th>${escapeHtml(m.label)}</th>`).join('')}</tr>`;
  const body = rows.map(
    (r) =>
      `<tr>${r.values.map((v) => `<td class="key">${escapeHtml(v)}</td>`).join('')}<td>${r.replications}</td>${metrics.map((m) => cell(pick(r, m), m)).join('')}</tr>`,
  );
  return `<div class="scroll"><table class="sweep">\n<thead>${head}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table></div>`;
}
