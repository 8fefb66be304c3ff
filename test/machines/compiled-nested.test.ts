import { describe, expect, it } from 'vitest';
import { enginePair } from './compiled-harness.js';
import { nestedMachine } from './compiled-nested-machine.js';

/** The host calls of both engines after `types` are sent, as short strings; the two must agree. */
function run(types: readonly string[], limit = 5) {
  const { xstate, compiled } = enginePair(nestedMachine);
  for (const { engine } of [xstate, compiled]) {
    engine.start(0, { limit });
    for (const type of types) engine.send(0, { type });
  }
  expect(compiled.host.calls).toEqual(xstate.host.calls);
  expect(compiled.engine.stateOf(0)).toBe(xstate.engine.stateOf(0));
  expect(compiled.engine.transitions).toBe(xstate.engine.transitions);
  const short = xstate.host.calls.map((c) => {
    switch (c[0]) {
      case 'changed':
        return `${c[2]}>${c[3]}`;
      case 'perform':
        return c[2];
      case 'delay':
        return `delay ${c[2].replace('xstate.after.', '')} ${c[3]}`;
      case 'cancelDelay':
        return `cancel ${c[2].replace('xstate.after.', '')}`;
    }
  });
  return { calls: short, engine: compiled.engine };
}

describe('compound states run as XState v5 runs them', () => {
  it('enters a compound state outermost first, with its initial actions after its entry, and reports the leaf', () => {
    const { calls, engine } = run(['GO']);
    expect(calls).toEqual([
      '>idle',
      'idle>a',
      'enterActive',
      'delay 5000.nested.active 5000',
      'delay patience.nested.active 1000',
      'initActive',
      'enterA',
      'delay 300.nested.active.a 300',
    ]);
    expect(engine.stateOf(0)).toBe('a');
    expect(engine.hasTag(0, 'busy') && engine.hasTag(0, 'first') && !engine.hasTag(0, 'resting')).toBe(true);
  });

  it("keeps the parent's timers running while moving among its children", () => {
    const { calls } = run(['GO', 'NEXT', 'NEXT']);
    expect(calls.slice(8)).toEqual(['a>b1', 'exitA', 'cancel 300.nested.active.a', 'enterB', 'enterB1', 'b1>b2']);
  });

  it('reenters the parent on a reentering transition: innermost exits first, then the transition actions, then the entries', () => {
    const { calls, engine } = run(['GO', 'NEXT', 'RESTART']);
    expect(calls.slice(13)).toEqual([
      'b1>a',
      'exitB',
      'exitActive',
      'cancel 5000.nested.active',
      'cancel patience.nested.active',
      'enterActive',
      'delay 5000.nested.active 5000',
      'delay patience.nested.active 1001',
      'initActive',
      'enterA',
      'delay 300.nested.active.a 300',
    ]);
    expect(engine.contextOf(0)).toEqual({ n: 1, limit: 5 });
  });

  it('a reentering transition to a child exits and reenters the parent too; a non-reentering one does not', () => {
    expect(run(['GO', 'REB']).calls.slice(8)).toEqual([
      'a>b1',
      'exitA',
      'cancel 300.nested.active.a',
      'exitActive',
      'cancel 5000.nested.active',
      'cancel patience.nested.active',
      'enterActive',
      'delay 5000.nested.active 5000',
      'delay patience.nested.active 1000',
      'enterB',
      'enterB1',
    ]);
    expect(run(['GO', 'TOB']).calls.slice(8)).toEqual(['a>b1', 'exitA', 'cancel 300.nested.active.a', 'enterB', 'enterB1']);
  });

  it('a non-reentering target of the parent itself restarts its children only; a child targeting its parent exits and reenters it', () => {
    // `active` itself is neither exited nor entered, so its initial actions do not run either.
    expect(run(['GO', 'NEXT', 'SELF']).calls.slice(13)).toEqual(['b1>a', 'exitB', 'note', 'enterA', 'delay 300.nested.active.a 300']);
    expect(run(['GO', 'UP']).calls.slice(8)).toEqual([
      'exitA',
      'cancel 300.nested.active.a',
      'exitActive',
      'cancel 5000.nested.active',
      'cancel patience.nested.active',
      'enterActive',
      'delay 5000.nested.active 5000',
      'delay patience.nested.active 1000',
      'initActive',
      'enterA',
      'delay 300.nested.active.a 300',
    ]);
  });

  it("takes the parent's transitions from any child, the child's own first, and the parent's `always` once its guard holds", () => {
    const deep = run(['DEEP', 'STEP'], 2);
    // DEEP enters #nested.active.b.b2 directly: no initial actions on the way (DEEP's `bump` is an assign, not a host call).
    expect(deep.calls.slice(1)).toEqual(['idle>b2', 'enterActive', 'delay 5000.nested.active 5000', 'delay patience.nested.active 1001', 'enterB']);
    // Near the limit, b's STEP is selected but forbidden (no target, no actions): the parent's STEP is not tried.
    expect(deep.engine.contextOf(0)).toEqual({ n: 1, limit: 2 });
    expect(deep.engine.can(0, { type: 'STEP' })).toBe(false);
    expect(deep.engine.can(0, { type: 'CLEAR' })).toBe(true);
    expect(deep.engine.can(0, { type: 'NOTHING' })).toBe(false);

    const { calls, engine } = run(['DEEP', 'CLEAR', 'STEP', 'NEXT', 'NEXT', 'STEP', 'STEP'], 2);
    // CLEAR (an assign) and STEP (b's second candidate, `note`) stay in b2; NEXT (to #nested.idle) exits b, then active;
    // in idle, NEXT and STEP are not handled.
    expect(calls.slice(6)).toEqual([
      'note',
      'b2>idle',
      'exitB',
      'exitActive',
      'cancel 5000.nested.active',
      'cancel patience.nested.active',
    ]);
    expect(engine.stateOf(0)).toBe('idle');

    const done = run(['GO', 'STEP', 'STEP'], 2);
    // In `a` without the flag, a's STEP fails its guard and the parent's `bump` runs; at the limit the parent's `always` ends the machine.
    expect(done.calls.slice(8)).toEqual(['a>done', 'exitA', 'cancel 300.nested.active.a', 'exitActive', 'cancel 5000.nested.active', 'cancel patience.nested.active', 'finish', 'closed']);
    expect(done.engine.stateOf(0)).toBe('done');
    expect(done.engine.hasTag(0, 'over') && !done.engine.hasTag(0, 'busy')).toBe(true);
    expect(done.engine.can(0, { type: 'GO' })).toBe(false);
  });
});
