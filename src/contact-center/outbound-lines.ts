import type { CallbackRecord } from './callback-records.js';
import type { World } from './world-context.js';

/** Dials of one route waiting for a line, first come first served: the callbacks and when each started to wait. */
class LineWaiters {
  /** When the callback `shift` returned last started to wait. */
  sinceOfLast = 0;
  private readonly records: CallbackRecord[] = [];
  private readonly since: number[] = [];
  private head = 0;

  get size(): number {
    return this.records.length - this.head;
  }

  push(record: CallbackRecord, t: number): void {
    this.records.push(record);
    this.since.push(t);
  }

  /** Takes the callback waiting longest (there must be one); its wait started at `sinceOfLast` then. */
  shift(): CallbackRecord {
    const record = this.records[this.head];
    this.sinceOfLast = this.since[this.head];
    this.head++;
    if (this.head === this.records.length) {
      this.records.length = this.since.length = this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.records.length) {
      // A line that is never empty for long: drop the served front now and then.
      this.records.splice(0, this.head);
      this.since.splice(0, this.head);
      this.head = 0;
    }
    return record;
  }
}

/**
 * The lines of the outbound routes that declare them: every outbound call on
 * a queue whose route has lines holds one from the moment it is placed to its
 * hang-up, and queues on one route share its lines. The chart says which
 * states hold a line (tag `holdsLine`); a line is taken when the world places
 * the call (`request`), and given back when the callback leaves the states
 * that hold one (told by `changed`, from the tag bits the flight accounting
 * keeps of every state). A dial that finds no free line waits for one, first come
 * first served per route; a line given back goes to the dial that waited
 * longest, else the Customer First dialers of the route are told. Every
 * change of a route's busy lines is published (`route.lines`), and so is each
 * wait (`route.lineWaited`).
 */
export class OutboundLines {
  /** Per queue, the index of its route in `scenario.outboundRoutes`, or -1 for unlimited lines. */
  private readonly routeOf: Int32Array;
  /** Per route: its lines, the lines busy (calls holding one, and calls placed on one that do not hold it yet), the latter. */
  private readonly lines: Int32Array;
  private readonly busy: Int32Array;
  private readonly granted: Int32Array;
  private readonly waiters: LineWaiters[];
  /** Per route, the queues on it. */
  private readonly queuesOn: number[][];

  /**
   * The lines of `world`'s routes, or null when no queue is on a route that
   * declares its lines (nothing to count: every dial is placed at once).
   * `place` places a waiting callback's call once it has a line; `poke` tells
   * a queue's dialer that a line may be free.
   */
  static of(world: World, place: (record: CallbackRecord) => void, poke: (queue: number) => void): OutboundLines | null {
    const routes = world.scenario.outboundRoutes;
    const used = world.queues.some((q) => routes.some((r) => r.id === q.config.callback.outboundRoute));
    return used ? new OutboundLines(world, place, poke) : null;
  }

  private constructor(
    private readonly world: World,
    private readonly place: (record: CallbackRecord) => void,
    private readonly poke: (queue: number) => void,
  ) {
    const routes = world.scenario.outboundRoutes;
    this.routeOf = Int32Array.from(world.queues, (q) => routes.findIndex((r) => r.id === q.config.callback.outboundRoute));
    this.lines = Int32Array.from(routes, (r) => r.lines);
    this.busy = new Int32Array(routes.length);
    this.granted = new Int32Array(routes.length);
    this.waiters = routes.map(() => new LineWaiters());
    this.queuesOn = routes.map((_, r) => world.queues.filter((q) => this.routeOf[q.index] === r).map((q) => q.index));
  }

  /** Lines of `queue`'s route (Infinity for unlimited). */
  linesOf(queue: number): number {
    const route = this.routeOf[queue];
    return route < 0 ? Infinity : this.lines[route];
  }

  /** Free lines of `queue`'s route now (Infinity for unlimited; 0 while dials wait for one). */
  freeLinesOf(queue: number): number {
    const route = this.routeOf[queue];
    return route < 0 ? Infinity : this.lines[route] - this.busy[route];
  }

  /**
   * `record` places its call: whether it may at once (a line is taken for it,
   * or its route has no limit). Otherwise it waits for a line, and is placed
   * (`place`) when it gets one.
   */
  request(record: CallbackRecord): boolean {
    const route = this.routeOf[record.queue.index];
    if (route < 0) return true;
    if (this.busy[route] < this.lines[route]) {
      this.busy[route]++;
      this.granted[route]++;
      this.publish(route);
      return true;
    }
    this.waiters[route].push(record, this.world.sim.now);
    return false;
  }

  /** `record`'s chart moved from a state that did (`held`) or did not hold a line to one that does (`holds`) or does not. */
  changed(record: CallbackRecord, held: boolean, holds: boolean): void {
    if (held === holds) return;
    const route = this.routeOf[record.queue.index];
    if (route < 0) return;
    if (holds) {
      // The call placed on the line taken for it (`request`) now holds it.
      if (--this.granted[route] < 0) throw new Error(`outbound route ${this.idOf(route)}: callback ${record.id} holds a line it was not given`);
      return;
    }
    const waiters = this.waiters[route];
    if (waiters.size === 0) {
      this.busy[route]--;
      this.publish(route);
      for (const queue of this.queuesOn[route]) this.poke(queue);
      return;
    }
    // The line goes straight to the dial that waited longest: the busy lines do not change.
    this.granted[route]++;
    const next = waiters.shift();
    const now = this.world.sim.now;
    this.world.channel.routeLineWaited(now, this.idOf(route), next.queue.index, next.id, now - waiters.sinceOfLast);
    this.place(next);
  }

  private publish(route: number): void {
    this.world.channel.routeLines(this.world.sim.now, this.idOf(route), this.busy[route]);
  }

  private idOf(route: number): string {
    return this.world.scenario.outboundRoutes[route].id;
  }
}
