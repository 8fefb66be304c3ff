import type { ScenarioOverrides } from '../scenario/index.js';
import { parseScenario } from '../scenario/index.js';
import type { EngineName } from '../contact-center/world.js';
import type { Scenario } from '../model/scenario.js';

/** One replication of one cell of a sweep. */
export interface SweepTask {
  cell: number;
  replication: number;
  seed: number;
  set: string[];
}

/** What a sweep's tasks are made from: the scenario text, the overrides common to every task, and the engine that runs them. */
export interface SweepJob {
  text: string;
  file: string;
  duration: string | null;
  /** The warm-up override, if any. */
  warmup?: string | null;
  engine: EngineName;
}

/** The scenario of one task: the job's, with the cell's overrides and the replication's seed. */
export function taskScenario(job: SweepJob, task: SweepTask): Scenario {
  const overrides: ScenarioOverrides = { seed: String(task.seed), set: task.set, ...(job.duration !== null && { duration: job.duration }), ...(job.warmup != null && { warmup: job.warmup }) };
  return parseScenario(job.text, job.file, overrides).scenario;
}

/**
 * The scenarios of a job's cells, each parsed once: the tasks of one cell
 * differ only in their seed, which the resolved scenario carries as it is
 * given. A sweep keeps one of these on its main thread, so that a
 * replication costs its simulation and not a parse of the scenario file,
 * and its workers are handed resolved scenarios.
 */
export class CellScenarios {
  private readonly byCell = new Map<string, Scenario>();

  constructor(private readonly job: SweepJob) {}

  /** The scenario of `task`: its cell's, with the replication's seed. */
  of(task: SweepTask): Scenario {
    const key = JSON.stringify(task.set);
    let cell = this.byCell.get(key);
    if (cell === undefined) {
      cell = taskScenario(this.job, task);
      this.byCell.set(key, cell);
      return cell;
    }
    return { ...cell, seed: task.seed };
  }
}
