import type { Simulator } from '../kernel/simulator.js';

/** Delivers a timed event to one entity of one machine engine. */
export type Deliver<TEvent> = (entity: number, event: TEvent) => void;

/**
 * The statecharts' delayed events on the simulator's clock: a machine's
 * `after` delay becomes an event on the heap, keyed by (engine, entity, timer
 * id) so that the machine's `cancel` finds it.
 */
export class MachineTimers {
  private readonly kind: number;
  private readonly timerIds = new Map<string, number>();
  private readonly slotByKey = new Map<number, number>();
  private readonly handles: number[] = [];
  private readonly keys: number[] = [];
  private readonly entities: number[] = [];
  private readonly events: unknown[] = [];
  private readonly delivers: Array<Deliver<unknown> | undefined> = [];
  private readonly freeSlots: number[] = [];
  private engines = 0;

  constructor(private readonly sim: Simulator) {
    this.kind = sim.register('machine.timer', (slot) => this.fire(slot));
  }

  /** Timer functions for one engine, whose events go to `deliver`. */
  forEngine<TEvent>(deliver: Deliver<TEvent>): {
    delay(entity: number, id: string, delay: number, event: TEvent): void;
    cancelDelay(entity: number, id: string): void;
  } {
    const engine = this.engines++;
    return {
      delay: (entity, id, delay, event) => this.start(engine, deliver as Deliver<unknown>, entity, id, delay, event),
      cancelDelay: (entity, id) => this.cancel(engine, entity, id),
    };
  }

  /** Number of machine timers pending. */
  get pending(): number {
    return this.slotByKey.size;
  }

  private key(engine: number, entity: number, id: string): number {
    let idIndex = this.timerIds.get(id);
    if (idIndex === undefined) {
      idIndex = this.timerIds.size;
      this.timerIds.set(id, idIndex);
    }
    return (entity * 256 + idIndex) * 16 + engine;
  }

  private start(engine: number, deliver: Deliver<unknown>, entity: number, id: string, delay: number, event: unknown): void {
    const key = this.key(engine, entity, id);
    const existing = this.slotByKey.get(key);
    if (existing !== undefined) this.release(existing, true);
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.handles.length;
    this.keys[slot] = key;
    this.entities[slot] = entity;
    this.events[slot] = event;
    this.delivers[slot] = deliver;
    this.handles[slot] = this.sim.after(Math.max(0, Math.round(delay)), this.kind, slot);
    this.slotByKey.set(key, slot);
  }

  private cancel(engine: number, entity: number, id: string): void {
    const slot = this.slotByKey.get(this.key(engine, entity, id));
    if (slot !== undefined) this.release(slot, true);
  }

  private release(slot: number, cancelEvent: boolean): void {
    if (cancelEvent) this.sim.cancel(this.handles[slot]);
    this.slotByKey.delete(this.keys[slot]);
    this.events[slot] = undefined;
    this.delivers[slot] = undefined;
    this.freeSlots.push(slot);
  }

  private fire(slot: number): void {
    const deliver = this.delivers[slot]!;
    const entity = this.entities[slot];
    const event = this.events[slot];
    this.release(slot, false);
    deliver(entity, event);
  }
}
