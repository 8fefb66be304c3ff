import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

/**
 * Real processes against one sweep directory: a second writer while the
 * first holds the lock, and a sweep killed (SIGKILL) at seeded moments and
 * resumed, which must leave the very bytes of a sweep that was never interrupted.
 */

const work = mkdtempSync(join(tmpdir(), 'cbsim-sweep-kill-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const scenario = join(work, 'small.yaml');
writeFileSync(
  scenario,
  readFileSync(join(ROOT, 'scenarios/customer-first-pacing.yaml'), 'utf8').replace(/^warmup: 1d$/m, 'warmup: 1h').replace('perHour: 200', 'perHour: 60').replace('count: 12', 'count: 4'),
);
const GRID = ['--set', 'queues.callbacks.callback.pacingModifier=1,2,3', '--replications', '3', '--duration', '6h'];
const TASKS = 9;
const FILES = ['rows.jsonl', 'summary.csv', 'sweep.json'];

/** mulberry32: a small seeded generator, so the kill moments are the same on every run of the test. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rowCount = (dir: string) => (existsSync(join(dir, 'rows.jsonl')) ? readFileSync(join(dir, 'rows.jsonl'), 'utf8').split('\n').length - 1 : 0);
const lockOwner = (dir: string): number | null => {
  try {
    return JSON.parse(readFileSync(join(dir, 'sweep.lock'), 'utf8')).pid;
  } catch {
    return null;
  }
};

/** Starts `cbsim sweep … --out dir` as a child process (over `grid`); resolves its exit and collects its stderr. */
function startSweep(dir: string, workers: number, grid: readonly string[] = GRID) {
  const child = spawn(process.execPath, ['bin/cbsim.js', 'sweep', scenario, ...grid, '--out', dir, '--workers', String(workers)], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exit };
}

/** Waits until `ready()` holds, or the process has exited; true if `ready()` held. */
async function until(ready: () => boolean, exited: Promise<unknown>): Promise<boolean> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    if (ready()) return true;
    await sleep(10);
  }
  return ready();
}

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('cbsim sweep with real processes', () => {
  const reference = join(work, 'reference');

  it('refuses a second writer while a running sweep holds the lock; the first finishes unharmed', async () => {
    // Runs of 3 days, so that the first sweep is still running when the second tries to write.
    const grid = GRID.map((a) => (a === '6h' ? '3d' : a));
    const dir = join(work, 'locked');
    // Load the sweep command in this process first, so that the second writer is quick to reach the lock.
    expect((await cli('sweep', '--help')).status).toBe(0);
    const first = startSweep(dir, 1, grid);
    const locked = await until(() => lockOwner(dir) === first.child.pid, first.exit);
    expect(locked).toBe(true);
    const second = await cli('sweep', scenario, ...grid, '--out', dir, '--workers', '1');
    const stillRunning = first.child.exitCode === null;
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`${dir} is being written by another cbsim (pid ${first.child.pid} on host`);
    expect(stillRunning).toBe(true);
    const { code } = await first.exit;
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(FILES);
    const keys = readFileSync(join(dir, 'rows.jsonl'), 'utf8').trim().split('\n').map((l) => `${JSON.parse(l).cell}/${JSON.parse(l).replication}`);
    expect(keys).toHaveLength(TASKS);
    expect(new Set(keys).size).toBe(TASKS);
    // The sweep the kill test compares against: the same grid, never interrupted.
    expect((await startSweep(reference, 1).exit).code).toBe(0);
  }, 120_000);

  it('killed at seeded moments and resumed, leaves exactly the files of the uninterrupted sweep', async () => {
    const dir = join(work, 'killed');
    const random = seeded(20261203);
    let killedMidway = 0;
    let lastKillLeftLock = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = rowCount(dir);
      // Kill once the child holds the lock and has written a seeded number of further rows, after a seeded delay.
      const rows = before + Math.floor(random() * (TASKS - before));
      const delay = Math.floor(random() * 120);
      const run = startSweep(dir, 2);
      await until(() => lockOwner(dir) === run.child.pid && rowCount(dir) >= rows, run.exit);
      await sleep(delay);
      run.child.kill('SIGKILL');
      const { code, signal } = await run.exit;
      // A resumed child never refuses the directory (a stale lock, a partial line) nor fails.
      expect(code === 2 || code === 1).toBe(false);
      lastKillLeftLock = signal === 'SIGKILL' && existsSync(join(dir, 'sweep.lock'));
      if (signal === 'SIGKILL' && rowCount(dir) < TASKS) killedMidway++;
      if (code === 0) break;
    }
    expect(killedMidway).toBeGreaterThan(0);
    const resumed = await cli('sweep', scenario, ...GRID, '--out', dir, '--workers', '1');
    expect(resumed.status).toBe(0);
    if (lastKillLeftLock) expect(resumed.stderr).toMatch(/was locked by pid \d+ on .*, which is no longer running/);
    expect(snapshot(dir)).toEqual(snapshot(reference));
  }, 90_000);
});
