import type { RunResult } from './simulate.js';

/** One field a sweep varies, and its values as written (`4`, `CustomerFirst`, `30m`). */
export interface SweepAxis {
  path: string;
  values: string[];
}

/** One combination of axis values: the `--set` overrides that make it. */
export interface SweepCell {
  index: number;
  /** `pacingModifier=3 count=25` (last path segment of each axis). */
  label: string;
  /** `queues.support.callback.pacingModifier=3`, … — one per axis. */
  set: string[];
}

/** `sweep.json`: what a sweep directory holds. */
export interface SweepManifest {
  format: 1;
  /** The scenario file as given on the command line. */
  file: string;
  scenario: string;
  /** Content hash of the resolved scenario (after `--seed` and `--duration`, before the cells' `--set`): the work, whatever the file is called. */
  scenarioHash: string;
  /** The cbsim version that made the sweep. */
  version: string;
  seed: number;
  axes: SweepAxis[];
  cells: SweepCell[];
  replications: number;
  /** Seed of each replication (the same in every cell: common random numbers). */
  seeds: number[];
  engine: string;
  /** The horizon override, if any. */
  duration: string | null;
  /** The warm-up override (`--warmup`), present only when one was given. */
  warmup?: string;
  /** The cells are listed, not the combinations of the axes (a scorecard's situation: one cell per policy setting, each setting every Customer First queue). */
  cellsListed?: true;
}

/** One line of `rows.jsonl`: one replication of one cell. */
export interface SweepRow {
  cell: number;
  replication: number;
  seed: number;
  set: string[];
  kpis: RunResult['kpis'];
  /** The run's intervals folded onto one local day. */
  profile: NonNullable<RunResult['profile']>;
}

/** Parses `path=a,b,c` or `path=1..10` (integer steps) or `path=1..10:0.5` (explicit step). */
export function parseAxis(text: string): SweepAxis | { error: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) return { error: `"${text}" is not path=value[,value…] or path=from..to[:step]` };
  const path = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(spec);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] === undefined ? 1 : Number(range[3]);
    if (step <= 0 || to < from) return { error: `"${spec}" is not an increasing range with a positive step` };
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > 1000) return { error: `"${spec}" has ${count} values; at most 1000` };
    const decimals = Math.max(...[range[1], range[3] ?? '1'].map((x) => (x.split('.')[1] ?? '').length));
    return { path, values: Array.from({ length: count }, (_, i) => (from + i * step).toFixed(decimals).replace(/\.0+$/, '')) };
  }
  const values = spec.split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) return { error: `"${text}" has an empty value` };
  return { path, values };
}

/** The default of `--max-runs`: the most runs (cells × replications) a sweep may plan. */
export const DEFAULT_MAX_RUNS = 100_000;

/** How many runs a grid of `axes` × `replications` is, from the axes' lengths alone (the grid itself is not built). */
export function gridRuns(axes: readonly SweepAxis[], replications: number): number {
  return axes.reduce((product, axis) => product * axis.values.length, replications);
}

/**
 * Why a set of axes cannot be swept, or null: the seed is not an axis (a
 * replication uses the same seed in every cell), and no field is given twice
 * or inside another swept field (cells would be labelled with values that did not run).
 */
export function axesProblem(axes: readonly SweepAxis[]): string | null {
  for (const axis of axes) {
    if (axis.path === 'seed') {
      return 'seed cannot be an axis: replication k runs with the same seed in every cell (common random numbers); use --replications N for more seeds, or --seed to change the base seed';
    }
    const twice = axis.values.find((v, i) => axis.values.indexOf(v) !== i);
    if (twice !== undefined) return `${axis.path}: the value ${twice} is listed twice; list each value once`;
  }
  for (let i = 0; i < axes.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [axes[j].path, axes[i].path];
      if (a === b) return `${a} is given twice; give all its values in one --set, e.g. --set ${a}=${[...axes[j].values, ...axes[i].values].join(',')}`;
      const [outer, inner] = a.length < b.length ? [a, b] : [b, a];
      if (inner.startsWith(`${outer}.`)) return `${inner} is inside ${outer}, which is also swept; sweep one or the other`;
    }
  }
  return null;
}

/** Every combination of the axes' values, the first axis varying slowest. */
export function sweepCells(axes: readonly SweepAxis[]): SweepCell[] {
  let cells: Array<{ label: string; set: string[] }> = [{ label: '', set: [] }];
  for (const axis of axes) {
    const name = axis.path.split('.').slice(-1)[0];
    cells = cells.flatMap((c) =>
      axis.values.map((value) => ({ label: c.label ? `${c.label} ${name}=${value}` : `${name}=${value}`, set: [...c.set, `${axis.path}=${value}`] })),
    );
  }
  return cells.map((c, index) => ({ index, ...c }));
}

/** Why a grid of `axes` × `replications` is refused for having more than `maxRuns` runs (counted from the axes' lengths, the grid never built), or null. */
export function gridTooLarge(axes: readonly SweepAxis[], replications: number, maxRuns: number): string | null {
  const runs = gridRuns(axes, replications);
  if (runs <= maxRuns) return null;
  const cells = axes.map((a) => a.values.length).join(' × ');
  return `the grid is ${cells} cells × ${replications} replications = ${runs.toLocaleString('en-US')} runs; at most ${maxRuns.toLocaleString('en-US')} (--max-runs). Narrow the grid or lower --replications, or raise the limit with --max-runs ${Number.isSafeInteger(runs) ? runs : 'N'}`;
}
