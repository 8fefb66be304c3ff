import { INTERVAL_MS } from './interval-buckets.js';

/**
 * An integer value per entity (an agent's kind of state, a queue's dials in
 * flight) integrated over simulated time from a start on (the warm-up's
 * end). When an entity's value changes (`set`), or at the end of the run
 * (`advance`), the time since its last change is handed over as stretches
 * of one value within one 30-minute interval: each call returns the length
 * (ms) of the next stretch, 0 when there is none, and leaves its `value` and
 * `bucket` in fields:
 *
 *   for (let ms = it.set(e, t, v); ms > 0; ms = it.next()) count(it.value, it.bucket, ms);
 *
 * Without a callback, each caller's loop is its own code to the JIT. The
 * interval of the last stretch is remembered, so that a change within it
 * (the common case) is one stretch found with no division.
 */
export class TimeIntegrator {
  /** The value of the stretch found last. */
  value = 0;
  /** The interval index (from simulated time 0) of the stretch found last. */
  bucket = 0;
  private readonly values: Int32Array;
  private readonly since: Float64Array;
  /** Where the next stretch starts (Infinity when there is none), and where the time being handed over ends. */
  private cursor = Infinity;
  private end = 0;
  /** The interval of the last stretch: its bounds (ms) and its index. */
  private lastStart = 0;
  private lastEnd = 0;
  private lastBucket = 0;

  constructor(
    /** How many entities there are (numbered from 0). */
    readonly count: number,
    /** Time before this (ms) is not integrated. */
    private readonly from: number,
    /** Every entity's value at time 0. */
    initial: number,
  ) {
    this.values = new Int32Array(count).fill(initial);
    this.since = new Float64Array(count);
  }

  /** Entity `entity`'s value changes to `value` at `t`: hands over the time it held the old one (returns the first stretch's ms, or 0). */
  set(entity: number, t: number, value: number): number {
    const ms = this.advance(entity, t);
    this.values[entity] = value;
    return ms;
  }

  /** Hands over entity `entity`'s time from its last change to `t` (returns the first stretch's ms, or 0). */
  advance(entity: number, t: number): number {
    this.value = this.values[entity];
    const start = Math.max(this.since[entity], this.from);
    this.since[entity] = t;
    if (start >= t) return 0;
    if (start >= this.lastStart && t <= this.lastEnd) {
      this.bucket = this.lastBucket;
      this.cursor = Infinity;
      return t - start;
    }
    this.cursor = start;
    this.end = t;
    return this.next();
  }

  /** The next stretch of the time being handed over: its ms, or 0 when there is none. */
  next(): number {
    const start = this.cursor;
    if (start >= this.end) return 0;
    const bucket = Math.floor(start / INTERVAL_MS);
    const end = Math.min(this.end, (bucket + 1) * INTERVAL_MS);
    this.lastStart = bucket * INTERVAL_MS;
    this.lastEnd = this.lastStart + INTERVAL_MS;
    this.lastBucket = bucket;
    this.bucket = bucket;
    this.cursor = end;
    return end - start;
  }
}
