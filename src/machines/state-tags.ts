import type { AnyStateMachine } from 'xstate';

/** What this module reads of an XState state node. */
interface NodeLike {
  key: string;
  type: string;
  tags: readonly string[];
  states: Record<string, NodeLike>;
}

/**
 * The states an entity of `machine` can rest in — its atomic and final
 * states, by key — each with its tags and those of every state above it (as
 * XState's `hasTag` sees them). Read from the machine's definition, so it
 * holds for every engine.
 */
export function stateTags(machine: AnyStateMachine): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, ReadonlySet<string>>();
  const visit = (node: NodeLike, inherited: readonly string[]): void => {
    const tags = [...inherited, ...node.tags];
    const children = Object.values(node.states);
    if (children.length === 0) {
      if (out.has(node.key)) throw new Error(`machine "${machine.id}": two states are named '${node.key}'`);
      out.set(node.key, new Set(tags));
      return;
    }
    for (const child of children) visit(child, tags);
  };
  for (const node of Object.values((machine.root as unknown as NodeLike).states)) visit(node, []);
  return out;
}

/**
 * For each state of `machine`, which one of `tags` it carries: every state
 * must carry exactly one, else this throws (a new state that nobody
 * classified is an error at start-up, not silently counted as something).
 */
export function classifyStates<T extends string>(machine: AnyStateMachine, tags: readonly T[]): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  for (const [state, carried] of stateTags(machine)) {
    const found = tags.filter((tag) => carried.has(tag));
    if (found.length !== 1) {
      throw new Error(`machine "${machine.id}": state '${state}' must carry exactly one of the tags ${tags.join(', ')} (it has ${found.length ? found.join(', ') : 'none'})`);
    }
    out.set(state, found[0]);
  }
  return out;
}
