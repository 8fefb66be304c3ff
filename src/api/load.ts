import { readFileSync } from 'node:fs';
import type { Scenario } from '../model/scenario.js';
import { parseScenario, ScenarioError, type ScenarioIssue, type ScenarioOverrides } from '../scenario/index.js';

/** A scenario loaded, with its warnings, or every error that kept it from loading (the CLI's own messages, as data). */
export type LoadResult = { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly ScenarioIssue[] } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

function load(text: string, name: string, overrides: ScenarioOverrides): LoadResult {
  try {
    const { scenario, warnings } = parseScenario(text, name, overrides);
    return { ok: true, scenario, warnings };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, issues: error.issues };
    throw error;
  }
}

/** Loads a scenario from YAML or JSON text; `name` is what issues call it and where pacing modules are found from. */
export function scenarioFromText(text: string, name = '<text>', overrides: ScenarioOverrides = {}): LoadResult {
  return load(text, name, overrides);
}

/** Loads a scenario from a plain object shaped as a scenario file (issues name fields by path; there are no lines). */
export function scenarioFromObject(file: unknown, name = '<object>', overrides: ScenarioOverrides = {}): LoadResult {
  let text: string;
  try {
    text = JSON.stringify(file);
  } catch (error) {
    return { ok: false, issues: [{ severity: 'error', file: name, path: '', message: `cannot be read as a scenario: ${(error as Error).message}` }] };
  }
  if (typeof text !== 'string') return { ok: false, issues: [{ severity: 'error', file: name, path: '', message: 'is not a scenario: expected an object' }] };
  const result = load(text, name, overrides);
  // Places in the JSON made from the object mean nothing to its author: issues name the field path alone.
  const unplaced = (issues: readonly ScenarioIssue[]) => issues.map(({ line: _line, col: _col, ...issue }) => issue);
  return result.ok ? { ...result, warnings: unplaced(result.warnings) } : { ok: false, issues: unplaced(result.issues) };
}

/** Loads a scenario file; a file that cannot be read is an issue like any other. */
export function scenarioFromFile(path: string, overrides: ScenarioOverrides = {}): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, issues: [{ severity: 'error', file: path, path: '', message: `cannot read scenario: ${reason}` }] };
  }
  return load(text, path, overrides);
}
