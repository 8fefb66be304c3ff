import { printable } from '../model/printable.js';

/** One problem found in a scenario. */
export interface ScenarioIssue {
  severity: 'error' | 'warning';
  /** The file name as given, or the command-line option (`--seed`, `--duration`, `--set`) the problem came from. */
  file: string;
  /** 1-based line of the offending value (or key, for unknown keys); absent for command-line options. */
  line?: number;
  /** 1-based column, with `line`. */
  col?: number;
  /** Field path such as `queues[0].callback.pacingModifier`; empty when the problem is not about one field. */
  path: string;
  /** What is wrong, naming the value as written and what is allowed. */
  message: string;
  /** A likely fix, such as `did you mean "retryDelay"?`. */
  suggestion?: string;
  /** The value as written (source text, or the command-line value), when the message names it. */
  value?: string;
  /** What is allowed there, in words, when the message says. */
  allowed?: string;
}

/** Formats an issue as `file:line:col: error: <path>: <message> (<suggestion>)`, control characters escaped. */
export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.col ?? 1}`;
  const path = issue.path ? `${issue.path}: ` : '';
  const hint = issue.suggestion ? ` (${issue.suggestion})` : '';
  return printable(`${where}: ${issue.severity}: ${path}${issue.message}${hint}`);
}

/** Orders issues: command-line options first, then by line and column; stable otherwise. */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const key = (i: ScenarioIssue) => (i.line === undefined ? -1 : i.line * 1e6 + (i.col ?? 0));
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.index - b.index)
    .map((x) => x.issue);
}

/** Thrown when a scenario has errors; carries every error found, sorted, and formats them all as its message. */
export class ScenarioError extends Error {
  /** Every error found, in file order. */
  readonly issues: ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    const sorted = sortIssues(issues);
    super(sorted.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = sorted;
  }
}
