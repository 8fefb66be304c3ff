/**
 * Hostile variants of the bundled scenarios, for the property that
 * `validate` is a gate (test/validation/validate-gate.test.ts) and its long
 * run (bench/fuzz-scenarios.ts): values deleted, duplicated, retyped and out
 * of range, references left dangling, hostile strings and keys. One module so
 * that the test and the script try the same cases.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { ROOT } from './cli.js';

/** The bundled scenarios' data, by file name. */
export const BUNDLED: ReadonlyArray<{ name: string; data: unknown }> = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((name) => ({ name, data: parse(readFileSync(join(ROOT, 'scenarios', name), 'utf8')) as unknown }));

const HOSTILE_STRINGS = [
  '__proto__', 'constructor', 'prototype', '\u001b]0;pwned\u0007', '\u001b[2J\u001b[H', 'a\u0000b', '\u009b31m', 'x'.repeat(5000),
  '', ' ', 'nope-queue', 'tier1#999', 'ghost#1', 'vip-404', '1e999', '-1', '0x10', '24:00', '31d', '0s', '-5m', '9999999d', 'NaN', '∞', 'always',
];
const ODD_NUMBERS = [-1, 0, 0.5, 1, 1.5, 11, 21, 101, 1001, -1001, 1e9, 1e15, -1e15, 2 ** 53, 1e308, 3.14159];

/** A value that replaces another. */
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...ODD_NUMBERS),
  fc.constantFrom(true, false, null, [], {}, [1, 2], { a: 1 }, { __proto__: null, x: 1 }),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1e6, max: 1e9 }),
);

/** One change to a scenario's data, at a place chosen by `steps` (a walk into the document). */
export type Mutation =
  | { kind: 'delete'; steps: number[] }
  | { kind: 'duplicate'; steps: number[] }
  | { kind: 'replace'; steps: number[]; value: unknown }
  | { kind: 'addKey'; steps: number[]; key: string; value: unknown }
  | { kind: 'reference'; steps: number[]; name: string }
  /** Replaces the `pick`-th leaf (any depth, chosen evenly) with a value. */
  | { kind: 'leaf'; pick: number; value: unknown }
  /** Points the `pick`-th reference-like field (queue, transferTo, owner, agent, cancel, …) at a name that does not exist. */
  | { kind: 'dangle'; pick: number; name: string };

const steps = fc.array(fc.nat({ max: 1000 }), { minLength: 0, maxLength: 6 });

/** Arbitrary mutations. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  steps.map((s): Mutation => ({ kind: 'delete', steps: s })),
  steps.map((s): Mutation => ({ kind: 'duplicate', steps: s })),
  fc.record({ steps, value: valueArb }).map((m): Mutation => ({ kind: 'replace', ...m })),
  fc.record({ steps, key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'queue', 'id', '\u001b[31m'), value: valueArb }).map((m): Mutation => ({ kind: 'addKey', ...m })),
  fc.record({ steps, name: fc.constantFrom('nope', 'support', 'tier1#1', 'tier1#999', 'vip-1', 'ghost#2', 'renewals') }).map((m): Mutation => ({ kind: 'reference', ...m })),
  fc.record({ pick: fc.nat(), value: valueArb }).map((m): Mutation => ({ kind: 'leaf', ...m })),
  fc.record({ pick: fc.nat(), name: fc.constantFrom('nope', 'ghost#1', 'tier1#999', 'vip-404', 'support', 'billing') }).map((m): Mutation => ({ kind: 'dangle', ...m })),
);

/** Keys whose values name a queue, agent or listed callback. */
const REFERENCE_KEY = /^(queue|queues|transferTo|owner|routeToMe|agent|cancel|callbacks)$/;

/** Every leaf (a value that is not a mapping or list) with its container and key; with `referencesOnly`, those under a reference-like key. */
function leaves(data: Container, referencesOnly: boolean): Array<{ parent: Container; key: string | number }> {
  const out: Array<{ parent: Container; key: string | number }> = [];
  const walk = (node: Container, underReference: boolean) => {
    for (const key of keysOf(node)) {
      const child = (node as Record<string | number, unknown>)[key];
      const reference = typeof key === 'string' ? REFERENCE_KEY.test(key) : underReference;
      if (isContainer(child)) walk(child, reference && Array.isArray(child));
      else if (!referencesOnly || reference) out.push({ parent: node, key });
    }
  };
  walk(data, false);
  return out;
}

/** A case: a bundled scenario, some mutations, and whether to write it as JSON. */
export interface MutationCase {
  scenario: number;
  mutations: Mutation[];
  json: boolean;
}

/** Arbitrary cases. */
export const caseArb: fc.Arbitrary<MutationCase> = fc.record({
  scenario: fc.nat({ max: BUNDLED.length - 1 }),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
  json: fc.boolean(),
});

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;
const keysOf = (c: Container): Array<string | number> => (Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c));

/** Walks `steps` into the data: the container reached and the key of the value to change there. */
function place(data: Container, walk: number[]): { parent: Container; key: string | number } | undefined {
  let parent: Container = data;
  for (let i = 0; ; i++) {
    const keys = keysOf(parent);
    if (keys.length === 0) return undefined;
    const key = keys[(walk[i] ?? 0) % keys.length];
    const child = (parent as Record<string | number, unknown>)[key];
    if (i + 1 >= walk.length || !isContainer(child)) return { parent, key };
    parent = child;
  }
}

/** Applies one mutation to the data in place. */
function apply(data: Container, m: Mutation): void {
  if (m.kind === 'leaf' || m.kind === 'dangle') {
    const all = leaves(data, m.kind === 'dangle');
    if (all.length === 0) return;
    const { parent, key } = all[m.pick % all.length];
    (parent as Record<string | number, unknown>)[key] = m.kind === 'leaf' ? structuredClone(m.value) : m.name;
    return;
  }
  const at = place(data, m.steps);
  if (!at) return;
  const { parent, key } = at;
  const slot = parent as Record<string | number, unknown>;
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete slot[key];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else slot[`${key}Copy`] = structuredClone(slot[key]);
      break;
    case 'replace':
      slot[key] = structuredClone(m.value);
      break;
    case 'addKey': {
      const target = isContainer(slot[key]) && !Array.isArray(slot[key]) ? (slot[key] as Record<string, unknown>) : Array.isArray(parent) ? undefined : (parent as Record<string, unknown>);
      if (target) Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
      break;
    }
    case 'reference':
      if (typeof slot[key] === 'string') slot[key] = m.name;
      break;
  }
}

/** The text of a case: the mutated scenario as YAML or JSON. */
export function caseText(c: MutationCase): string {
  const data = structuredClone(BUNDLED[c.scenario].data) as Container;
  for (const m of c.mutations) apply(data, m);
  return c.json ? JSON.stringify(data, null, 1) : stringify(data, { aliasDuplicateObjects: false });
}

/** What the CLI did with a case. */
export interface CaseOutcome {
  validate: number;
  /** The status of `run --duration 1h --set warmup=0s`, when validate accepted the case. */
  run?: number;
  /** Everything printed to stderr (for a failing case's report). */
  stderr: string;
}

async function cliStatus(args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const status = await main(['node', 'cbsim', ...args], { print: () => {}, error: (t) => (stderr += `${t}\n`), stderrIsTTY: false });
  return { status, stderr };
}

/** A scratch directory for case files; `dispose` removes it. */
export function scratch(): { file: (json: boolean) => string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cbsim-fuzz-'));
  return { file: (json) => join(dir, json ? 'case.json' : 'case.yaml'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `validate` on the case through the CLI entry, and `run` on a 1-hour horizon if it is accepted. */
export async function runCase(c: MutationCase, file: string): Promise<CaseOutcome> {
  writeFileSync(file, caseText(c));
  const validate = await cliStatus(['validate', file]);
  if (validate.status !== 0) return { validate: validate.status, stderr: validate.stderr };
  const run = await cliStatus(['run', file, '--duration', '1h', '--set', 'warmup=0s']);
  return { validate: validate.status, run: run.status, stderr: validate.stderr + run.stderr };
}

/** Whether an outcome keeps the gate's promise: only 0 or 2, and whatever validate accepts runs (0) or is refused as input (2). */
export function keepsPromise(o: CaseOutcome): boolean {
  return (o.validate === 0 || o.validate === 2) && (o.run === undefined || o.run === 0 || o.run === 2) && !/internal error/.test(o.stderr);
}
