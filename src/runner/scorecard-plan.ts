/** What a scorecard runs: the policies, each over a grid of its own knob, on each situation. */
import { basename, extname } from 'node:path';
import { BUILTIN_POLICY_NAMES, isBuiltinPolicy } from '../pacing/builtins.js';
import { POLICY_KNOBS } from '../pacing/knobs.js';
import type { Scenario } from '../model/scenario.js';
import { planSweep } from './sweep.js';
import { parseAxis, type SweepCell, type SweepManifest } from './sweep-plan.js';

/** One policy of a scorecard: a built-in or a module, and the values of its knob it is tried at. */
export interface ScorecardPolicy {
  /** How tables name it: the built-in's name, or the module's file name without its extension. */
  label: string;
  /** The built-in's name, or null for a module. */
  name: string | null;
  /** The module's absolute path, or null for a built-in. */
  module: string | null;
  /** The option varied and its values; null runs the policy once, with its default options. */
  knob: { option: string; values: Array<number | string> } | null;
}

/** A problem with `--policies` or `--grid`, said as the user wrote it. */
export class ScorecardPlanError extends Error {}

/** How a scorecard item names a module rather than a built-in: a path, or a JavaScript file name. */
const looksLikeModule = (item: string) => /[\\/]/.test(item) || /\.(c|m)?js$/.test(item);

/** A value of a `--grid` as written: a number when it reads as one. */
const gridValue = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

/**
 * The policies of `--policies a,b,./mine.js` with the grids of `--grid
 * label:option=values` (values as `sweep --set` takes them). A built-in
 * without a `--grid` is tried over its default knob grid; a module
 * without one runs once. `resolveModule` turns a module's path as written
 * into an absolute one that exists (or throws).
 */
export function scorecardPolicies(list: string, grids: readonly string[], resolveModule: (path: string) => string): ScorecardPolicy[] {
  const items = list.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new ScorecardPlanError(`--policies: "${list}" has an empty item; list policies separated by commas, e.g. genesys,predictive,./my-pacer.js`);
  const policies = items.map((item): ScorecardPolicy => {
    if (looksLikeModule(item)) {
      const module = resolveModule(item);
      return { label: basename(module, extname(module)), name: null, module, knob: null };
    }
    if (!isBuiltinPolicy(item)) {
      throw new ScorecardPlanError(`--policies: "${item}" is not a built-in pacing policy (${BUILTIN_POLICY_NAMES.join(', ')}) nor a module path (./file.js)`);
    }
    const knob = POLICY_KNOBS[item];
    return { label: item, name: item, module: null, knob: { option: knob.option, values: [...knob.grid] } };
  });
  const labels = policies.map((p) => p.label);
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice !== undefined) throw new ScorecardPlanError(`--policies: "${twice}" is listed twice; list each policy once`);
  for (const grid of grids) {
    const colon = grid.indexOf(':');
    const label = colon > 0 ? grid.slice(0, colon).trim() : '';
    const policy = policies.find((p) => p.label === label);
    if (policy === undefined) {
      throw new ScorecardPlanError(`--grid: "${grid}" names ${label === '' ? 'no policy' : `"${label}", which is not one of --policies (${labels.join(', ')})`}; write policy:option=values, e.g. ${labels[0]}:modifier=1..5`);
    }
    const axis = parseAxis(grid.slice(colon + 1));
    if ('error' in axis) throw new ScorecardPlanError(`--grid: ${axis.error}`);
    if (axis.path.includes('.')) throw new ScorecardPlanError(`--grid: "${axis.path}" is not an option name; write policy:option=values`);
    const values = axis.values.map(gridValue);
    const repeated = axis.values.find((v, i) => axis.values.indexOf(v) !== i);
    if (repeated !== undefined) throw new ScorecardPlanError(`--grid: ${label}: the value ${repeated} is listed twice`);
    policy.knob = { option: axis.path, values };
  }
  return policies;
}

/** The scenario value of `pacing:` for one setting of a policy (JSON, which the `--set` reader takes as YAML). */
function pacingValue(policy: ScorecardPolicy, value: number | string | null): string {
  const options = policy.knob === null || value === null ? {} : { [policy.knob.option]: value };
  return JSON.stringify(policy.module === null ? { name: policy.name, options } : { module: policy.module, options });
}

/** The label of one setting of a policy: `genesys modifier=3`, or the policy alone. */
export function settingLabel(policy: ScorecardPolicy, value: number | string | null): string {
  return policy.knob === null || value === null ? policy.label : `${policy.label} ${policy.knob.option}=${value}`;
}

/** Every setting of every policy, in order: the policy, the knob's value (null for a policy run once) and its cell. */
export interface ScorecardSetting {
  policy: number;
  value: number | string | null;
}

/** The settings of `policies`, policy by policy, each knob's values in the order given. */
export function scorecardSettings(policies: readonly ScorecardPolicy[]): ScorecardSetting[] {
  return policies.flatMap((p, policy): ScorecardSetting[] => (p.knob === null ? [{ policy, value: null }] : p.knob.values.map((value) => ({ policy, value }))));
}

/** The ids of the Customer First queues of a scenario: the queues a scorecard's policies pace. */
export function customerFirstQueues(scenario: Scenario): string[] {
  return scenario.queues.filter((q) => q.callback.mode === 'CustomerFirst').map((q) => q.id);
}

/**
 * The sweep of one situation: one cell per setting, each setting the
 * policy on every Customer First queue of the scenario, and the same
 * replication seeds in every cell (common random numbers).
 */
export function situationManifest(spec: {
  file: string;
  scenario: Scenario;
  modules: Record<string, string>;
  version: string;
  policies: readonly ScorecardPolicy[];
  replications: number;
  engine: string;
  duration: string | null;
}): SweepManifest {
  const queues = customerFirstQueues(spec.scenario);
  const cells: SweepCell[] = scorecardSettings(spec.policies).map((s, index) => ({
    index,
    label: settingLabel(spec.policies[s.policy], s.value),
    set: queues.map((q) => `queues.${q}.callback.pacing=${pacingValue(spec.policies[s.policy], s.value)}`),
  }));
  const axes = [{ path: 'pacing', values: cells.map((c) => c.label) }];
  const manifest = planSweep({ file: spec.file, scenario: spec.scenario, modules: spec.modules, version: spec.version, axes, replications: spec.replications, engine: spec.engine, duration: spec.duration });
  return { ...manifest, cells, cellsListed: true };
}
