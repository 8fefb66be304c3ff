import chalk from 'chalk';
import { Command, CommanderError } from 'commander';
import { callbacksCommand } from './callbacks-command.js';
import { compareCommand } from './compare-command.js';
import { erlangCommand } from './erlang-command.js';
import { CliError } from './errors.js';
import { PacingError } from '../pacing/library.js';
import { reportCommand } from './report-command.js';
import { runCommand, type Output } from './run-command.js';
import { mergeCommand } from './merge-command.js';
import { addLimitOptions } from './options.js';
import { schemaCommand } from './schema-command.js';
import { sweepCommand } from './sweep-command.js';
import { traceCommand } from './trace-command.js';
import { tuneCommand } from './tune-command.js';
import { validateCommand } from './validate-command.js';
import { VERSION } from './version.js';

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
const SCENARIO_COMMANDS = ['run', 'validate', 'compare', 'sweep', 'tune', 'callbacks', 'trace'];

/** Builds the `cbsim` command tree. */
export function buildProgram(out: Output): Command {
  const program = new Command('cbsim')
    .description('Simulate contact-center callbacks (Genesys Cloud rules): Agent First and Customer First, pacing, retries, KPIs')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => out.print(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) })
    .addHelpText('after', '\nExamples:\n  $ cbsim run scenarios/support-agent-first.yaml\n  $ cbsim validate scenarios/support-agent-first.yaml\n  $ cbsim compare scenarios/customer-first-pacing.yaml --set queues.callbacks.callback.mode=AgentFirst,CustomerFirst\n  $ cbsim erlang --calls-per-hour 720 --aht 4m');
  program.addCommand(runCommand(out));
  program.addCommand(validateCommand(out));
  program.addCommand(compareCommand(out));
  program.addCommand(sweepCommand(out));
  program.addCommand(mergeCommand(out));
  program.addCommand(tuneCommand(out));
  program.addCommand(callbacksCommand(out));
  program.addCommand(traceCommand(out));
  program.addCommand(erlangCommand(out.print));
  program.addCommand(schemaCommand(out));
  program.addCommand(reportCommand(out));
  for (const command of program.commands) {
    if (SCENARIO_COMMANDS.includes(command.name())) addLimitOptions(command, true);
    command.showHelpAfterError('(run with --help for usage)');
    command.configureOutput({ writeOut: (s) => out.print(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) });
  }
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (as `process.argv`); returns the exit status. */
export async function main(argv: string[], out: Output = defaultOutput()): Promise<number> {
  const program = buildProgram(out);
  try {
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
