import { confidenceInterval, type Interval } from '../model/statistics.js';
import { hashString } from '../kernel/random.js';
import type { Scenario } from '../model/scenario.js';
import { simulate, type RunResult, type SimulateOptions } from './simulate.js';

/** A KPI tree with every number replaced by its mean and confidence interval across replications. */
export type Estimated<T> = T extends number | null ? Interval : T extends object ? { [K in keyof T]: Estimated<T[K]> } : T;

/** Seeds of `n` independent replications, derived from the scenario's seed (deterministic). */
export function replicationSeeds(seed: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => hashString(`${seed}/replication/${i + 1}`));
}

/**
 * Combines the KPI trees of several runs: every numeric leaf becomes the mean
 * and 95 % confidence half-width of its values (runs where it is null, e.g. a
 * rate with nothing to divide by, are left out of that leaf).
 */
export function combine<T>(trees: readonly T[], level = 0.95): Estimated<T> {
  const first = trees[0] as unknown;
  if (typeof first === 'number' || first === null) {
    const values = (trees as unknown[]).filter((v): v is number => typeof v === 'number');
    return confidenceInterval(values, level) as Estimated<T>;
  }
  if (Array.isArray(first)) {
    const length = Math.max(...trees.map((t) => (t as unknown[]).length));
    return Array.from({ length }, (_, k) => combine(trees.map((t) => (t as unknown[])[k] ?? 0), level)) as Estimated<T>;
  }
  if (typeof first !== 'object') return first as Estimated<T>;
  const out: Record<string, unknown> = {};
  const keys = new Set<string>();
  for (const tree of trees) for (const key of Object.keys(tree as object)) keys.add(key);
  for (const key of keys) {
    const branch = trees.map((t) => (t as Record<string, unknown>)[key]).filter((v) => v !== undefined);
    out[key] = combine(branch, level);
  }
  return out as Estimated<T>;
}

/** The result of replicated runs of one scenario. */
export interface ReplicatedResult {
  format: number;
  scenario: RunResult['scenario'];
  engine: RunResult['engine'];
  replications: number;
  seeds: number[];
  /** Every KPI as `{ mean, halfWidth, n }` (95 % confidence). */
  kpis: Estimated<RunResult['kpis']>;
}

/** Options of `replicate`. */
export type ReplicateOptions = Omit<SimulateOptions, 'intervals'> & {
  onReplication?: (done: number, total: number) => void;
  /** Receives each replication's day profile (asks the runs for `profile: true`). */
  onProfile?: (profile: NonNullable<RunResult['profile']>, replication: number) => void;
};

/** Runs `n` independent replications of a scenario and estimates every KPI with a 95 % confidence interval. */
export function replicate(scenario: Scenario, n: number, options: ReplicateOptions = {}): ReplicatedResult {
  const seeds = replicationSeeds(scenario.seed, n);
  const results = seeds.map((seed, i) => {
    const result = simulate({ ...scenario, seed }, { ...options, intervals: false, profile: options.onProfile !== undefined });
    if (result.profile) options.onProfile?.(result.profile, i);
    options.onReplication?.(i + 1, n);
    return result;
  });
  return summarize(scenario, seeds, results);
}

/** Combines finished replications (in seed order) into a replicated result. */
export function summarize(scenario: Scenario, seeds: number[], results: readonly RunResult[]): ReplicatedResult {
  return {
    format: results[0].format,
    scenario: { ...results[0].scenario, seed: scenario.seed },
    engine: results[0].engine,
    replications: results.length,
    seeds,
    kpis: combine(results.map((r) => r.kpis)),
  };
}
