/**
 * What the compiler reads of XState's state nodes and transition
 * definitions (`machine.root` and below), and small helpers over the state
 * tree. Only the fields named here are read.
 */

/** What the compiler reads of an XState state node. */
export interface StateNodeLike {
  /** The key under its parent. */
  key: string;
  /** The node's id (`machine.path.to.state`, or its own `id`). */
  id: string;
  /** `atomic`, `compound`, `parallel`, `final` or `history`. */
  type: string;
  /** Document order (the root is 0, then depth first). */
  order: number;
  /** The node's own config, as written. */
  config: Record<string, unknown>;
  /** The node above, undefined for the root. */
  parent?: StateNodeLike;
  /** The node's own tags. */
  tags: readonly string[];
  /** Child nodes by key. */
  states: Record<string, StateNodeLike>;
  /** Entry actions, then the `after` timers' raises. */
  entry: unknown[];
  /** Exit actions, then the `after` timers' cancellations. */
  exit: unknown[];
  /** Event transitions by event type (`after` events included), candidates in order. */
  transitions: Map<string, TransitionLike[]>;
  /** Eventless transitions. */
  always?: TransitionLike[];
  /** The `after` transitions. */
  after: TransitionLike[];
  /** Invoked actors. */
  invoke: unknown[];
  /** The initial transition of a compound node. */
  initial: { target: StateNodeLike[]; actions: unknown[] };
}

/** What the compiler reads of an XState transition definition. */
export interface TransitionLike {
  /** Target nodes, undefined for a targetless transition. */
  target?: StateNodeLike[];
  /** The guard, as configured. */
  guard?: unknown;
  /** The transition's own actions. */
  actions: unknown[];
  /** Whether the transition exits and re-enters its source (XState v5 `reenter`). */
  reenter?: boolean;
  /** The event type, `''` for `always`. */
  eventType: string;
  /** The node on which the transition is defined. */
  source: StateNodeLike;
}

/** A builtin action or guard: a function carrying `type` and `resolve` / `check`. */
export interface BuiltinLike {
  type?: unknown;
  resolve?: unknown;
  check?: unknown;
  assignment?: unknown;
  id?: unknown;
  event?: unknown;
  delay?: unknown;
  sendId?: unknown;
}

/** `value` as a list (undefined: none). */
export function toArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether `value` is one of XState's builtin actions or guards. */
export function isBuiltin(value: unknown): value is BuiltinLike {
  return typeof value === 'function' && ('resolve' in value || 'check' in value);
}

/** The nodes above `node`, innermost first, up to (not including) `upTo`; the root included when `upTo` is undefined. */
export function properAncestors(node: StateNodeLike, upTo?: StateNodeLike): StateNodeLike[] {
  const out: StateNodeLike[] = [];
  if (node === upTo) return out;
  for (let n = node.parent; n !== undefined && n !== upTo; n = n.parent) out.push(n);
  return out;
}

/** Whether `node` lies strictly below `ancestor`. */
export function isDescendant(node: StateNodeLike, ancestor: StateNodeLike): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The tags of `node` and of every state above it, outermost first, each once. */
export function tagsOf(node: StateNodeLike): string[] {
  const chain = [node, ...properAncestors(node)].reverse();
  return [...new Set(chain.flatMap((n) => n.tags))];
}
