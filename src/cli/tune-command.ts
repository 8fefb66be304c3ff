import { availableParallelism } from 'node:os';
import chalk from 'chalk';
import { Command, Option } from 'commander';
import { ENGINES, type EngineName } from '../contact-center/world.js';
import { coversDays, THIRTY_DAYS } from '../metrics/abandon-windows.js';
import { kpi } from '../metrics/kpi-catalogue.js';
import { formatDuration } from '../model/duration.js';
import { ABANDON_CEILING } from '../model/regulation.js';
import type { Interval } from '../model/statistics.js';
import { planSweep } from '../runner/sweep.js';
import { DEFAULT_MAX_RUNS, parseAxis, type SweepAxis } from '../runner/sweep-plan.js';
import { tune, tuneWindow, type AbandonWindow, type TuneCandidate, type TuneObjective, type AbandonMeasure } from '../runner/tune.js';
import { CliError, EXIT_STATUS } from './errors.js';
import { BUILTIN_POLICY_NAMES, type BuiltinPolicyName } from '../pacing/builtins.js';
import { describeIssues, loadPolicies, loadScenario } from './load-scenario.js';
import { numberOption, percentOption, scenarioLimits } from './options.js';
import { progressFor } from './progress.js';
import type { Output } from './run-command.js';
import { executeSweep, openStore, refuseLargeGrid } from './sweep-command.js';
import { VERSION } from '../runner/version.js';
import { kpiFormatter, num, pct, renderTable } from './table.js';
import { printable } from '../model/printable.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface TuneOptions {
  queue: string;
  maxAbandon?: string;
  measure: AbandonMeasure;
  objective: TuneObjective;
  window?: AbandonWindow;
  modifiers: string;
  policies?: string;
  replications: string;
  maxRuns: string;
  workers?: string;
  duration?: string;
  warmup?: string;
  progress: boolean;
  out?: string;
  engine: EngineName;
  json?: boolean;
}

/** The built-ins whose dial level is the pacing modifier, the knob `tune` varies (the others are scored over their own knobs by `cbsim scorecard`). */
const POLICIES = ['genesys', 'ratio', 'progressive', 'adaptive'];

/** The abandon-after-answer rate's format. */
const abandonFormat = kpiFormatter(kpi('abandonAfterAnswerRate').format);

/** An objective's format (its KPI's, a mean of counts with one decimal). */
function formatObjective(objective: TuneObjective, x: number | null): string {
  const definition = kpi(objective);
  return definition.unit === 'count' ? num(x, 1) : kpiFormatter(definition.format)(x);
}

/** The regulatory ceiling as the user writes it (`3%`). */
const CEILING_TEXT = `${Number((ABANDON_CEILING * 100).toFixed(2))}%`;

/** The abandon window as the tune table names it. */
const windowName = (window: AbandonWindow) => (window === 'run' ? 'whole run' : `worst ${window}`);


/** The abandon rate a tune holds under its ceiling, in words. */
const measureName = (measure: AbandonMeasure, window: AbandonWindow) => `${measure === 'compliance' ? 'compliance abandon' : 'abandon after answer'} (${windowName(window)})`;

function interval(v: Interval, format: (x: number | null) => string): string {
  if (v.n === 0) return chalk.dim('—');
  return v.halfWidth === null ? format(v.mean) : `${format(v.mean)} ${chalk.dim(`±${format(v.halfWidth)}`)}`;
}

/** `cbsim tune FILE --queue Q --max-abandon 3% --objective occupancy`: the best pacing that keeps the ceiling (by default `ABANDON_CEILING`) with confidence. */
export function tuneCommand(out: Output): Command {
  return new Command('tune')
    .description(COMMAND_DESCRIPTIONS.tune)
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--queue <id>', 'the Customer First queue to tune')
    .option('--max-abandon <percent>', `ceiling of the abandon rate (default the queue's compliance.ceiling, ${CEILING_TEXT} unless set)`)
    .addOption(new Option('--measure <measure>', 'which abandons count: compliance (no agent within the queue\'s compliance threshold of a live answer, the regulators\' measure) or true (the customer hung up waiting)').choices(['compliance', 'true']).default('compliance'))
    .addOption(new Option('--objective <name>', 'what to maximise (time to connect: minimise)').choices(['occupancy', 'completed', 'timeToConnect']).default('occupancy'))
    .addOption(
      new Option('--window <window>', 'which rate must stay under the ceiling: the whole run, the worst 24 h (UK) or the worst 30-day period (US; the whole run when shorter); default 30d (run for --measure true on a run under 30 days)').choices(['run', '24h', '30d']),
    )
    .option('--modifiers <values>', 'pacing modifiers to try: a,b,c or from..to[:step]', '1..10')
    .option('--policies <list>', `pacing policies to try too, comma-separated (${POLICIES.join(', ')}); default the queue's own`)
    .option('--replications <n>', 'replications per setting', '10')
    .option('--max-runs <n>', 'refuse more runs (settings × replications) than this', String(DEFAULT_MAX_RUNS))
    .option('--workers <n>', 'worker threads (default: the number of cores)')
    .option('--duration <duration>', "override the scenario's simulated horizon")
    .option('--warmup <duration>', "override the scenario's warm-up")
    .option('--out <dir>', 'keep the runs in a sweep directory (resumable, and readable by cbsim report)')
    .addOption(new Option('--engine <name>', 'statechart engine').choices([...ENGINES]).default(ENGINES[0]))
    .option('--json', 'print the result as JSON')
    .option('--no-progress', 'show no progress on stderr')
    .addHelpText('after', `\nExamples:\n  $ cbsim tune scenarios/customer-first-pacing.yaml --queue callbacks --max-abandon ${CEILING_TEXT} --objective occupancy\n  $ cbsim tune scenarios/customer-first-pacing.yaml --queue callbacks --policies genesys,ratio,adaptive --modifiers 1..5:0.5`)
    .action(async (file: string, options: TuneOptions) => {
      const loaded = loadScenario(file, { duration: options.duration, warmup: options.warmup }, scenarioLimits(options, true));
      await loadPolicies(loaded.scenario);
      if (loaded.warnings.length > 0) out.error(describeIssues(loaded.warnings));
      const { scenario } = loaded;
      const queue = scenario.queues.find((q) => q.id === options.queue);
      if (!queue) throw new CliError(`--queue: no queue "${options.queue}"; queues are ${scenario.queues.map((q) => q.id).join(', ')}`);
      if (queue.callback.mode !== 'CustomerFirst') throw new CliError(`--queue: queue "${queue.id}" is ${queue.callback.mode}; pacing applies to Customer First queues only`);
      const thirtyDays = coversDays(scenario.warmup, scenario.duration, THIRTY_DAYS);
      if (options.measure === 'true' && options.window === '30d' && !thirtyDays) {
        throw new CliError(
          `--window 30d: the run counts ${formatDuration(scenario.duration - scenario.warmup)} (duration ${formatDuration(scenario.duration)} minus warm-up ${formatDuration(scenario.warmup)}), less than 30 days, so the abandon-after-answer rate (--measure true) has no 30-day rate; give a longer --duration, or --window 24h`,
        );
      }
      const window = tuneWindow(options.window, options.measure, thirtyDays);
      const maxAbandon = options.maxAbandon === undefined ? queue.compliance.ceiling : percentOption('--max-abandon', options.maxAbandon);
      const axes: SweepAxis[] = [];
      if (options.policies) {
        const policies = options.policies.split(',').map((p) => p.trim());
        const bad = policies.find((p) => !POLICIES.includes(p));
        if (bad) {
          throw new CliError(
            `--policies: "${bad}" is not a policy whose level is the pacing modifier, which tune varies; allowed ${POLICIES.join(', ')}` +
              (BUILTIN_POLICY_NAMES.includes(bad as BuiltinPolicyName) ? `. ${bad} has knobs of its own: score it over them with cbsim scorecard --policies ${bad}` : ''),
          );
        }
        axes.push({ path: `queues.${queue.id}.callback.pacing`, values: policies });
      }
      const modifiers = parseAxis(`queues.${queue.id}.callback.pacingModifier=${options.modifiers}`);
      if ('error' in modifiers) throw new CliError(`--modifiers: ${modifiers.error}`);
      const badModifier = modifiers.values.find((v) => !(Number(v) >= 1 && Number(v) <= 10));
      if (badModifier) throw new CliError(`--modifiers: ${badModifier} is out of range; allowed 1 to 10`);
      axes.push(modifiers);
      const replications = numberOption('--replications', options.replications, 2, 100_000, true);
      refuseLargeGrid('--modifiers', axes, replications, numberOption('--max-runs', options.maxRuns, 1, Number.MAX_SAFE_INTEGER, true));
      const workers = options.workers === undefined ? availableParallelism() : numberOption('--workers', options.workers, 1, 256, true);
      const manifest = planSweep({ file, scenario, version: VERSION, axes, replications, engine: options.engine, duration: options.duration ?? null, warmup: options.warmup });
      const store = options.out ? openStore(options.out, manifest, out) : null;
      const { text } = loaded;
      const progress = progressFor(out, `tuning ${manifest.cells.length} settings × ${replications}`, options.progress);
      const job = { text, file: loaded.file, duration: options.duration ?? null, warmup: options.warmup ?? null, engine: options.engine };
      let rows;
      try {
        rows = await executeSweep(job, manifest, store, undefined, workers, progress);
      } finally {
        store?.close();
      }
      const groups = scenario.agents.filter((g) => g.queues.includes(queue.id)).map((g) => g.group);
      const result = tune(manifest, rows, { queue: queue.id, maxAbandon, measure: options.measure, window, objective: options.objective, groups });
      const notMet = () =>
        new CliError(`tune: no setting keeps the ${measureName(options.measure, window)} rate under ${pct(maxAbandon, 1)} with 95% confidence`, EXIT_STATUS.goalNotMet);
      if (options.json) {
        out.print(JSON.stringify(result, null, 2));
        if (!result.best) throw notMet();
        return;
      }
      const mark = (c: TuneCandidate) => (c === result.best ? chalk.green('★ best') : c.feasible ? chalk.green('✓') : chalk.red('✗'));
      out.print(
        `${chalk.bold(printable(scenario.name))}  ${chalk.dim(`queue ${queue.id} · ${measureName(options.measure, window)} ≤ ${pct(maxAbandon, 1)} with 95% confidence · maximise ${options.objective === 'timeToConnect' ? 'speed (time to connect)' : options.objective} · ${replications} replications each`)}\n`,
      );
      out.print(
        renderTable(
          ['setting', 'abandon after answer', 'upper 95%', `P(under ${pct(maxAbandon, 0)})`, options.objective, ''],
          result.candidates.map((c) => ({
            cells: [
              c.label,
              interval(c.abandon, abandonFormat),
              c.abandonUpper === null ? chalk.dim('—') : abandonFormat(c.abandonUpper),
              c.confidenceUnder === null ? chalk.dim('—') : pct(c.confidenceUnder, 1),
              interval(c.objective, (x) => formatObjective(options.objective, x)),
              mark(c),
            ],
          })),
        ),
      );
      if (!result.best) {
        const lowest = [...result.candidates].sort((a, b) => (a.abandonUpper ?? Infinity) - (b.abandonUpper ?? Infinity))[0];
        out.print(`\n${chalk.red('No setting keeps the abandon rate under the ceiling with 95% confidence.')}${lowest ? ` The lowest upper bound is ${abandonFormat(lowest.abandonUpper)} (${lowest.label}); try lower modifiers, more agents, or more replications.` : ''}`);
        throw notMet();
      }
      const best = result.best;
      let verdict = `\n${chalk.bold(`Best: ${best.label}`)} — ${options.objective} ${interval(best.objective, (x) => formatObjective(options.objective, x))}; abandon after answer ${interval(best.abandon, abandonFormat)}, under ${pct(maxAbandon, 0)} with ${pct(best.confidenceUnder, 1)} confidence.`;
      if (result.runnerUp) {
        const d = result.runnerUp.difference;
        const significant = d.halfWidth !== null && Math.abs(d.mean) > d.halfWidth;
        if (d.mean === 0 && (d.halfWidth ?? 0) === 0) {
          verdict += `\nThe runner-up (${result.runnerUp.candidate.label}) gives exactly the same runs (the policy dials the same at this staffing); the lower setting is kept.`;
          out.print(verdict);
          return;
        }
        verdict += `\nAgainst the runner-up (${result.runnerUp.candidate.label}) it is ${significant ? 'better' : 'not clearly better'}: difference ${interval(d, (x) => formatObjective(options.objective, x))} on the same customers${significant ? '' : ' (the interval includes 0: more replications would tell them apart)'}.`;
      }
      out.print(verdict);
    });
}
