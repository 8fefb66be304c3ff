import fc from 'fast-check';
import { assign, setup } from 'xstate';

/** Input of the synthetic nested machine: how many bumps end it. */
export interface NestedInput {
  limit: number;
}

const noop = () => {};

/**
 * A synthetic machine that uses every nesting feature the compiled engine
 * supports, for the differential and graph tests: a compound state
 * `active` with entry / exit actions, initial actions, its own `after`
 * timers (a named and a numeric delay) that keep running while it moves
 * among its children, an `always` on the parent, a reentering transition to
 * itself, a non-reentering one, a reentering one to a child, a transition
 * from a child to its parent,
 * `.child` and `#nested.path` targets (into a grandchild, from outside),
 * tags on the parent, a child and a grandchild, a two-level child `b` with
 * its own initial child and an `always` on a grandchild, and a top-level
 * final state with entry and exit actions.
 */
export const nestedMachine = setup({
  types: {
    context: {} as { n: number; limit: number },
    input: {} as NestedInput,
    events: {} as { type: string; answerAtOnce?: boolean },
  },
  guards: {
    atLimit: ({ context }) => context.n >= context.limit,
    nearLimit: ({ context }) => context.n + 1 >= context.limit,
    flag: ({ event }) => event.answerAtOnce === true,
  },
  actions: {
    bump: assign(({ context }) => ({ n: context.n + 1 })),
    reset: assign({ n: 0 }),
    enterActive: noop,
    exitActive: noop,
    initActive: noop,
    enterA: noop,
    exitA: noop,
    enterB: noop,
    exitB: noop,
    enterB1: noop,
    note: noop,
    finish: noop,
    closed: noop,
  },
  delays: { patience: ({ context }) => 1_000 + context.n },
}).createMachine({
  id: 'nested',
  initial: 'idle',
  context: ({ input }) => ({ n: 0, limit: input.limit }),
  states: {
    idle: {
      tags: ['resting'],
      on: { GO: 'active', DEEP: { target: '#nested.active.b.b2', actions: 'bump' }, END: 'done' },
    },
    active: {
      tags: ['busy'],
      entry: 'enterActive',
      exit: 'exitActive',
      initial: { target: 'a', actions: 'initActive' },
      after: { patience: 'idle', 5_000: { target: '.b', actions: 'note' } },
      always: { guard: 'atLimit', target: 'done' },
      on: {
        RESTART: { target: 'active', reenter: true, actions: 'bump' },
        SELF: { target: 'active', actions: 'note' },
        STEP: { actions: 'bump' },
        STOP: 'idle',
        TOB: '.b',
        REB: { target: '.b', reenter: true },
        CLEAR: { actions: 'reset' },
        NOTHING: {},
      },
      states: {
        a: {
          tags: ['first'],
          entry: 'enterA',
          exit: 'exitA',
          after: { 300: 'b' },
          on: { NEXT: 'b', STEP: { guard: 'flag', target: 'b', actions: 'bump' }, UP: '#nested.active' },
        },
        b: {
          entry: 'enterB',
          exit: 'exitB',
          initial: 'b1',
          on: { NEXT: 'a', BACK: { target: 'b', reenter: true }, STEP: [{ guard: 'nearLimit' }, { actions: 'note' }] },
          states: {
            b1: { entry: 'enterB1', always: { guard: 'flag', target: 'b2' }, on: { NEXT: 'b2' } },
            b2: { tags: ['deep'], on: { NEXT: '#nested.idle', UP: '..', FIN: '#nested.done' } },
          },
        },
      },
    },
    done: { type: 'final', tags: ['over'], entry: 'finish', exit: 'closed' },
  },
});

/** Random inputs of the nested machine. */
export const nestedInputArb: fc.Arbitrary<NestedInput> = fc.record({ limit: fc.integer({ min: 1, max: 3 }) });
