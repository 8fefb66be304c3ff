import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/report/index.js';
import { figureOf, occurrences, runScenario, selfContainedProblems } from './fixtures.js';

/** The section headed `title` (up to the next section). */
const sectionOf = (html: string, title: string) => new RegExp(`<h2>${title}</h2>[\\s\\S]*?(?=<h2>|$)`).exec(html)?.[0] ?? '';

describe('report of a Customer First run: the compliance section', async () => {
  const { result, scenario } = runScenario('scenarios/customer-first-pacing.yaml', { duration: '3d' });
  const html = await runReport(result, scenario);
  const section = sectionOf(html, 'Compliance');
  const w = result.kpis.complianceWindows.queues.callbacks;

  it('comes between the KPIs and the charts, self-contained', () => {
    expect(selfContainedProblems(html)).toEqual([]);
    expect([...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['Settings', 'KPIs', 'Compliance', 'Charts']);
  });

  it('has a row for every window of the queue: the whole run, the US measure (the run, under 30 days), the worst 24 h; each with its rate, the ceiling and a verdict', () => {
    const rows = section.match(/<tr><td>queue callbacks<\/td>.*<\/tr>/g)!;
    expect(rows.map((r) => /<td>queue callbacks<\/td><td>([^<]+)<\/td>/.exec(r)![1])).toEqual(['whole run', 'US: the run (under 30 days)', 'UK: worst 24 h']);
    const pct = (x: number | null) => `${(x! * 100).toFixed(2)}%`;
    expect(rows[0]).toContain(`<span class="v">${pct(w.run.rate)}</span></td><td>3.00%</td>`);
    expect(rows[2]).toContain(`<span class="v">${pct(w.uk24hWorst!.rate)}</span>`);
    for (const r of rows) expect(r).toContain('<td class="bad"><span class="v">fail</span></td>');
    expect(w.pass).toBe(false);
  });

  it('draws the compliance abandon rate by hour with the ceiling as a rule', () => {
    const chart = figureOf(section, 'chart-compliance');
    expect(chart).toContain('Compliance abandon rate by hour');
    expect(occurrences(chart, 'aria-roledescription="line mark"')).toBe(1);
    expect(occurrences(chart, 'aria-roledescription="rule mark"')).toBe(1);
    expect(chart).toContain('ceiling 3.00%');
  });

  it('a run whose queues had no answer to judge has no compliance section', async () => {
    const agentFirst = runScenario('scenarios/support-agent-first.yaml', { duration: '2d' });
    const out = await runReport(agentFirst.result, agentFirst.scenario);
    expect(out).not.toContain('<h2>Compliance</h2>');
  });

  it('drop groups have rows of their own, and a passing window says pass', async () => {
    const grouped = runScenario('scenarios/customer-first-pacing.yaml', { duration: '2d', set: ['queues.callbacks.compliance.dropGroup=spring', 'queues.callbacks.compliance.ceiling=0.99'] });
    const out = sectionOf(await runReport(grouped.result, grouped.scenario), 'Compliance');
    expect(out).toContain('<td>drop group spring (callbacks)</td><td>whole run</td>');
    expect(out).toContain('<td class="good"><span class="v">pass</span></td>');
    expect(out).not.toContain('>fail<');
  });
});
