import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import chalk from 'chalk';
import { Command, Option } from 'commander';
import { ENGINES, type EngineName } from '../contact-center/world.js';
import { parseScenario, ScenarioError } from '../scenario/index.js';
import { summarizeSweep, summaryCsv, SUMMARY_COLUMNS, sweepTasks, planSweep, type CellSummary, type Shard, type SummaryColumn } from '../runner/sweep.js';
import { axesProblem, DEFAULT_MAX_RUNS, gridTooLarge, parseAxis, type SweepAxis, type SweepManifest, type SweepRow } from '../runner/sweep-plan.js';
import { writeFileAtomic } from '../runner/atomic-file.js';
import { contentHash } from '../runner/content-hash.js';
import type { Scenario } from '../model/scenario.js';
import { SWEEP_FILES, SweepStore, SweepStoreError } from '../runner/sweep-store.js';
import type { SweepJob } from '../runner/sweep-task.js';
import { runPool } from '../runner/worker-pool.js';
import { CliError } from './errors.js';
import { checkReportPath } from './report-command.js';
import { checkWork, describeIssues, loadPolicies, loadScenario } from './load-scenario.js';
import type { WorkBudget } from '../runner/work-estimate.js';
import { numberOption, scenarioLimits } from './options.js';
import { writeOutputFile } from './output-file.js';
import { progressFor, type Progress } from './progress.js';
import type { Output } from './run-command.js';
import { parseColumns, sweepTable } from './sweep-table.js';
import { printable } from '../model/printable.js';
import { VERSION } from '../runner/version.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface SweepOptions {
  set: string[];
  replications: string;
  out?: string;
  workers?: string;
  shard?: string;
  duration?: string;
  seed?: string;
  maxRuns?: string;
  warmup?: string;
  progress: boolean;
  queue?: string;
  engine: EngineName;
  json?: boolean;
  report?: string;
  force?: boolean;
  columns?: string;
}

/** Parses `i/n`. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new CliError(`--shard: "${text}" is not i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  return { index, count };
}

/** The sweep table (see `sweep-table.ts`), also printed by `cbsim merge`. */
export { sweepTable } from './sweep-table.js';

/** Opens (or resumes) a sweep directory, saying what was kept; a directory that cannot be used is a CliError. */
export function openStore(dir: string, manifest: SweepManifest, out: Output): SweepStore {
  let store: SweepStore;
  try {
    store = new SweepStore(dir, manifest);
  } catch (error) {
    if (error instanceof SweepStoreError) throw new CliError(error.message);
    throw error;
  }
  if (store.recoveredLock) {
    out.error(chalk.yellow(`note: ${dir} was locked by pid ${store.recoveredLock.pid} on ${store.recoveredLock.host}, which is no longer running (killed?); its lock is taken over`));
  }
  if (store.done.size > 0 || store.repairedBytes > 0) {
    out.error(chalk.dim(`resuming ${dir}: ${store.done.size} row(s) kept${store.repairedBytes > 0 ? `, a partial last line (${store.repairedBytes} bytes) cut off to be redone` : ''}`));
  }
  return store;
}

/** Loads every cell once in this thread, so a bad value fails before any worker starts (exit 2, with the cell named). */
export function checkCells(text: string, file: string, manifest: SweepManifest, budget?: WorkBudget): void {
  for (const cell of manifest.cells) {
    try {
      const { scenario } = parseScenario(text, file, { set: cell.set, ...(manifest.duration !== null && { duration: manifest.duration }), ...(manifest.warmup !== undefined && { warmup: manifest.warmup }) });
      checkWork(`${file} (cell ${cell.label})`, scenario, budget);
    } catch (error) {
      if (error instanceof ScenarioError) throw new CliError(`cell ${cell.label}:\n${describeIssues(error.issues)}`);
      throw error;
    }
  }
}

/**
 * Parses the `--set` axes of a sweep and refuses, before the grid is built,
 * a seed axis, a field given twice, and a grid of more than `maxRuns` runs.
 */
export function sweepAxes(sets: readonly string[], replications: number, maxRuns: number): SweepAxis[] {
  const axes: SweepAxis[] = sets.map((set) => {
    const axis = parseAxis(set);
    if ('error' in axis) throw new CliError(`--set: ${axis.error}`);
    return axis;
  });
  const problem = axesProblem(axes);
  if (problem !== null) throw new CliError(`--set: ${problem}`);
  refuseLargeGrid('--set', axes, replications, maxRuns);
  return axes;
}

/** Refuses, before any cell is built, a grid of `axes` × `replications` of more than `maxRuns` runs (`option` names where the grid came from). */
export function refuseLargeGrid(option: string, axes: readonly SweepAxis[], replications: number, maxRuns: number): void {
  const problem = gridTooLarge(axes, replications, maxRuns);
  if (problem !== null) throw new CliError(`${option}: ${problem}`);
}

/** The scenario as the workers will run it (from `text`, with the sweep's own `--seed` and `--duration`): what the manifest's hash stands for. */
function sweepBase(text: string, file: string, overrides: { seed?: string; duration?: string; warmup?: string }) {
  try {
    return parseScenario(text, file, overrides).scenario;
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError(describeIssues(error.issues));
    throw error;
  }
}

/** The content hash of each pacing module the scenario names (paths as loaded), so that editing a module's code is a different sweep. */
function moduleDigests(scenario: Scenario): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const queue of scenario.queues) {
    const path = queue.callback.pacing.module;
    if (path !== null) digests[path] = contentHash(readFileSync(path, 'utf8'));
  }
  return digests;
}

/**
 * Runs the remaining tasks of a sweep on a worker pool, appending each row to
 * the store as it finishes; once every task is done, the store's rows are
 * rewritten in task order. The caller closes the store.
 */
export async function executeSweep(
  job: SweepJob,
  manifest: SweepManifest,
  store: SweepStore | null,
  shard: Shard | undefined,
  workers: number,
  progress: Progress,
): Promise<SweepRow[]> {
  const all = sweepTasks(manifest, shard);
  const rows: SweepRow[] = store ? all.filter((t) => store.done.has(`${t.cell}/${t.replication}`)).map((t) => store.done.get(`${t.cell}/${t.replication}`)!) : [];
  const todo = store ? all.filter((t) => !store.done.has(`${t.cell}/${t.replication}`)) : all;
  // How far each running task has got, so that a sweep of a few heavy runs still shows progress.
  const running = new Map<string, number>();
  const show = () => progress.update((rows.length + [...running.values()].reduce((a, b) => a + b, 0)) / Math.max(1, all.length), `${rows.length} of ${all.length} runs done`);
  show();
  await runPool(
    job,
    todo,
    workers,
    (row) => {
      store?.append(row);
      rows.push(row);
      running.delete(`${row.cell}/${row.replication}`);
      show();
    },
    (task, fraction) => {
      running.set(`${task.cell}/${task.replication}`, fraction);
      show();
    },
  );
  store?.compact();
  progress.done();
  return rows;
}

/** `cbsim sweep FILE --set path=values … --replications N`: a grid of settings, replicated, with resume and sharding. */
export function sweepCommand(out: Output): Command {
  return new Command('sweep')
    .description(COMMAND_DESCRIPTIONS.sweep)
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--set <path=values>', 'a field and its values: a,b,c or from..to or from..to:step (repeatable: the grid is every combination)', (v: string, p: string[] = []) => [...p, v])
    .option('--replications <n>', 'replications per cell', '10')
    .option('--out <dir>', 'write sweep.json, rows.jsonl (one line per cell and replication) and summary.csv here; running again resumes')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--shard <i/n>', 'run only the i-th of n slices of the tasks (for a cluster; join them with cbsim merge)')
    .option('--duration <duration>', "override the scenario's simulated horizon")
    .option('--seed <n>', "the base seed instead of the scenario's (replication k's seed is derived from it, the same in every cell)")
    .option('--max-runs <n>', `refuse a grid of more runs (cells × replications) than this`, String(DEFAULT_MAX_RUNS))
    .option('--warmup <duration>', "override the scenario's warm-up")
    .option('--queue <id>', 'queue whose KPIs the table and summary show (default: all queues)')
    .addOption(new Option('--engine <name>', 'statechart engine').choices([...ENGINES]).default(ENGINES[0]))
    .option('--json', 'print the cell summaries as JSON')
    .option('--columns <kpis>', 'KPIs the table shows, by key, comma-separated, e.g. serviceLevel,abandonAfterAnswerRate,occupancy (default: the summary\'s)')
    .option('--report <file>', 'also write an HTML report with charts (an existing file is kept unless --force)')
    .option('--force', 'overwrite the --report file if it exists')
    .option('--no-progress', 'show no progress on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cbsim sweep scenarios/customer-first-pacing.yaml --set queues.callbacks.callback.pacingModifier=1..10 --replications 10 --out sweeps/pacing\n  $ cbsim sweep scenarios/support-agent-first.yaml --set agents.tier1.count=24,26,28 --set inbound.0.callbackOffer.acceptance=0.3,0.5 --replications 20\n  $ cbsim sweep FILE --set … --out part3 --shard 3/8   # then: cbsim merge part1 … part8 --out all',
    )
    .action(async (file: string, options: SweepOptions) => {
      if (options.report !== undefined) checkReportPath('--report', options.report, options.force);
      const columns = options.columns === undefined ? undefined : parseColumns(options.columns);
      const loaded = loadScenario(file, { seed: options.seed, duration: options.duration, warmup: options.warmup }, scenarioLimits(options, true));
      await loadPolicies(loaded.scenario);
      if (loaded.warnings.length > 0) out.error(describeIssues(loaded.warnings));
      const { text } = loaded;
      const replications = numberOption('--replications', options.replications, 1, 100_000, true);
      const maxRuns = numberOption('--max-runs', options.maxRuns ?? String(DEFAULT_MAX_RUNS), 1, Number.MAX_SAFE_INTEGER, true);
      const axes = sweepAxes(options.set, replications, maxRuns);
      const workers = options.workers === undefined ? availableParallelism() : numberOption('--workers', options.workers, 1, 256, true);
      const shard = options.shard === undefined ? undefined : parseShard(options.shard);
      const queue = options.queue ?? null;
      if (queue && !loaded.scenario.queues.some((q) => q.id === queue)) {
        throw new CliError(`--queue: no queue "${queue}"; queues are ${loaded.scenario.queues.map((q) => q.id).join(', ')}`);
      }
      const base = sweepBase(text, loaded.file, { seed: options.seed, duration: options.duration, warmup: options.warmup });
      const manifest = planSweep({ file, scenario: base, modules: moduleDigests(loaded.scenario), version: VERSION, axes, replications, engine: options.engine, duration: options.duration ?? null, warmup: options.warmup });
      checkCells(text, loaded.file, manifest, scenarioLimits(options, true).work);
      const store = options.out ? openStore(options.out, manifest, out) : null;
      const job: SweepJob = { text, file: loaded.file, duration: options.duration ?? null, warmup: options.warmup ?? null, engine: options.engine };
      const progress = progressFor(out, `sweep ${manifest.cells.length} cells × ${replications}`, options.progress);
      let rows: SweepRow[];
      let cells: CellSummary[];
      try {
        rows = await executeSweep(job, manifest, store, shard, workers, progress);
        cells = summarizeSweep(manifest, rows);
        if (store) store.write(SWEEP_FILES.summary, summaryCsv(manifest, cells, queue));
      } finally {
        store?.close();
      }
      if (options.json) out.print(JSON.stringify({ manifest, cells: cells.map(({ profile: _profile, ...rest }) => rest) }, null, 2));
      else {
        out.print(
          `${chalk.bold(printable(manifest.scenario))}  ${chalk.dim(`${manifest.cells.length} cells × ${replications} replications${shard ? `, shard ${shard.index}/${shard.count}` : ''} · ${queue ? `queue ${queue}` : 'all queues'} · mean ±95% half-width`)}\n\n${sweepTable(cells, queue, { columns })}` +
            (store ? `\n\n${chalk.dim(`rows: ${store.dir}/${SWEEP_FILES.rows} · summary: ${store.dir}/${SWEEP_FILES.summary}`)}` : ''),
        );
      }
      if (options.report !== undefined) {
        const { sweepReport } = await import('../report/index.js');
        writeOutputFile('--report', options.report, await sweepReport(manifest, rows, { scenario: loaded.scenario, ...(queue !== null && { queue }) }), true);
        out.error(`report: ${options.report}`);
      }
    });
}
