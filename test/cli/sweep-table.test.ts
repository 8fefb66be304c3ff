import { afterAll, describe, expect, it } from 'vitest';
import { renderFittedTable, wrapHeader } from '../../src/cli/fitted-table.js';
import { parseColumns, sweepTable } from '../../src/cli/sweep-table.js';
import { visibleWidth } from '../../src/cli/table.js';
import { sweepReport } from '../../src/report/index.js';
import { summarizeSweep, summaryCsv } from '../../src/runner/sweep.js';
import { cli } from '../helpers/cli.js';
import { makeSweep, quickScenario, removeFixtureFiles } from '../report/fixtures.js';

afterAll(removeFixtureFiles);
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const sweep = makeSweep(quickScenario(), ['queues.callbacks.callback.pacingModifier=1,3', 'agents.callback-team.count=11,12'], 2, '1d');
const cells = summarizeSweep(sweep.manifest, sweep.rows);

describe('the fitted table', () => {
  it('wraps headers at spaces, a long word on a line of its own', () => {
    expect(wrapHeader('abandon after answer worst 24 h', 13)).toEqual(['abandon after', 'answer worst', '24 h']);
    expect(wrapHeader('attemptsPerCallback x', 5)).toEqual(['attemptsPerCallback', 'x']);
  });

  it('splits columns that do not fit into blocks, each repeating the first column, every line within the width', () => {
    const header = ['name', ...Array.from({ length: 9 }, (_, i) => `column number ${i}`)];
    const rows = [['first', ...Array.from({ length: 9 }, (_, i) => `${i}`.repeat(12))]];
    const text = plain(renderFittedTable(header, rows, 60));
    const blocks = text.split('\n\n');
    expect(blocks.length).toBe(3);
    for (const block of blocks) expect(block.split('\n').at(-1)).toMatch(/^first /);
    expect(Math.max(...text.split('\n').map(visibleWidth))).toBeLessThanOrEqual(60);
    // Every column appears exactly once.
    for (let i = 0; i < 9; i++) expect(text.split(`${i}`.repeat(12)).length - 1).toBe(1);
  });
});

describe('the sweep table', () => {
  it('fits 120 columns with headers in words, and shows the worst 24 h for all queues', () => {
    const text = plain(sweepTable(cells, null));
    expect(Math.max(...text.split('\n').map(visibleWidth))).toBeLessThanOrEqual(120);
    expect(text).toContain('abandon after');
    expect(text).not.toContain('abandonAfterAnswerRate');
    const worst24h = cells.map((c) => c.kpis.total.abandonAfterAnswerRateMax24h);
    expect(worst24h.every((v) => v.n === 2)).toBe(true);
    expect(text).toMatch(/worst\s/);
  });

  it('leaves out the abandon-after-answer worst 30 days with a note when the runs count fewer than 30 days; the compliance one is the whole run’s', () => {
    expect(cells.every((c) => c.kpis.total.abandonAfterAnswerRateMax30d.n === 0)).toBe(true);
    // The US rule measures a campaign shorter than 30 days over its whole life.
    expect(cells.every((c) => c.kpis.total.complianceAbandonRateMax30d.mean === c.kpis.total.complianceAbandonRate.mean)).toBe(true);
    const text = plain(sweepTable(cells, null));
    expect(text.trim().split('\n').slice(0, -1).join('\n').match(/30 days/g)).toHaveLength(1);
    expect(text.trim().split('\n').at(-1)).toBe('abandon after answer worst 30 days: n/a, the runs count fewer than 30 days (duration minus warm-up)');
  });

  it('--columns picks the KPIs, in order, any scalar queue or agent KPI; unknown and repeated keys are refused', () => {
    const text = plain(sweepTable(cells, 'callbacks', { columns: parseColumns('occupancy, completed,attempts') }));
    const header = text.split('\n').find((l) => l.startsWith('cell'))!;
    expect(header.split(/\s{2,}/)).toEqual(['cell', 'n', 'occupancy', 'completed', 'attempts']);
    expect(text).not.toContain('n/a');
    expect(() => parseColumns('ocupancy')).toThrow(/--columns: no KPI "ocupancy" \(did you mean "occupancy"\?\); allowed offered, /);
    expect(() => parseColumns('occupancy,occupancy')).toThrow('--columns: occupancy is named twice');
    expect(() => parseColumns('occupancy,')).toThrow(/empty name/);
  });

  it('summary.csv has the worst 24 h and 30 days columns, the total filled where there are answers', () => {
    const [header, ...lines] = summaryCsv(sweep.manifest, cells, null).trim().split('\n');
    const names = header.split(',');
    const at24 = names.indexOf('abandonAfterAnswerRateMax24h');
    const at30 = names.indexOf('abandonAfterAnswerRateMax30d');
    expect(at24).toBeGreaterThan(0);
    expect(at30).toBeGreaterThan(at24);
    for (const line of lines) {
      const values = line.split(',');
      expect(Number(values[at24])).toBeGreaterThan(0);
      expect(values[at30]).toBe('');
    }
  });

  it('cbsim sweep --columns shows only those columns; a bad key exits 2 before running', async () => {
    const run = await cli('sweep', quickScenario(), '--set', 'queues.callbacks.callback.pacingModifier=2', '--replications', '1', '--duration', '1d', '--workers', '1', '--columns', 'completed,occupancy');
    expect(run.status).toBe(0);
    const header = run.stdout.split('\n').find((l) => l.startsWith('cell'))!;
    expect(header.split(/\s{2,}/)).toEqual(['cell', 'n', 'completed', 'occupancy']);
    const bad = await cli('sweep', 'no-such-file.yaml', '--set', 'seed=1', '--columns', 'nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--columns: no KPI "nope"');
  });

  it('the HTML report of the sweep shows the worst 24 h of all queues, and no worst 30 days for runs shorter than 30 days', async () => {
    const html = await sweepReport(sweep.manifest, sweep.rows, {});
    expect(html).toContain('worst 24 h');
    expect(html).not.toContain('worst 30 days');
  });
});
