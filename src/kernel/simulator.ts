import { EventHeap } from './event-heap.js';

/** Handles one event of a registered kind; `target` is the payload given to `schedule`. */
export type EventHandler = (target: number) => void;

/**
 * Events that come due in the order they are scheduled: those scheduled a
 * fixed delay after the moment they are scheduled (a delay line: as the clock
 * never goes back, they come due in order), or at times that the scheduler
 * promises never decrease (a lane: one stream's next arrival). They wait in
 * a first-in first-out queue over typed arrays instead of the heap: adding
 * and taking one is O(1), and a long delay that many entities share (a check
 * 14 days after each callback's creation) does not deepen the heap every
 * other event goes through.
 */
class DelayLine {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private targets: Int32Array;
  private head = 0;
  private tail = 0;

  /** @param delay the line's fixed delay, or NaN for a lane (events at given times) */
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

  /** Time of the last entry, or -Infinity when empty. */
  lastTime(): number {
    return this.tail > this.head ? this.times[this.tail - 1] : -Infinity;
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
  /** The line whose first event comes first (by time, then sequence), or -1 when every line is empty; and that event's time and sequence. */
  private firstLine = -1;
  private firstLineTime = Infinity;
  private firstLineSeq = Infinity;
  /** The event being handled, when it came from a delay line. */
  private readonly taken = { time: 0, seq: 0, kind: 0, target: 0 };
  private nextSeq = 1;
  private stopped = false;
  /** Count of handled events at which the progress hook is next called (Infinity: no hook). */
  private progressAt = Infinity;
  private progressEvery = 0;
  private progressHook: ((eventsHandled: number, now: number) => void) | undefined;

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
   * Creates a lane: a line for events scheduled at times that never decrease
   * from one to the next (see `scheduleInLane`), such as one arrival stream's
   * next arrival; returns its number.
   */
  lane(): number {
    this.lines.push(new DelayLine(Number.NaN));
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
    const at = this.now + delayLine.delay;
    delayLine.push(at, seq, kind, target);
    if (delayLine.size === 1) this.lineStarted(line, at, seq);
    return seq;
  }

  /**
   * Schedules an event of `kind` for `target` at absolute time `at` on lane
   * `lane`: not before now, nor before the last event scheduled on the lane.
   * It comes in the same `(time, sequence)` order as if it had been given to
   * `schedule`. Returns a handle for `cancel`.
   */
  scheduleInLane(lane: number, at: number, kind: number, target: number): number {
    const line = this.lines[lane];
    if (!(at >= this.now) || !(at >= line.lastTime()) || !Number.isNaN(line.delay)) {
      throw new RangeError(
        Number.isNaN(line.delay)
          ? `cannot schedule ${this.kindName(kind)} at ${at} ms on lane ${lane}: the clock is at ${this.now} ms and the lane's last event at ${line.lastTime()} ms`
          : `line ${lane} is a delay line: use scheduleOn`,
      );
    }
    const seq = this.nextSeq++;
    line.push(at, seq, kind, target);
    if (line.size === 1) this.lineStarted(lane, at, seq);
    return seq;
  }

  /** Line `line`, empty until now, has its first event at `(time, seq)`: it may be the line that comes first. */
  private lineStarted(line: number, time: number, seq: number): void {
    if (time < this.firstLineTime || (time === this.firstLineTime && seq < this.firstLineSeq)) {
      this.firstLine = line;
      this.firstLineTime = time;
      this.firstLineSeq = seq;
    }
  }

  /** Finds the line whose first event comes first (after the first line's first event was taken). */
  private findFirstLine(): void {
    const lines = this.lines;
    let first = -1;
    let time = Infinity;
    let seq = Infinity;
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l];
      if (line.size === 0) continue;
      const t = line.peekTime();
      if (t < time || (t === time && line.peekSeq() < seq)) {
        first = l;
        time = t;
        seq = line.peekSeq();
      }
    }
    this.firstLine = first;
    this.firstLineTime = time;
    this.firstLineSeq = seq;
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
    if (this.cancelled.size === 0) return false;
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

  /**
   * Calls `hook` after every `every` events handled (with the count and the
   * clock), or stops calling it when `hook` is undefined. It only observes:
   * the run is the same with or without it.
   */
  onProgress(every: number, hook: ((eventsHandled: number, now: number) => void) | undefined): void {
    if (hook !== undefined && !(Number.isInteger(every) && every > 0)) throw new RangeError(`progress needs a whole number of events ≥ 1, got ${every}`);
    this.progressHook = hook;
    this.progressEvery = every;
    this.progressAt = hook === undefined ? Infinity : this.eventsHandled + every;
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
      // The earliest event: the heap's first, unless the first line's first comes before it.
      let time = heap.size > 0 ? heap.peekTime() : Infinity;
      const line = this.firstLine;
      const fromLine = line >= 0 && (this.firstLineTime < time || (this.firstLineTime === time && this.firstLineSeq < (heap.size > 0 ? heap.peekSeq() : Infinity)));
      if (fromLine) time = this.firstLineTime;
      if (!(time <= until) || (!fromLine && heap.size === 0)) break;
      let kind: number;
      let target: number;
      if (!fromLine) {
        heap.pop();
        if (this.dropCancelled(heap.seq)) continue;
        kind = heap.kind;
        target = heap.target;
      } else {
        lines[line].shift(taken);
        this.findFirstLine();
        if (this.dropCancelled(taken.seq)) continue;
        kind = taken.kind;
        target = taken.target;
      }
      this.now = time;
      this.eventsHandled++;
      handlers[kind](target);
      if (this.eventsHandled >= this.progressAt) {
        this.progressAt += this.progressEvery;
        this.progressHook!(this.eventsHandled, time);
      }
      if (this.stopped) return;
    }
    if (until > this.now && until !== Infinity) this.now = until;
  }
}
