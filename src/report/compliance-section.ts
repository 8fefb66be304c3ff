/** The report's compliance section: the compliance abandon rate in every rule window, judged against the ceiling, and over time. */
import type { ComplianceReport, ComplianceWindow, ComplianceWindows, IntervalReport } from '../metrics/collector.js';
import type { LocalCalendar } from '../model/calendar.js';
import { ceilingChartSpec } from './chart-specs.js';
import { escapeHtml } from './escape.js';
import { count, share } from './format.js';
import { figure } from './page.js';
import { complianceRatePoints } from './series.js';
import { renderSvg } from './svg.js';

/** One scope the section judges: a queue, a drop group or all queues, with its windows. */
interface Scope {
  title: string;
  windows: ComplianceWindows;
}

const rate = share(2);
const day = (iso: string) => iso.replace('T', ' ').replace(/:00\.000Z$/, ' UTC');

function row(scope: string, window: string, w: ComplianceWindow, ceiling: number): string {
  const verdict = w.pass ? '<td class="good"><span class="v">pass</span></td>' : '<td class="bad"><span class="v">fail</span></td>';
  const cells = [scope, window, day(w.start), day(w.end), count(w.answers), count(w.abandons)].map((c) => `<td>${escapeHtml(c)}</td>`).join('');
  return `<tr>${cells}<td class="${w.pass ? 'good' : 'bad'}"><span class="v">${escapeHtml(rate(w.rate))}</span></td><td>${escapeHtml(rate(ceiling))}</td>${verdict}</tr>`;
}

/** The rows of one scope: the whole run, each successive 30-day period (US), the worst 24 hours (UK). */
function scopeRows({ title, windows }: Scope): string[] {
  const rows = [row(title, 'whole run', windows.run, windows.ceiling)];
  const periods = windows.us30d.length;
  windows.us30d.forEach((w, k) => rows.push(row(title, periods === 1 ? 'US: the run (under 30 days)' : `US: 30-day period ${k + 1}`, w, windows.ceiling)));
  if (windows.uk24hWorst) rows.push(row(title, 'UK: worst 24 h', windows.uk24hWorst, windows.ceiling));
  return rows;
}

/** The scopes with something to judge: queues, drop groups and (with several queues) the total that had answers. */
function scopes(report: ComplianceReport): Scope[] {
  const queues = Object.entries(report.queues).map(([id, windows]) => ({ title: `queue ${id}`, windows }));
  const groups = Object.entries(report.dropGroups).map(([name, windows]) => ({ title: `drop group ${name} (${windows.queues.join(', ')})`, windows }));
  const all = [...queues, ...groups, ...(queues.length > 1 ? [{ title: 'all queues', windows: report.total }] : [])];
  return all.filter((s) => s.windows.run.answers > 0);
}

/**
 * The compliance section of a run, or null when no queue had an answer to
 * judge: a table of every window with its rate, ceiling and verdict, and a
 * chart of the rate by hour (by day on runs of a week or more) with the
 * ceiling drawn as a rule.
 */
export async function complianceSection(report: ComplianceReport | undefined, intervals: readonly IntervalReport[] | undefined, calendar: LocalCalendar): Promise<string | null> {
  if (!report) return null;
  const judged = scopes(report);
  if (judged.length === 0) return null;
  const head = '<tr><th>scope</th><th>window</th><th>from</th><th>to</th><th>answers</th><th>compliance abandons</th><th>rate</th><th>ceiling</th><th>verdict</th></tr>';
  const table = `<div class="scroll"><table class="compliance">\n<thead>${head}</thead>\n<tbody>\n${judged.flatMap(scopeRows).join('\n')}\n</tbody>\n</table></div>`;
  const parts = [table];
  const points = intervals ? complianceRatePoints(intervals, calendar) : null;
  if (points && points.points.length > 0) {
    const ceiling = Math.min(...judged.map((s) => s.windows.ceiling));
    const spec = ceilingChartSpec(points.points, { xTitle: 'local time', yTitle: 'compliance abandon rate', yFormat: '.0%', ceiling: { value: ceiling, label: `ceiling ${rate(ceiling)}` } });
    const svg = await renderSvg(spec, 'chart-compliance');
    parts.push(figure(svg, `Compliance abandon rate by ${points.step}`, `Compliance abandons as a share of the answers each queue's rate divides by, ${points.step} by ${points.step} of the counted run, against the ceiling (dashed).`, 'chart-compliance'));
  }
  return parts.join('\n');
}
