import chalk from 'chalk';
import { Command, CommanderError } from 'commander';
import { COMMAND_DESCRIPTIONS, COMMAND_LOADERS, COMMAND_NAMES, type CommandName } from './command-list.js';
import { CliError } from './errors.js';
import { PacingError } from '../pacing/pacing-error.js';
import type { Output } from './run-command.js';
import { VERSION } from '../runner/version.js';

export { VERSION };

/** What an internal error (exit status 1) adds: it is a bug, how to report it, and how to see the stack. */
export const BUG_REPORT_LINE = 'this is a bug in cbsim; please report it with the command you ran and the scenario file (run again with CBSIM_DEBUG=1 to print the stack trace)';

function defaultOutput(): Output {
  return {
    print: (text) => process.stdout.write(`${text}\n`),
    error: (text) => process.stderr.write(`${text}\n`),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** The commands that read and simulate a scenario: they take the input and work limits. */
const SCENARIO_COMMANDS: readonly CommandName[] = ['run', 'validate', 'compare', 'sweep', 'tune', 'scorecard', 'callbacks', 'trace'];

/** The command `argv` (as `process.argv`) names, if any (`cbsim help run` names run). */
function commandIn(argv: readonly string[]): CommandName | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return (COMMAND_NAMES as readonly string[]).includes(name ?? '') ? (name as CommandName) : undefined;
}

/**
 * Builds the `cbsim` command tree for `argv`: the command it names is
 * loaded whole; the others are listed by name and description only, so that
 * a run loads only what its command needs.
 */
export async function buildProgram(out: Output, argv: readonly string[]): Promise<Command> {
  const program = new Command('cbsim')
    .description('Simulate contact-center callbacks (Genesys Cloud rules): Agent First and Customer First, pacing, retries, KPIs')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => out.print(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) })
    .addHelpText('after', '\nExamples:\n  $ cbsim run scenarios/support-agent-first.yaml\n  $ cbsim validate scenarios/support-agent-first.yaml\n  $ cbsim compare scenarios/customer-first-pacing.yaml --set queues.callbacks.callback.mode=AgentFirst,CustomerFirst\n  $ cbsim erlang --calls-per-hour 720 --aht 4m');
  const named = commandIn(argv);
  for (const name of COMMAND_NAMES) {
    if (name !== named) {
      program.addCommand(new Command(name).description(COMMAND_DESCRIPTIONS[name]));
      continue;
    }
    const command = await COMMAND_LOADERS[name](out);
    if (SCENARIO_COMMANDS.includes(name)) (await import('./options.js')).addLimitOptions(command, true);
    program.addCommand(command);
  }
  for (const command of program.commands) {
    command.showHelpAfterError('(run with --help for usage)');
    command.configureOutput({ writeOut: (s) => out.print(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) });
  }
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (as `process.argv`); returns the exit status. */
export async function main(argv: string[], out: Output = defaultOutput()): Promise<number> {
  try {
    const program = await buildProgram(out, argv);
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    // A policy that fails while a run is under way stops it: its message names the policy, the time and what it saw.
    if (error instanceof PacingError) {
      out.error(chalk.red(`cbsim: ${error.message}`));
      return 2;
    }
    if (error instanceof CliError) {
      if (error.message !== '') out.error(error.message.includes('\x1b[') ? error.message : chalk.red(error.message));
      return error.exitCode;
    }
    out.error(chalk.red(`cbsim: internal error: ${(error as Error)?.message ?? String(error)}`));
    out.error(BUG_REPORT_LINE);
    if (process.env.CBSIM_DEBUG) out.error(String((error as Error)?.stack));
    return 1;
  }
}
