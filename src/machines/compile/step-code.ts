import { OP_ASSIGN, OP_DELAY, OP_SHIFT, type CompiledMachine } from './table.js';

/** What a step function asks of its engine while it takes a transition. */
export interface StepOps {
  /** Runs `assign` action `index` on the current slot's context. */
  assign(index: number): void;
  /** Queues host op `op` (with the delay its timer resolved to, else 0). */
  push(op: number, delay: number): void;
  /** The delay of timer `index` for the current slot's context. */
  delayOf(index: number): number;
}

/**
 * One event's transition for one entity, taken on the current slot: given
 * the state `s` and the event's `type`, selects the first enabled candidate
 * (guards are called with `guardArgs`), runs its ops through `StepOps`, and
 * returns `(state << 1) | mutates`: the state after the transition (`s` when
 * no candidate is enabled, or it stays) and 1 if the transition changes
 * XState's snapshot (`CompiledMachine.mutates`). It does not write the
 * state, nor take eventless transitions.
 */
export type StepFunction = (s: number, type: string) => number;

/** Sources of the step code of each table, made once per table. */
const sources = new WeakMap<CompiledMachine, string>();

/**
 * The table's event transitions as JavaScript: a switch over states and
 * event types with each candidate's guard call and ops written out, so that
 * each guard is called from a call site of its own (which the JIT can
 * inline) and nothing is looked up in the table per event. The code is made
 * from the table alone, once per table; each engine makes its own function
 * from it (so that the JIT's feedback is that engine's own).
 */
export function stepFunction(table: CompiledMachine, guardArgs: unknown, ops: StepOps): StepFunction {
  let source = sources.get(table);
  if (source === undefined) {
    source = stepSource(table);
    sources.set(table, source);
  }
  const guards = table.guards.map((g) => g.fn);
  const params = table.guards.map((g) => g.params);
  return new Function('guards', 'params', 'guardArgs', 'ops', source)(guards, params, guardArgs, ops) as StepFunction;
}

/** The body of the factory `(guards, params, guardArgs, ops) => step`. */
function stepSource(table: CompiledMachine): string {
  const lines: string[] = ['"use strict";'];
  table.guards.forEach((_, g) => lines.push(`const g${g} = guards[${g}], p${g} = params[${g}];`));
  lines.push('return function step(s, type) {', '  switch (s) {');
  const types = [...table.events.entries()];
  table.states.forEach((name, s) => {
    const cases: string[] = [];
    for (const [type, e] of types) {
      const at = s * table.eventCount + e;
      const from = table.onStart[at];
      const to = table.onStart[at + 1];
      if (from === to) continue;
      cases.push(`      case ${JSON.stringify(type)}: {`);
      let unguarded = false;
      for (let i = from; i < to && !unguarded; i++) {
        const t = table.on[i];
        const g = table.guard[t];
        const body = transitionCode(table, s, t);
        if (g < 0) {
          cases.push(`        ${body}`);
          unguarded = true;
        } else {
          cases.push(`        if (g${g}(guardArgs, p${g})) { ${body} }`);
        }
      }
      if (!unguarded) cases.push(`        return ${s << 1};`);
      cases.push('      }');
    }
    if (cases.length === 0) return;
    lines.push(`    case ${s}: // ${name.replace(/[\r\n\u2028\u2029]/g, ' ')}`, '      switch (type) {', ...cases, '      }', `      return ${s << 1};`);
  });
  lines.push('  }', '  return s << 1;', '};');
  return lines.join('\n');
}

/** The ops of transition `t` from state `s`, then its `return`. */
function transitionCode(table: CompiledMachine, s: number, t: number): string {
  const parts: string[] = [];
  for (let i = table.opStart[t]; i < table.opStart[t + 1]; i++) {
    const op = table.ops[i];
    const index = op >> OP_SHIFT;
    switch (op & 3) {
      case OP_ASSIGN:
        parts.push(`ops.assign(${index});`);
        break;
      case OP_DELAY:
        parts.push(`ops.push(${op}, ops.delayOf(${index}));`);
        break;
      default:
        parts.push(`ops.push(${op}, 0);`);
    }
  }
  const target = table.target[t] < 0 ? s : table.target[t];
  parts.push(`return ${(target << 1) | table.mutates[t]};`);
  return parts.join(' ');
}
