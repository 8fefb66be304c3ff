const DAY = 86_400_000;

/** Days a counted run must cover for its worst 30-day rate to be a 30-day rate (shorter runs give none). */
export const THIRTY_DAYS = 30;

/** Whether a run counted from `warmup` to `horizon` (ms) covers `days` whole days. */
export function coversDays(warmup: number, horizon: number, days: number): boolean {
  return horizon - warmup >= days * DAY;
}

/**
 * Answers and abandonments after answer by day of the counted run, to find
 * the worst consecutive 24-hour and 30-day periods (the UK and US rule
 * windows for `ABANDON_CEILING` in src/model/regulation.ts).
 */
export class AbandonWindows {
  private readonly answers: number[] = [];
  private readonly abandons: number[] = [];

  constructor(
    /** Start of the counted run (ms); periods are aligned to it. */
    private readonly origin: number,
  ) {}

  /** Counts a customer answer at time `t`. */
  answer(t: number): void {
    const day = this.day(t);
    this.answers[day] = (this.answers[day] ?? 0) + 1;
  }

  /** Counts an abandonment after answer at time `t`. */
  abandon(t: number): void {
    const day = this.day(t);
    this.abandons[day] = (this.abandons[day] ?? 0) + 1;
  }

  /** The windows of several queues together: their answers and abandonments added day by day (for the total of all queues). */
  static sum(origin: number, parts: readonly AbandonWindows[]): AbandonWindows {
    const sum = new AbandonWindows(origin);
    for (const part of parts) {
      part.answers.forEach((n, day) => (sum.answers[day] = (sum.answers[day] ?? 0) + (n ?? 0)));
      part.abandons.forEach((n, day) => (sum.abandons[day] = (sum.abandons[day] ?? 0) + (n ?? 0)));
    }
    return sum;
  }

  /** The worst rate over consecutive periods of `days` days (null when no period had an answer). */
  worstRate(days: number): number | null {
    const length = Math.max(this.answers.length, this.abandons.length);
    let worst: number | null = null;
    for (let start = 0; start < length; start += days) {
      let answers = 0;
      let abandons = 0;
      for (let d = start; d < Math.min(length, start + days); d++) {
        answers += this.answers[d] ?? 0;
        abandons += this.abandons[d] ?? 0;
      }
      if (answers > 0) worst = Math.max(worst ?? 0, abandons / answers);
    }
    return worst === null ? null : Math.round(worst * 1e6) / 1e6;
  }

  private day(t: number): number {
    return Math.max(0, Math.floor((t - this.origin) / DAY));
  }
}
