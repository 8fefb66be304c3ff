import type { CompiledMachine } from './table.js';

/**
 * Reading a compiled table without taking a transition: which candidate is
 * enabled, whether a state carries a tag, whether an event would do
 * anything. Guards are the machine's own functions, called with `guardArgs`
 * (the engine's reusable `{ context, event }`, pointed at the entity).
 */

/** The first candidate in `list[from .. to)` whose guard passes with `guardArgs`, or -1. */
export function firstEnabled(table: CompiledMachine, list: Int32Array, from: number, to: number, guardArgs: unknown): number {
  for (let i = from; i < to; i++) {
    const t = list[i];
    const g = table.guard[t];
    if (g < 0) return t;
    const guard = table.guards[g];
    if (guard.fn(guardArgs, guard.params)) return t;
  }
  return -1;
}

/** Whether state `s` carries `tag`, itself or through a state above it (XState's `snapshot.hasTag`). */
export function carriesTag(table: CompiledMachine, s: number, tag: string): boolean {
  const states = table.tagged.get(tag);
  return states !== undefined && states[s] === 1;
}

/**
 * Whether an event of type `type` would be taken in state `s` (XState's
 * `snapshot.can`): its first enabled candidate has a target or actions.
 * Guards run (with `guardArgs`); no action, assignment or timer does.
 */
export function accepts(table: CompiledMachine, s: number, type: string, guardArgs: unknown): boolean {
  const e = table.events.get(type);
  if (e === undefined) return false;
  const at = s * table.eventCount + e;
  const t = firstEnabled(table, table.on, table.onStart[at], table.onStart[at + 1], guardArgs);
  return t >= 0 && table.acts[t] === 1;
}
