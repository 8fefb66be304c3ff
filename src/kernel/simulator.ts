import { EventHeap } from './event-heap.js';

/** Handles one event of a registered kind; `target` is the payload given to `schedule`. */
export type EventHandler = (target: number) => void;

/**
 * The simulated clock and its run loop.
 *
 * Time is integer milliseconds since the start of the run. Events are typed by
 * a small integer `kind` (returned by `register`) and carry one integer
 * `target`; a handle returned by `schedule` cancels the event lazily.
 */
export class Simulator {
  /** The current simulated time, in ms. */
  now = 0;
  /** Number of events handled so far (cancelled events are not counted). */
  eventsHandled = 0;

  private readonly heap: EventHeap;
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  private readonly cancelled = new Set<number>();
  private nextSeq = 1;
  private stopped = false;

  constructor(initialCapacity = 1024) {
    this.heap = new EventHeap(initialCapacity);
  }

  /** Registers a handler for a new kind of event and returns the kind's number. */
  register(name: string, handler: EventHandler): number {
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  /** The name a kind was registered with. */
  kindName(kind: number): string {
    return this.names[kind] ?? `#${kind}`;
  }

  /**
   * Schedules an event of `kind` for `target` at absolute time `at` (not
   * before now). Returns a handle for `cancel`.
   */
  schedule(at: number, kind: number, target: number): number {
    if (!(at >= this.now)) {
      throw new RangeError(`cannot schedule ${this.kindName(kind)} at ${at} ms: the clock is already at ${this.now} ms`);
    }
    const seq = this.nextSeq++;
    this.heap.push(at, seq, kind, target);
    return seq;
  }

  /** Schedules an event `delay` ms from now. */
  after(delay: number, kind: number, target: number): number {
    return this.schedule(this.now + delay, kind, target);
  }

  /**
   * Cancels a pending event. Pass only handles whose events have not fired
   * yet: the cancellation is remembered until the event comes off the heap.
   */
  cancel(handle: number): void {
    if (handle > 0) this.cancelled.add(handle);
  }

  /** Number of events waiting on the heap, cancelled ones included. */
  get pending(): number {
    return this.heap.size;
  }

  /** Makes the current `run` return after the event being handled. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Handles events in `(time, sequence)` order while their time is at most
   * `until`, then leaves the clock at `until` (unless stopped earlier).
   */
  run(until: number): void {
    const heap = this.heap;
    const handlers = this.handlers;
    const cancelled = this.cancelled;
    this.stopped = false;
    while (heap.size > 0 && heap.peekTime() <= until) {
      heap.pop();
      if (cancelled.size > 0 && cancelled.delete(heap.seq)) continue;
      this.now = heap.time;
      this.eventsHandled++;
      handlers[heap.kind](heap.target);
      if (this.stopped) return;
    }
    if (until > this.now && until !== Infinity) this.now = until;
  }
}
