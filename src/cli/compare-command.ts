import chalk from 'chalk';
import { Command } from 'commander';
import type { QueueKpis } from '../metrics/kpis.js';
import { simulate, type RunResult } from '../runner/simulate.js';
import { parseAxis, sweepCells, type SweepAxis, type SweepCell } from '../runner/sweep-plan.js';
import { CliError } from './errors.js';
import { describeIssues, loadScenario } from './load-scenario.js';
import { Progress } from './progress.js';
import type { Output } from './run-command.js';
import { num, pct, renderTable, seconds, type Row } from './table.js';

interface CompareOptions {
  set: string[];
  seed?: string;
  duration?: string;
  queue?: string;
  json?: boolean;
}

/** Expands `path=a,b` options into the cartesian product of their values (ranges `1..10` allowed). */
export function expandVariants(sets: readonly string[]): SweepCell[] {
  const axes: SweepAxis[] = sets.map((set) => {
    const axis = parseAxis(set);
    if ('error' in axis) throw new CliError(`--set: ${axis.error}`);
    return axis;
  });
  return sweepCells(axes);
}

type Metric = {
  label: string;
  get: (k: QueueKpis, r: RunResult) => number | null;
  show: (x: number | null) => string;
  lowerIsBetter?: boolean;
  kind?: 'share' | 'seconds';
};

const METRICS: Metric[] = [
  { label: 'inbound offered', get: (k) => k.offered, show: (x) => num(x) },
  { label: 'inbound service level', get: (k) => k.serviceLevel, show: (x) => pct(x), kind: 'share' },
  { label: 'inbound abandon rate', get: (k) => k.abandonRate, show: (x) => pct(x), lowerIsBetter: true, kind: 'share' },
  { label: 'inbound ASA', get: (k) => k.asa, show: (x) => seconds(x), lowerIsBetter: true, kind: 'seconds' },
  { label: 'callbacks created', get: (k) => k.created, show: (x) => num(x) },
  { label: 'callbacks completed', get: (k) => k.completed, show: (x) => num(x) },
  { label: 'exhausted (retries used up)', get: (k) => k.exhausted, show: (x) => num(x), lowerIsBetter: true },
  { label: 'still active at horizon', get: (k) => k.active, show: (x) => num(x), lowerIsBetter: true },
  { label: 'attempts', get: (k) => k.attempts, show: (x) => num(x) },
  { label: 'attempts per callback', get: (k) => k.attemptsPerCallback, show: (x) => num(x, 2) },
  { label: 'connect rate', get: (k) => k.connectRate, show: (x) => pct(x), kind: 'share' },
  { label: 'time to first dial', get: (k) => k.timeToFirstDial, show: (x) => seconds(x), lowerIsBetter: true, kind: 'seconds' },
  { label: 'time to connect', get: (k) => k.timeToConnect, show: (x) => seconds(x), lowerIsBetter: true, kind: 'seconds' },
  { label: 'customer answers (CF)', get: (k) => k.customerAnswers, show: (x) => num(x) },
  { label: 'wait for agent after answer', get: (k) => k.waitAfterAnswer, show: (x) => seconds(x), lowerIsBetter: true, kind: 'seconds' },
  { label: 'abandon after answer rate', get: (k) => k.abandonAfterAnswerRate, show: (x) => pct(x, 2), lowerIsBetter: true, kind: 'share' },
  { label: '  worst 24 h', get: (k) => k.abandonAfterAnswerRateMax24h, show: (x) => pct(x, 2), lowerIsBetter: true, kind: 'share' },
  { label: 'dials in flight (mean)', get: (k) => k.dialsInFlightMean, show: (x) => num(x, 2) },
  { label: 'agent hours on failed attempts', get: (k) => k.failedAttemptAgentHours, show: (x) => num(x, 1), lowerIsBetter: true },
];

/** Occupancy and idle share of every agent group (and of all agents when there are several groups). */
function agentMetrics(result: RunResult): Metric[] {
  const groups = Object.keys(result.kpis.agents.groups);
  const metrics: Metric[] = [];
  for (const group of groups) {
    metrics.push(
      { label: `${group} occupancy`, get: (_, r) => r.kpis.agents.groups[group]?.occupancy ?? null, show: (x) => pct(x), kind: 'share' },
      { label: `${group} idle share`, get: (_, r) => r.kpis.agents.groups[group]?.idleShare ?? null, show: (x) => pct(x), kind: 'share' },
    );
  }
  if (groups.length > 1) metrics.push({ label: 'all agents occupancy', get: (_, r) => r.kpis.agents.occupancy, show: (x) => pct(x), kind: 'share' });
  return metrics;
}

function difference(metric: Metric, base: number | null, value: number | null): string {
  if (base === null || value === null) return '';
  const delta = value - base;
  if (Math.abs(delta) < 1e-12) return chalk.dim(' (=)');
  const sign = delta > 0 ? '+' : '-';
  const size = Math.abs(delta);
  const text =
    metric.kind === 'share'
      ? `${sign}${(size * 100).toFixed(2)}pt`
      : metric.kind === 'seconds'
        ? `${sign}${seconds(size)}`
        : `${sign}${num(size, Number.isInteger(size) ? 0 : 2)}`;
  const better = metric.lowerIsBetter === undefined ? undefined : metric.lowerIsBetter ? delta < 0 : delta > 0;
  const colour = better === undefined ? chalk.dim : better ? chalk.green : chalk.red;
  return colour(` (${text})`);
}

/** `cbsim compare FILE --set path=a,b`: variants of one scenario on the same customers, side by side. */
export function compareCommand(out: Output): Command {
  return new Command('compare')
    .description('run variants of one scenario on the same customers (same seed: common random numbers) and show them side by side')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--set <path=a,b,…>', 'a field and the values to compare (repeatable: variants are every combination)', (v: string, p: string[] = []) => [...p, v])
    .option('--queue <id>', 'queue whose KPIs are shown (default: the queue named in the first --set, else the total)')
    .option('--seed <n>', "override the scenario's seed")
    .option('--duration <duration>', "override the scenario's simulated horizon")
    .option('--json', 'print every variant\'s result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cbsim compare scenarios/customer-first-pacing.yaml --set queues.callbacks.callback.mode=AgentFirst,CustomerFirst\n  $ cbsim compare scenarios/customer-first-pacing.yaml --set queues.callbacks.callback.pacingModifier=1,3,5,10',
    )
    .action((file: string, options: CompareOptions) => {
      const variants = expandVariants(options.set);
      if (variants.length > 50) throw new CliError(`--set: ${variants.length} variants; compare at most 50 (use a sweep for more)`);
      const loaded = variants.map((v) => loadScenario(file, { seed: options.seed, duration: options.duration, set: v.set }));
      const warnings = loaded[0].warnings;
      if (warnings.length > 0) out.error(describeIssues(warnings));
      const progress = new Progress(out.stderrIsTTY, 'comparing');
      const results = loaded.map((l, i) => {
        const result = simulate(l.scenario, {
          intervals: false,
          onProgress: (t, h) => progress.update((i + t / h) / loaded.length),
        });
        return result;
      });
      progress.done();
      if (options.json) {
        out.print(JSON.stringify({ variants: variants.map((v, i) => ({ label: v.label, set: v.set, result: results[i] })) }, null, 2));
        return;
      }
      const scenario = loaded[0].scenario;
      const named = /^queues\.([^.]+)\./.exec(options.set[0])?.[1];
      const queueId = options.queue ?? (named && scenario.queues.some((q) => q.id === named) ? named : undefined);
      if (options.queue && !scenario.queues.some((q) => q.id === options.queue)) {
        throw new CliError(`--queue: no queue "${options.queue}"; queues are ${scenario.queues.map((q) => q.id).join(', ')}`);
      }
      const kpisOf = (r: RunResult) => (queueId ? r.kpis.queues[queueId] : r.kpis.total);
      const shown = [...METRICS, ...agentMetrics(results[0])].filter((metric) =>
        results.some((r) => {
          const value = metric.get(kpisOf(r), r);
          return value !== null && (value !== 0 || !metric.label.startsWith('inbound'));
        }),
      );
      const rows: Row[] = shown.map((metric) => {
        const base = metric.get(kpisOf(results[0]), results[0]);
        return {
          cells: [
            metric.label,
            ...results.map((r, i) => {
              const value = metric.get(kpisOf(r), r);
              return metric.show(value) + (i === 0 ? '' : difference(metric, base, value));
            }),
          ],
        };
      });
      out.print(
        `${chalk.bold(scenario.name)}  ${chalk.dim(`seed ${scenario.seed} · ${queueId ? `queue ${queueId}` : 'all queues'} · same customers in every variant; differences against the first`)}\n\n` +
          renderTable(['', ...variants.map((v) => v.label)], rows),
      );
    });
}
