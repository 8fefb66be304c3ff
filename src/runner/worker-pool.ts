import { Worker } from 'node:worker_threads';
import { PacingError } from '../pacing/library.js';
import { CellScenarios, type SweepJob, type SweepTask } from './sweep-task.js';
import type { WorkerSetup, WorkerTask } from './sweep-worker.js';
import type { SweepRow } from './sweep-plan.js';

/**
 * The worker's entry: the built worker beside this file (dist/runner/ for the library, dist/bundle/
 * for the bundled command line, whose build puts a bundled sweep-worker.js beside its chunks), or,
 * when running the TypeScript sources, a launcher that loads them through tsx.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('../../bin/sweep-worker.js', import.meta.url) : new URL('./sweep-worker.js', import.meta.url);

/**
 * The young generation of each worker's heap, in MB. A run allocates mostly
 * short-lived objects (events, plans): a young generation of 8 MB collects
 * them as cheaply as V8's larger default while each worker holds less. The
 * sweep line of the bench (pacing 1–10 × 3 replications, 2 workers, one
 * machine) measured 68 MB per added worker at 16 MB, 61 MB at 8 MB at the same
 * speed, and 4 MB slower by a fifth.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Runs sweep tasks on `size` worker threads. This thread resolves each
 * cell's scenario once and hands every task its scenario, so that the
 * workers run simulations only (they load neither the scenario parser nor
 * its schema). Each finished row is handed to
 * `onRow` as soon as it arrives (in completion order); `onProgress` hears how
 * far a running task has got (the share of its horizon, every so many events);
 * the first failure stops the pool and rejects.
 */
export async function runPool(
  job: SweepJob,
  tasks: readonly SweepTask[],
  size: number,
  onRow: (row: SweepRow) => void,
  onProgress?: (task: SweepTask, fraction: number) => void,
): Promise<void> {
  if (tasks.length === 0) return;
  const workers: Worker[] = [];
  const scenarios = new CellScenarios(job);
  const setup: WorkerSetup = { engine: job.engine };
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next >= tasks.length) return;
        const task = tasks[next++];
        try {
          worker.postMessage({ task, scenario: scenarios.of(task) } satisfies WorkerTask);
        } catch (error) {
          reject(taskFailure(task, (error as Error).message, false));
        }
      };
      for (let i = 0; i < Math.min(size, tasks.length); i++) {
        const worker = new Worker(WORKER_ENTRY, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
        workers.push(worker);
        worker.on('message', (message: { row?: SweepRow; error?: string; pacing?: boolean; task?: SweepTask; progress?: number }) => {
          if (message.progress !== undefined) {
            onProgress?.(message.task!, message.progress);
            return;
          }
          if (message.error !== undefined) {
            reject(taskFailure(message.task!, message.error, message.pacing === true));
            return;
          }
          try {
            onRow(message.row!);
          } catch (error) {
            reject(error);
            return;
          }
          done++;
          if (done === tasks.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The error that stops the pool when `task` failed with `message` (a `PacingError` when a pacing policy caused it). */
function taskFailure(task: SweepTask, message: string, pacing: boolean): Error {
  const text = `cell ${task.cell}, replication ${task.replication}: ${message}`;
  return pacing ? new PacingError(text) : new Error(text);
}
