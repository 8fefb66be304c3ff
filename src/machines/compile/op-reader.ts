import type { AnyStateMachine } from 'xstate';
import { CompileError } from './compile-error.js';
import { isBuiltin, toArray, type StateNodeLike } from './state-node.js';
import {
  OP_ASSIGN,
  OP_CANCEL,
  OP_DELAY,
  OP_PERFORM,
  OP_SHIFT,
  type AssignProperty,
  type CompiledAction,
  type CompiledAssign,
  type CompiledGuard,
  type CompiledTimer,
} from './table.js';

/**
 * Reads a machine's actions, guards and `after` timers into the compiled
 * table's lists, each as an op (`kind | index << OP_SHIFT`) or a guard
 * index: named host actions, named `assign`s (function or object form),
 * named plain guards with static params, and the raises and cancellations
 * XState makes of `after`. Anything else is refused with a `CompileError`
 * naming the state.
 */
export class OpReader {
  /** Guards by index. */
  readonly guards: CompiledGuard[] = [];
  /** Host actions by index. */
  readonly actions: CompiledAction[] = [];
  /** Assign actions by index. */
  readonly assigns: CompiledAssign[] = [];
  /** Timers by index. */
  readonly timers: CompiledTimer[] = [];
  private readonly guardIndex = new Map<string, number>();

  /** @param machine the machine whose implementations the references name */
  constructor(private readonly machine: AnyStateMachine) {}

  private refuse(state: string, feature: string): never {
    throw new CompileError(this.machine.id, state, feature);
  }

  /** The ops of a state's entry or exit, in XState's order (configured actions, then `after` timers). */
  stateActions(node: StateNodeLike, which: 'entry' | 'exit'): number[] {
    const configured = toArray(node.config[which]).length;
    const label = `${which} action`;
    return node[which].map((item, i) => (i < configured ? this.actionOp(node, item, label) : this.timerOp(node, item, which)));
  }

  private timerOp(node: StateNodeLike, item: unknown, which: 'entry' | 'exit'): number {
    const builtin = isBuiltin(item) ? item : undefined;
    const afterTypes = new Set(node.after.map((t) => t.eventType));
    if (which === 'entry') {
      const id = builtin?.id;
      const event = builtin?.event as { type?: unknown } | undefined;
      if (builtin?.type !== 'xstate.raise' || typeof id !== 'string' || !afterTypes.has(id) || typeof event?.type !== 'string') {
        this.refuse(node.key, `entry action ${String(builtin?.type ?? typeof item)} (other than an 'after' timer)`);
      }
      const delay = builtin.delay;
      let delayFn: CompiledTimer['delayFn'] = null;
      if (typeof delay === 'string') {
        const impl = (this.machine.implementations.delays as Record<string, unknown>)[delay];
        if (typeof impl === 'function') delayFn = impl as CompiledTimer['delayFn'];
        else if (typeof impl !== 'number') this.refuse(node.key, `after delay '${delay}' without an implementation (an immediate raise)`);
        else {
          this.timers.push({ id, event: event as { type: string }, delay: impl, delayFn: null });
          return OP_DELAY | ((this.timers.length - 1) << OP_SHIFT);
        }
      } else if (typeof delay !== 'number') {
        this.refuse(node.key, 'an after delay that is neither a name nor a number');
      }
      this.timers.push({ id, event: event as { type: string }, delay: delay as string | number, delayFn });
      return OP_DELAY | ((this.timers.length - 1) << OP_SHIFT);
    }
    const sendId = builtin?.sendId;
    const timer = this.timers.findIndex((t) => t.id === sendId);
    if (builtin?.type !== 'xstate.cancel' || typeof sendId !== 'string' || !afterTypes.has(sendId) || timer < 0) {
      this.refuse(node.key, `exit action ${String(builtin?.type ?? typeof item)} (other than cancelling an 'after' timer)`);
    }
    return OP_CANCEL | (timer << OP_SHIFT);
  }

  /** One configured action of `node`: a host action or a named `assign`. */
  actionOp(node: StateNodeLike, item: unknown, label: string): number {
    let name: string;
    let params: unknown;
    if (typeof item === 'string') {
      name = item;
    } else if (item !== null && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') {
      name = (item as { type: string }).type;
      params = (item as { params?: unknown }).params;
      if (typeof params === 'function') this.refuse(node.key, `${label} '${name}' with params computed by a function`);
    } else if (typeof item === 'function') {
      const kind = isBuiltin(item) ? `inline ${String(item.type)}` : 'an inline function';
      this.refuse(node.key, `${label}: ${kind} (name it in setup({ actions }))`);
    } else {
      this.refuse(node.key, `${label} ${String(item)}`);
    }
    const impl = (this.machine.implementations.actions as Record<string, unknown>)[name];
    if (isBuiltin(impl)) {
      if (impl.type !== 'xstate.assign') this.refuse(node.key, `${label} '${name}' (${String(impl.type)})`);
      const assignment = impl.assignment;
      if (typeof assignment === 'function') {
        this.assigns.push({ name, params, fn: assignment as CompiledAssign['fn'], properties: [] });
      } else if (assignment !== null && typeof assignment === 'object') {
        const properties = Object.entries(assignment).map(([key, value]) =>
          typeof value === 'function' ? { key, fn: value as AssignProperty['fn'], value: undefined } : { key, fn: null, value },
        );
        this.assigns.push({ name, params, fn: null, properties });
      } else {
        this.refuse(node.key, `${label} '${name}': an assign without an assignment`);
      }
      return OP_ASSIGN | ((this.assigns.length - 1) << OP_SHIFT);
    }
    if (name.startsWith('xstate.')) this.refuse(node.key, `${label} '${name}'`);
    this.actions.push({ name, params: params as CompiledAction['params'] });
    return OP_PERFORM | ((this.actions.length - 1) << OP_SHIFT);
  }

  /** The index of a transition's guard (equal guards share one), or -1 for none. */
  guardOf(node: StateNodeLike, guard: unknown, label: string): number {
    if (guard === undefined) return -1;
    let name: string;
    let params: unknown;
    if (typeof guard === 'string') {
      name = guard;
    } else if (guard !== null && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') {
      name = (guard as { type: string }).type;
      params = (guard as { params?: unknown }).params;
      if (typeof params === 'function') this.refuse(node.key, `guard '${name}' of a ${label} with params computed by a function`);
    } else if (typeof guard === 'function') {
      this.refuse(node.key, `an inline guard in a ${label} (name it in setup({ guards }))`);
    } else {
      this.refuse(node.key, `guard ${String(guard)} in a ${label}`);
    }
    const impl = (this.machine.implementations.guards as Record<string, unknown>)[name];
    if (impl === undefined) this.refuse(node.key, `guard '${name}' without an implementation`);
    if (typeof impl !== 'function' || isBuiltin(impl)) this.refuse(node.key, `guard '${name}' that is not a plain function (not/and/or/stateIn or an alias)`);
    const key = `${name}\u0000${params === undefined ? '' : JSON.stringify(params)}`;
    const known = this.guardIndex.get(key);
    if (known !== undefined && this.guards[known].params === params) return known;
    this.guards.push({ name, fn: impl as CompiledGuard['fn'], params });
    this.guardIndex.set(key, this.guards.length - 1);
    return this.guards.length - 1;
  }
}
