import { afterAll, describe, expect, it, vi } from 'vitest';
import { sweepReport } from '../../src/report/index.js';
import { figureOf, makeSweep, quickScenario, removeFixtureFiles, occurrences, selfContainedProblems } from './fixtures.js';

// 2 pacing modifiers × 2 team sizes × 2 replications, one day (4 h warmup).
const sweep = makeSweep(
  quickScenario(),
  ['queues.callbacks.callback.pacingModifier=1,5', 'agents.callback-team.count=10,12'],
  2,
  '1d',
);
afterAll(removeFixtureFiles);

function expectSelfContained(html: string) {
  expect(selfContainedProblems(html)).toEqual([]);
  expect(/<script/i.test(html), '<script').toBe(false);
}

describe('sweep report', async () => {
  const html = await sweepReport(sweep.manifest, sweep.rows);

  it('is one self-contained document: no scripts, no external resources', () => {
    expectSelfContained(html);
    expect(html).toContain('<style>');
  });

  it('has a header with the scenario, seed, horizon, engine and what was run, and no wall-clock time', () => {
    expect(html).toContain('<h1>Web callback requests, Customer First</h1>');
    expect(html).toContain('4 cells × 2 replications');
    expect(html).toContain('seed 3');
    expect(html).toContain('engine compiled');
    expect(html).toContain('1d simulated');
  });

  it('lists the sweep axes and their values', () => {
    expect(html).toContain('<code>queues.callbacks.callback.pacingModifier</code> = 1, 5');
    expect(html).toContain('<code>agents.callback-team.count</code> = 10, 12');
  });

  it('has the KPI table: one row per cell, mean ± half-width', () => {
    const table = /<table class="sweep">[\s\S]*?<\/table>/.exec(html)![0];
    expect(occurrences(table, '<tr>')).toBe(1 + 4);
    expect(table).toContain('<th class="key">pacingModifier</th><th class="key">count</th><th>replications</th>');
    expect(table).toContain('abandon-after-answer rate');
    expect(table).toContain('occupancy');
    expect(occurrences(table, '<span class="hw">± ')).toBeGreaterThan(20);
  });

  it('draws abandon-after-answer rate and occupancy against the pacing modifier with bands, one line per team size', () => {
    for (const id of ['chart-abandon', 'chart-occupancy']) {
      const fig = figureOf(html, id);
      expect(occurrences(fig, '<svg'), id).toBe(1);
      expect(fig, id).toContain('mark-area role-mark'); // the confidence band
      expect(occurrences(fig, 'aria-roledescription="errorband"'), id).toBe(2);
      expect(occurrences(fig, 'aria-roledescription="line mark"'), id).toBe(2);
      expect(occurrences(fig, 'aria-roledescription="point"'), id).toBe(4);
      expect(fig, id).toContain('pacingModifier (queues.callbacks.callback.pacingModifier)'); // the x axis title
      expect(fig, id).toMatch(/role-legend[\s\S]*count=10[\s\S]*count=12/);
      expect(occurrences(fig, '<path'), id).toBeGreaterThan(8);
    }
    expect(figureOf(html, 'chart-abandon')).toContain('3 % ceiling');
  });

  it('draws the day profile of the first, middle and last cells: three lines in three panels, 48 half hours', () => {
    const ids = [...html.matchAll(/<figure id="(chart-day-\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['chart-day-0', 'chart-day-1', 'chart-day-3']);
    const fig = figureOf(html, 'chart-day-0');
    expect(occurrences(fig, '<svg')).toBe(1);
    expect(occurrences(fig, 'aria-roledescription="line mark"')).toBe(3);
    for (const title of ['waiting for an agent', 'callbacks waiting to be dialed', 'dials in flight']) expect(fig).toContain(title);
    expect(fig).toContain('>00:00<');
    expect(fig).toContain('>21:00<');
    expect(fig).toContain('local time of day');
  });

  it('draws the attempts distribution as bars, grouped by cell', () => {
    const fig = figureOf(html, 'chart-attempts');
    expect(occurrences(fig, '<svg')).toBe(1);
    expect(fig).toContain('mark-rect role-mark');
    const bars = occurrences(fig, 'aria-roledescription="bar"');
    expect(bars).toBeGreaterThanOrEqual(3 * 2);
    expect(bars % 3).toBe(0); // the same attempts for each of the three cells
    expect(fig).toContain('attempts made by a callback before it ended');
  });

  it('has one svg per chart and unique ids across charts', () => {
    expect(occurrences(html, '<svg')).toBe(occurrences(html, '<figure id="chart-'));
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, ref] of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref);
  });

  it('is byte-identical for the same input, whatever order the rows were written in', async () => {
    const again = await sweepReport(structuredClone(sweep.manifest), structuredClone(sweep.rows));
    expect(again).toBe(html);
    const shuffled = [...sweep.rows].reverse();
    expect(await sweepReport(sweep.manifest, shuffled)).toBe(html);
  });

  it('does not depend on the clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-07-01T12:34:56Z'));
      expect(await sweepReport(sweep.manifest, sweep.rows)).toBe(html);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores a repeated row', async () => {
    expect(await sweepReport(sweep.manifest, [...sweep.rows, sweep.rows[0]])).toBe(html);
  });

  it('escapes HTML in the scenario name, file, axis paths and values', async () => {
    const evil = '<script>alert("x")</script> & <b>co</b>';
    const manifest = structuredClone(sweep.manifest);
    manifest.scenario = evil;
    manifest.file = `scenarios/<img src=x onerror=alert(1)>.yaml`;
    const path = 'queues.callbacks.callback.<i>pacing</i>';
    manifest.axes[0].path = path;
    manifest.cells.forEach((c) => (c.set[0] = c.set[0].replace('queues.callbacks.callback.pacingModifier', path)));
    manifest.axes[1].values = manifest.axes[1].values.map((v) => `${v}"'<`);
    manifest.cells.forEach((c) => (c.set[1] = `${c.set[1]}"'<`));
    const out = await sweepReport(manifest, sweep.rows);
    expectSelfContained(out);
    expect(out.includes('<b>co</b>')).toBe(false);
    expect(out.includes('<i>pacing</i>')).toBe(false);
    expect(out.includes('<img')).toBe(false);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;');
    expect(out).toContain('&lt;i&gt;pacing&lt;/i&gt;');
    expect(out).toContain('10&quot;&#39;&lt;');
  });

  it('reports a sweep still running: cells without rows show a dash, the header says how many runs finished', async () => {
    const partial = sweep.rows.filter((r) => r.cell !== 2);
    const out = await sweepReport(sweep.manifest, partial);
    expect(out).toContain('(6 of 8 runs finished)');
    const table = /<table class="sweep">[\s\S]*?<\/table>/.exec(out)![0];
    expect(table).toMatch(/<tr><td class="key">5<\/td><td class="key">10<\/td><td>0<\/td>(<td><span class="v">—<\/span><\/td>)+<\/tr>/);
    expect(figureOf(out, 'chart-abandon')).not.toBe('');
    expect(occurrences(figureOf(out, 'chart-abandon'), 'aria-roledescription="point"')).toBe(3);
  });

  it('draws the chosen cells and one queue when asked', async () => {
    const out = await sweepReport(sweep.manifest, sweep.rows, { cells: [2], queue: 'callbacks' });
    expect([...out.matchAll(/<figure id="(chart-day-\d+)"/g)].map((m) => m[1])).toEqual(['chart-day-2']);
    expect(out).toContain('Queue callbacks;');
  });
});

describe('sweep report of categories', async () => {
  const modes = makeSweep(quickScenario(), ['queues.callbacks.callback.mode=AgentFirst,CustomerFirst'], 2, '1d');
  const html = await sweepReport(modes.manifest, modes.rows);

  it('uses error bars against a non-numeric axis', () => {
    const fig = figureOf(html, 'chart-occupancy');
    expect(fig).toContain('aria-roledescription="errorbar"');
    expect(fig).not.toContain('aria-roledescription="errorband"');
    expect(fig).toContain('>AgentFirst<');
    expect(fig).toContain('>CustomerFirst<');
  });
});
