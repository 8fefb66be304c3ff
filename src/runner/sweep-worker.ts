import { parentPort, workerData } from 'node:worker_threads';
import { loadPacingModules, PacingError } from '../pacing/library.js';
import { CellScenarios, runTask, type SweepJob, type SweepTask } from './sweep-task.js';

/**
 * A worker thread of the sweep pool: runs the tasks it is sent, one at a
 * time (loading the pacing modules a task names first), and posts each row
 * back; a failure is posted with whether a pacing policy caused it.
 */
const job = workerData as SweepJob;
const scenarios = new CellScenarios(job);
parentPort!.on('message', async (task: SweepTask) => {
  try {
    const scenario = scenarios.of(task);
    await loadPacingModules(scenario);
    parentPort!.postMessage({ row: runTask(job, task, (fraction) => parentPort!.postMessage({ progress: fraction, task }), scenario) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message, pacing: error instanceof PacingError, task });
  }
});
