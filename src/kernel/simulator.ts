import { EventHeap } from './event-heap.js';

/** Handles one event of a registered kind; `target` is the payload given to `schedule`. */
export type EventHandler = (target: number) => void;

/**
 * Events scheduled a fixed delay after the moment they are scheduled. As the
 * clock never goes back, they come due in the order they were scheduled, so
 * they wait in a first-in first-out queue over typed arrays instead of the
 * heap: adding and taking one is O(1), and a long delay that many entities
 * share (a check 14 days after each callback's creation) does not deepen the
 * heap every other event goes through.
 */
class DelayLine {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private targets: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(readonly delay: number) {
    this.times = new Float64Array(64);
    this.seqs = new Float64Array(64);
    this.kinds = new Int32Array(64);
    this.targets = new Int32Array(64);
  }

  get size(): number {
    return this.tail - this.head;
  }

  /** Time of the first entry (undefined behaviour when empty). */
  peekTime(): number {
    return this.times[this.head];
  }

  /** Sequence number of the first entry (undefined behaviour when empty). */
  peekSeq(): number {
    return this.seqs[this.head];
  }

  push(time: number, seq: number, kind: number, target: number): void {
    if (this.tail === this.times.length) this.makeRoom();
    const i = this.tail++;
    this.times[i] = time;
    this.seqs[i] = seq;
    this.kinds[i] = kind;
    this.targets[i] = target;
  }

  /** Removes the first entry into `into`'s `time`, `seq`, `kind` and `target`. */
  shift(into: { time: number; seq: number; kind: number; target: number }): void {
    const i = this.head++;
    into.time = this.times[i];
    into.seq = this.seqs[i];
    into.kind = this.kinds[i];
    into.target = this.targets[i];
    if (this.head === this.tail) this.head = this.tail = 0;
  }

  /** Moves the entries to the front, or doubles the arrays when they are more than half full. */
  private makeRoom(): void {
    const size = this.size;
    if (size <= this.times.length >> 1) {
      this.times.copyWithin(0, this.head, this.tail);
      this.seqs.copyWithin(0, this.head, this.tail);
      this.kinds.copyWithin(0, this.head, this.tail);
      this.targets.copyWithin(0, this.head, this.tail);
    } else {
      const capacity = this.times.length * 2;
      const grow = <T extends Float64Array | Int32Array>(from: T, to: T): T => {
        to.set(from.subarray(this.head, this.tail));
        return to;
      };
      this.times = grow(this.times, new Float64Array(capacity));
      this.seqs = grow(this.seqs, new Float64Array(capacity));
      this.kinds = grow(this.kinds, new Int32Array(capacity));
      this.targets = grow(this.targets, new Int32Array(capacity));
    }
    this.head = 0;
    this.tail = size;
  }
}

/** Buckets of the cancellation filter (a power of two). */
const CANCEL_FILTER_SIZE = 4096;

/**
 * The simulated clock and its run loop.
 *
 * Time is integer milliseconds since the start of the run. Events are typed by
 * a small integer `kind` (returned by `register`) and carry one integer
 * `target`; a handle returned by `schedule` cancels the event lazily.
 *
 * Events wait in a binary heap, or, when they are scheduled a fixed delay
 * ahead on a delay line (`delayLine`, `scheduleOn`), in that line's queue;
 * the run loop takes the earliest of the heap's and the lines' first
 * events, so the order is `(time, sequence)` over all of them.
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
  /**
   * How many cancelled handles end in each value of their low bits: an event
   * whose count is 0 is not cancelled, which spares the set lookup for
   * nearly every event.
   */
  private readonly cancelledByLowBits = new Int32Array(CANCEL_FILTER_SIZE);
  private readonly lines: DelayLine[] = [];
  /** The event being handled, when it came from a delay line. */
  private readonly taken = { time: 0, seq: 0, kind: 0, target: 0 };
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

  /** Creates a delay line for events scheduled `delay` ms ahead (see `scheduleOn`); returns its number. */
  delayLine(delay: number): number {
    if (!(delay >= 0) || !Number.isFinite(delay)) throw new RangeError(`a delay line needs a finite delay ≥ 0, got ${delay}`);
    this.lines.push(new DelayLine(delay));
    return this.lines.length - 1;
  }

  /**
   * Schedules an event of `kind` for `target` the line's delay from now, on
   * delay line `line`. It comes in the same `(time, sequence)` order as if it
   * had been given to `after`. Returns a handle for `cancel`.
   */
  scheduleOn(line: number, kind: number, target: number): number {
    const delayLine = this.lines[line];
    const seq = this.nextSeq++;
    delayLine.push(this.now + delayLine.delay, seq, kind, target);
    return seq;
  }

  /**
   * Cancels a pending event. Pass only handles whose events have not fired
   * yet: the cancellation is remembered until the event comes off the heap.
   */
  cancel(handle: number): void {
    if (handle <= 0 || this.cancelled.has(handle)) return;
    this.cancelled.add(handle);
    this.cancelledByLowBits[handle & (CANCEL_FILTER_SIZE - 1)]++;
  }

  /** Whether the event with sequence number `seq` was cancelled; if so, forgets the cancellation (the event is being dropped). */
  private dropCancelled(seq: number): boolean {
    const bucket = seq & (CANCEL_FILTER_SIZE - 1);
    if (this.cancelledByLowBits[bucket] === 0 || !this.cancelled.delete(seq)) return false;
    this.cancelledByLowBits[bucket]--;
    return true;
  }

  /** Number of events waiting (on the heap and the delay lines), cancelled ones included. */
  get pending(): number {
    let n = this.heap.size;
    for (const line of this.lines) n += line.size;
    return n;
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
    const lines = this.lines;
    const taken = this.taken;
    this.stopped = false;
    for (;;) {
      // The earliest event: the heap's first, unless a delay line's first comes before it.
      let line = -1;
      let time = heap.size > 0 ? heap.peekTime() : Infinity;
      if (lines.length > 0) {
        let seq = heap.size > 0 ? heap.peekSeq() : Infinity;
        for (let l = 0; l < lines.length; l++) {
          const candidate = lines[l];
          if (candidate.size === 0) continue;
          const t = candidate.peekTime();
          if (t < time || (t === time && candidate.peekSeq() < seq)) {
            time = t;
            seq = candidate.peekSeq();
            line = l;
          }
        }
      }
      if (!(time <= until) || (line < 0 && heap.size === 0)) break;
      let kind: number;
      let target: number;
      if (line < 0) {
        heap.pop();
        if (this.dropCancelled(heap.seq)) continue;
        kind = heap.kind;
        target = heap.target;
      } else {
        lines[line].shift(taken);
        if (this.dropCancelled(taken.seq)) continue;
        kind = taken.kind;
        target = taken.target;
      }
      this.now = time;
      this.eventsHandled++;
      handlers[kind](target);
      if (this.stopped) return;
    }
    if (until > this.now && until !== Infinity) this.now = until;
  }
}
