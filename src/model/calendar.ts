const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Every zone's offset changes on a quarter-hour of UTC, so offsets are looked up per quarter hour. */
const SLOT = 15 * MINUTE;

/**
 * Local wall-clock time of a run: turns simulated ms into the hour of the
 * day and day of the week in the scenario's time zone, and back.
 *
 * Without an IANA zone the offset is the fixed one of the scenario's start;
 * with a zone, offsets (daylight saving included) come from `Intl`, looked up
 * once per UTC hour.
 */
export class LocalCalendar {
  private readonly offsets = new Map<number, number>();
  private readonly format?: Intl.DateTimeFormat;

  constructor(
    /** Epoch ms of simulated time 0. */
    readonly startEpochMs: number,
    /** Offset from UTC in minutes when no zone is given. */
    readonly fixedOffsetMinutes: number,
    /** IANA time zone name, if any. */
    readonly timeZone?: string,
  ) {
    if (timeZone) {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    }
  }

  /** Offset from UTC, in ms, in force at simulated time `t`. */
  offsetAt(t: number): number {
    if (!this.format) return this.fixedOffsetMinutes * MINUTE;
    const slot = Math.floor((this.startEpochMs + t) / SLOT);
    let offset = this.offsets.get(slot);
    if (offset === undefined) {
      offset = this.zoneOffset(slot * SLOT);
      this.offsets.set(slot, offset);
    }
    return offset;
  }

  /** Local wall-clock ms since the epoch (as if the local time were UTC) at simulated time `t`. */
  localEpoch(t: number): number {
    return this.startEpochMs + t + this.offsetAt(t);
  }

  /** Local hour of the day (0–23) at simulated time `t`. */
  hourOfDay(t: number): number {
    return Math.floor((((this.localEpoch(t) % DAY) + DAY) % DAY) / HOUR);
  }

  /** Local day of the week (0 = Sunday) at simulated time `t`. */
  dayOfWeek(t: number): number {
    // 1970-01-01 was a Thursday (4).
    return ((Math.floor(this.localEpoch(t) / DAY) + 4) % 7 + 7) % 7;
  }

  /** The first simulated time after `t` at which the local hour changes. */
  nextHourBoundary(t: number): number {
    if (!this.format) {
      const local = this.localEpoch(t);
      return (Math.floor(local / HOUR) + 1) * HOUR - this.startEpochMs - this.offsetAt(t);
    }
    // Local hours change on UTC quarter hours; step through them (a daylight-saving change may skip or repeat an hour).
    const hour = Math.floor(this.localEpoch(t) / HOUR);
    let candidate = (Math.floor((this.startEpochMs + t) / SLOT) + 1) * SLOT - this.startEpochMs;
    while (Math.floor(this.localEpoch(candidate) / HOUR) === hour) candidate += SLOT;
    return candidate;
  }

  /**
   * Simulated time of a local wall-clock instant (`localMs`, as if UTC).
   * `near` is a simulated time close to the answer, used to pick the offset.
   */
  toSimTime(localMs: number, near = 0): number {
    let sim = localMs - this.startEpochMs - this.offsetAt(near);
    // A second pass settles the offset across a daylight-saving change.
    sim = localMs - this.startEpochMs - this.offsetAt(sim);
    return sim;
  }

  /** Local midnight (as local epoch ms) of the day containing simulated time `t`. */
  localMidnight(t: number): number {
    const local = this.localEpoch(t);
    return Math.floor(local / DAY) * DAY;
  }

  /** Simulated time `t` as local ISO 8601 with its offset, to the minute (`2026-03-03T10:00-05:00`). */
  formatLocal(t: number): string {
    const offset = this.offsetAt(t);
    const text = new Date(this.startEpochMs + t + offset).toISOString().slice(0, 16);
    const minutes = Math.round(offset / MINUTE);
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${text}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }

  private zoneOffset(epochMs: number): number {
    const parts = this.format!.formatToParts(new Date(epochMs));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return asUtc - Math.floor(epochMs / MINUTE) * MINUTE;
  }
}
