/**
 * `cbsim/testing`: a kit for property tests of dialing rules and pacing
 * policies with fast-check — arbitraries of valid scenarios, a recorder of a
 * run's events, and checkers of the dialing rules over a recorded run, each
 * returning a readable failure.
 */
export { arbitraryScenario, type Range, type ScenarioShape } from './arbitraries.js';
export { arbitraryPermitScenario, type PermitShape } from './permit-arbitraries.js';
export { agents, builtinPacing, callbackSettings, inbound, queue, scenario, type CallbackSettingsOverrides } from './builders.js';
export {
  checkAttemptLimit,
  checkCountsAddUp,
  checkDialingRules,
  checkDialsInFlight,
  checkNoCallbackLost,
  checkRetrySpacing,
  checkRouteLines,
  type RuleCheck,
} from './checkers.js';
export { eventsOfType, recordRun, type RecordedRun } from './recorder.js';
