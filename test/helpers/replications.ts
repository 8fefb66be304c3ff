import type { QueueKpis } from '../../src/metrics/kpis.js';
import type { Scenario } from '../../src/model/scenario.js';
import { simulate, type RunResult } from '../../src/runner/simulate.js';

/** Mean and standard error of a sample. */
export interface Estimate {
  mean: number;
  standardError: number;
  n: number;
}

/** Mean and standard error (sample standard deviation / √n). */
export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, standardError: Math.sqrt(variance / n), n };
}

/** Runs `replications` independent runs of a scenario (seeds 1…n) and returns their results. */
export function replicate(base: Scenario, replications: number): RunResult[] {
  const results: RunResult[] = [];
  for (let seed = 1; seed <= replications; seed++) results.push(simulate({ ...base, seed }, { intervals: false }));
  return results;
}

/** Estimates one KPI of the single queue `queue` over replications. */
export function kpiEstimate(results: readonly RunResult[], queue: string, kpi: (k: QueueKpis) => number | null): Estimate {
  return estimate(results.map((r) => kpi(r.kpis.queues[queue]) ?? NaN));
}
