import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRunReport } from '../../src/cli/report-command.js';
import { cbsimProcess, cli } from '../helpers/cli.js';
import { figureOf, makeSweep, quickScenario, removeFixtureFiles, runScenario, selfContainedProblems, writeSweepDir } from './fixtures.js';

const sweep = makeSweep(quickScenario(), ['queues.callbacks.callback.pacingModifier=1,3,5'], 2, '1d');
const scratch = mkdtempSync(join(tmpdir(), 'cbsim-report-'));
let dirs = 0;
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  removeFixtureFiles();
});

/** A new sweep directory holding the fixture's rows. */
function sweepDir(rows = sweep.rows, manifest = sweep.manifest): string {
  const dir = join(scratch, `sweep-${++dirs}`);
  writeSweepDir(dir, { manifest, rows }, rows);
  return dir;
}

describe('cbsim report DIR', () => {
  it('writes DIR/report.html, prints its path, and overwrites it when run again', async () => {
    const dir = sweepDir();
    const run = await cli('report', dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const path = join(dir, 'report.html');
    expect(run.stdout).toBe(`${path}\n`);
    const html = readFileSync(path, 'utf8');
    expect(selfContainedProblems(html)).toEqual([]);
    expect(html).toContain('3 cells × 2 replications');
    expect(html).toContain('<dt>queue callbacks</dt>'); // the scenario file was read for its settings
    expect(html).toContain('<dt>agents callback-team</dt>');
    writeFileSync(path, 'stale');
    expect((await cli('report', dir)).status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(html);
  });

  it('writes --out FILE, refuses to overwrite it (exit 2) unless --force', async () => {
    const dir = sweepDir();
    const out = join(scratch, `out-${dirs}.html`);
    const first = await cli('report', dir, '--out', out);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`${out}\n`);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    const html = readFileSync(out, 'utf8');
    writeFileSync(out, 'mine');
    const refused = await cli('report', dir, '--out', out);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`--out: ${out} exists; use --force to overwrite it`);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await cli('report', dir, '--out', out, '--force')).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(html);
  });

  it('refuses --out naming a directory', async () => {
    const dir = sweepDir();
    const run = await cli('report', dir, '--out', scratch, '--force');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is a directory');
  });

  it('exits 2 on a missing directory, a directory that is not a sweep, and a sweep without rows', async () => {
    const missing = await cli('report', join(scratch, 'no-such-dir'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such directory');
    const plain = join(scratch, 'plain');
    mkdirSync(plain, { recursive: true });
    const notSweep = await cli('report', plain);
    expect(notSweep.status).toBe(2);
    expect(notSweep.stderr).toContain('not a sweep directory (no sweep.json)');
    const empty = await cli('report', sweepDir([]));
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('no finished rows');
  });

  it('leaves out a partial last line (a sweep still running or killed) and says so', async () => {
    const whole = sweepDir();
    const partial = sweepDir();
    appendFileSync(join(partial, 'rows.jsonl'), JSON.stringify(sweep.rows[0]).slice(0, 100));
    const run = await cli('report', partial);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('partial last line');
    await cli('report', whole);
    expect(readFileSync(join(partial, 'report.html'), 'utf8')).toBe(readFileSync(join(whole, 'report.html'), 'utf8'));
  });

  it('draws the cells chosen with --cell (by label or index); an unknown cell or queue exits 2', async () => {
    const dir = sweepDir();
    expect((await cli('report', dir, '--cell', 'pacingModifier=3', '--cell', '2', '--queue', 'callbacks')).status).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect([...html.matchAll(/<figure id="(chart-day-\d+)"/g)].map((m) => m[1])).toEqual(['chart-day-1', 'chart-day-2']);
    const badCell = await cli('report', dir, '--cell', 'pacingModifier=4');
    expect(badCell.status).toBe(2);
    expect(badCell.stderr).toContain('--cell: no cell "pacingModifier=4"');
    const badQueue = await cli('report', dir, '--queue', 'nope');
    expect(badQueue.status).toBe(2);
    expect(badQueue.stderr).toContain('--queue: no queue "nope"');
  });

  it('still reports when the scenario file cannot be read, with a note', async () => {
    const dir = sweepDir(sweep.rows, { ...sweep.manifest, file: 'scenarios/moved-away.yaml' });
    const run = await cli('report', dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('cannot read the scenario file scenarios/moved-away.yaml');
    expect(figureOf(readFileSync(join(dir, 'report.html'), 'utf8'), 'chart-abandon')).toContain('<svg');
  });

  it('works as a real process (bin/cbsim.js), the same bytes as in process', async () => {
    const dir = sweepDir();
    const out = join(scratch, 'process.html');
    const run = cbsimProcess('report', dir, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(out);
    await cli('report', dir);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'report.html'), 'utf8'));
  });
});

describe('writeRunReport', () => {
  it('writes the report of one run to a file', async () => {
    const { result, scenario } = runScenario('scenarios/customer-first-pacing.yaml', { duration: '1d', set: ['warmup=4h'] });
    const path = join(scratch, 'run.html');
    await writeRunReport(result, scenario, path);
    const html = readFileSync(path, 'utf8');
    expect(selfContainedProblems(html)).toEqual([]);
    expect([...html.matchAll(/<figure id="([^"]+)"/g)].map((m) => m[1])).toEqual(['chart-compliance', 'chart-day', 'chart-attempts', 'chart-intervals']);
  });
});

describe('--report on run and sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cbsim-report-flags-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('cbsim run --report writes a self-contained report with charts, and keeps an existing file', async () => {
    const path = join(dir, 'run.html');
    const first = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--report', path);
    expect(first.status).toBe(0);
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    const again = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--report', path);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists; use --force');
    expect(readFileSync(path, 'utf8')).toBe(html);
  });

  it('cbsim run --replications --report draws the day profile of the replications', async () => {
    const path = join(dir, 'replicated.html');
    const run = await cli('run', 'scenarios/customer-first-pacing.yaml', '--duration', '2d', '--replications', '2', '--report', path);
    expect(run.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('2 replications');
  });

  it('cbsim sweep --report writes the sweep report without a sweep directory', async () => {
    const path = join(dir, 'sweep.html');
    const run = await cli('sweep', 'scenarios/customer-first-pacing.yaml', '--set', 'queues.callbacks.callback.pacingModifier=1,5', '--replications', '2', '--duration', '2d', '--workers', '1', '--report', path);
    expect(run.status).toBe(0);
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('pacingModifier');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });
});
