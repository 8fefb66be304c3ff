import chalk from 'chalk';
import { Command } from 'commander';
import { ContactCenter } from '../contact-center/world.js';
import { csvCell } from '../model/csv.js';
import { parseDuration } from '../model/duration.js';
import { momentToSimTime } from '../scenario/resolve.js';
import { parseMoment } from '../scenario/time.js';
import { CliError } from './errors.js';
import { describeIssues, loadPolicies, loadScenario } from './load-scenario.js';
import type { Output } from './run-command.js';
import { renderTable } from './table.js';
import { printable } from '../model/printable.js';
import { scenarioLimits } from './options.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface CallbacksOptions {
  at: string;
  queue?: string;
  csv?: boolean;
  json?: boolean;
  seed?: string;
  set?: string[];
}

const COLUMNS = ['id', 'queue', 'kind', 'scheduled', 'callee', 'number', 'state', 'owner'] as const;

/** `cbsim callbacks FILE --at 3d12:00`: the Scheduled Callbacks view at a moment of simulated time. */
export function callbacksCommand(out: Output): Command {
  return new Command('callbacks')
    .description(COMMAND_DESCRIPTIONS.callbacks)
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--at <moment>', 'when: 3d12:00 (local 12:00 on the 3rd day after the start day), 36h (after the start), or an ISO date-time')
    .option('--queue <id>', 'only this queue')
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON')
    .option('--seed <n>', "override the scenario's seed")
    .option('--set <path=value>', 'override any field (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .addHelpText('after', '\nExamples:\n  $ cbsim callbacks scenarios/every-callback-kind.yaml --at 1d09:55\n  $ cbsim callbacks scenarios/every-callback-kind.yaml --at 2d --csv > scheduled.csv')
    .action(async (file: string, options: CallbacksOptions) => {
      const loaded = loadScenario(file, { seed: options.seed, set: options.set }, scenarioLimits(options, true));
      await loadPolicies(loaded.scenario);
      if (loaded.warnings.length > 0) out.error(describeIssues(loaded.warnings));
      const { scenario } = loaded;
      const moment = parseMoment(options.at, parseDuration);
      if (!moment) throw new CliError(`--at: "${options.at}" is not a moment; use 3d12:00, a duration such as 36h, or an ISO date-time`);
      const world = new ContactCenter(scenario);
      const at = momentToSimTime(moment, world.calendar);
      if (at < 0 || at > scenario.duration) {
        throw new CliError(`--at: ${options.at} is outside the run (from ${world.calendar.formatLocal(0)} to ${world.calendar.formatLocal(scenario.duration)})`);
      }
      if (options.queue && !scenario.queues.some((q) => q.id === options.queue)) {
        throw new CliError(`--queue: no queue "${options.queue}"; queues are ${scenario.queues.map((q) => q.id).join(', ')}`);
      }
      world.runUntil(at);
      const rows = world
        .scheduledView()
        .filter((r) => !options.queue || r.queue === options.queue)
        .map((r) => ({
          id: r.label ?? `#${r.id}`,
          queue: r.queue,
          kind: r.kind,
          scheduled: world.calendar.formatLocal(r.scheduledAt),
          callee: r.callee,
          number: r.number,
          state: r.state,
          owner: r.owner,
        }));
      if (options.json) {
        out.print(JSON.stringify({ at: world.calendar.formatLocal(at), callbacks: rows }, null, 2));
      } else if (options.csv) {
        out.print([COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(printable(r[c] ?? ''))).join(','))].join('\n'));
      } else {
        out.print(chalk.bold(`Scheduled callbacks at ${world.calendar.formatLocal(at)} — ${rows.length}`));
        out.print(renderTable([...COLUMNS], rows.map((r) => ({ cells: COLUMNS.map((c) => printable(String(r[c] ?? ''))) })), 'left'));
      }
    });
}
