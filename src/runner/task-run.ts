import type { EngineName } from '../contact-center/world.js';
import type { Scenario } from '../model/scenario.js';
import { simulate } from './simulate.js';
import type { SweepRow } from './sweep-plan.js';
import type { SweepTask } from './sweep-task.js';

/**
 * Runs one task of a sweep on `engine`: `scenario` is the task's, already
 * resolved (the cell's overrides and the replication's seed applied) and its
 * pacing modules loaded; `onProgress` hears the share of its horizon
 * simulated, every so many events. Nothing here parses a scenario file, so
 * that a sweep's worker threads load the simulator alone.
 */
export function runTask(engine: EngineName, task: SweepTask, scenario: Scenario, onProgress?: (fraction: number) => void): SweepRow {
  const result = simulate(scenario, { engine, intervals: false, profile: true, ...(onProgress && { onProgress: (t: number, horizon: number) => onProgress(t / horizon) }) });
  return { cell: task.cell, replication: task.replication, seed: task.seed, set: task.set, kpis: result.kpis, profile: result.profile! };
}
