import { describe, expect, it } from 'vitest';
import { assign, createMachine, fromPromise, raise, sendTo, setup, type AnyStateMachine } from 'xstate';
import { agentMachine } from '../../src/machines/agent.js';
import { agentFirstCallbackMachine } from '../../src/machines/agent-first-callback.js';
import { CompileError } from '../../src/machines/compile/compile-error.js';
import { CompiledEngine } from '../../src/machines/compile/compiled-engine.js';
import { compileMachine } from '../../src/machines/compile/compiler.js';
import { Mailbox } from '../../src/machines/engine.js';
import { compiledEngine, enginePair } from './compiled-harness.js';

/** The message a refusal carries (see CompileError). */
function refusal(machine: string, state: string, feature: string): string {
  return `machine "${machine}", state "${state}": ${feature} is not supported by the compiled engine`;
}

function refused(machine: AnyStateMachine): CompileError {
  try {
    compileMachine(machine);
  } catch (error) {
    expect(error).toBeInstanceOf(CompileError);
    return error as CompileError;
  }
  throw new Error(`machine ${machine.id} was compiled`);
}

const noop = () => {};

describe('the compiler refuses what it does not support, naming machine, state and feature', () => {
  it('compiles both of our machines', () => {
    expect(compileMachine(agentFirstCallbackMachine).states).toEqual(Object.keys(agentFirstCallbackMachine.root.states));
    expect(compileMachine(agentMachine).states).toEqual(Object.keys(agentMachine.root.states));
  });

  it('compiles nested states, their leaves being the states', () => {
    const m = createMachine({ id: 'nested', initial: 'a', states: { a: { initial: 'x', states: { x: {}, y: { initial: 'z', states: { z: {} } } } }, b: {} } });
    expect(compileMachine(m).states).toEqual(['x', 'z', 'b']);
  });

  it('refuses final states below the root', () => {
    const m = createMachine({ id: 'nestedFinal', initial: 'a', states: { a: { initial: 'x', states: { x: { on: { GO: 'end' } }, end: { type: 'final' } } } } });
    expect(refused(m).message).toBe(refusal('nestedFinal', 'end', 'a final state inside a compound state'));
  });

  it('refuses two states with the same key anywhere in the tree', () => {
    const m = createMachine({ id: 'twins', initial: 'a', states: { a: { initial: 'x', states: { x: {} } }, b: { initial: 'x', states: { x: {} } } } });
    expect(refused(m).message).toBe(refusal('twins', 'x', 'two states with the same key (twins.a.x and twins.b.x; state keys must be unique)'));
  });

  it('refuses parallel states at the root and below it', () => {
    expect(refused(createMachine({ id: 'par', type: 'parallel', states: { a: {}, b: {} } })).message).toBe(refusal('par', '(root)', 'parallel states'));
    const m = createMachine({ id: 'par2', initial: 'a', states: { a: { type: 'parallel', states: { x: {}, y: {} } } } });
    expect(refused(m).message).toBe(refusal('par2', 'a', 'parallel states'));
    const deep = createMachine({ id: 'par3', initial: 'a', states: { a: { initial: 'b', states: { b: { type: 'parallel', states: { x: {}, y: {} } } } } } });
    expect(refused(deep).message).toBe(refusal('par3', 'b', 'parallel states'));
  });

  it('refuses history states, at the top and inside a compound state', () => {
    const m = createMachine({ id: 'hist', initial: 'a', states: { a: {}, h: { type: 'history' } } });
    expect(refused(m).message).toBe(refusal('hist', 'h', 'history states'));
    const inner = createMachine({ id: 'hist2', initial: 'a', states: { a: { initial: 'x', states: { x: { on: { GO: '#hist2.b' } }, hist: { type: 'history' } } }, b: { on: { BACK: '#hist2.a.hist' } } } });
    expect(refused(inner).message).toBe(refusal('hist2', 'hist', 'history states'));
  });

  it('refuses invoke', () => {
    const m = setup({ actors: { child: fromPromise(async () => 1) } }).createMachine({
      id: 'inv',
      initial: 'a',
      states: { a: { invoke: { src: 'child' } } },
    });
    expect(refused(m).message).toBe(refusal('inv', 'a', 'invoke'));
  });

  it('refuses inline guards', () => {
    const m = createMachine({ id: 'inline', initial: 'a', states: { a: { on: { GO: { guard: () => true, target: 'b' } } }, b: {} } });
    expect(refused(m).message).toBe(refusal('inline', 'a', 'an inline guard in a transition on GO (name it in setup({ guards }))'));
  });

  it('refuses inline actions and inline assign', () => {
    const m1 = createMachine({ id: 'fn', initial: 'a', states: { a: { entry: () => {} } } });
    expect(refused(m1).message).toBe(refusal('fn', 'a', 'entry action: an inline function (name it in setup({ actions }))'));
    const m2 = createMachine({ id: 'asg', initial: 'a', context: { n: 0 }, states: { a: { on: { GO: { actions: assign({ n: 1 }) } } } } });
    expect(refused(m2).message).toBe(refusal('asg', 'a', 'transition on GO action: inline xstate.assign (name it in setup({ actions }))'));
  });

  it('refuses named builtins other than assign (raise without delay, sendTo)', () => {
    const m1 = setup({ actions: { again: raise({ type: 'GO' }) } }).createMachine({ id: 'raise', initial: 'a', states: { a: { entry: 'again', on: { GO: 'b' } }, b: {} } });
    expect(refused(m1).message).toBe(refusal('raise', 'a', "entry action 'again' (xstate.raise)"));
    const m2 = setup({ actions: { tell: sendTo('x', { type: 'HI' }) } }).createMachine({ id: 'send', initial: 'a', states: { a: { exit: 'tell' } } });
    expect(refused(m2).message).toBe(refusal('send', 'a', "exit action 'tell' (xstate.sendTo)"));
  });

  it('refuses missing guard and delay implementations, and wildcard events', () => {
    const m1 = createMachine({ id: 'g', initial: 'a', states: { a: { on: { GO: { guard: 'nope', target: 'b' } } }, b: {} } });
    expect(refused(m1).message).toBe(refusal('g', 'a', "guard 'nope' without an implementation"));
    const m2 = createMachine({ id: 'd', initial: 'a', states: { a: { after: { later: 'b' } }, b: {} } });
    expect(refused(m2).message).toBe(refusal('d', 'a', "after delay 'later' without an implementation (an immediate raise)"));
    const m3 = createMachine({ id: 'w', initial: 'a', states: { a: { on: { '*': 'b' } }, b: {} } });
    expect(refused(m3).message).toBe(refusal('w', 'a', "wildcard event descriptor '*'"));
  });

  it('refuses transitions on the machine itself', () => {
    const m = createMachine({ id: 'root', initial: 'a', on: { GO: '.b' }, states: { a: {}, b: {} } });
    expect(refused(m).message).toBe(refusal('root', '(root)', "'on' on the machine itself"));
  });

  it('the engine refuses at construction, before any entity exists', () => {
    const m = createMachine({ id: 'par4', initial: 'a', states: { a: { type: 'parallel', states: { x: {}, y: {} } } } });
    const host = { perform: noop, delay: noop, cancelDelay: noop, changed: noop };
    expect(() => new CompiledEngine(m, host, new Mailbox())).toThrow(refusal('par4', 'a', 'parallel states'));
  });

  it('refuses spawn inside an assignment when it runs', () => {
    const m = setup({
      actions: { grab: assign({ child: ({ spawn }) => spawn(fromPromise(async () => 1)) }) },
    }).createMachine({ id: 'spawner', initial: 'a', context: { child: null as unknown }, states: { a: { on: { GO: { actions: 'grab' } } } } });
    const { engine } = compiledEngine(m);
    engine.start(0, undefined);
    expect(() => engine.send(0, { type: 'GO' })).toThrow('machine "spawner": spawn is not supported by the compiled engine');
  });

  it('supports numeric delays, reentering self-transitions and function-form assigns', () => {
    const m = setup({
      types: { context: {} as { n: number } },
      actions: { bump: assign(({ context }) => ({ n: context.n + 1 })), note: noop },
    }).createMachine({
      id: 'small',
      initial: 'a',
      context: { n: 0 },
      states: { a: { after: { 250: 'b' }, on: { AGAIN: { target: 'a', reenter: true, actions: 'bump' } } }, b: { entry: 'note', type: 'final' } },
    });
    const { xstate, compiled } = enginePair(m);
    for (const { engine } of [xstate, compiled]) {
      engine.start(1, undefined);
      engine.send(1, { type: 'AGAIN' });
      engine.send(1, { type: 'xstate.after.250.small.a' });
      expect(engine.stateOf(1)).toBe('b');
      expect(engine.contextOf(1)).toEqual({ n: 1 });
    }
    expect(compiled.host.calls).toEqual(xstate.host.calls);
    expect(compiled.engine.transitions).toBe(xstate.engine.transitions);
    expect(compiled.host.calls.map((c) => c.slice(0, 4))).toEqual([
      ['changed', 1, '', 'a'],
      ['delay', 1, 'xstate.after.250.small.a', 250],
      ['cancelDelay', 1, 'xstate.after.250.small.a'],
      ['delay', 1, 'xstate.after.250.small.a', 250],
      ['changed', 1, 'a', 'b'],
      ['cancelDelay', 1, 'xstate.after.250.small.a'],
      ['perform', 1, 'note', undefined],
    ]);
  });
});
