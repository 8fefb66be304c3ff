import chalk from 'chalk';
import type { ComplianceReport } from '../metrics/collector.js';
import type { ComplianceWindow, ComplianceWindows } from '../metrics/compliance-windows.js';
import { LocalCalendar } from '../model/calendar.js';
import type { Scenario } from '../model/scenario.js';
import { num, pct, renderTable, type Row } from './table.js';

/** The windows of one scope as the rules name them: the whole run, each US 30-day period (or the run when shorter), the UK worst 24 h. */
function windowRows(windows: ComplianceWindows, local: (iso: string) => string): Row[] {
  const line = (name: string, w: ComplianceWindow): Row => ({
    cells: [
      `  ${name}`, local(w.start), local(w.end), num(w.answers), num(w.abandons), pct(w.rate, 2), pct(windows.ceiling, 1),
      w.pass ? chalk.green('pass') : chalk.red('fail'),
    ],
  });
  const us = windows.us30d.length === 1 && windows.us30d[0].start === windows.run.start && windows.us30d[0].end === windows.run.end ? [] : windows.us30d;
  return [
    line('whole run', windows.run),
    ...us.map((w, i) => line(`US 30-day period ${i + 1}${i === us.length - 1 && us.length > 1 ? ' (part)' : ''}`, w)),
    ...(windows.uk24hWorst === null ? [] : [line('UK worst 24 h', windows.uk24hWorst)]),
  ];
}

/**
 * The compliance windows of a run, per queue that had answers to judge, per
 * drop group and for all queues: each window with its local start and end,
 * answers, compliance abandons, rate, ceiling and verdict. Empty when no
 * queue had any answer to judge.
 */
export function complianceTable(report: ComplianceReport, scenario: Scenario): string {
  const calendar = new LocalCalendar(scenario.startEpochMs, scenario.utcOffsetMinutes, scenario.timeZone);
  const local = (iso: string) => calendar.formatLocal(Date.parse(iso) - scenario.startEpochMs).replace('T', ' ');
  const scopes: Array<[string, ComplianceWindows]> = [
    ...Object.entries(report.queues).map(([id, w]): [string, ComplianceWindows] => [`queue ${id}`, w]),
    ...Object.entries(report.dropGroups).map(([name, w]): [string, ComplianceWindows] => [`drop group ${name}`, w]),
  ].filter(([, w]) => w.run.answers > 0);
  if (scopes.length === 0) return '';
  if (Object.keys(report.queues).length > 1) scopes.push(['all queues', report.total]);
  const rows: Row[] = scopes.flatMap(([name, w]) => [{ section: name }, ...windowRows(w, local)]);
  const note = chalk.dim('a 30-day period is counted from the start of the counted run; the last one may be a part period, judged on its own (the US rule); the UK measure is every rolling 24 h, stepped by the minute');
  return `${renderTable(['Compliance windows', 'from', 'to', 'answers', 'abandons', 'rate', 'ceiling', ''], rows)}\n${note}`;
}
