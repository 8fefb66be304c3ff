import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { enginePair } from './compiled-harness.js';

/** A machine whose transitions cover every answer `can` can give. */
const machine = setup({
  types: { context: {} as { n: number; open: boolean }, events: {} as { type: string; ok?: boolean } },
  guards: { isOpen: ({ context }) => context.open, okay: ({ event }) => event.ok === true },
  actions: { bump: assign(({ context }) => ({ n: context.n + 1 })), close: assign({ open: false }), note: () => {} },
}).createMachine({
  id: 'queries',
  initial: 'a',
  context: { n: 0, open: true },
  states: {
    a: {
      tags: ['start', 'shared'],
      on: {
        GO: { guard: 'isOpen', target: 'b' },
        BUMP: { actions: 'bump' },
        STAY: 'a',
        // A forbidden transition: selected, but neither target nor actions.
        BLOCK: [{ guard: 'okay' }, { target: 'b' }],
        CLOSE: { actions: 'close' },
      },
    },
    b: { tags: ['shared'], on: { BACK: 'a', END: 'done' } },
    done: { type: 'final', tags: ['over'] },
  },
});

describe('hasTag and can answer as XState snapshots do, on both engines', () => {
  it('answers the same on both engines and changes nothing', () => {
    const { xstate, compiled } = enginePair(machine);
    const answers = ({ engine }: typeof xstate) => {
      engine.start(0, undefined);
      const out: unknown[] = [];
      const probe = () =>
        out.push({
          state: engine.stateOf(0),
          tags: ['start', 'shared', 'over', 'none'].filter((tag) => engine.hasTag(0, tag)),
          can: ['GO', 'BUMP', 'STAY', 'BLOCK', 'CLOSE', 'BACK', 'END', 'NOPE'].filter((type) => engine.can(0, { type })),
          canOk: engine.can(0, { type: 'BLOCK', ok: true } as { type: string }),
          context: engine.contextOf(0),
        });
      probe();
      for (const type of ['CLOSE', 'GO', 'BUMP', 'BLOCK', 'END']) {
        engine.send(0, { type });
        probe();
      }
      return { out, calls: engine.transitions };
    };
    const expected = answers(xstate);
    expect(answers(compiled)).toEqual(expected);
    expect(expected.out[0]).toEqual({
      state: 'a',
      tags: ['start', 'shared'],
      can: ['GO', 'BUMP', 'STAY', 'BLOCK', 'CLOSE'],
      canOk: false,
      context: { n: 0, open: true },
    });
    // Closed: the guard of GO fails (context read), and nothing ran while asking.
    expect(expected.out[1]).toMatchObject({ state: 'a', can: ['BUMP', 'STAY', 'BLOCK', 'CLOSE'], context: { n: 0, open: false } });
    expect(expected.out[4]).toMatchObject({ state: 'b', tags: ['shared'], can: ['BACK', 'END'] });
    expect(expected.out.at(-1)).toEqual({ state: 'done', tags: ['over'], can: [], canOk: false, context: { n: 1, open: false } });
  });
});
