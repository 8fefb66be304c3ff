import type { EngineName } from '../contact-center/world.js';
import { loadPacingModules } from '../pacing/library.js';
import { parseScenario } from '../scenario/index.js';
import { planSweep, summarizeSweep, sweepTasks, type CellSummary } from '../runner/sweep.js';
import { axesProblem, DEFAULT_MAX_RUNS, gridTooLarge, parseAxis, type SweepAxis, type SweepManifest, type SweepRow } from '../runner/sweep-plan.js';
import { CellScenarios, type SweepJob } from '../runner/sweep-task.js';
import { runTask } from '../runner/task-run.js';
import { VERSION } from '../runner/version.js';
import { runPool } from '../runner/worker-pool.js';

/** What `sweep` runs: a scenario's text, its grid and its replications. */
export interface SweepSpec {
  /** The scenario, as YAML or JSON text. */
  text: string;
  /** What issues call the scenario, and where its pacing modules are found from (default `<text>`). */
  name?: string;
  /** The axes, as `--set` writes them: `queues.q.callback.pacingModifier=1..10`, `agents.a.count=10,12`. */
  set: readonly string[];
  /** Replications per cell (each cell runs the same seeds). */
  replications: number;
  /** Worker threads; 1 runs in this thread (default 1). The rows are the same either way. */
  workers?: number;
  engine?: EngineName;
  /** Overrides of the scenario's horizon and warm-up, as durations (`7d`). */
  duration?: string;
  warmup?: string;
  /** Most runs (cells × replications) accepted (default 100,000). */
  maxRuns?: number;
}

/** A finished sweep: its manifest, every row (in task order) and each cell's KPIs with 95 % intervals. */
export interface SweepResult {
  manifest: SweepManifest;
  rows: SweepRow[];
  cells: CellSummary[];
}

/**
 * Runs a grid of settings × replications of one scenario with common random
 * numbers across cells, as `cbsim sweep` does without a directory. Bad axes,
 * a grid over `maxRuns` or a bad scenario throw with the CLI's message
 * (the grid's message names the CLI's option, `--max-runs`, for `maxRuns`).
 */
export async function sweep(spec: SweepSpec): Promise<SweepResult> {
  const name = spec.name ?? '<text>';
  const axes: SweepAxis[] = spec.set.map((set) => {
    const axis = parseAxis(set);
    if ('error' in axis) throw new Error(`set: ${axis.error}`);
    return axis;
  });
  const problem = axesProblem(axes);
  if (problem !== null) throw new Error(`set: ${problem}`);
  const tooLarge = gridTooLarge(axes, spec.replications, spec.maxRuns ?? DEFAULT_MAX_RUNS);
  if (tooLarge !== null) throw new Error(`set: ${tooLarge}`);
  const overrides = { ...(spec.duration !== undefined && { duration: spec.duration }), ...(spec.warmup !== undefined && { warmup: spec.warmup }) };
  const base = parseScenario(spec.text, name, overrides).scenario;
  const engine = spec.engine ?? 'compiled';
  const manifest = planSweep({ file: name, scenario: base, version: VERSION, axes, replications: spec.replications, engine, duration: spec.duration ?? null, warmup: spec.warmup ?? null });
  const job: SweepJob = { text: spec.text, file: name, duration: spec.duration ?? null, warmup: spec.warmup ?? null, engine };
  const tasks = sweepTasks(manifest);
  const rows: SweepRow[] = [];
  if ((spec.workers ?? 1) <= 1) {
    const scenarios = new CellScenarios(job);
    for (const task of tasks) {
      const scenario = scenarios.of(task);
      await loadPacingModules(scenario);
      rows.push(runTask(engine, task, scenario));
    }
  } else {
    await runPool(job, tasks, spec.workers!, (row) => rows.push(row));
    const order = new Map(tasks.map((t, i) => [`${t.cell}/${t.replication}`, i]));
    rows.sort((a, b) => order.get(`${a.cell}/${a.replication}`)! - order.get(`${b.cell}/${b.replication}`)!);
  }
  return { manifest, rows, cells: summarizeSweep(manifest, rows) };
}
