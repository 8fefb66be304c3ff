/**
 * A one-line progress display on stderr, shown only when stderr is a
 * terminal. The only place that reads the wall clock.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly label: string,
  ) {}

  /** Shows `fraction` (0–1) done, with the time remaining estimated from the rate so far. */
  update(fraction: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && fraction < 1) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    process.stderr.write(`\r${this.label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ETA ${eta.toFixed(0)}s `);
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled) process.stderr.write('\r\x1b[2K');
  }
}
