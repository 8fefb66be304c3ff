/**
 * The process line: `cbsim run <file> --no-progress` of the built CLI as a
 * whole process (start-up, scenario loading, simulation, KPI table), for the
 * two workloads whose whole-process time issue 15 sets targets for, on the
 * CLI's default engine.
 */
import { workload } from './workloads.js';
import { fastestCli, requireBuiltCli, withScenarioFiles, type ProcessTiming } from './whole-process.js';

/** Simulated days of both runs: the horizon of the targets. */
export const PROCESS_DAYS = 30;

/** The workloads of the process line, with their whole-process targets in seconds. */
export const PROCESS_RUNS: ReadonlyArray<{ workload: string; targetSeconds: number }> = [
  { workload: 'customer-first-30d', targetSeconds: 0.3 },
  { workload: 'erlang-c', targetSeconds: 0.5 },
];

/** One workload's fastest whole-process run. */
export interface ProcessRun extends ProcessTiming {
  workload: string;
  days: number;
  targetSeconds: number;
  wallSecondsAll: number[];
}

/**
 * Writes each workload as a JSON scenario file over {@link PROCESS_DAYS} days
 * to a temporary directory and times `cbsim run` on it, fastest of `runs`
 * after one warm-up; the directory is removed afterwards.
 */
export function measureProcess(runs: number): ProcessRun[] {
  requireBuiltCli();
  const scenarios = Object.fromEntries(PROCESS_RUNS.map((r) => [r.workload, { ...workload(r.workload).file, duration: `${PROCESS_DAYS}d` }]));
  return withScenarioFiles(scenarios, (_dir, files) =>
    PROCESS_RUNS.map(({ workload: name, targetSeconds }) => ({ workload: name, days: PROCESS_DAYS, targetSeconds, ...fastestCli(['run', files[name], '--no-progress'], runs) })),
  );
}

/** The process line: each workload's wall time, CPU time and peak RSS beside its target. */
export function processLine(runs: readonly ProcessRun[], nameWidth: number): string {
  const parts = runs.map(
    (r) => `${r.workload} ${r.days} d ${r.wallSeconds.toFixed(3)} s (cpu ${r.cpuSeconds.toFixed(2)} s) ${r.peakRssMB.toFixed(0)} MB, target ≤ ${r.targetSeconds} s`,
  );
  return ['process'.padEnd(nameWidth), 'default'.padEnd(8), ...parts].join('   ');
}
