import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { agentMachine, type AgentInput } from '../../src/machines/agent.js';
import { agentFirstCallbackMachine } from '../../src/machines/agent-first-callback.js';
import { callMachine, type CallInput } from '../../src/machines/call.js';
import type { AttemptPlan, CallbackInput } from '../../src/machines/callback-parts.js';
import { customerFirstCallbackMachine } from '../../src/machines/customer-first-callback.js';
import { reservationMachine } from '../../src/machines/reservation.js';
import { stateTags } from '../../src/machines/state-tags.js';
import { input } from './callback-steps.js';
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

/** The payload fields of the callback events that carry one; the others carry none. */
const CALLBACK_PAYLOAD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  PREVIEWED: ['dialDelay'],
  PLACED: ['plan'],
  RESCHEDULE: ['dueDelay'],
  PERMITTED: ['permitFor'],
  WAIT_FOR_HOURS: ['delay'],
  WAIT_FOR_LOCKOUT: ['delay'],
  WAIT_FOR_ATTEMPTS: ['delay'],
};

/**
 * Every event type of the machine, with payload variants for the events that carry one. Given the
 * fields each event reads, each distinct value of them is tried once (an event that reads none,
 * once), so that the search does not try the same event many times over.
 */
function events(machine: AnyStateMachine, variants: ReadonlyArray<Record<string, unknown>>, payloadFields?: Readonly<Record<string, readonly string[]>>): Array<{ type: string }> {
  return eventTypes(machine).flatMap((type) => {
    if (payloadFields === undefined) return variants.map((payload) => ({ type, ...payload }));
    const fields = payloadFields[type] ?? [];
    const seen = new Map<string, { type: string }>();
    for (const payload of variants) {
      const picked = Object.fromEntries(fields.map((f) => [f, payload[f]]));
      const key = JSON.stringify(picked, (_, v) => (v === Infinity ? 'Infinity' : v));
      if (!seen.has(key)) seen.set(key, { type, ...picked });
    }
    return [...seen.values()];
  });
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

const base: CallbackInput = input();

/** Inputs that take every guard both ways. */
const callbackInputs: CallbackInput[] = (['TransferToQueue', 'HangUp', 'TransferToFlow'] as const).flatMap((liveVoiceReaction) =>
  (['TransferToQueue', 'HangUp', 'TransferToFlow'] as const).flatMap((machineReaction) =>
    [0, 1].map((variant) => ({
      ...base,
      liveVoiceReaction,
      machineReaction,
      dueDelay: variant ? 3_600_000 : 0,
      enableAutoDialAndEnd: variant === 1,
      assignToQueueOnExpiration: variant === 0,
      retryOn: variant ? (['busy', 'fax'] as CallbackInput['retryOn']) : base.retryOn,
      maxRetryCount: variant ? 0 : 1,
      safeHarbourMessage: variant === 0,
      countAmdFalsePositives: variant === 1,
      checksPermit: variant === 1,
    })),
  ),
);

const LIVE: AttemptPlan = { response: 'ring', answer: 'live', signalDelay: 2_000, ringDuration: 10_000, patience: 30_000, talk: 300_000, wrapUp: 60_000, greeting: 0, trulyLive: true };
/** Attempt plans for every response and answer, and a conversation without wrap-up. */
const PLANS: AttemptPlan[] = [
  LIVE,
  { ...LIVE, answer: 'machine', patience: Infinity, trulyLive: false },
  { ...LIVE, answer: 'machine', patience: Infinity },
  { ...LIVE, greeting: 3_000 },
  { ...LIVE, answer: 'noAnswer' },
  { ...LIVE, response: 'busy' },
  { ...LIVE, response: 'fax' },
  { ...LIVE, response: 'invalid' },
  { ...LIVE, wrapUp: 0 },
];
/**
 * Every payload also carries a permit that lasts and a wait for the permit; one more, a permit that
 * lapses in an hour (every plan with both permits would multiply the contexts to explore for nothing).
 */
const callbackPayloads = [
  ...PLANS.map((plan) => ({ dialDelay: 5_000, dueDelay: 60_000, plan, permitFor: Infinity, delay: 1_800_000 })),
  { dialDelay: 5_000, dueDelay: 60_000, plan: LIVE, permitFor: 3_600_000, delay: 1_800_000 },
];
const CALLBACK_MACHINES = [agentFirstCallbackMachine, customerFirstCallbackMachine] as const;

const callInputs: CallInput[] = [
  { patience: 300_000, offerAfter: 60_000, acceptsOffer: false, voicemailAfter: 120_000, leavesVoicemail: false, flowAfter: 180_000, flowLoops: false },
  { patience: Infinity, offerAfter: 60_000, acceptsOffer: true, voicemailAfter: 30_000, leavesVoicemail: true, flowAfter: 20_000, flowLoops: true },
  { patience: 90_000, offerAfter: Infinity, acceptsOffer: false, voicemailAfter: Infinity, leavesVoicemail: false, flowAfter: 10_000, flowLoops: false },
];
const callEvents = events(callMachine, [
  { talk: 240_000, wrap: 30_000, at: 5_000, voicemailAfter: 60_000, leavesVoicemail: true, flowAfter: Infinity, flowLoops: false },
  { talk: 60_000, wrap: 0, at: 5_000, voicemailAfter: Infinity, leavesVoicemail: false, flowAfter: 15_000, flowLoops: true },
]);
const agentEvents = events(agentMachine, [
  { alertingTimeout: 8_000, answerTime: 5_000, wrapUp: true },
  { alertingTimeout: 12_000, answerTime: 0, wrapUp: false },
]);
const agentInputs: AgentInput[] = [{ notRespondingTime: 30_000 }, { notRespondingTime: 0 }];

describe('paths found by @xstate/graph replay on the compiled engine', () => {
  for (const machine of CALLBACK_MACHINES) {
    const callbackEvents = events(machine, callbackPayloads, CALLBACK_PAYLOAD_FIELDS);
    it(`${machine.id}: shortest paths, for inputs that take every guard both ways, reach every state`, () => {
      const reached = new Set<string>();
      let steps = 0;
      for (const input of callbackInputs) {
        const paths = graphPaths('shortest', machine, input, callbackEvents);
        for (const p of paths) reached.add(leaf(p.steps.at(-1)!.state.value));
        steps += replay(machine, input, paths);
      }
      expect(steps).toBeGreaterThan(100);
      // every state a callback can rest in is reached (`created` is left at once by its `always` transitions)
      for (const state of stateTags(machine).keys()) if (state !== 'created') expect(reached).toContain(state);
    });

    it(`${machine.id}: simple paths through the lifecycle (every attempt answered live, or none answered)`, () => {
      const operations = ['CANCEL', 'RESCHEDULE', 'REASSIGN', 'EXPIRE'];
      for (const payload of [callbackPayloads[0], callbackPayloads[2]]) {
        const lifecycle = events(machine, [payload]).filter((e) => !operations.includes(e.type));
        const paths = graphPaths('simple', machine, callbackInputs[0], lifecycle);
        expect(paths.length).toBeGreaterThan(5);
        replay(machine, callbackInputs[0], paths);
      }
    });
  }

  it('call: shortest paths reach every state with its timers (patience, offer, voicemail, flow, talk, wrap-up)', () => {
    const reached = new Set<string>();
    let steps = 0;
    for (const input of callInputs) {
      const paths = graphPaths('shortest', callMachine, input, callEvents);
      for (const p of paths) reached.add(leaf(p.steps.at(-1)!.state.value));
      steps += replay(callMachine, input, paths);
    }
    expect(steps).toBeGreaterThan(30);
    expect([...reached].sort()).toEqual([...stateTags(callMachine).keys()].sort());
  });

  it('call: simple paths through an offer, a miss and the conversation', () => {
    const few = callEvents.filter((e, i) => i % 2 === 0 && /^(ALERT|ANSWER|MISSED|xstate\.after\.(patience|talk|wrap)\.)/.test(e.type));
    const paths = graphPaths('simple', callMachine, callInputs[0], few);
    expect(paths.length).toBeGreaterThan(5);
    replay(callMachine, callInputs[0], paths);
  });

  it('reservation: every path, for an ownership and a first-agent wait', () => {
    const reservationEvents = events(reservationMachine, [{}]);
    for (const input of [{ holdTime: 3_600_000, ownership: true }, { holdTime: 60_000, ownership: false }]) {
      const paths = graphPaths('simple', reservationMachine, input, reservationEvents);
      expect(new Set(paths.map((p) => leaf(p.steps.at(-1)!.state.value)))).toEqual(new Set(['held', 'lapsed', 'dropped']));
      replay(reservationMachine, input, paths);
    }
  });

  it('agent: shortest and simple paths', () => {
    for (const input of agentInputs) {
      const shortest = graphPaths('shortest', agentMachine, input, agentEvents);
      const simple = graphPaths('simple', agentMachine, input, agentEvents);
      expect(simple.length).toBeGreaterThan(shortest.length);
      const reached = new Set(simple.map((p) => leaf(p.steps.at(-1)!.state.value)));
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
