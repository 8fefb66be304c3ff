import { Command, Option } from 'commander';
import { ENGINES, type EngineName } from '../contact-center/world.js';
import { replicate } from '../runner/replicate.js';
import { simulate, type RunResult } from '../runner/simulate.js';
import { numberOption, scenarioLimits } from './options.js';
import { complianceTable } from './compliance-table.js';
import { kpiTable, runHeading } from './kpi-table.js';
import { describeIssues, loadPolicies, loadScenario } from './load-scenario.js';
import { progressFor, runDetail } from './progress.js';
import { checkReportPath, writeRunReport } from './report-command.js';
import type { ProfileSlot } from '../metrics/day-profile.js';
import { printable } from '../model/printable.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface RunOptions {
  json?: boolean;
  seed?: string;
  duration?: string;
  warmup?: string;
  set?: string[];
  engine: EngineName;
  progress: boolean;
  intervals: boolean;
  replications?: string;
  report?: string;
  force?: boolean;
}

/** Where a command writes: stdout for results, stderr for diagnostics. */
export interface Output {
  print(text: string): void;
  error(text: string): void;
  /** Whether stderr is a terminal (a live progress bar then; plain progress lines otherwise). */
  stderrIsTTY: boolean;
  /** The wall clock the progress display reads (the system's by default; tests give a fake one). */
  clock?: () => number;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `cbsim run FILE`: simulate a scenario and print its KPIs. */
export function runCommand(out: Output): Command {
  return new Command('run')
    .description(COMMAND_DESCRIPTIONS.run)
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--json', 'print the result as one JSON document on stdout')
    .option('--seed <n>', "override the scenario's seed")
    .option('--duration <duration>', "override the scenario's simulated horizon, e.g. 7d")
    .option('--warmup <duration>', "override the scenario's warm-up (arrivals before it are not counted), e.g. 1d")
    .option('--set <path=value>', 'override any field, e.g. queues.support.callback.pacingModifier=4 (repeatable)', collect)
    .addOption(new Option('--engine <name>', 'statechart engine: compiled (fast), or xstate (the reference)').choices([...ENGINES]).default(ENGINES[0]))
    .option('--no-intervals', 'leave the 30-minute intervals out of the JSON')
    .option('--report <file>', 'also write an HTML report with charts (an existing file is kept unless --force)')
    .option('--force', 'overwrite the --report file if it exists')
    .option('--replications <n>', 'run n independent replications (seeds derived from the scenario seed) and report every KPI as mean ± 95% half-width')
    .option('--no-progress', 'show no progress on stderr')
    .addHelpText('after', '\nExamples:\n  $ cbsim run scenarios/support-agent-first.yaml\n  $ cbsim run scenarios/support-agent-first.yaml --seed 42 --duration 7d --json > result.json\n  $ cbsim run scenarios/customer-first-pacing.yaml --replications 30')
    .action(async (file: string, options: RunOptions) => {
      if (options.report !== undefined) checkReportPath('--report', options.report, options.force);
      const replications = options.replications === undefined ? undefined : numberOption('--replications', options.replications, 2, 10_000, true);
      const loaded = loadScenario(file, { seed: options.seed, duration: options.duration, warmup: options.warmup, set: options.set }, scenarioLimits(options, true));
      await loadPolicies(loaded.scenario);
      if (loaded.warnings.length > 0) out.error(describeIssues(loaded.warnings));
      const progress = progressFor(out, `simulating ${printable(loaded.scenario.name)}`, options.progress);
      if (replications !== undefined) {
        const profiles: ProfileSlot[][] = [];
        let finished = 0;
        const replicated = replicate(loaded.scenario, replications, {
          engine: options.engine,
          onProgress: (t, horizon, events) => progress.update((finished + t / horizon) / replications, `replication ${finished + 1} of ${replications}: ${runDetail(t, horizon, events)}`),
          onReplication: (done) => (finished = done),
          ...(options.report !== undefined && { onProfile: (profile: ProfileSlot[]) => profiles.push(profile) }),
        });
        progress.done();
        if (options.json) out.print(JSON.stringify(replicated, null, 2));
        else out.print(`${runHeading(replicated)}\n\n${kpiTable(replicated.kpis, loaded.scenario)}`);
        if (options.report !== undefined) {
          await writeRunReport(replicated, loaded.scenario, options.report, { profiles });
          out.error(`report: ${options.report}`);
        }
        return;
      }
      const result = simulate(loaded.scenario, {
        engine: options.engine,
        intervals: options.intervals || options.report !== undefined,
        onProgress: (t, horizon, events) => progress.update(t / horizon, runDetail(t, horizon, events)),
      });
      progress.done();
      const { intervals: _intervals, ...withoutIntervals } = result;
      const shown: RunResult = options.intervals ? result : withoutIntervals;
      if (options.json) out.print(JSON.stringify(shown, null, 2));
      else {
        const windows = complianceTable(result.kpis.complianceWindows, loaded.scenario);
        out.print(`${runHeading(result)}\n\n${kpiTable(result.kpis, loaded.scenario)}${windows === '' ? '' : `\n\n${windows}`}`);
      }
      if (options.report !== undefined) {
        await writeRunReport(result, loaded.scenario, options.report);
        out.error(`report: ${options.report}`);
      }
    });
}
