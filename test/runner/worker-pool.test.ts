import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CellScenarios, type SweepJob, type SweepTask } from '../../src/runner/sweep-task.js';
import { runTask } from '../../src/runner/task-run.js';
import { runPool } from '../../src/runner/worker-pool.js';
import type { SweepRow } from '../../src/runner/sweep-plan.js';

const FILE = 'scenarios/customer-first-pacing.yaml';
const job: SweepJob = { text: readFileSync(FILE, 'utf8'), file: FILE, duration: '2h', warmup: '0s', engine: 'compiled' };

function task(cell: number, replication: number, seed: number, set: string[]): SweepTask {
  return { cell, replication, seed, set };
}

describe('the sweep worker pool', () => {
  it('gives each task the row a run of its resolved scenario on this thread gives', async () => {
    const tasks = [
      task(0, 0, 11, ['queues.callbacks.callback.pacingModifier=2']),
      task(0, 1, 12, ['queues.callbacks.callback.pacingModifier=2']),
      task(1, 0, 11, ['queues.callbacks.callback.pacingModifier=6']),
    ];
    const rows: SweepRow[] = [];
    await runPool(job, tasks, 2, (row) => rows.push(row));
    rows.sort((a, b) => a.cell - b.cell || a.replication - b.replication);
    const scenarios = new CellScenarios(job);
    expect(rows).toEqual(tasks.map((t) => runTask(job.engine, t, scenarios.of(t))));
    // The cells differ, and so do the replications of one cell.
    expect(rows[0].kpis).not.toEqual(rows[1].kpis);
    expect(rows[0].kpis).not.toEqual(rows[2].kpis);
  });

  it('rejects with the task and the problem when a cell cannot be resolved', async () => {
    const tasks = [task(0, 0, 11, ['queues.callbacks.callback.pacingModifier=2']), task(1, 0, 11, ['queues.callbacks.callback.pacingModifier=99'])];
    await expect(runPool(job, tasks, 1, () => {})).rejects.toThrow(/^cell 1, replication 0: .*pacingModifier.*99/s);
  });
});
