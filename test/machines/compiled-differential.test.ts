import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, createMachine, setup } from 'xstate';
import { customerFirstCallbackMachine } from '../../src/machines/customer-first-callback.js';
import type { MachineEngine } from '../../src/machines/engine.js';
import { attempt, enginePair, eventArb, MACHINES, queriesOf, type Driven } from './compiled-harness.js';
import { randomNestedMachine, randomSeedArb } from './compiled-nested-random.js';

const ENTITIES = 4;

/** A pending timer the host delivers now. */
interface Fired {
  entity: number;
  id: string;
  event: { type: string };
}

type Command =
  | { kind: 'start'; entity: number; input: unknown }
  | { kind: 'send'; entity: number; event: { type: string } }
  | { kind: 'fire'; pick: number }
  | { kind: 'release'; entity: number };

/** Random commands over `ENTITIES` entities (`entities` fewer to keep each entity's runs longer). */
function commandArb(input: fc.Arbitrary<unknown>, event: fc.Arbitrary<{ type: string }>, entities = ENTITIES): fc.Arbitrary<Command> {
  const entity = fc.integer({ min: 0, max: entities - 1 });
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('start' as const), entity, input }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('send' as const), entity, event }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('fire' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), entity }) },
  );
}

/** Applies one command to one engine, the way the world would. */
function apply(driven: Driven, command: Command, fired: Fired | undefined) {
  const { engine, host } = driven;
  switch (command.kind) {
    case 'start':
      return attempt(() => engine.start(command.entity, command.input));
    case 'send':
      return attempt(() => engine.send(command.entity, command.event));
    case 'fire':
      if (!fired) return { value: undefined };
      host.timers.delete(`${fired.entity}|${fired.id}`);
      return attempt(() => engine.send(fired.entity, fired.event));
    case 'release':
      host.dropTimers(command.entity);
      return attempt(() => engine.release(command.entity));
  }
}

/** What can be observed of an engine: its host calls, transitions, and every entity's state and context. */
function observe(driven: Driven) {
  const { engine, host } = driven;
  return {
    calls: host.calls,
    pending: [...host.timers.keys()],
    transitions: engine.transitions,
    entities: Array.from({ length: ENTITIES }, (_, e) => ({
      state: attempt(() => engine.stateOf(e)),
      context: attempt(() => engine.contextOf(e)),
      // Each context value read on its own (`read`) is the one in the whole context.
      reads: attempt(() => {
        const keyed = engine as unknown as MachineEngine<unknown, { type: string }, Record<string, unknown>>;
        return Object.fromEntries(Object.keys(engine.contextOf(e) as object).map((key) => [key, keyed.read(e, key)]));
      }),
    })),
  };
}

/**
 * Runs `commands` on a fresh XState and compiled engine pair; after each, the
 * two must have made the same host calls and show the same states and
 * contexts, and the entity the command touched (the only one whose state can
 * have changed) must answer `hasTag` and `can` alike, without either query
 * changing what is observed. A `fire` command fires the same pending timer on
 * both (picked on the XState side).
 */
function replayOnBoth(machine: Parameters<typeof enginePair>[0], commands: readonly Parameters<typeof apply>[1][]): void {
  const { xstate, compiled } = enginePair(machine);
  for (const command of commands) {
    let fired: Fired | undefined;
    if (command.kind === 'fire' && xstate.host.timers.size > 0) {
      const timers = [...xstate.host.timers.values()];
      const timer = timers[command.pick % timers.length];
      fired = { entity: timer.entity, id: timer.id, event: timer.event };
    }
    expect(apply(compiled, command, fired)).toEqual(apply(xstate, command, fired));
    const seen = observe(compiled);
    expect(seen).toEqual(observe(xstate));
    const entity = command.kind === 'fire' ? fired?.entity : command.entity;
    if (entity === undefined) continue;
    expect(queriesOf(compiled, machine, entity)).toEqual(queriesOf(xstate, machine, entity));
    // The queries ran guards only: no host call, transition, state or context changed.
    expect(observe(compiled)).toEqual(seen);
  }
}

describe('the compiled engine behaves exactly like the XState engine', () => {
  for (const { name, machine, input } of MACHINES) {
    it(`${name}: random event sequences and timer interleavings give identical host calls, states, contexts and counts`, () => {
      fc.assert(
        fc.property(fc.array(commandArb(input, eventArb(machine)), { minLength: 1, maxLength: 80 }), (commands) => {
          replayOnBoth(machine, commands);
        }),
        { numRuns: 300 },
      );
    });
  }

  for (const { name, machine, input } of MACHINES) {
    it(`${name}: the same holds when starts reuse a few frozen inputs (the compiled engine copies the context it made of each)`, () => {
      const frozen = fc.array(input, { minLength: 1, maxLength: 3 }).map((inputs) => inputs.map((i) => Object.freeze(i)));
      const commands = (inputs: unknown[]) =>
        fc.array(
          commandArb(fc.nat({ max: inputs.length - 1 }).map((k) => inputs[k]), eventArb(machine)),
          { minLength: 1, maxLength: 80 },
        );
      fc.assert(
        fc.property(frozen.chain((inputs) => commands(inputs)), (list) => {
          replayOnBoth(machine, list);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('random machines of nested states: random event sequences and timer interleavings agree too', () => {
    const machineAndCommands = randomSeedArb.chain((seed) => {
      const machine = randomNestedMachine(seed);
      // Two entities, long runs: deep configurations are reached only after several events.
      return fc.tuple(fc.constant(machine), fc.array(commandArb(fc.constant(undefined), eventArb(machine), 2), { minLength: 1, maxLength: 120 }));
    });
    fc.assert(
      fc.property(machineAndCommands, ([machine, commands]) => {
        replayOnBoth(machine, commands);
      }),
      { numRuns: 600 },
    );
  });

  it('gives each start its own copy of objects its context factory makes, even from the same frozen input', () => {
    const machine = setup({
      types: { context: {} as { items: number[]; n: number }, input: {} as { n: number } },
      actions: { add: assign({ items: ({ context }) => [...context.items, context.n] }) },
    }).createMachine({
      id: 'fresh',
      initial: 'a',
      context: ({ input }) => ({ items: [], n: input.n }),
      states: { a: { on: { ADD: { actions: 'add' } } } },
    });
    const { xstate, compiled } = enginePair(machine);
    const input = Object.freeze({ n: 1 });
    for (const d of [xstate, compiled]) {
      d.engine.start(0, input);
      d.engine.start(1, input);
      d.engine.send(0, { type: 'ADD' });
    }
    expect(compiled.engine.contextOf(0)).toEqual({ items: [1], n: 1 });
    expect(compiled.engine.contextOf(1)).toEqual({ items: [], n: 1 });
    expect(compiled.engine.contextOf(1)).toEqual(xstate.engine.contextOf(1));
    const items = (entity: number) => (compiled.engine.contextOf(entity) as { items: number[] }).items;
    expect(items(0)).not.toBe(items(1));
  });

  it('copes with event types and state names that are not plain identifiers', () => {
    const types = ['it\'s', 'a "quoted" one', 'back\\slash', 'line\nbreak', '\u2028', '*/ }'];
    const name = (i: number) => `s${i}${['', '\u2028 }', '\n */ }', ' "q"'][i % 4]}`;
    const machine = createMachine({
      id: 'odd-types',
      initial: 's0',
      // State names appear in the generated code's comments: odd ones too.
      states: Object.fromEntries(types.map((type, i) => [name(i), { on: { [type]: name((i + 1) % types.length) } }])),
    });
    const { xstate, compiled } = enginePair(machine);
    for (const d of [xstate, compiled]) {
      d.engine.start(0, undefined);
      for (const type of [...types, 'nothing', ...types]) d.engine.send(0, { type });
    }
    expect(compiled.host.calls).toEqual(xstate.host.calls);
    expect(compiled.engine.stateOf(0)).toBe(xstate.engine.stateOf(0));
    expect(compiled.engine.transitions).toBe(xstate.engine.transitions);
  });

  it('agrees on contexts whose values change kind between entities (columns widen)', () => {
    const BUSY_PLACED = { type: 'PLACED', plan: { response: 'busy', answer: 'noAnswer', signalDelay: 1, ringDuration: 0, patience: 0, talk: 0, wrapUp: 0 } } as { type: string };
    const { xstate, compiled } = enginePair(customerFirstCallbackMachine);
    const base = {
      maxRetryCount: 2,
      retryDelay: 1000,
      retryOn: ['busy'],
      dueDelay: 0,
      enableAutoDialAndEnd: false,
      autoDialDelay: 0,
      liveVoiceReaction: 'HangUp',
      machineReaction: 'HangUp',
      assignToQueueOnExpiration: false,
    };
    const odd = [
      base,
      { ...base, maxRetryCount: '2', dueDelay: '0', enableAutoDialAndEnd: 'no', retryOn: ['busy', 1] },
      { ...base, liveVoiceReaction: null, autoDialDelay: undefined, retryDelay: 2.5 },
      ...Array.from({ length: 300 }, (_, i) => ({ ...base, machineReaction: `reaction-${i}` })),
    ];
    odd.forEach((input, entity) => {
      for (const d of [xstate, compiled]) {
        d.engine.start(entity, input);
        d.engine.send(entity, { type: 'DIAL' });
        d.engine.send(entity, BUSY_PLACED);
      }
    });
    expect(compiled.host.calls).toEqual(xstate.host.calls);
    odd.forEach((_, entity) => {
      expect(compiled.engine.stateOf(entity)).toBe(xstate.engine.stateOf(entity));
      expect(compiled.engine.contextOf(entity)).toEqual(xstate.engine.contextOf(entity));
    });
  });
});
