import fc from 'fast-check';
import { assign, setup, type AnyStateMachine } from 'xstate';

/** The event types random nested machines handle. */
export const RANDOM_EVENTS = ['E0', 'E1', 'E2', 'E3'] as const;

/** A small deterministic generator (mulberry32) driven by a seed fast-check picks. */
function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const noop = () => {};

/**
 * A random machine of compound states up to three levels deep (unique keys
 * `s0`, `s1`, …, and a top-level final state `end`), built from `seed`:
 * entry and exit actions, an `after` timer here and there, and on each
 * state guarded candidates for the random events with targets anywhere in
 * the tree (by `#id`), `reenter` or not, targetless ones with actions, and
 * forbidden ones. No `always` (random eventless transitions could loop
 * forever); the synthetic nested machine covers those.
 */
export function randomNestedMachine(seed: number): AnyStateMachine {
  const pick = generator(seed);
  const paths: string[] = [];
  let count = 0;
  const build = (depth: number, path: string): Record<string, Record<string, unknown>> => {
    const states: Record<string, Record<string, unknown>> = {};
    const children = 1 + pick(3);
    for (let i = 0; i < children; i++) {
      const key = `s${count++}`;
      const own = `${path}.${key}`;
      paths.push(own);
      const node: Record<string, unknown> = { entry: [`in_${key}`], exit: [`out_${key}`], tags: pick(2) ? [`t${pick(3)}`] : [] };
      if (depth < 3 && pick(2)) {
        node.states = build(depth + 1, own);
        node.initial = Object.keys(node.states as object)[pick(Object.keys(node.states as object).length)];
      }
      states[key] = node;
    }
    return states;
  };
  const states = build(1, 'rnd');
  paths.push('rnd.end');
  const target = () => `#${paths[pick(paths.length)]}`;
  const candidate = (): Record<string, unknown> => {
    const c: Record<string, unknown> = {};
    const guard = pick(4);
    if (guard < 3) c.guard = ['even', 'odd', 'flag'][guard];
    const kind = pick(6);
    if (kind < 4) c.target = target();
    if (kind < 2) c.reenter = true;
    if (kind === 4 || pick(3) === 0) c.actions = pick(2) ? 'bump' : 'note';
    return c;
  };
  const decorate = (nodes: Record<string, Record<string, unknown>>): void => {
    for (const node of Object.values(nodes)) {
      const on: Record<string, unknown> = {};
      for (const type of RANDOM_EVENTS) if (pick(2)) on[type] = Array.from({ length: 1 + pick(2) }, candidate);
      node.on = on;
      if (pick(4) === 0) node.after = { [100 * (1 + pick(3))]: { target: target(), actions: 'note' } };
      if (node.states) decorate(node.states as Record<string, Record<string, unknown>>);
    }
  };
  decorate(states);
  const actions: Record<string, unknown> = { bump: assign(({ context }: { context: { n: number } }) => ({ n: context.n + 1 })), note: noop };
  for (let i = 0; i < count; i++) {
    actions[`in_s${i}`] = noop;
    actions[`out_s${i}`] = noop;
  }
  return setup({
    types: { context: {} as { n: number }, events: {} as { type: string; answerAtOnce?: boolean } },
    guards: {
      even: ({ context }) => context.n % 2 === 0,
      odd: ({ context }) => context.n % 2 === 1,
      flag: ({ event }) => event.answerAtOnce === true,
    },
    actions: actions as never,
  }).createMachine({
    id: 'rnd',
    initial: Object.keys(states)[0],
    context: { n: 0 },
    states: { ...states, end: { type: 'final', entry: 'note' } },
  } as never) as unknown as AnyStateMachine;
}

/** Seeds of random nested machines. */
export const randomSeedArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 0x7fffffff });
