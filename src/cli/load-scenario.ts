import { readFileSync } from 'node:fs';
import chalk from 'chalk';
import type { Scenario } from '../model/scenario.js';
import { formatIssue, parseScenario, ScenarioError, type ScenarioIssue, type ScenarioOverrides } from '../scenario/index.js';
import { PacingError, preparePacing } from '../pacing/library.js';
import { CliError } from './errors.js';

/** A scenario loaded from a file, with the warnings found while validating it. */
export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  warnings: ScenarioIssue[];
}

/** Reads and validates a scenario file; a missing file or a bad scenario becomes a `CliError` (status 2). */
export function loadScenario(file: string, overrides: ScenarioOverrides = {}): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`${file}: cannot read scenario: ${reason}`);
  }
  try {
    const { scenario, warnings } = parseScenario(text, file, overrides);
    return { file, scenario, warnings };
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError(describeIssues(error.issues));
    throw error;
  }
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
