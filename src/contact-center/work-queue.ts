import { EventHeap } from '../kernel/event-heap.js';

/** Priority steps are this many ms of position apart, so any priority outranks any position. */
const PRIORITY_STEP = 1e12;
/** Largest priority magnitude the ordering key can hold exactly. */
export { MAX_PRIORITY } from '../model/scenario.js';

/**
 * Interactions waiting for an agent (or for the dialer) on one queue,
 * ordered by priority (higher first), then by position (earlier enqueue time
 * first), then first come first served. Removal is lazy: a removed ticket is
 * skipped when it reaches the front.
 */
export class WorkQueue {
  private readonly heap = new EventHeap(64);
  private readonly removed = new Set<number>();
  private nextTicket = 1;
  private live = 0;

  /** Number of interactions waiting. */
  get size(): number {
    return this.live;
  }

  /** Adds `ref` with its priority and position (ms); returns a ticket for `remove`. */
  push(ref: number, priority: number, position: number): number {
    const ticket = this.nextTicket++;
    this.heap.push(position - priority * PRIORITY_STEP, ticket, 0, ref);
    this.live++;
    return ticket;
  }

  /** Removes the interaction holding `ticket` (which must still be waiting). */
  remove(ticket: number): void {
    this.removed.add(ticket);
    this.live--;
  }

  /** Ordering key of the front interaction (lower is served first), `Infinity` if none. */
  frontKey(): number {
    this.skipRemoved();
    return this.heap.peekTime();
  }

  /** The front interaction's ref, or -1. */
  front(): number {
    this.skipRemoved();
    return this.heap.size > 0 ? this.heap.peekTarget() : -1;
  }

  /** Removes and returns the front interaction's ref, or -1. */
  shift(): number {
    this.skipRemoved();
    if (!this.heap.pop()) return -1;
    this.live--;
    return this.heap.target;
  }

  private skipRemoved(): void {
    const heap = this.heap;
    while (this.removed.size > 0 && heap.size > 0 && this.removed.delete(heap.peekSeq())) heap.pop();
  }
}
