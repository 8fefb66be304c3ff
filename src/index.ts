/**
 * `cbsim` as a library: load and validate scenarios, run them once or as
 * replications, read the KPI catalogue and the event types, and bring your
 * own pacing policy through the pacing contract. `cbsim/testing` holds the
 * kit for property tests.
 */
export { scenarioFromFile, scenarioFromObject, scenarioFromText, type LoadResult } from './api/load.js';
export { formatIssue, scenarioJsonSchema, type ScenarioIssue, type ScenarioOverrides } from './scenario/index.js';
export type { CallbackMode, PacingSpec, QueueCallbackSettings, QueueConfig, Scenario } from './model/scenario.js';
export { OUTPUT_VERSION, simulate, type RunResult, type SimulateOptions } from './runner/simulate.js';
export { combine, replicate, replicationSeeds, type Estimated, type ReplicatedResult, type ReplicateOptions } from './runner/replicate.js';
export { sweep, type SweepResult, type SweepSpec } from './api/sweep.js';
export type { CellSummary } from './runner/sweep.js';
export type { SweepManifest, SweepRow } from './runner/sweep-plan.js';
export { ENGINES, type EngineName } from './contact-center/world.js';
export { KPI_CATALOGUE, kpi, type KpiDefinition, type KpiDirection, type KpiFormat, type KpiKey, type KpiUnit } from './metrics/kpi-catalogue.js';
export { SIM_EVENT_TYPES, type SimEvent, type SimEventOf, type SimEventType } from './model/events.js';
export { ABANDON_CEILING } from './model/regulation.js';
export { erlangA, erlangC, type ErlangAResult, type ErlangCResult, type QueueInputs } from './model/erlang.js';
export {
  PACING_CONTRACT_VERSION,
  type OptionsSchema,
  type PacingContext,
  type PacingCounts,
  type PacingFactory,
  type PacingModule,
  type PacingOutcome,
  type PacingPolicy,
  type PacingView,
} from './pacing/contract.js';
export { BUILTIN_POLICY_NAMES, type BuiltinPolicyName } from './pacing/builtins.js';
export { loadPacingModules, PacingError, preparePacing, registerPacingModule } from './pacing/library.js';
