import type { PacingCounts, PacingOutcome } from './contract.js';

/** Conversations over which `meanHandleTime` is taken. */
export const HANDLE_TIMES_KEPT = 50;

/** The window of `recent` counts when a policy asks for none: 15 minutes. */
export const DEFAULT_RECENT_WINDOW = 15 * 60_000;

type CountedType = Exclude<PacingOutcome['type'], 'handled'>;

/** Index of each counted outcome in the count arrays. */
const INDEX: Readonly<Record<CountedType, number>> = { dialed: 0, liveAnswer: 1, machineAnswer: 2, unanswered: 3, connected: 4, abandoned: 5, complianceAbandoned: 6 };

/** Mutable counts, as a view exposes them. */
class Counts implements PacingCounts {
  readonly values = new Float64Array(7);
  get dials(): number {
    return this.values[0];
  }
  get liveAnswers(): number {
    return this.values[1];
  }
  get machineAnswers(): number {
    return this.values[2];
  }
  get unanswered(): number {
    return this.values[3];
  }
  get connected(): number {
    return this.values[4];
  }
  get abandons(): number {
    return this.values[5];
  }
  get complianceAbandons(): number {
    return this.values[6];
  }
}

/**
 * What the dialer of one queue has seen: counts since the start, the
 * outcomes of the last `window` ms (kept as a queue of times, dropped as
 * they age out) and the last handle times. Only the past is recorded.
 */
export class DialerObservations {
  /** Counts since the start. */
  readonly totals = new Counts();
  /** Counts over the last `window` ms, as of the last `advance`. */
  readonly recent = new Counts();
  private times = new Float64Array(64);
  private kinds = new Uint8Array(64);
  private head = 0;
  private size = 0;
  private readonly handles = new Float64Array(HANDLE_TIMES_KEPT);
  private handled = 0;
  private handleSum = 0;

  /** @param window ms over which `recent` counts */
  constructor(private readonly window: number) {}

  /** Records `outcome`, which happened at `outcome.t` (never before the last one recorded). */
  record(outcome: PacingOutcome): void {
    if (outcome.type === 'handled') this.recordHandled(outcome.handleTime);
    else this.recordOutcome(outcome.type, outcome.t);
  }

  /** Records an outcome of type `type` at `t` (never before the last one recorded): `record` without the object. */
  recordOutcome(type: CountedType, t: number): void {
    const kind = INDEX[type];
    this.totals.values[kind]++;
    this.recent.values[kind]++;
    if (this.size === this.times.length) this.grow();
    const at = (this.head + this.size) % this.times.length;
    this.times[at] = t;
    this.kinds[at] = kind;
    this.size++;
  }

  /** Records the handle time (ms of talk and after-call work) of a conversation that just ended. */
  recordHandled(handleTime: number): void {
    const slot = this.handled % HANDLE_TIMES_KEPT;
    if (this.handled >= HANDLE_TIMES_KEPT) this.handleSum -= this.handles[slot];
    this.handles[slot] = handleTime;
    this.handleSum += handleTime;
    this.handled++;
  }

  /** Drops from `recent` what happened `window` ms or more before `now`. */
  advance(now: number): void {
    const oldest = now - this.window;
    while (this.size > 0 && this.times[this.head] <= oldest) {
      this.recent.values[this.kinds[this.head]]--;
      this.head = (this.head + 1) % this.times.length;
      this.size--;
    }
  }

  /** Mean of the last handle times, or null before the first. */
  meanHandleTime(): number | null {
    const n = Math.min(this.handled, HANDLE_TIMES_KEPT);
    return n === 0 ? null : this.handleSum / n;
  }

  private grow(): void {
    const length = this.times.length;
    const times = new Float64Array(length * 2);
    const kinds = new Uint8Array(length * 2);
    for (let i = 0; i < this.size; i++) {
      times[i] = this.times[(this.head + i) % length];
      kinds[i] = this.kinds[(this.head + i) % length];
    }
    this.times = times;
    this.kinds = kinds;
    this.head = 0;
  }
}
