import chalk from 'chalk';
import { Command } from 'commander';
import { ContactCenter } from '../contact-center/world.js';
import type { SimEvent } from '../model/events.js';
import { PROGRESS_EVERY_EVENTS } from '../runner/simulate.js';
import { formatDuration } from '../model/duration.js';
import { CliError } from './errors.js';
import { describeIssues, loadPolicies, loadScenario } from './load-scenario.js';
import { numberOption, scenarioLimits } from './options.js';
import { progressFor, runDetail } from './progress.js';
import type { Output } from './run-command.js';
import { renderTable } from './table.js';
import { printable } from '../model/printable.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface TraceOptions {
  callback: string;
  json?: boolean;
  seed?: string;
  duration?: string;
  warmup?: string;
  set?: string[];
  progress: boolean;
}

/** Names an agent by its index in the run, as `group#n` (the way scenarios and the Scheduled Callbacks view name them). */
type AgentName = (agent: number) => string;

/** Whether an event concerns callback `id` (and, for calls, the call it came from). */
function concerns(event: SimEvent, id: number, originCall: { value: number }): boolean {
  if ('callback' in event && event.callback === id) {
    if (event.type === 'call.callbackAccepted' || event.type === 'call.voicemail') originCall.value = event.call;
    return true;
  }
  return false;
}

/** What a callback waits for before its dial is permitted, in words. */
const PERMIT_WAIT_WORDS = { hours: "the customer's calling hours", lockout: 'the redial lockout after a compliance abandon', attempts: "the attempt cap's window" } as const;

/** A one-line description of an event of a callback's life. */
function describe(event: SimEvent, agentName: AgentName): string {
  switch (event.type) {
    case 'callback.created':
      return `created (${event.kind}, ${event.mode}) at position ${formatDuration(event.position)}`;
    case 'callback.state':
      return `${event.from || '—'} → ${chalk.bold(event.to)}  ${chalk.dim(`on ${event.event}`)}`;
    case 'callback.dialed':
      return `dial attempt ${event.attempt} to ${event.number} with caller ID ${event.callerId}${event.callerName ? ` (${event.callerName})` : ''}${event.agent >= 0 ? ` by agent ${agentName(event.agent)}` : ''}`;
    case 'callback.attemptEnded':
      return `attempt ${event.attempt} ended: ${event.result}${event.result !== 'connected' && event.outcome && event.outcome !== event.result ? ` (really ${event.outcome})` : ''}`;
    case 'callback.answered':
      return 'customer answered; waiting for an agent';
    case 'callback.connected':
      return `connected to agent ${agentName(event.agent)}`;
    case 'callback.ended':
      return `ended ${chalk.bold(event.end)} after ${event.attempts} attempt(s)`;
    case 'callback.permitWait':
      return `may not dial yet: waits ${formatDuration(event.wait)} for ${PERMIT_WAIT_WORDS[event.reason]}`;
    case 'callback.dialedOutsideHours':
      return chalk.red("dialed outside the customer's calling hours");
    case 'callback.analyticsEnded':
      return `ended in analytics (no update for 14 days) while ${event.state}`;
    case 'call.callbackAccepted':
      return `caller of call ${event.call} accepted a callback after waiting ${formatDuration(event.t - event.arrivedAt)}`;
    case 'call.voicemail':
      return `caller of call ${event.call} left a voicemail after waiting ${formatDuration(event.t - event.arrivedAt)}`;
    case 'dialer.dialed':
      return `dialer: ${event.policy} pacing started the dial (${event.inFlight} in flight, bound ${event.bound})`;
    case 'operation':
      return `operation ${event.op}: ${event.applied ? 'applied' : `refused — ${event.reason}`}`;
    default:
      return event.type;
  }
}

/** The callback number `--callback` gives when it names no listed callback; anything else is refused naming the listed ids. */
function callbackNumber(text: string, listedIds: readonly string[]): number {
  if (/^\s*\d+\s*$/.test(text)) return numberOption('--callback', text, 1, Number.MAX_SAFE_INTEGER, true);
  const listed = listedIds.length > 0 ? `the listed callbacks are ${listedIds.join(', ')}` : 'the scenario lists no callbacks';
  throw new CliError(`--callback: "${text}" is neither a callback number (1, 2, … in order of creation) nor a listed callback's id; ${listed}`);
}

/** `cbsim trace FILE --callback ID`: every event and state change of one callback, in order. */
export function traceCommand(out: Output): Command {
  return new Command('trace')
    .description(COMMAND_DESCRIPTIONS.trace)
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--callback <id>', 'callback id (a number, as in the Scheduled Callbacks view, or a listed callback\'s name)')
    .option('--json', 'print the events as JSON')
    .option('--seed <n>', "override the scenario's seed")
    .option('--duration <duration>', "override the scenario's simulated horizon")
    .option('--warmup <duration>', "override the scenario's warm-up")
    .option('--set <path=value>', 'override any field (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--no-progress', 'show no progress on stderr')
    .addHelpText('after', '\nExamples:\n  $ cbsim trace scenarios/customer-first-pacing.yaml --callback 42\n  $ cbsim trace scenarios/every-callback-kind.yaml --callback vip-4 --json')
    .action(async (file: string, options: TraceOptions) => {
      const loaded = loadScenario(file, { seed: options.seed, duration: options.duration, warmup: options.warmup, set: options.set }, scenarioLimits(options, true));
      await loadPolicies(loaded.scenario);
      if (loaded.warnings.length > 0) out.error(describeIssues(loaded.warnings));
      const listed = loaded.scenario.callbacks.findIndex((c) => c.id === options.callback);
      let id = listed >= 0 ? -1 : callbackNumber(options.callback, loaded.scenario.callbacks.map((c) => c.id));
      const world = new ContactCenter(loaded.scenario);
      const agentName: AgentName = (agent) => world.agents.nameOf(agent);
      const events: SimEvent[] = [];
      const originCall = { value: -1 };
      world.events$.subscribe((event) => {
        if (id < 0 && event.type === 'callback.created' && listed >= 0) {
          const label = world.edits.describe(event.callback).label;
          if (label === options.callback) id = event.callback;
        }
        if (id >= 0 && concerns(event, id, originCall)) events.push(event);
      });
      const progress = progressFor(out, `tracing in ${loaded.scenario.name}`, options.progress);
      world.sim.onProgress(PROGRESS_EVERY_EVENTS, (handled, now) => progress.update(now / loaded.scenario.duration, runDetail(now, loaded.scenario.duration, handled)));
      world.finish();
      progress.done();
      if (events.length === 0) throw new CliError(`--callback: no callback ${options.callback} in this run (callbacks are numbered from 1 in order of creation)`);
      if (options.json) {
        out.print(JSON.stringify({ callback: id, label: listed >= 0 ? options.callback : null, events: events.map((e) => ({ ...e, ...('agent' in e && e.agent >= 0 && { agent: agentName(e.agent) }), at: world.calendar.formatLocal(e.t) })) }, null, 2));
        return;
      }
      out.print(chalk.bold(`Callback ${options.callback}${listed >= 0 ? ` (#${id})` : ''} — ${printable(loaded.scenario.name)}, seed ${loaded.scenario.seed}`));
      out.print(renderTable(['time', 'event'], events.map((e) => ({ cells: [world.calendar.formatLocal(e.t) + chalk.dim(`  +${formatDuration(e.t)}`), describe(e, agentName)] })), 'left'));
    });
}
