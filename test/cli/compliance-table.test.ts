import { describe, expect, it } from 'vitest';
import { complianceTable } from '../../src/cli/compliance-table.js';
import type { ComplianceReport } from '../../src/metrics/collector.js';
import type { ComplianceWindow, ComplianceWindows } from '../../src/metrics/compliance-windows.js';
import { parseScenario } from '../../src/scenario/index.js';
import { cli } from '../helpers/cli.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const { scenario } = parseScenario('name: t\nstart: 2026-03-02T08:00:00-05:00\ntimeZone: America/New_York\nduration: 45d\nqueues: [{ id: q, ani: "+15550100100" }]\nagents: [{ group: a, count: 1, queues: [q] }]\n', 't.yaml');

const window = (start: string, end: string, answers: number, abandons: number): ComplianceWindow => ({ start, end, answers, abandons, rate: answers > 0 ? abandons / answers : null, pass: answers === 0 || abandons / answers <= 0.03 });

describe('the compliance windows table', () => {
  it('lists the whole run, each US 30-day period (the last a part period) and the UK worst 24 h, in local time, with the verdicts', () => {
    const windows: ComplianceWindows = {
      ceiling: 0.03,
      denominator: 'liveAnswers',
      run: window('2026-03-02T13:00:00.000Z', '2026-04-16T12:00:00.000Z', 3000, 60),
      us30d: [window('2026-03-02T13:00:00.000Z', '2026-04-01T12:00:00.000Z', 2000, 20), window('2026-04-01T12:00:00.000Z', '2026-04-16T12:00:00.000Z', 1000, 40)],
      us30dWorst: window('2026-04-01T12:00:00.000Z', '2026-04-16T12:00:00.000Z', 1000, 40),
      uk24hWorst: window('2026-04-03T12:00:00.000Z', '2026-04-04T12:00:00.000Z', 100, 9),
      uk24hDaily: [],
      pass: false,
    } as unknown as ComplianceWindows;
    const report = { queues: { q: windows }, dropGroups: {}, total: windows } as unknown as ComplianceReport;
    const lines = complianceTable(report, scenario).replace(ANSI, '').split('\n');
    const row = (name: string) => lines.find((l) => l.trimStart().startsWith(name))!.trim().split(/\s{2,}/);
    expect(row('whole run')).toEqual(['whole run', '2026-03-02 08:00-05:00', '2026-04-16 08:00-04:00', '3,000', '60', '2.00%', '3.0%', 'pass']);
    expect(row('US 30-day period 1')).toEqual(['US 30-day period 1', '2026-03-02 08:00-05:00', '2026-04-01 08:00-04:00', '2,000', '20', '1.00%', '3.0%', 'pass']);
    expect(row('US 30-day period 2 (part)')).toEqual(['US 30-day period 2 (part)', '2026-04-01 08:00-04:00', '2026-04-16 08:00-04:00', '1,000', '40', '4.00%', '3.0%', 'fail']);
    expect(row('UK worst 24 h').slice(-3)).toEqual(['9.00%', '3.0%', 'fail']);
    // One queue: no "all queues" block repeating it.
    expect(lines.some((l) => l.includes('all queues'))).toBe(false);
  });

  it('is left out when no queue had an answer to judge, and printed after the KPIs of a Customer First run', async () => {
    const none = { queues: {}, dropGroups: {}, total: { run: window('a', 'b', 0, 0) } } as unknown as ComplianceReport;
    expect(complianceTable(none, scenario)).toBe('');
    const run = await cli('run', 'scenarios/customer-first-pacing.yaml', '--duration', '2d', '--no-progress');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Compliance windows +from +to +answers +abandons +rate +ceiling/m);
    expect(run.stdout).toMatch(/^ {2}UK worst 24 h /m);
    const erlang = await cli('run', 'scenarios/erlang-c-55-agents.yaml', '--duration', '1d', '--no-progress');
    expect(erlang.stdout).not.toMatch(/Compliance windows/);
  });
});
