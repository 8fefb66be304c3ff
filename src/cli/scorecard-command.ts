import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';
import { Command, Option } from 'commander';
import { ENGINES, type EngineName } from '../contact-center/world.js';
import { BUILTIN_POLICY_NAMES } from '../pacing/builtins.js';
import { writeFileAtomic } from '../runner/atomic-file.js';
import { customerFirstQueues, ScorecardPlanError, scorecardPolicies, situationManifest, type ScorecardPolicy } from '../runner/scorecard-plan.js';
import { overallStanding, scorecardCsv, scoreSituation, SCORECARD_WINDOWS, type ScorecardDocument, type ScorecardWindow, type SituationResult } from '../runner/scorecard.js';
import { DEFAULT_MAX_RUNS } from '../runner/sweep-plan.js';
import { SWEEP_FILES } from '../runner/sweep-store.js';
import { summarizeSweep, summaryCsv } from '../runner/sweep.js';
import { taskScenario, type SweepJob } from '../runner/sweep-task.js';
import { contentHash } from '../runner/content-hash.js';
import { VERSION } from '../runner/version.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';
import { CliError } from './errors.js';
import { loadPolicies, loadScenario } from './load-scenario.js';
import { numberOption, scenarioLimits } from './options.js';
import { progressFor } from './progress.js';
import type { Output } from './run-command.js';
import { scorecardTables } from './scorecard-table.js';
import { checkCells, executeSweep, openStore } from './sweep-command.js';

interface ScorecardOptions {
  policies?: string;
  grid?: string[];
  replications: string;
  window: ScorecardWindow;
  ceiling?: string;
  out?: string;
  workers?: string;
  duration?: string;
  maxRuns?: string;
  engine: EngineName;
  json?: boolean;
  progress: boolean;
}

/** The files of a scorecard directory besides the situations' sweep directories. */
export const SCORECARD_FILES = { json: 'scorecard.json', csv: 'scorecard.csv', report: 'scorecard.html' } as const;

/** The bundled battery: `scenarios/battery` of the package (beside `src` and `dist`). */
const BATTERY_DIR = fileURLToPath(new URL('../../scenarios/battery/', import.meta.url));

/** The scenario files of the bundled battery, in name order. */
export function batteryFiles(): string[] {
  if (!existsSync(BATTERY_DIR)) throw new CliError(`the bundled battery is missing (${BATTERY_DIR}); give scenario files instead`);
  return readdirSync(BATTERY_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(BATTERY_DIR, f));
}

function resolveModule(path: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new ScorecardPlanError(`--policies: ${path}: no such file (a pacing module is a JavaScript file whose default export is a policy factory)`);
  return absolute;
}

/** Situation names from file names, made unique (`queue`, `queue-2`) when two files share one. */
function situationNames(files: readonly string[]): string[] {
  const names: string[] = [];
  for (const file of files) {
    const stem = basename(file, extname(file));
    let name = stem;
    for (let k = 2; names.includes(name); k++) name = `${stem}-${k}`;
    names.push(name);
  }
  return names;
}

/** A scorecard directory holds only what a scorecard writes there: refuse one that holds anything else, before any run. */
function checkOutDir(dir: string, names: readonly string[]): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new CliError(`--out: ${dir} is a file, not a directory`);
  const ours = new Set<string>([...Object.values(SCORECARD_FILES), ...names]);
  const foreign = readdirSync(dir).filter((f) => !ours.has(f) && !f.startsWith('.'));
  if (foreign.length > 0) throw new CliError(`--out: ${dir} holds files a scorecard did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose an empty or new directory`);
}

/** `cbsim scorecard [FILE…]`: scores pacing policies on a battery of situations. */
export function scorecardCommand(out: Output): Command {
  const command = new Command('scorecard')
    .description(COMMAND_DESCRIPTIONS.scorecard)
    .argument('[files...]', 'scenario files, the situations (default: the bundled battery, scenarios/battery)')
    .option('--policies <list>', `policies, comma-separated: built-in names and module paths (./my-pacer.js) (default: every built-in, ${BUILTIN_POLICY_NAMES.join(', ')})`)
    .option('--grid <policy:option=values>', "the knob of a policy and its values, e.g. predictive:target=0.01,0.02,0.03 or pacer:ratio=1..3:0.5 (repeatable; default: each built-in's own grid; a module without one runs once)", (v: string, p: string[] = []) => [...p, v])
    .option('--replications <n>', 'replications of each setting (at least 2, for the 95% interval)', '5')
    .addOption(new Option('--window <window>', 'the compliance window judged: the worst 30 days (or the whole run if shorter), the worst 24 h, or the whole run').choices([...SCORECARD_WINDOWS]).default('30d'))
    .option('--ceiling <rate>', "the compliance abandon rate the upper 95% bound must stay under, 0–1 (default: each situation's compliance.ceiling)")
    .option('--out <dir>', 'write each situation\'s sweep directory, scorecard.json, scorecard.csv and scorecard.html here; running again resumes')
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--duration <duration>', "override every situation's simulated horizon")
    .option('--max-runs <n>', 'refuse a scorecard of more runs than this', String(DEFAULT_MAX_RUNS))
    .addOption(new Option('--engine <name>', 'statechart engine').choices([...ENGINES]).default(ENGINES[0]))
    .option('--json', 'print the scorecard as one JSON document')
    .option('--no-progress', 'show no progress on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cbsim scorecard --out scorecard\n  $ cbsim scorecard --policies genesys,predictive,./dist/pacer.js --grid pacer:ratio=1,1.5,2 --replications 10 --out scorecard\n  $ cbsim scorecard scenarios/customer-first-pacing.yaml --policies genesys,progressive --json',
    );
  return command.action(async (files: string[], options: ScorecardOptions) => {
    const replications = numberOption('--replications', options.replications, 2, 10_000, true);
    const ceilingOverride = options.ceiling === undefined ? null : numberOption('--ceiling', options.ceiling, 0, 1);
    const maxRuns = numberOption('--max-runs', options.maxRuns ?? String(DEFAULT_MAX_RUNS), 1, Number.MAX_SAFE_INTEGER, true);
    const workers = options.workers === undefined ? availableParallelism() : numberOption('--workers', options.workers, 1, 256, true);
    let policies: ScorecardPolicy[];
    try {
      policies = scorecardPolicies(options.policies ?? BUILTIN_POLICY_NAMES.join(','), options.grid ?? [], resolveModule);
    } catch (error) {
      if (error instanceof ScorecardPlanError) throw new CliError(error.message);
      throw error;
    }
    const paths = files.length > 0 ? files : batteryFiles();
    const names = situationNames(paths);
    if (options.out !== undefined) checkOutDir(options.out, names);
    const limits = scenarioLimits(options, true);
    // A module's code is part of each situation's work: editing it makes another scorecard.
    const modules = Object.fromEntries(policies.flatMap((p) => (p.module === null ? [] : [[p.module, contentHash(readFileSync(p.module, 'utf8'))]])));
    const situations = paths.map((file, i) => {
      const loaded = loadScenario(file, { ...(options.duration !== undefined && { duration: options.duration }) }, limits);
      const queues = customerFirstQueues(loaded.scenario);
      if (queues.length === 0) throw new CliError(`${file}: no queue is Customer First; a scorecard scores Customer First pacing policies`);
      const ceiling = ceilingOverride ?? loaded.scenario.queues.find((q) => q.id === queues[0])!.compliance.ceiling;
      const manifest = situationManifest({ file, scenario: loaded.scenario, modules, version: VERSION, policies, replications, engine: options.engine, duration: options.duration ?? null });
      return { name: names[i], file, loaded, ceiling, manifest };
    });
    const runs = situations.reduce((sum, s) => sum + s.manifest.cells.length * replications, 0);
    if (runs > maxRuns) throw new CliError(`--max-runs: the scorecard is ${runs.toLocaleString('en-US')} runs (${situations.length} situations × their settings × ${replications} replications); at most ${maxRuns.toLocaleString('en-US')}. Fewer policies, smaller grids or fewer replications, or raise --max-runs`);
    for (const s of situations) checkCells(s.loaded.text, s.loaded.file, s.manifest, limits.work);
    // A module is loaded and checked once, on the first situation, before any worker starts.
    const first = situations[0];
    for (const cell of first.manifest.cells) {
      const scenario = taskScenario({ text: first.loaded.text, file: first.loaded.file, duration: options.duration ?? null, engine: options.engine }, { cell: cell.index, replication: 0, seed: first.manifest.seeds[0], set: cell.set });
      if (scenario.queues.some((q) => q.callback.pacing.module !== null)) await loadPolicies(scenario);
    }
    const results: SituationResult[] = [];
    for (const [i, s] of situations.entries()) {
      const manifest = s.manifest;
      const store = options.out === undefined ? null : openStore(join(options.out, s.name), manifest, out);
      const job: SweepJob = { text: s.loaded.text, file: s.loaded.file, duration: options.duration ?? null, engine: options.engine };
      const progress = progressFor(out, `scorecard ${i + 1}/${situations.length} ${s.name}: ${manifest.cells.length} settings × ${replications}`, options.progress);
      try {
        const rows = await executeSweep(job, manifest, store, undefined, workers, progress);
        store?.write(SWEEP_FILES.summary, summaryCsv(manifest, summarizeSweep(manifest, rows), null));
        results.push(scoreSituation({ name: s.name, file: s.file, scenario: s.loaded.scenario.name, ceiling: s.ceiling }, manifest, policies, rows, options.window));
      } finally {
        store?.close();
      }
    }
    const overall = overallStanding(results, policies);
    const document: ScorecardDocument = { format: 1, kind: 'cbsim scorecard', version: VERSION, window: options.window, replications, engine: options.engine, duration: options.duration ?? null, policies, situations: results, overall };
    if (options.out !== undefined) {
      writeFileAtomic(join(options.out, SCORECARD_FILES.json), `${JSON.stringify(document, null, 2)}\n`);
      writeFileAtomic(join(options.out, SCORECARD_FILES.csv), scorecardCsv(results));
      const { scorecardReport } = await import('../report/scorecard-report.js');
      writeFileAtomic(join(options.out, SCORECARD_FILES.report), await scorecardReport(document));
    }
    if (options.json) out.print(JSON.stringify(document, null, 2));
    else {
      out.print(scorecardTables(results, overall, { window: options.window, replications }));
      if (options.out !== undefined) out.print(chalk.dim(`\nscorecard: ${join(options.out, SCORECARD_FILES.json)} · ${join(options.out, SCORECARD_FILES.csv)} · report: ${join(options.out, SCORECARD_FILES.report)}`));
    }
  });
}
