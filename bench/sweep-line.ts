/**
 * The sweep line (`--sweep`): issue 15's sweep, `cbsim sweep` of the built CLI
 * over the pacing modifier 1..10 × 30 replications on two worker threads, as
 * one whole process. With `--sweep-check` the same sweep runs again on one
 * worker and the two output directories are compared byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SWEEP_FILE } from './workloads.js';
import { requireBuiltCli, runCli, withScenarioFiles, type ProcessTiming } from './whole-process.js';

/** The swept field and its values: 10 cells. */
export const SWEEP_AXIS = 'queues.callbacks.callback.pacingModifier=1..10';
/** Cells of {@link SWEEP_AXIS}. */
const SWEEP_CELLS = 10;
/** Replications per cell when `--sweep-replications` is not given. */
export const SWEEP_REPLICATIONS = 30;
/** Worker threads of the timed sweep. */
export const SWEEP_WORKERS = 2;
/** Targets of issue 15. */
const TARGET = 'target ≤ 30 s on two cores, ≤ 80 MB per worker';

/** The timed sweep, and the comparison with one worker if it was asked for. */
export interface SweepMeasurement extends ProcessTiming {
  replications: number;
  runs: number;
  workers: number;
  runsPerSecond: number;
  /** With `--sweep-check`: the same sweep on one worker, and each output file's comparison. */
  check: { oneWorker: ProcessTiming; files: Array<{ file: string; identical: boolean }> } | null;
}

function sweepArgs(file: string, out: string, replications: number, workers: number): string[] {
  return ['sweep', file, '--set', SWEEP_AXIS, '--replications', String(replications), '--workers', String(workers), '--out', out, '--no-progress'];
}

/** Every file of `a` and `b` (by name), and whether its bytes are the same in both. */
function compareDirs(a: string, b: string): Array<{ file: string; identical: boolean }> {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  const bytes = (dir: string, name: string) => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return null;
    }
  };
  return names.map((file) => {
    const x = bytes(a, file);
    const y = bytes(b, file);
    return { file, identical: x !== null && y !== null && x.equals(y) };
  });
}

/**
 * Runs the sweep once on {@link SWEEP_WORKERS} workers (no warm-up: it takes
 * minutes), and with `check` once more on one worker into a second directory;
 * the scenario file and both output directories live in a temporary directory
 * that is removed afterwards.
 */
export function measureSweep(replications: number, check: boolean): SweepMeasurement {
  requireBuiltCli();
  return withScenarioFiles({ 'customer-first-sweep': SWEEP_FILE }, (dir, files) => {
    const file = files['customer-first-sweep'];
    const two = join(dir, `workers-${SWEEP_WORKERS}`);
    const timing = runCli(sweepArgs(file, two, replications, SWEEP_WORKERS));
    const runs = SWEEP_CELLS * replications;
    let result: SweepMeasurement['check'] = null;
    if (check) {
      const one = join(dir, 'workers-1');
      const oneWorker = runCli(sweepArgs(file, one, replications, 1));
      result = { oneWorker, files: compareDirs(one, two) };
    }
    return { ...timing, replications, runs, workers: SWEEP_WORKERS, runsPerSecond: runs / timing.wallSeconds, check: result };
  });
}

/** The sweep line: wall, runs/s, CPU and the process's peak RSS, then the 1-worker comparison if taken. */
export function sweepLine(s: SweepMeasurement, nameWidth: number): string {
  const parts = [
    'sweep'.padEnd(nameWidth),
    'default'.padEnd(8),
    `pacing 1..${SWEEP_CELLS} × ${s.replications} replications = ${s.runs} runs, ${s.workers} workers`,
    `wall ${s.wallSeconds.toFixed(1)} s`,
    `runs/s ${s.runsPerSecond.toFixed(1)}`,
    `cpu ${s.cpuSeconds.toFixed(1)} s`,
    `peak RSS (process, main + ${s.workers} workers) ${s.peakRssMB.toFixed(0)} MB`,
  ];
  if (s.check === null) parts.push('1 vs 2 workers not checked (--sweep-check)');
  else {
    parts.push(`1 worker: wall ${s.check.oneWorker.wallSeconds.toFixed(1)} s, peak RSS (process, main + 1 worker) ${s.check.oneWorker.peakRssMB.toFixed(0)} MB`);
    parts.push(`1 vs 2 workers: ${s.check.files.map((f) => `${f.file} ${f.identical ? 'identical' : 'DIFFERENT'}`).join(', ')}`);
  }
  parts.push(TARGET);
  return parts.join('   ');
}
