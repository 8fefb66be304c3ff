import chalk from 'chalk';
import { Command } from 'commander';
import { COMPARE_ROWS, type KpiRow } from '../metrics/kpi-views.js';
import type { AgentKpis, QueueKpis } from '../metrics/kpis.js';
import type { RouteKpis } from '../metrics/route-lines.js';
import { simulate, type RunResult } from '../runner/simulate.js';
import { gridRuns, parseAxis, sweepCells, type SweepAxis, type SweepCell } from '../runner/sweep-plan.js';
import { CliError } from './errors.js';
import { describeIssues, loadPolicies, loadScenario } from './load-scenario.js';
import { progressFor, runDetail } from './progress.js';
import type { Output } from './run-command.js';
import { kpiFormatter, num, renderTable, rowLabel, seconds, type Row } from './table.js';
import { printable } from '../model/printable.js';
import { scenarioLimits } from './options.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface CompareOptions {
  set: string[];
  seed?: string;
  duration?: string;
  warmup?: string;
  progress: boolean;
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
  const variants = gridRuns(axes, 1);
  if (variants > 50) throw new CliError(`--set: ${variants.toLocaleString('en-US')} variants; compare at most 50 (use a sweep for more)`);
  return sweepCells(axes);
}

/** A row of the comparison: its label, and how to read its value from a run. */
type Metric = {
  row: KpiRow;
  label: string;
  get: (r: RunResult, queue: QueueKpis) => number | null;
};

/** The rows of the queue's KPIs. */
const queueMetrics = (): Metric[] =>
  COMPARE_ROWS.queue.map((row) => ({ row, label: rowLabel(row), get: (_, k) => k[row.kpi.key as keyof QueueKpis] as number | null }));

/** The agent rows of every agent group (and of all agents when there are several groups). */
function agentMetrics(result: RunResult): Metric[] {
  const groups = Object.keys(result.kpis.agents.groups);
  const read = (row: KpiRow, agents: AgentKpis | undefined) => (agents?.[row.kpi.key as keyof AgentKpis] ?? null);
  const metrics: Metric[] = groups.flatMap((group) =>
    COMPARE_ROWS.agents.map((row) => ({ row, label: `${group} ${row.label}`, get: (r: RunResult) => read(row, r.kpis.agents.groups[group]) })),
  );
  if (groups.length > 1) metrics.push(...COMPARE_ROWS.allAgents.map((row) => ({ row, label: `all agents ${row.label}`, get: (r: RunResult) => read(row, r.kpis.agents) })));
  return metrics;
}

/** The rows of every outbound route that declares its lines (in any variant: one may add or drop a route). */
function routeMetrics(results: readonly RunResult[]): Metric[] {
  const routes = [...new Set(results.flatMap((r) => Object.keys(r.kpis.routes ?? {})))];
  return routes.flatMap((route) =>
    COMPARE_ROWS.routes.map((row) => ({ row, label: `route ${route} ${row.label}`, get: (r: RunResult) => (r.kpis.routes?.[route]?.[row.kpi.key as keyof RouteKpis] ?? null) })),
  );
}

function difference(row: KpiRow, base: number | null, value: number | null): string {
  if (base === null || value === null) return '';
  const delta = value - base;
  if (Math.abs(delta) < 1e-12) return chalk.dim(' (=)');
  const sign = delta > 0 ? '+' : '-';
  const size = Math.abs(delta);
  const unit = row.kpi.unit;
  const text = unit === 'share' ? `${sign}${(size * 100).toFixed(2)}pt` : unit === 'seconds' ? `${sign}${seconds(size)}` : `${sign}${num(size, Number.isInteger(size) ? 0 : 2)}`;
  const direction = row.neutral ? 'neither' : row.kpi.better;
  const colour = direction === 'neither' ? chalk.dim : (direction === 'lower' ? delta < 0 : delta > 0) ? chalk.green : chalk.red;
  return colour(` (${text})`);
}

/** `cbsim compare FILE --set path=a,b`: variants of one scenario on the same customers, side by side. */
export function compareCommand(out: Output): Command {
  return new Command('compare')
    .description(COMMAND_DESCRIPTIONS.compare)
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--set <path=a,b,…>', 'a field and the values to compare (repeatable: variants are every combination)', (v: string, p: string[] = []) => [...p, v])
    .option('--queue <id>', 'queue whose KPIs are shown (default: the queue named in the first --set, else the total)')
    .option('--seed <n>', "override the scenario's seed")
    .option('--duration <duration>', "override the scenario's simulated horizon")
    .option('--warmup <duration>', "override the scenario's warm-up")
    .option('--json', 'print every variant\'s result as JSON')
    .option('--no-progress', 'show no progress on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ cbsim compare scenarios/customer-first-pacing.yaml --set queues.callbacks.callback.mode=AgentFirst,CustomerFirst\n  $ cbsim compare scenarios/customer-first-pacing.yaml --set queues.callbacks.callback.pacingModifier=1,3,5,10',
    )
    .action(async (file: string, options: CompareOptions) => {
      const variants = expandVariants(options.set);
      const loaded = variants.map((v) => loadScenario(file, { seed: options.seed, duration: options.duration, warmup: options.warmup, set: v.set }, scenarioLimits(options, true)));
      for (const variant of loaded) await loadPolicies(variant.scenario);
      const warnings = loaded[0].warnings;
      if (warnings.length > 0) out.error(describeIssues(warnings));
      const scenario = loaded[0].scenario;
      const named = /^queues\.([^.]+)\./.exec(options.set[0])?.[1];
      const queueId = options.queue ?? (named && scenario.queues.some((q) => q.id === named) ? named : undefined);
      if (options.queue && !scenario.queues.some((q) => q.id === options.queue)) {
        throw new CliError(`--queue: no queue "${options.queue}"; queues are ${scenario.queues.map((q) => q.id).join(', ')}`);
      }
      const progress = progressFor(out, `comparing ${loaded.length} variants`, options.progress);
      const results = loaded.map((l, i) => {
        const result = simulate(l.scenario, {
          intervals: false,
          onProgress: (t, h, events) => progress.update((i + t / h) / loaded.length, `variant ${i + 1} of ${loaded.length}: ${runDetail(t, h, events)}`),
        });
        return result;
      });
      progress.done();
      if (options.json) {
        out.print(JSON.stringify({ variants: variants.map((v, i) => ({ label: v.label, set: v.set, result: results[i] })) }, null, 2));
        return;
      }
      const kpisOf = (r: RunResult) => (queueId ? r.kpis.queues[queueId] : r.kpis.total);
      const shown = [...queueMetrics(), ...agentMetrics(results[0]), ...routeMetrics(results)].filter((metric) =>
        results.some((r) => {
          const value = metric.get(r, kpisOf(r));
          return value !== null && (value !== 0 || !metric.row.optional);
        }),
      );
      const rows: Row[] = shown.map((metric) => {
        const base = metric.get(results[0], kpisOf(results[0]));
        const format = kpiFormatter(metric.row.kpi.format);
        return {
          cells: [
            metric.label,
            ...results.map((r, i) => {
              const value = metric.get(r, kpisOf(r));
              return format(value) + (i === 0 ? '' : difference(metric.row, base, value));
            }),
          ],
        };
      });
      out.print(
        `${chalk.bold(printable(scenario.name))}  ${chalk.dim(`seed ${scenario.seed} · ${queueId ? `queue ${queueId}` : 'all queues'} · same customers in every variant; differences against the first`)}\n\n` +
          renderTable(['', ...variants.map((v) => v.label)], rows),
      );
    });
}
