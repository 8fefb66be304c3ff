import chalk from 'chalk';
import * as z from 'zod';
import type { Scenario } from '../model/scenario.js';
import { estimateWork, overBudget, type WorkBudget, type WorkEstimate } from '../runner/work-estimate.js';
import { formatIssue, parseScenario, ScenarioError, type ScenarioIssue, type ScenarioOverrides } from '../scenario/index.js';
import { PacingError, preparePacing } from '../pacing/library.js';
import { CliError } from './errors.js';
import { DEFAULT_MAX_INPUT_BYTES, formatSize, readScenarioInput } from './scenario-input.js';

// A command parses its scenario once or a few times: zod's compiled fast path (code it generates
// on a schema's first use) costs more to build than it saves, so the command line goes without it.
z.config({ jitless: true });

/** A scenario loaded from a file, with the warnings found while validating it. */
export interface LoadedScenario {
  /** The name errors give the input: the path, or `<stdin>`. */
  file: string;
  /** The text read (a command that runs workers hands them this, not the path, so stdin works too). */
  text: string;
  scenario: Scenario;
  warnings: ScenarioIssue[];
  /** The estimated work of one run. */
  work: WorkEstimate;
}

/** What a command lets a scenario cost: bytes read, and (for commands that simulate) the work of a run. */
export interface ScenarioLimits {
  maxInputBytes: number;
  /** Absent: the work is not checked (the command does not simulate). */
  work?: WorkBudget;
}

/** A scenario refused: every issue, for printing or as JSON (`validate --json`). */
export class ScenarioRefused extends CliError {
  constructor(readonly issues: ScenarioIssue[]) {
    super(describeIssues(issues));
    this.name = 'ScenarioRefused';
  }
}

const count = (n: number) => (n >= 1e6 ? n.toExponential(2).replace('e+', 'e') : Math.round(n).toLocaleString('en-US'));

/** The error for a run estimated beyond the budget: the estimate, the limit and how to raise it. */
function workIssue(file: string, e: WorkEstimate, budget: WorkBudget, over: Array<'events' | 'memory'>): ScenarioIssue {
  const limits = over.map((what) =>
    what === 'events'
      ? `more than the limit of ${count(budget.maxEvents)} events (raise it with --max-events N)`
      : `more than the limit of ${formatSize(budget.maxMemoryBytes)} of memory (raise it with --max-memory SIZE)`,
  );
  return {
    severity: 'error', file, path: '',
    message:
      `a run is estimated at ${count(e.events)} events (${count(e.arrivals)} arrivals, ${count(e.callbacks)} callbacks), ` +
      `${count(e.peakEntities)} entities alive at once and ${formatSize(e.memoryBytes)} of memory: ${limits.join(' and ')}; ` +
      'or shorten the horizon with --duration, or lower the rates',
  };
}

/**
 * Reads (within the size cap) and validates a scenario (`-` for stdin), and
 * with a work budget refuses one whose estimated run exceeds it. Any problem
 * becomes a `ScenarioRefused` or `CliError` (status 2).
 */
export function loadScenario(file: string, overrides: ScenarioOverrides = {}, limits: ScenarioLimits = { maxInputBytes: DEFAULT_MAX_INPUT_BYTES }): LoadedScenario {
  const { name, text } = readScenarioInput(file, limits.maxInputBytes);
  let parsed: ReturnType<typeof parseScenario>;
  try {
    parsed = parseScenario(text, name, overrides);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioRefused(error.issues);
    throw error;
  }
  const work = checkWork(name, parsed.scenario, limits.work);
  return { file: name, text, scenario: parsed.scenario, warnings: parsed.warnings, work };
}

/** Estimates the work of a run of `scenario` and, given a budget, refuses (`ScenarioRefused`) one beyond it; `file` names it in the error. */
export function checkWork(file: string, scenario: Scenario, budget: WorkBudget | undefined): WorkEstimate {
  const work = estimateWork(scenario);
  const over = budget ? overBudget(work, budget) : [];
  if (budget && over.length > 0) throw new ScenarioRefused([workIssue(file, work, budget, over)]);
  return work;
}

/** Loads and checks the scenario's pacing policies (see `preparePacing`); a bad policy becomes a `CliError` (status 2). */
export async function loadPolicies(scenario: Scenario): Promise<void> {
  try {
    await preparePacing(scenario);
  } catch (error) {
    if (error instanceof PacingError) throw new CliError(error.message);
    throw error;
  }
}

/** Formats issues one per line, errors in red and warnings in yellow. */
export function describeIssues(issues: readonly ScenarioIssue[]): string {
  return issues
    .map((issue) => {
      const text = formatIssue(issue);
      return issue.severity === 'error' ? chalk.red(text) : chalk.yellow(text);
    })
    .join('\n');
}
