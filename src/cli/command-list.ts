import type { Command } from 'commander';
import type { Output } from './run-command.js';

/** The commands, in the order `cbsim --help` lists them. */
export const COMMAND_NAMES = ['run', 'validate', 'compare', 'sweep', 'merge', 'tune', 'scorecard', 'callbacks', 'trace', 'erlang', 'schema', 'report'] as const;

/** One of `COMMAND_NAMES`. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What each command does, in one line: its own help and the list of `cbsim --help` both show it. */
export const COMMAND_DESCRIPTIONS: Readonly<Record<CommandName, string>> = {
  run: 'simulate a scenario and print its KPIs',
  validate: 'check a scenario file without running it (- reads stdin); exits 2 if it has errors, or if run would refuse it',
  compare: 'run variants of one scenario on the same customers (same seed: common random numbers) and show them side by side',
  sweep: 'run a grid of settings × replications (common random numbers across cells), resumable and shardable',
  merge: 'join the directories of shards of one sweep into one (rows kept once each, summary recomputed)',
  tune: 'find the pacing modifier (and policy) that maximises an objective while the abandon-after-answer rate stays under a ceiling with 95% confidence',
  scorecard: 'score pacing policies, each over a grid of its knob, on a battery of situations: the best occupancy each reaches while the upper 95% bound of its compliance abandon rate stays under the ceiling',
  callbacks: 'list the scheduled callbacks at a moment of simulated time (the Scheduled Callbacks view)',
  trace: 'print the life of one callback: every state change and event with its simulated time',
  erlang: 'queueing theory for one queue: Erlang C, or Erlang A (callers who abandon) with --patience',
  schema: 'print the JSON Schema of scenario files (for editor completion and validation)',
  report: 'write a self-contained HTML report (KPI table with 95% intervals, charts as inline SVG) of a sweep directory',
};

/**
 * How to build each command. Only the command a run names is loaded, so that
 * `cbsim --help` or `cbsim validate` does not load the simulator or the
 * charting library.
 */
export const COMMAND_LOADERS: Readonly<Record<CommandName, (out: Output) => Promise<Command>>> = {
  run: async (out) => (await import('./run-command.js')).runCommand(out),
  validate: async (out) => (await import('./validate-command.js')).validateCommand(out),
  compare: async (out) => (await import('./compare-command.js')).compareCommand(out),
  sweep: async (out) => (await import('./sweep-command.js')).sweepCommand(out),
  merge: async (out) => (await import('./merge-command.js')).mergeCommand(out),
  tune: async (out) => (await import('./tune-command.js')).tuneCommand(out),
  scorecard: async (out) => (await import('./scorecard-command.js')).scorecardCommand(out),
  callbacks: async (out) => (await import('./callbacks-command.js')).callbacksCommand(out),
  trace: async (out) => (await import('./trace-command.js')).traceCommand(out),
  erlang: async (out) => (await import('./erlang-command.js')).erlangCommand(out.print),
  schema: async (out) => (await import('./schema-command.js')).schemaCommand(out),
  report: async (out) => (await import('./report-command.js')).reportCommand(out),
};
