import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cbsimProcess, cli, ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'cbsim-sweep-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SCENARIO = 'scenarios/customer-first-pacing.yaml';
const GRID = ['--set', 'queues.callbacks.callback.pacingModifier=1..4', '--replications', '3', '--duration', '2d'];
const TASKS = 12;

function rowsOf(dir: string): Array<{ cell: number; replication: number }> {
  return readFileSync(join(dir, 'rows.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

function sortedLines(dir: string): string[] {
  return readFileSync(join(dir, 'rows.jsonl'), 'utf8').split('\n').filter((l) => l !== '').sort();
}

async function waitForRows(file: string, atLeast: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (existsSync(file) && readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').length >= atLeast) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} never reached ${atLeast} rows`);
}

describe('cbsim sweep', () => {
  const complete = join(work, 'complete');

  it('runs every cell × replication and writes rows, a summary and the manifest', () => {
    const run = cbsimProcess('sweep', SCENARIO, ...GRID, '--out', complete, '--workers', '2');
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const rows = rowsOf(complete);
    expect(rows).toHaveLength(TASKS);
    expect(new Set(rows.map((r) => `${r.cell}/${r.replication}`)).size).toBe(TASKS);
    const summary = readFileSync(join(complete, 'summary.csv'), 'utf8').trim().split('\n');
    expect(summary[0]).toMatch(/^cell,queues\.callbacks\.callback\.pacingModifier,replications,/);
    expect(summary).toHaveLength(5);
    expect(run.stdout).toContain('pacingModifier=4');
  });

  it('resumes after the process is killed mid-sweep: finished rows kept, none duplicated, none lost', async () => {
    const dir = join(work, 'killed');
    const child = spawn(process.execPath, ['bin/cbsim.js', 'sweep', SCENARIO, ...GRID, '--out', dir, '--workers', '1'], { cwd: ROOT, stdio: 'ignore' });
    await waitForRows(join(dir, 'rows.jsonl'), 3);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const before = rowsOf(dir).length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(TASKS);
    // A kill in the middle of a write leaves a partial line; it must be cut off and redone.
    appendFileSync(join(dir, 'rows.jsonl'), '{"cell":3,"replication":2,"seed":12');
    const resumed = cbsimProcess('sweep', SCENARIO, ...GRID, '--out', dir, '--workers', '1');
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toContain(`${before} row(s) kept`);
    expect(resumed.stderr).toContain('partial last line');
    const rows = rowsOf(dir);
    expect(rows).toHaveLength(TASKS);
    expect(new Set(rows.map((r) => `${r.cell}/${r.replication}`)).size).toBe(TASKS);
    // The same rows, byte for byte, as the sweep that was never interrupted.
    expect(sortedLines(dir)).toEqual(sortedLines(complete));
  }, 120_000);

  it('shards split the tasks and merge joins them into the same rows', () => {
    const parts = [1, 2, 3].map((i) => join(work, `shard${i}`));
    parts.forEach((dir, i) => {
      const run = cbsimProcess('sweep', SCENARIO, ...GRID, '--out', dir, '--shard', `${i + 1}/3`, '--workers', '1');
      expect(run.status).toBe(0);
      expect(rowsOf(dir)).toHaveLength(TASKS / 3);
    });
    const merged = join(work, 'merged');
    const run = cbsimProcess('merge', ...parts, '--out', merged);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${TASKS} of ${TASKS} rows`);
    expect(sortedLines(merged)).toEqual(sortedLines(complete));
    expect(readFileSync(join(merged, 'summary.csv'), 'utf8')).toBe(readFileSync(join(complete, 'summary.csv'), 'utf8'));
  }, 120_000);

  it('refuses to write into a directory that holds something else', async () => {
    const dir = join(work, 'occupied');
    rmSync(dir, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const run = await cli('sweep', SCENARIO, ...GRID, '--out', dir, '--workers', '1');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not empty and is not a sweep directory');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses to resume a different sweep in the same directory', async () => {
    const run = await cli('sweep', SCENARIO, '--set', 'queues.callbacks.callback.pacingModifier=1..2', '--replications', '3', '--duration', '2d', '--out', complete, '--workers', '1');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('holds a different sweep');
  });

  it('names the cell whose value is out of range before running anything', async () => {
    const run = await cli('sweep', SCENARIO, '--set', 'queues.callbacks.callback.pacingModifier=9..11', '--replications', '2', '--duration', '2d');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cell pacingModifier=11');
    expect(run.stderr).toContain('allowed 1 to 10');
  });
});

describe('cbsim tune', () => {
  it('picks the setting with the best objective whose abandon rate stays under the ceiling with confidence', async () => {
    const run = await cli('tune', SCENARIO, '--queue', 'callbacks', '--max-abandon', '12%', '--modifiers', '1..4', '--replications', '3', '--duration', '2d', '--workers', '2', '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.candidates).toHaveLength(4);
    for (const c of result.candidates) expect(c.feasible).toBe(c.abandonUpper !== null && c.abandonUpper <= 0.12);
    const feasible = result.candidates.filter((c: { feasible: boolean }) => c.feasible);
    expect(feasible.length).toBeGreaterThan(0);
    expect(feasible.length).toBeLessThan(4);
    const bestOccupancy = Math.max(...feasible.map((c: { objective: { mean: number } }) => c.objective.mean));
    expect(result.best.objective.mean).toBe(bestOccupancy);
    // More pacing, more occupancy: the best feasible setting is the highest feasible modifier.
    expect(result.best.label).toBe(feasible.at(-1).label);
  }, 120_000);

  it('holds the compliance abandon rate under the ceiling by default, which is stricter than the true abandon rate (--measure true)', async () => {
    const args = ['tune', SCENARIO, '--queue', 'callbacks', '--max-abandon', '12%', '--modifiers', '1..4', '--replications', '3', '--duration', '2d', '--workers', '1', '--json'];
    const compliance = JSON.parse((await cli(...args)).stdout);
    const trueMeasure = JSON.parse((await cli(...args, '--measure', 'true')).stdout);
    expect(compliance.goal.measure).toBe('compliance');
    expect(trueMeasure.goal.measure).toBe('true');
    // By default the US measure (the worst 30-day period, here the whole 2-day run); the true rate has none on so short a run: the whole run.
    expect(compliance.goal.window).toBe('30d');
    expect(trueMeasure.goal.window).toBe('run');
    compliance.candidates.forEach((c: { label: string; abandon: { mean: number } }, i: number) => {
      expect(c.label).toBe(trueMeasure.candidates[i].label);
      expect(c.abandon.mean).toBeGreaterThanOrEqual(trueMeasure.candidates[i].abandon.mean);
    });
    const feasible = (r: { candidates: Array<{ feasible: boolean }> }) => r.candidates.filter((c) => c.feasible).length;
    expect(feasible(compliance)).toBeLessThanOrEqual(feasible(trueMeasure));
  }, 120_000);

  it('refuses an Agent First queue', async () => {
    const run = await cli('tune', 'scenarios/support-agent-first.yaml', '--queue', 'support');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('pacing applies to Customer First queues only');
  });
});
