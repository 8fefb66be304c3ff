import { parentPort, workerData } from 'node:worker_threads';
import type { EngineName } from '../contact-center/world.js';
import type { Scenario } from '../model/scenario.js';
import { loadPacingModules, PacingError } from '../pacing/library.js';
import type { SweepTask } from './sweep-task.js';
import { runTask } from './task-run.js';

/** What the pool gives a worker when it starts. */
export interface WorkerSetup {
  engine: EngineName;
}

/** One task as the pool posts it: the task, and its scenario as the main thread resolved it. */
export interface WorkerTask {
  task: SweepTask;
  scenario: Scenario;
}

/**
 * A worker thread of the sweep pool: runs the tasks it is sent, one at a
 * time (loading the pacing modules a task names first), and posts each row
 * back; a failure is posted with whether a pacing policy caused it. It parses
 * no scenario file: the pool sends each task's scenario resolved.
 */
const { engine } = workerData as WorkerSetup;
parentPort!.on('message', async ({ task, scenario }: WorkerTask) => {
  try {
    await loadPacingModules(scenario);
    parentPort!.postMessage({ row: runTask(engine, task, scenario, (fraction) => parentPort!.postMessage({ progress: fraction, task })) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message, pacing: error instanceof PacingError, task });
  }
});
