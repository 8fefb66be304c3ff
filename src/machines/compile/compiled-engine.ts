import type { AnyStateMachine } from 'xstate';
import type { Mailbox, MachineEngine, MachineHost } from '../engine.js';
import { ArmedTimers } from './armed-timers.js';
import { ContextStore } from './context-store.js';
import { HostOps } from './host-ops.js';
import { StartMemory } from './start-memory.js';
import { stepFunction, type StepFunction } from './step-code.js';
import { accepts, carriesTag, firstEnabled } from './queries.js';
import { compileMachine } from './compiler.js';
import { OP_ASSIGN, OP_CANCEL, OP_DELAY, OP_PERFORM, OP_SHIFT, type CompiledMachine } from './table.js';

/** Microsteps of eventless transitions after which a macrostep is taken to loop forever. */
const MAX_EVENTLESS_STEPS = 10_000;

/** The event the host sees at start (XState's init event, as the reference engine reports it). */
const HOST_INIT_EVENT = Object.freeze({ type: 'xstate.init' });

function spawnRefused(machine: string): () => never {
  return () => {
    throw new Error(`machine "${machine}": spawn is not supported by the compiled engine`);
  };
}

/**
 * The compiled engine: the machine's flat transition table (see
 * `compileMachine`) run over integer states held in a typed array and
 * contexts held in columns, with XState's semantics for the supported
 * subset — the same host calls in the same order as `XStateEngine`
 * (`changed`, then exit, transition and entry actions; `after` timers with
 * XState's ids; cancellations on exit), the same transitions counted, the
 * same states and contexts. Guards, assignments and delays are the machine's
 * own functions, called with a reusable context view.
 */
export class CompiledEngine<TInput, TEvent extends { type: string }, TContext> implements MachineEngine<TInput, TEvent, TContext> {
  readonly name = 'compiled';
  transitions = 0;

  private readonly table: CompiledMachine;
  private readonly context: ContextStore;
  /** slot + 1 of each entity (0: no such entity). */
  private slotOf = new Int32Array(64);
  /** State id of each slot. */
  private state: Uint8Array | Uint16Array;
  private readonly freeSlots: number[] = [];
  private slots = 0;
  /** The timers of each slot handed to the host and not cancelled since. */
  private readonly armed: ArmedTimers;
  /** Host ops of the macrostep in progress. */
  private readonly pending = new HostOps();
  /** Whether the macrostep in progress changed XState's snapshot (its state, or its context through an `assign`). */
  private dirty = false;
  private readonly guardArgs: { context: Record<string, unknown>; event: unknown };
  private readonly actionArgs: { context: Record<string, unknown>; event: unknown; self: undefined; system: undefined };
  private readonly assignArgs: { context: Record<string, unknown>; event: unknown; spawn: () => never; self: undefined; system: undefined };
  private readonly spawn: () => never;
  private readonly assignValues: unknown[] = [];
  /** Column of each property of each object-form assign (known once the first context is stored). */
  private assignColumns: Int32Array[] = [];
  /** The init event, reused by every start when no assignment can see it (else null: one per start). */
  private readonly initEvent: { type: 'xstate.init'; input: unknown } | null;
  /** The keys `read` has looked up, and their columns (a host reads a handful of keys: a scan beats hashing). */
  private readonly readKeys: string[] = [];
  private readonly readColumns: number[] = [];
  /** The event transitions, as code made from the table (see `stepFunction`). */
  private readonly step: StepFunction;
  /** 1 for states that are not final and have eventless transitions to settle. */
  private readonly settles: Uint8Array;
  /** Templates and outcomes of starts from frozen inputs (see `init`). */
  private readonly starts = new StartMemory();
  private readonly deliver = (entity: number, event: TEvent): void => this.apply(entity, event);
  private readonly begin = (entity: number, input: TInput): void => this.init(entity, input);

  /**
   * @param machine the XState machine (compiled once per machine object; refused with a `CompileError` if unsupported)
   * @param host the world that performs actions and keeps timers
   * @param mailbox the run-to-completion queue shared with the run's other engines
   */
  constructor(
    machine: AnyStateMachine,
    private readonly host: MachineHost<TEvent>,
    private readonly mailbox: Mailbox,
  ) {
    this.table = compileMachine(machine);
    this.context = new ContextStore(this.table.id);
    this.state = this.table.states.length <= 256 ? new Uint8Array(16) : new Uint16Array(16);
    this.armed = new ArmedTimers(this.table.timers.length, this.state.length);
    const view = this.context.view;
    this.spawn = spawnRefused(this.table.id);
    this.guardArgs = { context: view, event: undefined };
    this.actionArgs = { context: view, event: undefined, self: undefined, system: undefined };
    this.assignArgs = { context: view, event: undefined, spawn: this.spawn, self: undefined, system: undefined };
    this.step = stepFunction(this.table, this.guardArgs, {
      assign: (index) => this.assign(index),
      push: (op, delay) => this.pending.push(op, delay),
      delayOf: (index) => this.delayOf(index),
    });
    const table = this.table;
    const initOps = [...table.ops.subarray(table.initOpStart, table.initOpEnd)];
    for (const t of table.always) initOps.push(...table.ops.subarray(table.opStart[t], table.opStart[t + 1]));
    this.initEvent = initOps.some((op) => (op & 3) === OP_ASSIGN) ? null : { type: 'xstate.init', input: undefined };
    this.settles = Uint8Array.from(table.states, (_, s) => (!table.final[s] && table.alwaysStart[s] !== table.alwaysStart[s + 1] ? 1 : 0));
  }

  start(entity: number, input: TInput): void {
    this.mailbox.post(this.begin, entity, input);
  }

  send(entity: number, event: TEvent): void {
    // Mailbox.post, without its indirect call when nothing is being handled.
    const mailbox = this.mailbox;
    if (mailbox.busy) {
      mailbox.enqueue(this.deliver, entity, event);
      return;
    }
    mailbox.busy = true;
    try {
      this.apply(entity, event);
      mailbox.drain();
    } finally {
      mailbox.done();
    }
  }

  stateOf(entity: number): string {
    return this.table.states[this.state[this.slot(entity)]];
  }

  hasTag(entity: number, tag: string): boolean {
    return carriesTag(this.table, this.state[this.slot(entity)], tag);
  }

  can(entity: number, event: TEvent): boolean {
    const slot = this.slot(entity);
    // Guards read the entity's context through the shared view: point it there, and back afterwards.
    const store = this.context;
    const savedSlot = store.slot;
    const savedEvent = this.guardArgs.event;
    store.slot = slot;
    this.guardArgs.event = event;
    try {
      return accepts(this.table, this.state[slot], event.type, this.guardArgs);
    } finally {
      store.slot = savedSlot;
      this.guardArgs.event = savedEvent;
    }
  }

  contextOf(entity: number): Readonly<TContext> {
    return this.context.toObject(this.slot(entity)) as TContext;
  }

  read<K extends keyof TContext & string>(entity: number, key: K): TContext[K] {
    const keys = this.readKeys;
    let i = 0;
    while (i < keys.length && keys[i] !== key) i++;
    if (i === keys.length) {
      const column = this.context.indexOf(key);
      if (column < 0) throw new Error(`${this.table.id}: the context has no key '${key}'`);
      keys.push(key);
      this.readColumns.push(column);
    }
    return this.context.read(this.readColumns[i], this.slot(entity)) as TContext[K];
  }

  release(entity: number): void {
    const slot = entity >= 0 && entity < this.slotOf.length ? this.slotOf[entity] - 1 : -1;
    if (slot < 0) return;
    this.slotOf[entity] = 0;
    this.context.clear(slot);
    this.armed.clear(slot);
    this.freeSlots.push(slot);
  }

  private slot(entity: number): number {
    const slot = entity >= 0 && entity < this.slotOf.length ? this.slotOf[entity] - 1 : -1;
    if (slot < 0) throw new Error(`${this.table.id} ${entity} does not exist`);
    return slot;
  }

  private allocate(entity: number): number {
    if (!Number.isInteger(entity) || entity < 0) throw new RangeError(`${this.table.id}: entity ids must be non-negative integers, got ${entity}`);
    if (entity >= this.slotOf.length) {
      let size = this.slotOf.length * 2;
      while (size <= entity) size *= 2;
      const slotOf = new Int32Array(size);
      slotOf.set(this.slotOf);
      this.slotOf = slotOf;
    }
    const existing = this.slotOf[entity] - 1;
    if (existing >= 0) return existing;
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.slots++;
    if (slot >= this.state.length) {
      const state = new (this.state.constructor as Uint8ArrayConstructor)(this.state.length * 2);
      state.set(this.state);
      this.state = state;
      this.armed.grow(state.length);
    }
    this.context.ensureCapacity(this.state.length);
    this.armed.clear(slot);
    this.slotOf[entity] = slot + 1;
    return slot;
  }

  private init(entity: number, input: TInput): void {
    const table = this.table;
    const slot = this.allocate(entity);
    // Only an assignment could keep the init event: without one on the way in, one object serves every start.
    const event = this.initEvent ?? { type: 'xstate.init', input };
    if (this.initEvent !== null) this.initEvent.input = input;
    const template = this.starts.templateOf(input);
    let used = template;
    if (template === undefined || !this.context.restore(template, slot)) {
      const config = table.machine.config.context as unknown;
      const context =
        typeof config === 'function'
          ? (config as (args: unknown) => Record<string, unknown>)({ input, self: undefined, spawn: this.spawn })
          : ((config ?? {}) as Record<string, unknown>);
      const first = !this.context.ready;
      this.context.store(slot, context);
      if (first) this.assignColumns = table.assigns.map((a) => Int32Array.from(a.properties, (p) => this.columnFor(a.name, p.key)));
      used = this.starts.keep(input, context, this.context, slot);
    }
    this.context.slot = slot;
    this.setEvent(event);
    // Nothing on the way in assigns (initEvent is shared), so a start from a template always settles
    // in the same state with the same host ops: the first such start is remembered and replayed.
    const remembered = used !== undefined && this.initEvent !== null;
    const outcome = remembered ? this.starts.outcomeOf(used!) : undefined;
    let s: number;
    if (outcome !== undefined) {
      s = this.state[slot] = outcome.state;
      this.pending.replay(outcome.ops, outcome.delays);
    } else {
      this.pending.count = 0;
      this.runOps(table.initOpStart, table.initOpEnd);
      s = table.initial;
      this.state[slot] = s;
      if (!table.final[s]) s = this.settle(slot, s);
      if (remembered) {
        const n = this.pending.count;
        this.starts.keepOutcome(used!, { state: s, ops: this.pending.ops.slice(0, n), delays: this.pending.delays.slice(0, n) });
      }
    }
    this.transitions++;
    this.host.changed(entity, '', table.states[s], HOST_INIT_EVENT as unknown as TEvent);
    this.flush(entity, HOST_INIT_EVENT as unknown as TEvent);
  }

  private apply(entity: number, event: TEvent): void {
    const table = this.table;
    const slot = this.slot(entity);
    const from = this.state[slot];
    if (table.final[from]) return;
    this.context.slot = slot;
    this.setEvent(event);
    this.pending.count = 0;
    this.dirty = false;
    const stepped = this.step(from, event.type);
    let s = stepped >> 1;
    if (stepped & 1) this.dirty = true;
    this.state[slot] = s;
    if (this.settles[s]) s = this.settle(slot, s);
    // As XStateEngine: a step counts if XState's snapshot changed or any action came out of it.
    if (!this.dirty && this.pending.count === 0) return;
    this.transitions++;
    if (from !== s) this.host.changed(entity, table.states[from], table.states[s], event);
    this.flush(entity, event);
  }

  private columnFor(assign: string, key: string): number {
    const column = this.context.indexOf(key);
    if (column < 0) throw new Error(`${this.table.id}: assign '${assign}' writes context key '${key}', which the initial context does not have`);
    return column;
  }

  private setEvent(event: unknown): void {
    this.guardArgs.event = event;
    this.actionArgs.event = event;
    this.assignArgs.event = event;
  }

  /** Takes transition `t` from state `s`; returns the new state. */
  private take(slot: number, s: number, t: number): number {
    const table = this.table;
    if (table.mutates[t]) this.dirty = true;
    this.runOps(table.opStart[t], table.opStart[t + 1]);
    const to = table.target[t];
    if (to < 0) return s;
    this.state[slot] = to;
    return to;
  }

  /** Takes eventless transitions until none is enabled, a final state is reached, or a step changes nothing. */
  private settle(slot: number, s: number): number {
    const table = this.table;
    for (let steps = 0; ; steps++) {
      if (steps > MAX_EVENTLESS_STEPS) throw new Error(`${table.id}: eventless transitions from '${table.states[s]}' loop without end`);
      const t = firstEnabled(table, table.always, table.alwaysStart[s], table.alwaysStart[s + 1], this.guardArgs);
      if (t < 0) return s;
      s = this.take(slot, s, t);
      if (!table.mutates[t] || table.final[s]) return s;
    }
  }

  private runOps(from: number, to: number): void {
    const ops = this.table.ops;
    for (let i = from; i < to; i++) {
      const op = ops[i];
      switch (op & 3) {
        case OP_ASSIGN:
          this.assign(op >> OP_SHIFT);
          break;
        case OP_DELAY:
          this.pending.push(op, this.delayOf(op >> OP_SHIFT));
          break;
        default:
          this.pending.push(op, 0);
      }
    }
  }

  private delayOf(timer: number): number {
    const spec = this.table.timers[timer];
    const delay = spec.delayFn === null ? spec.delay : spec.delayFn(this.actionArgs, undefined);
    if (typeof delay !== 'number') throw new Error(`${this.table.id}: delay '${String(spec.delay)}' gave ${String(delay)}; immediate raise is not supported`);
    return delay;
  }

  private assign(index: number): void {
    const spec = this.table.assigns[index];
    const store = this.context;
    const slot = store.slot;
    if (spec.fn !== null) {
      const partial = spec.fn(this.assignArgs, spec.params) as Record<string, unknown> | undefined;
      if (partial !== undefined && partial !== null) {
        const entries = Object.entries(partial);
        for (let i = 0; i < entries.length; i++) store.writeKey(entries[i][0], slot, entries[i][1]);
      }
      return;
    }
    const properties = spec.properties;
    const columns = this.assignColumns[index];
    const values = this.assignValues;
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i];
      values[i] = p.fn === null ? p.value : p.fn(this.assignArgs, spec.params);
    }
    for (let i = 0; i < properties.length; i++) {
      store.write(columns[i], slot, values[i]);
      values[i] = undefined;
    }
  }

  /** Cancels `entity`'s timer `index` with the host if it was handed over (a timer that never fires was not). */
  private disarm(entity: number, slot: number, index: number): void {
    if (this.armed.disarm(slot, index)) this.host.cancelDelay(entity, this.table.timers[index].id);
  }

  /** Hands the macrostep's actions, timers and cancellations to the host, in order. */
  private flush(entity: number, event: TEvent): void {
    const pending = this.pending;
    const count = pending.count;
    if (count === 0) return;
    // Taken before any action runs: one may release the entity (its timers are then forgotten).
    const slot = this.slotOf[entity] - 1;
    const table = this.table;
    const host = this.host;
    this.pending.count = 0;
    for (let i = 0; i < count; i++) {
      const op = pending.ops[i];
      const index = op >> OP_SHIFT;
      switch (op & 3) {
        case OP_PERFORM: {
          const action = table.actions[index];
          host.perform(entity, action.name, action.params, event);
          break;
        }
        case OP_DELAY: {
          const delay = pending.delays[i];
          if (delay === Infinity) {
            this.disarm(entity, slot, index);
          } else {
            this.armed.arm(slot, index);
            const timer = table.timers[index];
            host.delay(entity, timer.id, delay, timer.event as TEvent);
          }
          break;
        }
        case OP_CANCEL:
          this.disarm(entity, slot, index);
          break;
      }
    }
  }
}
