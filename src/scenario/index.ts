/** Loading, validating and resolving scenario files. Reads no files and prints nothing. */
export { formatIssue, ScenarioError, type ScenarioIssue } from './issues.js';
export type { ScenarioOverrides } from './overrides.js';
export { parseScenario } from './parse.js';
export { scenarioJsonSchema } from './json-schema.js';
