import { pathToFileURL } from 'node:url';
import { PacingError } from './pacing-error.js';
import type { PacingSpec, Scenario } from '../model/scenario.js';
import { BUILTIN_POLICIES, isBuiltinPolicy } from './builtins.js';
import { ABANDON_CEILING } from '../model/regulation.js';
import { PACING_CONTRACT_VERSION, type OptionsSchema, type PacingContext, type PacingModule, type PacingPolicy } from './contract.js';

export { PacingError };

/** Policy modules loaded in this process, by absolute path. */
const loaded = new Map<string, PacingModule>();

/** Whether `value` has the shape of a policy module (a default export that is a function). */
function isPacingModule(value: unknown): value is PacingModule {
  return typeof value === 'object' && value !== null && typeof (value as { default?: unknown }).default === 'function';
}

function isOptionsSchema(value: unknown): value is OptionsSchema {
  return typeof value === 'object' && value !== null && typeof (value as { '~standard'?: { validate?: unknown } })['~standard']?.validate === 'function';
}

/**
 * Makes a policy module available to runs in this process under `path`
 * (what a scenario's `pacing.module` resolves to), without importing a
 * file: for programs that build their policy in code.
 */
export function registerPacingModule(path: string, module: PacingModule): void {
  if (!isPacingModule(module)) throw new PacingError(`${path}: a pacing module needs a default export that is a policy factory (options, context) => policy`);
  if (module.optionsSchema !== undefined && !isOptionsSchema(module.optionsSchema)) {
    throw new PacingError(`${path}: optionsSchema is not a schema (expected a Standard Schema such as a zod schema)`);
  }
  loaded.set(path, module);
}

/** Imports every policy module `scenario` names that is not loaded yet; a module that fails is a `PacingError` naming it. */
export async function loadPacingModules(scenario: Scenario): Promise<void> {
  for (const queue of scenario.queues) {
    const path = queue.callback.pacing.module;
    if (path === null || loaded.has(path)) continue;
    let module: unknown;
    try {
      module = await import(pathToFileURL(path).href);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ERR_MODULE_NOT_FOUND' ? 'no such file' : String((error as Error).message ?? error).split('\n')[0];
      throw new PacingError(`${path}: cannot load pacing module (queue "${queue.id}"): ${reason}`);
    }
    registerPacingModule(path, module as PacingModule);
  }
}

/** The issues `schema` finds in `options`, as `path: message` lines. */
function optionIssues(schema: OptionsSchema, options: unknown, where: string): string[] {
  const result = schema['~standard'].validate(options);
  if (result instanceof Promise) throw new PacingError(`${where}: the policy's optionsSchema validates asynchronously; cbsim needs a synchronous schema`);
  if (result.issues === undefined) return [];
  return result.issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
    return `options${path ? `.${path}` : ''}: ${issue.message}`;
  });
}

/**
 * Makes the policy `spec` names for the queue `context` describes: a
 * built-in, or a loaded module's factory given the options its schema
 * accepts. `PacingError` when the module is not loaded, the options are
 * refused, or the factory fails or returns no policy.
 */
export function createPolicy(spec: PacingSpec, context: PacingContext): PacingPolicy {
  const where = `queue "${context.queue}": pacing policy ${spec.name}`;
  let module: PacingModule;
  if (spec.module === null) {
    if (!isBuiltinPolicy(spec.name)) throw new PacingError(`${where}: no built-in policy has this name`);
    module = { default: BUILTIN_POLICIES[spec.name].factory, optionsSchema: BUILTIN_POLICIES[spec.name].optionsSchema };
  } else {
    const found = loaded.get(spec.module);
    if (found === undefined) throw new PacingError(`${where}: module ${spec.module} is not loaded (call loadPacingModules(scenario) before running it)`);
    module = found;
  }
  if (module.optionsSchema !== undefined) {
    const issues = optionIssues(module.optionsSchema, spec.options, where);
    if (issues.length > 0) throw new PacingError(`${where} refuses its options:\n  ${issues.join('\n  ')}`);
  }
  let policy: unknown;
  try {
    policy = module.default(spec.options, context);
  } catch (error) {
    throw new PacingError(`${where}: the factory failed: ${(error as Error)?.message ?? String(error)}`);
  }
  if (typeof policy !== 'object' || policy === null || typeof (policy as PacingPolicy).decide !== 'function') {
    throw new PacingError(`${where}: the factory returned ${policy === null ? 'null' : typeof policy}, not a policy with a decide(view) method`);
  }
  const p = policy as PacingPolicy;
  if (p.wake !== undefined && !(typeof p.wakeEvery === 'number' && p.wakeEvery >= 1000 && Number.isFinite(p.wakeEvery))) {
    throw new PacingError(`${where}: a policy with wake() needs wakeEvery, a whole number of ms of at least 1000; got ${String(p.wakeEvery)}`);
  }
  if (p.recentWindow !== undefined && !(typeof p.recentWindow === 'number' && p.recentWindow > 0 && Number.isFinite(p.recentWindow))) {
    throw new PacingError(`${where}: recentWindow must be a positive number of ms; got ${String(p.recentWindow)}`);
  }
  if (p.idleGated !== undefined && typeof p.idleGated !== 'boolean') {
    throw new PacingError(`${where}: idleGated must be true or false; got ${JSON.stringify(p.idleGated) ?? String(p.idleGated)}`);
  }
  return p;
}

/** What the dialer tells the factory of the policy of `queue`. */
export function pacingContextOf(queue: Scenario['queues'][number]): PacingContext {
  return { queue: queue.id, modifier: queue.callback.pacingModifier, ceiling: ABANDON_CEILING, contractVersion: PACING_CONTRACT_VERSION };
}

/**
 * Loads the policy modules `scenario` names and makes every Customer First
 * queue's policy once, so that a module that does not load, a factory that
 * fails or options a policy refuses are found before any simulation.
 */
export async function preparePacing(scenario: Scenario): Promise<void> {
  await loadPacingModules(scenario);
  for (const queue of scenario.queues) {
    if (queue.callback.mode === 'CustomerFirst') createPolicy(queue.callback.pacing, pacingContextOf(queue));
  }
}
