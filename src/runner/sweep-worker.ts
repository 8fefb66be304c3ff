import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type SweepJob, type SweepTask } from './sweep-task.js';

/** A worker thread of the sweep pool: runs the tasks it is sent, one at a time, and posts each row back. */
const job = workerData as SweepJob;
parentPort!.on('message', (task: SweepTask) => {
  try {
    parentPort!.postMessage({ row: runTask(job, task, (fraction) => parentPort!.postMessage({ progress: fraction, task })) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message, task });
  }
});
