const MINUTE = 60_000;

/**
 * The compliance abandon rate's numerator and denominator by minute of the
 * counted run (minute 0 starts at the warm-up's end), from which every
 * rule window is summed (see compliance-windows.ts).
 */
export class ComplianceMinutes {
  /** Denominator units (live answers, or answers that reached the queue) by minute. */
  readonly answers: number[] = [];
  /** Compliance abandons by minute. */
  readonly abandons: number[] = [];

  constructor(
    /** Start of the counted run (ms). */
    private readonly origin: number,
  ) {}

  /** Counts one answer of the denominator at time `t`. */
  answer(t: number): void {
    const m = this.minute(t);
    this.answers[m]++;
  }

  /** Counts one compliance abandon at time `t`. */
  abandon(t: number): void {
    const m = this.minute(t);
    this.abandons[m]++;
  }

  /** Several queues' minutes added together (a drop group, or the total). */
  static sum(origin: number, parts: readonly ComplianceMinutes[]): ComplianceMinutes {
    const sum = new ComplianceMinutes(origin);
    for (const part of parts) {
      part.answers.forEach((n, m) => (sum.answers[sum.minute(origin + m * MINUTE)] += n));
      part.abandons.forEach((n, m) => (sum.abandons[sum.minute(origin + m * MINUTE)] += n));
    }
    return sum;
  }

  /** The minute of `t`, with both arrays grown (with zeros) to hold it. */
  private minute(t: number): number {
    const m = Math.max(0, Math.floor((t - this.origin) / MINUTE));
    while (this.answers.length <= m) {
      this.answers.push(0);
      this.abandons.push(0);
    }
    return m;
  }
}
