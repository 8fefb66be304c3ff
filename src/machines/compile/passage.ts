import { isDescendant, properAncestors, type StateNodeLike } from './state-node.js';

/**
 * The passage of one transition through the state tree, as XState v5 takes
 * it (its `getTransitionDomain`, `computeExitSet` and `computeEntrySet`, for
 * trees without parallel or history states): which states are exited,
 * innermost first, which are entered, outermost first, and the leaf the
 * entity rests in afterwards. Without parallel states the whole
 * configuration is the chain from a leaf up to the root, so a passage is a
 * function of the leaf the transition is taken from; the compiler works
 * every one out once.
 */

/** A state a passage enters. */
export interface Entered {
  /** The state. */
  readonly node: StateNodeLike;
  /** Whether it is entered by default (targeted, or an initial child): a compound state's initial actions then run after its entry. */
  readonly byDefault: boolean;
}

/** What taking a transition does to the configuration. */
export interface Passage {
  /** States exited, innermost first. */
  readonly exit: readonly StateNodeLike[];
  /** States entered, outermost first. */
  readonly enter: readonly Entered[];
  /** The leaf of the configuration afterwards. */
  readonly leaf: StateNodeLike;
}

/** The innermost proper ancestor of `nodes[0]` that has all the other nodes strictly below it. */
function leastCommonAncestor(nodes: readonly StateNodeLike[]): StateNodeLike | undefined {
  const [head, ...tail] = nodes;
  for (const ancestor of properAncestors(head)) if (tail.every((n) => isDescendant(n, ancestor))) return ancestor;
  return undefined;
}

/** XState's transition domain: the state whose descendants the transition exits and enters (undefined: above the root). */
export function transitionDomain(source: StateNodeLike, target: StateNodeLike, reenter: boolean): StateNodeLike | undefined {
  if (!reenter && (target === source || isDescendant(target, source))) return source;
  const lca = leastCommonAncestor([target, source]);
  if (lca !== undefined) return lca;
  if (reenter) return undefined;
  let root = source;
  while (root.parent !== undefined) root = root.parent;
  return root;
}

/** Adds `node` and, for a compound state, its initial descendants (entered by default). */
function addDescendants(node: StateNodeLike, enter: Set<StateNodeLike>, byDefault: Set<StateNodeLike>): void {
  if (node.type !== 'compound') return;
  const initial = node.initial.target[0];
  enter.add(initial);
  byDefault.add(initial);
  addDescendants(initial, enter, byDefault);
  for (const anc of properAncestors(initial, node)) enter.add(anc);
}

/** The configuration an entity resting in `leaf` is in: the leaf and every state above it, the root included. */
export function configuration(leaf: StateNodeLike): StateNodeLike[] {
  return [leaf, ...properAncestors(leaf)];
}

/** What entering states `enter` of the configuration `config` (minus `exit`) comes to. */
function settle(config: readonly StateNodeLike[], exit: readonly StateNodeLike[], enter: Set<StateNodeLike>, byDefault: Set<StateNodeLike>): Passage {
  const after = new Set(config.filter((n) => !exit.includes(n)));
  for (const n of enter) after.add(n);
  const leaf = [...after].reduce((a, b) => (b.order > a.order ? b : a));
  const entered = [...enter].sort((a, b) => a.order - b.order).map((node) => ({ node, byDefault: byDefault.has(node) }));
  return { exit, enter: entered, leaf };
}

/**
 * The passage of a transition defined on `source`, to `target`, taken while
 * the entity rests in `leaf` (a descendant of `source`, or `source` itself).
 */
export function passage(leaf: StateNodeLike, source: StateNodeLike, target: StateNodeLike, reenter: boolean): Passage {
  const config = configuration(leaf);
  const domain = transitionDomain(source, target, reenter);
  const exit = new Set<StateNodeLike>();
  if (domain !== undefined && reenter && source === domain) exit.add(domain);
  for (const n of config) if (domain === undefined || isDescendant(n, domain)) exit.add(n);
  const exits = [...exit].sort((a, b) => b.order - a.order);

  const enter = new Set<StateNodeLike>();
  const byDefault = new Set<StateNodeLike>();
  if (source !== target || source !== domain || reenter) {
    enter.add(target);
    byDefault.add(target);
  }
  addDescendants(target, enter, byDefault);
  const reentrancy = source.parent === undefined && reenter ? undefined : domain;
  for (const anc of properAncestors(target, domain)) if (reentrancy === undefined || isDescendant(anc, reentrancy)) enter.add(anc);
  return settle(config, exits, enter, byDefault);
}

/** The machine's initial entry: the root's initial states down to a leaf, each entered by default. */
export function initialPassage(root: StateNodeLike): Passage {
  const enter = new Set<StateNodeLike>();
  const byDefault = new Set<StateNodeLike>();
  addDescendants(root, enter, byDefault);
  return settle([], [], enter, byDefault);
}
