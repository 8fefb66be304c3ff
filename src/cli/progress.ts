import { formatDuration } from '../model/duration.js';

/**
 * How progress is shown on stderr: a live bar redrawn in place (stderr is a
 * terminal), a plain line every few seconds of wall time (it is not: a CI log,
 * a file), or nothing (`--no-progress`). Never on stdout.
 */
export type ProgressMode = 'live' | 'plain' | 'off';

/** Wall-clock ms between two plain progress lines. */
export const PLAIN_PROGRESS_EVERY_MS = 5000;

/** Wall-clock ms between two redraws of the live bar. */
const LIVE_REDRAW_MS = 100;

/** What a progress display needs besides its mode: the clock and where to write. */
export interface ProgressOptions {
  /** The wall clock in ms; the system's by default (tests give a fake one). */
  clock?: () => number;
  /** Writes a plain line (no newline given); stderr by default. */
  line?: (text: string) => void;
  /** Writes raw text for the live bar; stderr by default. */
  raw?: (text: string) => void;
  /** Wall-clock ms between two plain lines (default {@link PLAIN_PROGRESS_EVERY_MS}). */
  plainEveryMs?: number;
  /** Width of the terminal (default stderr's): the live line is cut to fit, so that redrawing it in place works. */
  columns?: number;
}

/**
 * A progress display on stderr. This file is the only place in src that
 * reads the wall clock: the simulation reports progress by events handled,
 * and only the display decides, by the clock, when to draw.
 */
export class Progress {
  private readonly clock: () => number;
  private readonly started: number;
  private readonly line: (text: string) => void;
  private readonly raw: (text: string) => void;
  private readonly plainEveryMs: number;
  private readonly columns: number;
  private lastDraw: number;
  private linesWritten = 0;

  constructor(
    readonly mode: ProgressMode,
    private readonly label: string,
    options: ProgressOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.line = options.line ?? ((text) => process.stderr.write(`${text}\n`));
    this.raw = options.raw ?? ((text) => process.stderr.write(text));
    this.plainEveryMs = options.plainEveryMs ?? PLAIN_PROGRESS_EVERY_MS;
    this.columns = options.columns ?? process.stderr.columns ?? 120;
    this.started = this.clock();
    this.lastDraw = mode === 'live' ? -Infinity : this.started;
  }

  /** Shows `fraction` (0–1) done, with `detail` (e.g. simulated time and events) and the time left estimated from the rate so far. */
  update(fraction: number, detail = ''): void {
    if (this.mode === 'off') return;
    const now = this.clock();
    const share = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const elapsed = (now - this.started) / 1000;
    const eta = share > 0 ? (elapsed / share) * (1 - share) : null;
    if (this.mode === 'live') {
      if (now - this.lastDraw < LIVE_REDRAW_MS && share < 1) return;
      this.lastDraw = now;
      const width = 24;
      const filled = Math.round(share * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const text = `${this.label} ${bar} ${(share * 100).toFixed(0).padStart(3)}%${detail ? `  ${detail}` : ''}  ETA ${eta === null ? '?' : eta.toFixed(0)}s`;
      this.raw(`\r\x1b[2K${[...text].slice(0, Math.max(1, this.columns - 1)).join('')}`);
      return;
    }
    if (now - this.lastDraw < this.plainEveryMs) return;
    this.lastDraw = now;
    this.linesWritten++;
    const left = eta === null ? '' : `, about ${eta.toFixed(0)}s left`;
    this.line(`${this.label}: ${(share * 100).toFixed(0)}%${detail ? ` (${detail})` : ''} · ${elapsed.toFixed(0)}s elapsed${left}`);
  }

  /** Ends the display: clears the live bar; after plain lines, says it finished. */
  done(): void {
    if (this.mode === 'live') this.raw('\r\x1b[2K');
    if (this.mode === 'plain' && this.linesWritten > 0) this.line(`${this.label}: done in ${((this.clock() - this.started) / 1000).toFixed(0)}s`);
  }
}

/** What the CLI's output tells a progress display: whether stderr is a terminal, how to write a line, and the clock. */
export interface ProgressOutput {
  stderrIsTTY: boolean;
  error(text: string): void;
  clock?: () => number;
}

/** The progress display of a command: live on a terminal, plain lines otherwise, none when `wanted` is false (`--no-progress`). */
export function progressFor(out: ProgressOutput, label: string, wanted = true): Progress {
  const mode: ProgressMode = !wanted ? 'off' : out.stderrIsTTY ? 'live' : 'plain';
  return new Progress(mode, label, { clock: out.clock, line: (text) => out.error(text) });
}

/** Events as a short count: `950`, `12.3k`, `4.56M`. */
function events(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(1)}k`;
  return `${(n / 1e6).toFixed(2)}M`;
}

/** The detail of a run's progress: simulated time reached of the horizon, and events handled. */
export function runDetail(simulatedMs: number, horizonMs: number, eventsHandled: number): string {
  const round = (ms: number) => formatDuration(Math.floor(ms / 60_000) * 60_000);
  return `${round(simulatedMs)} of ${round(horizonMs)} simulated, ${events(eventsHandled)} events`;
}
