import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { agentMachine, type AgentInput } from '../../src/machines/agent.js';
import { callbackMachine, type CallbackInput } from '../../src/machines/callback.js';
import { compiledEngine, eventTypes, tagNames } from './compiled-harness.js';
import { nestedMachine } from './compiled-nested-machine.js';

/**
 * Model-based: the paths @xstate/graph finds through each machine (XState's
 * own snapshots after every step) replayed on the compiled engine, checking
 * the leaf state, the context and the tags after each step.
 */

/** The leaf state key of a snapshot value (no parallel states). */
function leaf(value: unknown): string {
  let v = value;
  while (typeof v === 'object' && v !== null) v = Object.values(v)[0];
  return String(v);
}

interface Path {
  steps: Array<{ event: { type: string }; state: AnyMachineSnapshot }>;
}

/** Every event type of the machine, with payload variants for the events that carry one. */
function events(machine: AnyStateMachine, variants: ReadonlyArray<Record<string, unknown>>): Array<{ type: string }> {
  return eventTypes(machine).flatMap((type) => variants.map((payload) => ({ type, ...payload })));
}

/** The paths @xstate/graph finds (`shortest` or `simple`) from `input`, trying `events` in every state. */
function graphPaths(kind: 'shortest' | 'simple', machine: AnyStateMachine, input: unknown, events: Array<{ type: string }>): Path[] {
  const find = kind === 'shortest' ? getShortestPaths : getSimplePaths;
  return find(machine, { input, events }) as unknown as Path[];
}

function replay(machine: AnyStateMachine, input: unknown, paths: readonly Path[]): number {
  const { engine } = compiledEngine(machine);
  const tags = tagNames(machine);
  const tagsOf = (entity: number) => tags.filter((tag) => engine.hasTag(entity, tag));
  const expected = (snapshot: AnyMachineSnapshot) => tags.filter((tag) => snapshot.hasTag(tag));
  let checked = 0;
  paths.forEach((path, entity) => {
    const [first, ...rest] = path.steps;
    expect(first.event.type).toBe('xstate.init');
    engine.start(entity, input);
    expect(engine.stateOf(entity)).toBe(leaf(first.state.value));
    expect(engine.contextOf(entity)).toEqual(first.state.context);
    expect(tagsOf(entity)).toEqual(expected(first.state));
    for (const step of rest) {
      engine.send(entity, step.event);
      expect({ after: step.event.type, state: engine.stateOf(entity) }).toEqual({ after: step.event.type, state: leaf(step.state.value) });
      expect(engine.contextOf(entity)).toEqual(step.state.context);
      expect(tagsOf(entity)).toEqual(expected(step.state));
      checked++;
    }
  });
  return checked;
}

const base: CallbackInput = {
  mode: 'AgentFirst',
  maxRetryCount: 1,
  retryDelay: 600_000,
  retryOn: ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'],
  dueDelay: 0,
  enableAutoDialAndEnd: false,
  autoDialDelay: 300_000,
  liveVoiceReaction: 'TransferToQueue',
  machineReaction: 'HangUp',
  assignToQueueOnExpiration: true,
};

/** Inputs that take every guard both ways. */
const callbackInputs: CallbackInput[] = (['AgentFirst', 'CustomerFirst'] as const).flatMap((mode) =>
  (['TransferToQueue', 'HangUp', 'TransferToFlow'] as const).flatMap((liveVoiceReaction) =>
    (['TransferToQueue', 'HangUp', 'TransferToFlow'] as const).flatMap((machineReaction) =>
      [0, 1].map((variant) => ({
        ...base,
        mode,
        liveVoiceReaction,
        machineReaction,
        dueDelay: variant ? 3_600_000 : 0,
        enableAutoDialAndEnd: variant === 1,
        assignToQueueOnExpiration: variant === 0,
        retryOn: variant ? (['busy', 'fax'] as CallbackInput['retryOn']) : base.retryOn,
        maxRetryCount: variant ? 0 : 1,
      })),
    ),
  ),
);

const callbackEvents = events(callbackMachine, [{ dialDelay: 5_000, dueDelay: 60_000 }]);
const agentEvents = events(agentMachine, [
  { alertingTimeout: 8_000, answerAtOnce: false, wrapUp: true },
  { alertingTimeout: 12_000, answerAtOnce: true, wrapUp: false },
]);
const agentInputs: AgentInput[] = [{ notRespondingTime: 30_000 }, { notRespondingTime: 0 }];

describe('paths found by @xstate/graph replay on the compiled engine', () => {
  it('callback: shortest paths, for inputs that take every guard both ways', () => {
    const reached = new Set<string>();
    let steps = 0;
    for (const input of callbackInputs) {
      const paths = graphPaths('shortest', callbackMachine, input, callbackEvents);
      for (const p of paths) reached.add(String(p.steps.at(-1)!.state.value));
      steps += replay(callbackMachine, input, paths);
    }
    expect(steps).toBeGreaterThan(100);
    // every state a callback can rest in is reached (`created` is left at once by its `always` transitions)
    const states = Object.entries(callbackMachine.root.states).filter(([, node]) => !node.always);
    for (const [state] of states) expect(reached).toContain(state);
  });

  it('callback: simple paths, Agent First and Customer First', () => {
    for (const input of [callbackInputs[0], callbackInputs.find((i) => i.mode === 'CustomerFirst' && i.dueDelay > 0)!]) {
      const paths = graphPaths('simple', callbackMachine, input, callbackEvents);
      expect(paths.length).toBeGreaterThan(50);
      replay(callbackMachine, input, paths);
    }
  });

  it('agent: shortest and simple paths', () => {
    for (const input of agentInputs) {
      const shortest = graphPaths('shortest', agentMachine, input, agentEvents);
      const simple = graphPaths('simple', agentMachine, input, agentEvents);
      expect(simple.length).toBeGreaterThan(shortest.length);
      const reached = new Set(simple.map((p) => String(p.steps.at(-1)!.state.value)));
      for (const state of Object.keys(agentMachine.root.states)) expect(reached).toContain(state);
      replay(agentMachine, input, shortest);
      replay(agentMachine, input, simple);
    }
  });

  it('nested: shortest paths reach every leaf, and simple paths through parent timers, reentry and #id targets', () => {
    const nestedEvents = events(nestedMachine, [{ answerAtOnce: false }, { answerAtOnce: true }]);
    const reached = new Set<string>();
    let steps = 0;
    for (const limit of [1, 2, 3]) {
      const shortest = graphPaths('shortest', nestedMachine, { limit }, nestedEvents);
      for (const p of shortest) reached.add(leaf(p.steps.at(-1)!.state.value));
      steps += replay(nestedMachine, { limit }, shortest);
    }
    expect(steps).toBeGreaterThan(20);
    expect([...reached].sort()).toEqual(['a', 'b1', 'b2', 'done', 'idle']);
    // Simple paths grow fast with the context: a few events that move through the tree.
    const few = ['GO', 'STEP', 'NEXT', 'RESTART', 'UP', 'xstate.after.300.nested.active.a', 'xstate.after.patience.nested.active', 'FIN'];
    const simple = graphPaths('simple', nestedMachine, { limit: 2 }, few.map((type) => ({ type })));
    expect(simple.length).toBeGreaterThan(100);
    replay(nestedMachine, { limit: 2 }, simple);
  });
});
