import type { Simulator } from '../kernel/simulator.js';

/** Delivers a timed event to one entity of one machine engine. */
export type Deliver<TEvent> = (entity: number, event: TEvent) => void;

/**
 * The statecharts' delayed events on the simulator's clock: a machine's
 * `after` delay becomes an event on the heap, found again by (engine,
 * entity, timer id) when the machine cancels or restarts it.
 *
 * Pending timers live in reusable slots over plain arrays. Each engine keeps,
 * by entity, the first slot of that entity's pending timers, and slots link
 * to the next of the same entity (an entity has one or two at most), so that
 * finding a timer costs no hashing.
 */
export class MachineTimers {
  private readonly kind: number;
  private readonly timerIds = new Map<string, number>();
  /** The timer id looked up last, and its index. */
  private lastId: string | undefined = undefined;
  private lastIdIndex = -1;
  /** Per engine, by entity: the first slot of its pending timers, plus one (0: none). */
  private readonly firstSlot: Int32Array[] = [];
  /** Per slot: its kernel handle, engine, entity, timer id index, event, delivery, and the entity's next slot plus one. */
  private readonly handles: number[] = [];
  private readonly engineOf: number[] = [];
  private readonly entities: number[] = [];
  private readonly idOf: number[] = [];
  private readonly events: unknown[] = [];
  private readonly delivers: Array<Deliver<unknown> | undefined> = [];
  private readonly nextSlot: number[] = [];
  private readonly freeSlots: number[] = [];
  private count = 0;

  constructor(private readonly sim: Simulator) {
    this.kind = sim.register('machine.timer', (slot) => this.fire(slot));
  }

  /** Timer functions for one engine, whose events go to `deliver`. */
  forEngine<TEvent>(deliver: Deliver<TEvent>): {
    delay(entity: number, id: string, delay: number, event: TEvent): void;
    cancelDelay(entity: number, id: string): void;
  } {
    const engine = this.firstSlot.length;
    this.firstSlot.push(new Int32Array(64));
    return {
      delay: (entity, id, delay, event) => this.start(engine, deliver as Deliver<unknown>, entity, id, delay, event),
      cancelDelay: (entity, id) => this.cancel(engine, entity, id),
    };
  }

  /** Number of machine timers pending. */
  get pending(): number {
    return this.count;
  }

  private idIndex(id: string): number {
    if (id === this.lastId) return this.lastIdIndex;
    let index = this.timerIds.get(id);
    if (index === undefined) {
      index = this.timerIds.size;
      this.timerIds.set(id, index);
    }
    this.lastId = id;
    this.lastIdIndex = index;
    return index;
  }

  /** The first-slot table of `engine`, with room for `entity`. */
  private heads(engine: number, entity: number): Int32Array {
    let heads = this.firstSlot[engine];
    if (entity >= heads.length) {
      let size = heads.length * 2;
      while (size <= entity) size *= 2;
      const grown = new Int32Array(size);
      grown.set(heads);
      heads = this.firstSlot[engine] = grown;
    }
    return heads;
  }

  /** The slot of `entity`'s pending timer `idIndex` on `engine`, or -1. */
  private find(engine: number, entity: number, idIndex: number): number {
    const heads = this.firstSlot[engine];
    let slot = entity < heads.length ? heads[entity] - 1 : -1;
    while (slot >= 0 && this.idOf[slot] !== idIndex) slot = this.nextSlot[slot] - 1;
    return slot;
  }

  private start(engine: number, deliver: Deliver<unknown>, entity: number, id: string, delay: number, event: unknown): void {
    if (!Number.isInteger(entity) || entity < 0) throw new RangeError(`machine timers: entity ids must be non-negative integers, got ${entity}`);
    // Engines keep timers that never fire to themselves.
    if (!(delay < Infinity)) throw new RangeError(`machine timers: a delay must be finite, got ${delay}`);
    const idIndex = this.idIndex(id);
    const existing = this.hasTimers(engine, entity) ? this.find(engine, entity, idIndex) : -1;
    if (existing >= 0) this.release(existing, true);
    const heads = this.heads(engine, entity);
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.handles.length;
    this.engineOf[slot] = engine;
    this.entities[slot] = entity;
    this.idOf[slot] = idIndex;
    this.events[slot] = event;
    this.delivers[slot] = deliver;
    this.nextSlot[slot] = heads[entity];
    heads[entity] = slot + 1;
    this.handles[slot] = this.sim.after(Math.max(0, Math.round(delay)), this.kind, slot);
    this.count++;
  }

  /** Whether `entity` of `engine` has a pending timer. */
  private hasTimers(engine: number, entity: number): boolean {
    const heads = this.firstSlot[engine];
    return entity < heads.length && heads[entity] !== 0;
  }

  private cancel(engine: number, entity: number, id: string): void {
    if (!this.hasTimers(engine, entity)) return;
    const slot = this.find(engine, entity, this.idIndex(id));
    if (slot >= 0) this.release(slot, true);
  }

  /** Frees `slot` (unlinking it from its entity's timers), cancelling its kernel event if it is still pending. */
  private release(slot: number, cancelEvent: boolean): void {
    if (cancelEvent) this.sim.cancel(this.handles[slot]);
    const heads = this.firstSlot[this.engineOf[slot]];
    const entity = this.entities[slot];
    const next = this.nextSlot[slot];
    if (heads[entity] === slot + 1) {
      heads[entity] = next;
    } else {
      let prev = heads[entity] - 1;
      while (this.nextSlot[prev] !== slot + 1) prev = this.nextSlot[prev] - 1;
      this.nextSlot[prev] = next;
    }
    this.events[slot] = undefined;
    this.delivers[slot] = undefined;
    this.idOf[slot] = -1;
    this.freeSlots.push(slot);
    this.count--;
  }

  private fire(slot: number): void {
    const deliver = this.delivers[slot]!;
    const entity = this.entities[slot];
    const event = this.events[slot];
    this.release(slot, false);
    deliver(entity, event);
  }
}
