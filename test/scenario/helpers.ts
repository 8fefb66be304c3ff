import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseScenario, ScenarioError, type ScenarioIssue, type ScenarioOverrides } from '../../src/scenario/index.js';

/** Text of a file under test/fixtures/scenarios. */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/scenarios/${name}`, import.meta.url)), 'utf8');
}

/** The issues of a scenario that must fail to load. */
export function errorsOf(text: string, file = 'test.yaml', overrides?: ScenarioOverrides): ScenarioIssue[] {
  try {
    parseScenario(text, file, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).issues;
  }
  throw new Error('expected the scenario to be rejected');
}

/** The single issue at a field path. */
export function issueAt(issues: readonly ScenarioIssue[], path: string): ScenarioIssue {
  const hits = issues.filter((i) => i.path === path);
  expect(hits.map((i) => i.path), `issues: ${JSON.stringify(issues, null, 1)}`).toEqual([path]);
  return hits[0];
}

/**
 * A small valid scenario whose queue's callback block is `callback` (lines
 * indented six spaces; the first callback line is line 7).
 */
export function withCallback(callback: string): string {
  return `name: t
duration: 1d
queues:
  - id: support
    ani: "+15550100100"
    callback:
${callback}
agents:
  - group: tier1
    count: 5
    queues: [support]
`;
}

/** The minimal valid scenario, optionally with extra top-level YAML appended. */
export function minimal(extra = ''): string {
  return withCallback('      mode: AgentFirst') + extra;
}
