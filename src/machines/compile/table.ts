import type { AnyStateMachine } from 'xstate';

/**
 * The flat transition table of an XState machine (its types; `compileMachine`
 * in `compiler.ts` builds it), read once from the machine's structure
 * (`machine.root`, its state nodes' `.states`, `.transitions`, `.always`,
 * `.after`, `.entry`, `.exit`, `.initial`, `.tags`, and
 * `machine.implementations`). Nothing here is written by hand per machine:
 * states, events, guards, actions, delays and timer ids all come from the
 * machine, in XState's own order.
 *
 * The supported subset: compound (nested) states with unique keys, atomic
 * states, and `final` states directly under the root; `initial` (with
 * named initial actions below the root); event transitions with ordered
 * guarded candidates, `always` transitions and `after` with named or
 * numeric delays, on any state (taken from every state below it); targets
 * anywhere in the tree, `reenter`; named entry / exit / transition actions
 * (with static params) performed by the host, and named `assign` actions;
 * tags. Everything else (parallel and history states, final states below
 * the root, invoke, inline or builtin actions other than `assign`, …) is
 * refused with a `CompileError`.
 *
 * The table's states are the leaves an entity rests in (its atomic and
 * final states): without parallel states one leaf fixes the whole
 * configuration, so every transition is compiled once per leaf it can be
 * taken from, with the exit and entry actions of its passage through the
 * tree (see `passage.ts`) written out in order.
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
  /** Leaf state keys by state id (atomic and final states; compound states have no id). */
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
  /** Candidates of state `s` for event `e` (its own, then those of each state above it) are `on[onStart[s * eventCount + e] .. onStart[s * eventCount + e + 1])`. */
  readonly onStart: Int32Array;
  /** Transition ids, grouped by (state, event), in XState's candidate order. */
  readonly on: Int32Array;
  /** `always` candidates of state `s` are `always[alwaysStart[s] .. alwaysStart[s + 1])`. */
  readonly alwaysStart: Int32Array;
  /** Transition ids of `always` candidates. */
  readonly always: Int32Array;
  /** Guard index of each transition, -1 for none. */
  readonly guard: Int32Array;
  /** Leaf state after each transition, -1 when it is the leaf it is taken from (targetless, a self-target, or a reentry of a state above). */
  readonly target: Int32Array;
  /** 1 when taking the transition changes XState's snapshot: the state changes or an `assign` runs. */
  readonly mutates: Uint8Array;
  /** 1 when the transition has a target or actions of its own (XState's `snapshot.can` is true when one is selected). */
  readonly acts: Uint8Array;
  /** Ops of transition `t` are `ops[opStart[t] .. opStart[t + 1])`: exits innermost first, transition actions, entries outermost first (and the final exits). */
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
