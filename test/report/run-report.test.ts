import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/report/index.js';
import { replicate } from '../../src/runner/replicate.js';
import { figureOf, occurrences, runScenario, selfContainedProblems } from './fixtures.js';

describe('report of one run', async () => {
  // Inbound calls with callback offers (Agent First): service level per interval.
  const { result, scenario } = runScenario('scenarios/support-agent-first.yaml', { duration: '2d' });
  const html = await runReport(result, scenario);

  it('is self-contained, with a header naming the run', () => {
    expect(selfContainedProblems(html)).toEqual([]);
    expect(html).toContain(`<h1>${result.scenario.name}</h1>`);
    expect(html).toContain(`One run · seed ${result.scenario.seed} · engine compiled`);
    expect(html).toContain(`2d simulated from ${result.scenario.start}, warmup 1d`);
  });

  it('lists the scenario settings', () => {
    expect(html).toContain('<dt>queue support</dt>');
    expect(html).toMatch(/<dt>agents tier1<\/dt><dd>\d+ on support/);
  });

  it('has the KPI tables: by queue, then by agent group', () => {
    const tables = html.match(/<table class="kpis">[\s\S]*?<\/table>/g)!;
    expect(tables).toHaveLength(2);
    expect(tables[0]).toContain('<th>support</th>');
    for (const label of ['offered', 'service level', 'abandon rate', 'created', 'connect rate']) expect(tables[0]).toContain(`<td>${label}</td>`);
    expect(tables[1]).toContain('<td>occupancy</td>');
    expect(html).not.toContain('class="hw"'); // one run: no intervals
  });

  it('draws the day profile (48 half hours), attempts per callback, and service level and occupancy by interval', () => {
    expect([...html.matchAll(/<figure id="([^"]+)"/g)].map((m) => m[1])).toEqual(['chart-day', 'chart-attempts', 'chart-intervals']);
    expect(occurrences(html, '<svg')).toBe(3);
    const day = figureOf(html, 'chart-day');
    expect(occurrences(day, 'aria-roledescription="line mark"')).toBe(3);
    const attempts = figureOf(html, 'chart-attempts');
    const distribution = result.kpis.total.attemptsDistribution;
    const first = distribution.findIndex((v) => v > 0);
    const last = distribution.length - 1 - [...distribution].reverse().findIndex((v) => v > 0);
    expect(occurrences(attempts, 'aria-roledescription="bar"')).toBe(last - first + 1);
    const intervals = figureOf(html, 'chart-intervals');
    expect(occurrences(intervals, 'aria-roledescription="line mark"')).toBe(2);
    expect(intervals).toContain('>service level<');
    expect(intervals).toContain('>agent occupancy<');
  });

  it('folds the intervals into a day profile when the run has none', async () => {
    const { profile: _profile, ...withoutProfile } = result;
    expect(await runReport(withoutProfile, scenario)).toBe(html);
  });

  it('is byte-identical for the same input', async () => {
    expect(await runReport(structuredClone(result), scenario)).toBe(html);
  });

  it('works without the scenario (settings from the result, calendar from its start)', async () => {
    const out = await runReport(result);
    expect(selfContainedProblems(out)).toEqual([]);
    expect(occurrences(out, '<svg')).toBe(3);
    expect(figureOf(out, 'chart-intervals')).toBe(figureOf(html, 'chart-intervals'));
  });

  it('escapes the scenario name', async () => {
    const evil = structuredClone(result);
    evil.scenario.name = '</title><script>alert(1)</script>';
    const out = await runReport(evil);
    expect(out.includes('<script')).toBe(false);
    expect(out).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — cbsim report</title>');
  });
});

describe('report of replications', async () => {
  const { scenario } = runScenario('scenarios/customer-first-pacing.yaml', { duration: '1d', set: ['warmup=4h'] });
  const replicated = replicate(scenario, 3);
  const html = await runReport(replicated, scenario);

  it('shows every KPI as mean ± half-width', () => {
    expect(selfContainedProblems(html)).toEqual([]);
    expect(html).toContain('3 replications (seeds derived from seed 3)');
    expect(occurrences(html, '<span class="hw">± ')).toBeGreaterThan(10);
    expect(html).toMatch(/<td>abandon-after-answer rate<\/td><td class="(good|bad)"><span class="v">\d+\.\d\d%<\/span> <span class="hw">± \d+\.\d\d%<\/span><\/td>/);
  });

  it('draws attempts with confidence intervals; the day profile only when the profiles are given', async () => {
    expect([...html.matchAll(/<figure id="([^"]+)"/g)].map((m) => m[1])).toEqual(['chart-attempts']);
    expect(figureOf(html, 'chart-attempts')).toContain('aria-roledescription="errorbar"');
    const profiles = [1, 2].map((seed) => runScenario('scenarios/customer-first-pacing.yaml', { duration: '1d', set: ['warmup=4h', `seed=${seed}`] }).result.profile!);
    const out = await runReport(replicated, scenario, { profiles });
    expect([...out.matchAll(/<figure id="([^"]+)"/g)].map((m) => m[1])).toEqual(['chart-day', 'chart-attempts']);
  });
});
