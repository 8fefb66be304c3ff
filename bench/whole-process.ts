/**
 * Whole-process measurements of the built CLI (`node bin/cbsim.js …`): wall
 * time from spawn to exit, and the peak RSS and CPU time the preload
 * max-rss.mjs reports as the process exits. Used by the process and sweep
 * lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs here. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist', import.meta.url));

/** One whole process: wall time, peak RSS and CPU time (every thread). */
export interface ProcessTiming {
  wallSeconds: number;
  peakRssMB: number;
  cpuSeconds: number;
}

/** Throws, with what to do, when the CLI has not been built (no dist/). */
export function requireBuiltCli(): void {
  if (!existsSync(BUILT)) throw new Error('the built CLI is missing (no dist/): run `npm run build`');
}

/** The largest figure a preload line `tag N` gives (a worker thread that loads the preload reports too; the main thread exits last). */
function reported(stderr: string, tag: string): number | null {
  const values = [...stderr.matchAll(new RegExp(`^${tag} (\\d+)$`, 'gm'))].map((m) => Number(m[1]));
  return values.length === 0 ? null : Math.max(...values);
}

/**
 * Runs `node ...args` once as a whole process (with the preload, stdout
 * discarded); `label` names it in errors. Throws with its stderr if it fails.
 */
export function runNode(args: readonly string[], label: string): ProcessTiming {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', PRELOAD, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 1 << 24,
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    if (/is missing; run `npm run build`/.test(child.stderr)) throw new Error(`the built CLI is missing: run \`npm run build\`\n${child.stderr}`);
    throw new Error(`${label}: exited with ${child.status ?? child.signal}\n${child.stderr}`);
  }
  const rssKB = reported(child.stderr, 'cbsim-bench-max-rss');
  const cpuMicros = reported(child.stderr, 'cbsim-bench-cpu');
  if (rssKB === null || cpuMicros === null) throw new Error(`${label}: no peak RSS or CPU time reported by the preload`);
  return { wallSeconds, peakRssMB: rssKB / 1024, cpuSeconds: cpuMicros / 1e6 };
}

/** Runs `node bin/cbsim.js ...args` once (see `runNode`). */
export function runCli(args: readonly string[]): ProcessTiming {
  requireBuiltCli();
  return runNode(['bin/cbsim.js', ...args], `cbsim ${args.join(' ')}`);
}

/** The fastest of `runs` runs of `node ...args`, after one warm-up run. */
export function fastestNode(args: readonly string[], label: string, runs: number): ProcessTiming & { wallSecondsAll: number[] } {
  runNode(args, label);
  const all = Array.from({ length: runs }, () => runNode(args, label));
  const best = all.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
  return { ...best, wallSecondsAll: all.map((t) => t.wallSeconds) };
}

/** The fastest of `runs` runs of `node bin/cbsim.js ...args`, after one warm-up run. */
export function fastestCli(args: readonly string[], runs: number): ProcessTiming & { wallSecondsAll: number[] } {
  requireBuiltCli();
  return fastestNode(['bin/cbsim.js', ...args], `cbsim ${args.join(' ')}`, runs);
}

/**
 * Writes each of `scenarios` (file name → scenario in the file format) as JSON
 * to a fresh temporary directory, runs `fn` with that directory and the files'
 * paths, and removes the directory afterwards.
 */
export function withScenarioFiles<T>(scenarios: Record<string, unknown>, fn: (dir: string, files: Record<string, string>) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cbsim-bench-'));
  try {
    const files: Record<string, string> = {};
    for (const [name, scenario] of Object.entries(scenarios)) {
      files[name] = join(dir, `${name}.json`);
      writeFileSync(files[name], JSON.stringify(scenario, null, 2));
    }
    return fn(dir, files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
