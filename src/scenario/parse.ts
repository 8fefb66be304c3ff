import type { Scenario } from '../model/scenario.js';
import { crossChecks } from './checks.js';
import { draftsFromZod, locate } from './drafts.js';
import { ScenarioError, sortIssues, type ScenarioIssue } from './issues.js';
import { defaultMessages } from './messages.js';
import { applyOverrides, type ScenarioOverrides } from './overrides.js';
import { resolveScenario } from './resolve.js';
import { scenarioRules } from './rules.js';
import { scenarioFileSchema } from './schema.js';
import { readSource } from './source.js';
import { scenarioWarnings } from './warnings.js';

/**
 * Loads a scenario from YAML or JSON text: applies command-line overrides,
 * validates, fills in defaults and converts durations to ms. Throws a
 * `ScenarioError` carrying every error found; returns the warnings otherwise.
 */
export function parseScenario(text: string, file: string, overrides: ScenarioOverrides = {}): { scenario: Scenario; warnings: ScenarioIssue[] } {
  const read = readSource(text, file);
  if (!read.data) throw new ScenarioError(read.errors);
  const { data, source } = read;
  const { marks, issues } = applyOverrides(data, overrides);
  const parsed = scenarioFileSchema.safeParse(data, { error: defaultMessages, reportInput: true });
  const drafts = [...(parsed.success ? [] : draftsFromZod(parsed.error.issues)), ...crossChecks(data)];
  const errors = [...issues, ...drafts.map((d) => locate(d, source, marks))];
  if (!parsed.success || errors.length > 0) throw new ScenarioError(errors);
  const scenario = resolveScenario(parsed.data, file);
  const rules = scenarioRules(scenario, data).map((d) => locate(d, source, marks));
  const ruleErrors = rules.filter((issue) => issue.severity === 'error');
  if (ruleErrors.length > 0) throw new ScenarioError(ruleErrors);
  const warnings = [
    ...read.warnings,
    ...rules.filter((issue) => issue.severity === 'warning'),
    ...scenarioWarnings(scenario, data).map((d) => locate(d, source, marks)),
  ];
  return { scenario, warnings: sortIssues(warnings) };
}
