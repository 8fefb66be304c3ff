import type { AnyStateMachine } from 'xstate';
import { CompileError } from './compile-error.js';

/**
 * The flat transition table of an XState machine, read once from the
 * machine's structure (`machine.root`, its state nodes' `.states`,
 * `.transitions`, `.always`, `.after`, `.entry`, `.exit`, and
 * `machine.implementations`). Nothing here is written by hand per machine:
 * states, events, guards, actions, delays and timer ids all come from the
 * machine, in XState's own order.
 *
 * The supported subset: one level of states under the root (atomic or
 * `final`), `initial`, event transitions with ordered guarded candidates,
 * `always` transitions, `after` with named or numeric delays, named entry /
 * exit / transition actions (with static params) performed by the host,
 * and named `assign` actions. Everything else is refused with a
 * `CompileError`.
 */

/** Op kinds, in the low two bits of an op; the index into the op's table is `op >> OP_SHIFT`. */
export const OP_PERFORM = 0;
/** An `assign` action, executed against the context columns at once. */
export const OP_ASSIGN = 1;
/** An `after` timer started on entry: `host.delay`. */
export const OP_DELAY = 2;
/** An `after` timer cancelled on exit: `host.cancelDelay`. */
export const OP_CANCEL = 3;
/** Shift of the table index inside an op. */
export const OP_SHIFT = 2;

/** A named guard with its implementation and static params. */
export interface CompiledGuard {
  /** The guard's name in `setup({ guards })`. */
  readonly name: string;
  /** The machine's own guard function, called as XState calls it: `fn({ context, event }, params)`. */
  readonly fn: (args: unknown, params: unknown) => unknown;
  /** The static params of the transition's guard, or undefined. */
  readonly params: unknown;
}

/** A named action the host performs. */
export interface CompiledAction {
  /** The action's name, as the host receives it. */
  readonly name: string;
  /** The params object of the machine's config (the same object XState hands out), or undefined. */
  readonly params: Readonly<Record<string, unknown>> | undefined;
}

/** One property of an object-form `assign`: a function of the context or a constant. */
export interface AssignProperty {
  /** The context key assigned. */
  readonly key: string;
  /** The machine's function computing the new value, or null for a constant. */
  readonly fn: ((args: unknown, params: unknown) => unknown) | null;
  /** The constant assigned when `fn` is null. */
  readonly value: unknown;
}

/** A named `assign` action. */
export interface CompiledAssign {
  /** The action's name in `setup({ actions })`. */
  readonly name: string;
  /** The static params of the action reference, or undefined. */
  readonly params: unknown;
  /** The function form: returns the partial context. */
  readonly fn: ((args: unknown, params: unknown) => unknown) | null;
  /** The object form: one entry per assigned key, in order. */
  readonly properties: readonly AssignProperty[];
}

/** An `after` timer of one state: XState's id and event, and how its delay is found. */
export interface CompiledTimer {
  /** XState's id for the delayed event, e.g. `xstate.after.retryDelay.callback.waitingRetry`. */
  readonly id: string;
  /** The event delivered when the timer fires (the machine's own object). */
  readonly event: { readonly type: string };
  /** The delay's name, or its number of ms. */
  readonly delay: string | number;
  /** The named delay's implementation (null for a number). */
  readonly delayFn: ((args: unknown, params: unknown) => unknown) | null;
}

/** A machine compiled to integer states, events and transitions. */
export interface CompiledMachine {
  /** The machine's id. */
  readonly id: string;
  /** The machine itself (for its context factory). */
  readonly machine: AnyStateMachine;
  /** State keys by state id. */
  readonly states: readonly string[];
  /** Id of the initial state. */
  readonly initial: number;
  /** 1 for final states. */
  readonly final: Uint8Array;
  /** Tags of each state, its own and those of the states above it, in XState's order. */
  readonly tags: ReadonlyArray<readonly string[]>;
  /** For each tag, 1 per state that carries it (see `tags`). */
  readonly tagged: ReadonlyMap<string, Uint8Array>;
  /** Event type → event id. */
  readonly events: ReadonlyMap<string, number>;
  /** Number of event ids. */
  readonly eventCount: number;
  /** Candidates of state `s` for event `e` are `on[onStart[s * eventCount + e] .. onStart[s * eventCount + e + 1])`. */
  readonly onStart: Int32Array;
  /** Transition ids, grouped by (state, event), in XState's candidate order. */
  readonly on: Int32Array;
  /** `always` candidates of state `s` are `always[alwaysStart[s] .. alwaysStart[s + 1])`. */
  readonly alwaysStart: Int32Array;
  /** Transition ids of `always` candidates. */
  readonly always: Int32Array;
  /** Guard index of each transition, -1 for none. */
  readonly guard: Int32Array;
  /** Target state of each transition, -1 when it stays (targetless, or a self-target without `reenter`). */
  readonly target: Int32Array;
  /** 1 when taking the transition changes XState's snapshot: the state changes or an `assign` runs. */
  readonly mutates: Uint8Array;
  /** 1 when the transition has a target or actions of its own (XState's `snapshot.can` is true when one is selected). */
  readonly acts: Uint8Array;
  /** Ops of transition `t` are `ops[opStart[t] .. opStart[t + 1])`: exit, transition and entry actions (and final exit). */
  readonly opStart: Int32Array;
  /** Ops of the initial entry are `ops[initOpStart .. initOpEnd)`. */
  readonly initOpStart: number;
  /** End of the initial entry's ops. */
  readonly initOpEnd: number;
  /** All ops: `kind | index << OP_SHIFT`. */
  readonly ops: Int32Array;
  /** Guards by index. */
  readonly guards: readonly CompiledGuard[];
  /** Host actions by index. */
  readonly actions: readonly CompiledAction[];
  /** Assign actions by index. */
  readonly assigns: readonly CompiledAssign[];
  /** Timers by index. */
  readonly timers: readonly CompiledTimer[];
}

/** What this module reads of an XState state node. */
interface StateNodeLike {
  key: string;
  id: string;
  type: string;
  config: Record<string, unknown>;
  parent?: StateNodeLike;
  tags: readonly string[];
  states: Record<string, StateNodeLike>;
  entry: unknown[];
  exit: unknown[];
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  after: TransitionLike[];
  invoke: unknown[];
  initial: { target: StateNodeLike[]; actions: unknown[] };
}

/** What this module reads of an XState transition definition. */
interface TransitionLike {
  target?: StateNodeLike[];
  guard?: unknown;
  actions: unknown[];
  reenter?: boolean;
  eventType: string;
}

/** A builtin action or guard: a function carrying `type` and `resolve` / `check`. */
interface BuiltinLike {
  type?: unknown;
  resolve?: unknown;
  check?: unknown;
  assignment?: unknown;
  id?: unknown;
  event?: unknown;
  delay?: unknown;
  sendId?: unknown;
}

const ROOT = '(root)';
const STATE_KEYS = new Set(['type', 'entry', 'exit', 'on', 'always', 'after', 'id', 'description', 'meta', 'tags']);
const ROOT_KEYS = new Set(['id', 'initial', 'context', 'states', 'types', 'schemas', 'version', 'description', 'meta', 'options']);

const compiled = new WeakMap<AnyStateMachine, CompiledMachine>();

/** The compiled table of `machine`, built on first use and cached per machine object. */
export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  let table = compiled.get(machine);
  if (table === undefined) {
    table = new Compiler(machine).compile();
    compiled.set(machine, table);
  }
  return table;
}

function toArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The tags of `node` and of every state above it, outermost first, each once. */
function tagsOf(node: StateNodeLike): string[] {
  const chain: StateNodeLike[] = [];
  for (let n: StateNodeLike | undefined = node; n !== undefined; n = n.parent) chain.unshift(n);
  return [...new Set(chain.flatMap((n) => n.tags))];
}

function isBuiltin(value: unknown): value is BuiltinLike {
  return typeof value === 'function' && ('resolve' in value || 'check' in value);
}

class Compiler {
  private readonly id: string;
  private readonly root: StateNodeLike;
  private readonly nodes: StateNodeLike[] = [];
  private readonly stateIds = new Map<StateNodeLike, number>();
  private readonly events = new Map<string, number>();
  private readonly guards: CompiledGuard[] = [];
  private readonly guardIndex = new Map<string, number>();
  private readonly actions: CompiledAction[] = [];
  private readonly assigns: CompiledAssign[] = [];
  private readonly timers: CompiledTimer[] = [];
  private readonly ops: number[] = [];
  private readonly entryOps: number[][] = [];
  private readonly exitOps: number[][] = [];

  constructor(private readonly machine: AnyStateMachine) {
    this.id = machine.id;
    this.root = machine.root as unknown as StateNodeLike;
  }

  private refuse(state: string, feature: string): never {
    throw new CompileError(this.id, state, feature);
  }

  compile(): CompiledMachine {
    this.checkRoot();
    for (const node of this.nodes) this.checkState(node);
    this.nodes.forEach((node) => {
      this.entryOps.push(this.stateActions(node, 'entry'));
      this.exitOps.push(this.stateActions(node, 'exit'));
    });
    for (const node of this.nodes) for (const eventType of node.transitions.keys()) if (!this.events.has(eventType)) this.events.set(eventType, this.events.size);

    const stateCount = this.nodes.length;
    const eventCount = this.events.size;
    const guard: number[] = [];
    const target: number[] = [];
    const mutates: number[] = [];
    const acts: number[] = [];
    const opStart: number[] = [];
    const addTransition = (node: StateNodeLike, source: number, t: TransitionLike, label: string): number => {
      const index = guard.length;
      guard.push(this.guardOf(node, t.guard, label));
      const [to, ops, assigns] = this.transitionOps(node, source, t, label);
      target.push(to);
      mutates.push((to >= 0 && to !== source) || assigns ? 1 : 0);
      acts.push(t.target !== undefined || t.actions.length > 0 ? 1 : 0);
      opStart.push(this.ops.length);
      this.ops.push(...ops);
      return index;
    };

    const onStart = new Int32Array(stateCount * eventCount + 1);
    const on: number[] = [];
    const alwaysStart = new Int32Array(stateCount + 1);
    const always: number[] = [];
    this.nodes.forEach((node, s) => {
      for (let e = 0; e < eventCount; e++) onStart[s * eventCount + e] = on.length;
      const byEvent = new Map<number, number[]>();
      for (const [eventType, candidates] of node.transitions) {
        byEvent.set(
          this.events.get(eventType)!,
          candidates.map((t) => addTransition(node, s, t, `transition on ${eventType}`)),
        );
      }
      for (let e = 0; e < eventCount; e++) {
        onStart[s * eventCount + e] = on.length;
        on.push(...(byEvent.get(e) ?? []));
      }
      alwaysStart[s] = always.length;
      for (const t of node.always ?? []) always.push(addTransition(node, s, t, 'always transition'));
    });
    onStart[stateCount * eventCount] = on.length;
    alwaysStart[stateCount] = always.length;
    opStart.push(this.ops.length);

    const initialNode = this.root.initial.target[0];
    const initial = this.stateIds.get(initialNode)!;
    const initOpStart = this.ops.length;
    this.ops.push(...this.enterOps(initial));
    const initOpEnd = this.ops.length;
    const tags = this.nodes.map((node) => tagsOf(node));
    const tagged = new Map<string, Uint8Array>();
    tags.forEach((carried, s) => {
      for (const tag of carried) {
        if (!tagged.has(tag)) tagged.set(tag, new Uint8Array(stateCount));
        tagged.get(tag)![s] = 1;
      }
    });

    return {
      id: this.id,
      machine: this.machine,
      states: this.nodes.map((n) => n.key),
      initial,
      final: Uint8Array.from(this.nodes, (n) => (n.type === 'final' ? 1 : 0)),
      tags,
      tagged,
      events: this.events,
      eventCount,
      onStart,
      on: Int32Array.from(on),
      alwaysStart,
      always: Int32Array.from(always),
      guard: Int32Array.from(guard),
      target: Int32Array.from(target),
      mutates: Uint8Array.from(mutates),
      acts: Uint8Array.from(acts),
      opStart: Int32Array.from(opStart),
      initOpStart,
      initOpEnd,
      ops: Int32Array.from(this.ops),
      guards: this.guards,
      actions: this.actions,
      assigns: this.assigns,
      timers: this.timers,
    };
  }

  private checkRoot(): void {
    const root = this.root;
    if (root.type !== 'compound') this.refuse(ROOT, root.type === 'parallel' ? 'parallel states' : 'a machine without states');
    for (const key of Object.keys(root.config)) {
      if (!ROOT_KEYS.has(key) && root.config[key] !== undefined) this.refuse(ROOT, `'${key}' on the machine itself`);
    }
    if (root.entry.length || root.exit.length) this.refuse(ROOT, 'entry/exit actions on the machine itself');
    if (root.transitions.size || root.always) this.refuse(ROOT, 'transitions on the machine itself');
    if (root.invoke.length) this.refuse(ROOT, 'invoke');
    if (root.initial.actions.length) this.refuse(ROOT, 'initial transition actions');
    for (const node of Object.values(root.states)) {
      this.stateIds.set(node, this.nodes.length);
      this.nodes.push(node);
    }
    if (root.initial.target.length !== 1 || !this.stateIds.has(root.initial.target[0])) this.refuse(ROOT, 'an initial state that is not a top-level state');
  }

  private checkState(node: StateNodeLike): void {
    const state = node.key;
    if (node.type === 'compound' || Object.keys(node.states).length) this.refuse(state, 'nested states');
    if (node.type === 'parallel') this.refuse(state, 'parallel states');
    if (node.type === 'history') this.refuse(state, 'history states');
    if (node.type !== 'atomic' && node.type !== 'final') this.refuse(state, `state type '${node.type}'`);
    for (const key of Object.keys(node.config)) {
      if (STATE_KEYS.has(key) || node.config[key] === undefined) continue;
      this.refuse(state, key === 'invoke' ? 'invoke' : `'${key}'`);
    }
    if (node.invoke.length) this.refuse(state, 'invoke');
    if (node.type === 'final' && (node.transitions.size || node.always)) this.refuse(state, 'transitions out of a final state');
    for (const eventType of node.transitions.keys()) {
      if (eventType === '*' || eventType.endsWith('.*')) this.refuse(state, `wildcard event descriptor '${eventType}'`);
      if (eventType.startsWith('xstate.') && !eventType.startsWith('xstate.after.')) this.refuse(state, `transitions on '${eventType}'`);
    }
  }

  /** The ops of a state's entry or exit, in XState's order (configured actions, then `after` timers). */
  private stateActions(node: StateNodeLike, which: 'entry' | 'exit'): number[] {
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

  /** One configured action: a host action or a named `assign`. */
  private actionOp(node: StateNodeLike, item: unknown, label: string): number {
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

  private guardOf(node: StateNodeLike, guard: unknown, label: string): number {
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

  /** Target, ops and whether an `assign` runs, for a transition from `source`. */
  private transitionOps(node: StateNodeLike, source: number, t: TransitionLike, label: string): [number, number[], boolean] {
    const actions = t.actions.map((a) => this.actionOp(node, a, `${label} action`));
    let to = -1;
    if (t.target !== undefined) {
      if (t.target.length !== 1) this.refuse(node.key, `a ${label} with ${t.target.length} targets`);
      const id = this.stateIds.get(t.target[0]);
      if (id === undefined) this.refuse(node.key, `a ${label} to '${t.target[0].id}', which is not a top-level state`);
      if (id !== source || t.reenter) to = id;
    }
    const ops = to < 0 ? actions : [...this.exitOps[source], ...actions, ...this.enterOps(to)];
    return [to, ops, ops.some((op) => (op & 3) === OP_ASSIGN)];
  }

  /** Entry ops of state `s`; entering a final state also runs its exit actions (the machine is done). */
  private enterOps(s: number): number[] {
    return this.nodes[s].type === 'final' ? [...this.entryOps[s], ...this.exitOps[s]] : this.entryOps[s];
  }
}
