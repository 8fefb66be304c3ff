import type { AnyStateMachine } from 'xstate';
import { CompileError } from './compile-error.js';
import { OpReader } from './op-reader.js';
import { configuration, initialPassage, passage, type Passage } from './passage.js';
import { properAncestors, tagsOf, type StateNodeLike, type TransitionLike } from './state-node.js';
import { OP_ASSIGN, type CompiledMachine } from './table.js';

const ROOT = '(root)';
const STATE_KEYS = new Set(['type', 'entry', 'exit', 'on', 'always', 'after', 'id', 'description', 'meta', 'tags', 'initial', 'states']);
const ROOT_KEYS = new Set(['id', 'initial', 'context', 'states', 'types', 'schemas', 'version', 'description', 'meta', 'options']);

const compiled = new WeakMap<AnyStateMachine, CompiledMachine>();

/** The compiled table of `machine` (see `CompiledMachine`), built on first use and cached per machine object. */
export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  let table = compiled.get(machine);
  if (table === undefined) {
    table = new Compiler(machine).compile();
    compiled.set(machine, table);
  }
  return table;
}

/** A transition definition's own guard and actions, read once however many leaves take it. */
interface Definition {
  readonly guard: number;
  readonly actions: readonly number[];
}

class Compiler {
  private readonly id: string;
  private readonly root: StateNodeLike;
  private readonly reader: OpReader;
  /** Every state below the root, in document order. */
  private readonly nodes: StateNodeLike[] = [];
  /** The states an entity rests in (atomic and final), in document order: the compiled state ids. */
  private readonly leaves: StateNodeLike[] = [];
  private readonly stateIds = new Map<StateNodeLike, number>();
  private readonly byKey = new Map<string, StateNodeLike>();
  private readonly events = new Map<string, number>();
  private readonly ops: number[] = [];
  private readonly entryOps = new Map<StateNodeLike, number[]>();
  private readonly exitOps = new Map<StateNodeLike, number[]>();
  private readonly initialOps = new Map<StateNodeLike, number[]>();
  private readonly definitions = new Map<TransitionLike, Definition>();

  constructor(private readonly machine: AnyStateMachine) {
    this.id = machine.id;
    this.root = machine.root as unknown as StateNodeLike;
    this.reader = new OpReader(machine);
  }

  private refuse(state: string, feature: string): never {
    throw new CompileError(this.id, state, feature);
  }

  compile(): CompiledMachine {
    this.checkRoot();
    for (const node of this.nodes) {
      this.entryOps.set(node, this.reader.stateActions(node, 'entry'));
      this.exitOps.set(node, this.reader.stateActions(node, 'exit'));
      if (node.type === 'compound') this.initialOps.set(node, node.initial.actions.map((a) => this.reader.actionOp(node, a, 'initial transition action')));
    }
    for (const node of this.nodes) for (const eventType of node.transitions.keys()) if (!this.events.has(eventType)) this.events.set(eventType, this.events.size);

    const stateCount = this.leaves.length;
    const eventCount = this.events.size;
    const guard: number[] = [];
    const target: number[] = [];
    const mutates: number[] = [];
    const acts: number[] = [];
    const opStart: number[] = [];
    const addTransition = (leaf: StateNodeLike, source: number, t: TransitionLike, label: string): number => {
      const index = guard.length;
      const definition = this.definition(t, label);
      guard.push(definition.guard);
      const [to, ops] = this.transitionOps(leaf, source, t, definition, label);
      target.push(to);
      mutates.push(to >= 0 || ops.some((op) => (op & 3) === OP_ASSIGN) ? 1 : 0);
      acts.push(t.target !== undefined || t.actions.length > 0 ? 1 : 0);
      opStart.push(this.ops.length);
      this.ops.push(...ops);
      return index;
    };

    const onStart = new Int32Array(stateCount * eventCount + 1);
    const on: number[] = [];
    const alwaysStart = new Int32Array(stateCount + 1);
    const always: number[] = [];
    this.leaves.forEach((leaf, s) => {
      // The leaf's own candidates first, then each state above it, outward (XState's selection order).
      const chain = [leaf, ...properAncestors(leaf, this.root)];
      const byEvent = new Map<number, number[]>();
      for (const node of chain) {
        for (const [eventType, candidates] of node.transitions) {
          const e = this.events.get(eventType)!;
          if (!byEvent.has(e)) byEvent.set(e, []);
          for (const t of candidates) byEvent.get(e)!.push(addTransition(leaf, s, t, `transition on ${eventType}`));
        }
      }
      for (let e = 0; e < eventCount; e++) {
        onStart[s * eventCount + e] = on.length;
        on.push(...(byEvent.get(e) ?? []));
      }
      alwaysStart[s] = always.length;
      for (const node of chain) for (const t of node.always ?? []) always.push(addTransition(leaf, s, t, 'always transition'));
    });
    onStart[stateCount * eventCount] = on.length;
    alwaysStart[stateCount] = always.length;
    opStart.push(this.ops.length);

    const start = initialPassage(this.root);
    const initial = this.stateIds.get(start.leaf)!;
    const initOpStart = this.ops.length;
    this.ops.push(...this.enterOps(start));
    const initOpEnd = this.ops.length;
    const tags = this.leaves.map((leaf) => tagsOf(leaf));
    const tagged = new Map<string, Uint8Array>();
    tags.forEach((carried, s) => {
      for (const tag of carried) {
        if (!tagged.has(tag)) tagged.set(tag, new Uint8Array(stateCount));
        tagged.get(tag)![s] = 1;
      }
    });

    const reader = this.reader;
    return {
      id: this.id,
      machine: this.machine,
      states: this.leaves.map((n) => n.key),
      initial,
      final: Uint8Array.from(this.leaves, (n) => (n.type === 'final' ? 1 : 0)),
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
      guards: reader.guards,
      actions: reader.actions,
      assigns: reader.assigns,
      timers: reader.timers,
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
    if (root.initial.target.length !== 1 || root.initial.target[0].parent !== root) this.refuse(ROOT, 'an initial state that is not a top-level state');
    for (const node of Object.values(root.states)) this.checkState(node);
  }

  /** Checks `node` and the states below it, collecting them in document order. */
  private checkState(node: StateNodeLike): void {
    const state = node.key;
    const twin = this.byKey.get(state);
    if (twin !== undefined) this.refuse(state, `two states with the same key (${twin.id} and ${node.id}; state keys must be unique)`);
    this.byKey.set(state, node);
    if (node.type === 'parallel') this.refuse(state, 'parallel states');
    if (node.type === 'history') this.refuse(state, 'history states');
    if (node.type === 'final' && node.parent !== this.root) this.refuse(state, 'a final state inside a compound state');
    if (node.type !== 'atomic' && node.type !== 'final' && node.type !== 'compound') this.refuse(state, `state type '${node.type}'`);
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
    this.nodes.push(node);
    if (node.type !== 'compound') {
      this.stateIds.set(node, this.leaves.length);
      this.leaves.push(node);
      return;
    }
    for (const child of Object.values(node.states)) this.checkState(child);
  }

  private definition(t: TransitionLike, label: string): Definition {
    let definition = this.definitions.get(t);
    if (definition === undefined) {
      definition = {
        guard: this.reader.guardOf(t.source, t.guard, label),
        actions: t.actions.map((a) => this.reader.actionOp(t.source, a, `${label} action`)),
      };
      this.definitions.set(t, definition);
    }
    return definition;
  }

  /** Target (-1: the entity stays in `source`) and ops of transition `t` taken while resting in `leaf` (state id `source`). */
  private transitionOps(leaf: StateNodeLike, source: number, t: TransitionLike, definition: Definition, label: string): [number, number[]] {
    if (t.target === undefined) return [-1, [...definition.actions]];
    if (t.target.length !== 1) this.refuse(t.source.key, `a ${label} with ${t.target.length} targets`);
    const way = passage(leaf, t.source, t.target[0], t.reenter === true);
    const to = this.stateIds.get(way.leaf)!;
    const ops = [...way.exit.flatMap((n) => this.exitOps.get(n)!), ...definition.actions, ...this.enterOps(way)];
    return [to === source ? -1 : to, ops];
  }

  /**
   * Entry ops of a passage, outermost first: each state's entry actions and
   * timers, then its initial actions when entered by default. Reaching a
   * final state ends the machine, which exits every state, innermost first.
   */
  private enterOps(way: Passage): number[] {
    const ops: number[] = [];
    for (const { node, byDefault } of way.enter) {
      ops.push(...this.entryOps.get(node)!);
      if (byDefault && node.type === 'compound') ops.push(...this.initialOps.get(node)!);
    }
    if (way.leaf.type === 'final') for (const node of configuration(way.leaf)) if (node !== this.root) ops.push(...this.exitOps.get(node)!);
    return ops;
  }
}
