import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/runner/simulate.js';
import { CellScenarios, taskScenario, type SweepJob, type SweepTask } from '../../src/runner/sweep-task.js';

const FILE = 'scenarios/customer-first-pacing.yaml';
const job: SweepJob = { text: readFileSync(FILE, 'utf8'), file: FILE, duration: '1h', warmup: '0s', engine: 'compiled' };

function task(cell: number, replication: number, seed: number, modifier: number): SweepTask {
  return { cell, replication, seed, set: [`queues.callbacks.callback.pacingModifier=${modifier}`] };
}

describe('CellScenarios', () => {
  it('gives every task the scenario a parse of its own overrides gives', () => {
    const scenarios = new CellScenarios(job);
    const tasks = [task(0, 0, 11, 2), task(0, 1, 12, 2), task(1, 0, 11, 7), task(0, 2, 99, 2), task(1, 1, 12, 7)];
    for (const t of tasks) expect(scenarios.of(t)).toEqual(taskScenario(job, t));
  });

  it('parses a cell once: later replications share its parts and differ in the seed', () => {
    const scenarios = new CellScenarios(job);
    const first = scenarios.of(task(0, 0, 11, 2));
    const second = scenarios.of(task(0, 1, 12, 2));
    expect(second.seed).toBe(12);
    expect(first.seed).toBe(11);
    expect(second.queues).toBe(first.queues);
    expect(scenarios.of(task(1, 0, 11, 7)).queues).not.toBe(first.queues);
  });

  it('hands out a scenario that running a replication leaves as it was', () => {
    const scenarios = new CellScenarios(job);
    const first = task(0, 0, 11, 2);
    simulate(scenarios.of(first));
    const next = task(0, 1, 12, 2);
    expect(scenarios.of(next)).toEqual(taskScenario(job, next));
    expect(simulate(scenarios.of(next)).kpis).toEqual(simulate(taskScenario(job, next)).kpis);
  });
});
