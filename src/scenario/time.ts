/** Pure parsers for dates, time zones, times of day and days of the week. */

/** A parsed start instant. */
export interface StartInstant {
  /** Milliseconds since the Unix epoch (UTC). */
  epochMs: number;
  /** Offset of the written local time from UTC, in minutes. */
  offsetMinutes: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO date-time that carries `Z` or a `±HH:MM` offset; undefined if invalid. */
export function parseStart(text: string): StartInstant | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = ''] = m;
  const zone = m[8];
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59
  ) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return { epochMs: local - offsetMinutes * 60_000, offsetMinutes };
}

/** Suggests a fix for a near-ISO start such as `2026-03-02 08:00` or one without an offset. */
export function repairStart(text: string): string | undefined {
  let t = text.trim().replace(/^(\d{4}-\d{2}-\d{2})[ t]/, '$1T').replace(/z$/, 'Z');
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) t += 'T00:00:00';
  t = t.replace(/T(\d):/, 'T0$1:').replace(/T(\d{2}:\d{2})(?=$|Z|[+-])/, 'T$1:00');
  if (/T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(t)) t += 'Z';
  return t !== text && parseStart(t) ? t : undefined;
}

/** Whether the name is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The time zone's offset from UTC at an instant, in minutes. */
export function zoneOffsetMinutes(timeZone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** Formats a UTC offset in minutes as `+HH:MM`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Minute of the day for `HH:MM` (or `H:MM`), 0 to 1440 (`24:00`); undefined if invalid. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

/** Short day names, index = day of the week (0 = Sunday). */
export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const FULL_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const GROUPS: Record<string, number[]> = {
  daily: [0, 1, 2, 3, 4, 5, 6],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [0, 6],
};

/** Every word `parseDays` accepts, for suggestions. */
export const DAY_WORDS: readonly string[] = [...DAY_NAMES, ...FULL_NAMES, ...Object.keys(GROUPS)];

function dayIndex(word: string): number | undefined {
  const w = word.trim().toLowerCase();
  const i = DAY_NAMES.indexOf(w as (typeof DAY_NAMES)[number]);
  return i >= 0 ? i : FULL_NAMES.indexOf(w) >= 0 ? FULL_NAMES.indexOf(w) : undefined;
}

/**
 * Days named by a word: a day (`mon`, `monday`), a range that may wrap
 * (`mon-fri`, `fri-mon`), `weekdays`, `weekends`, `daily`, or a comma list of
 * those. Returns the sorted day numbers (0 = Sunday), or the first bad word.
 */
export function parseDays(text: string): { days: number[] } | { bad: string } {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const word = part.trim().toLowerCase();
    const group = GROUPS[word];
    if (group) {
      group.forEach((d) => days.add(d));
      continue;
    }
    const ends = word.split('-');
    const from = dayIndex(ends[0]);
    if (from === undefined) return { bad: ends[0].trim() };
    if (ends.length > 2) return { bad: word };
    const to = ends.length === 2 ? dayIndex(ends[1]) : from;
    if (to === undefined) return { bad: ends[1].trim() };
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return { days: [...days].sort((a, b) => a - b) };
}

/** A moment of a run as written: an ISO instant, day N of the run at a local time, or an offset from the start. */
export type MomentText =
  | { kind: 'instant'; epochMs: number }
  | { kind: 'dayTime'; day: number; minute: number }
  | { kind: 'offset'; ms: number };

const DAY_TIME = /^(\d+)d(\d{1,2}:\d{2})$/;

/**
 * Parses a moment: an ISO date-time with offset (`2026-03-03T10:00:00-05:00`),
 * `<N>d<HH:MM>` (local time HH:MM on the Nth day after the start's day, e.g.
 * `3d12:00`), or a duration from the start (`36h`). Undefined if none fits.
 */
export function parseMoment(text: string, parseOffset: (t: string) => number | undefined): MomentText | undefined {
  const trimmed = text.trim();
  const instant = parseStart(trimmed);
  if (instant) return { kind: 'instant', epochMs: instant.epochMs };
  const dayTime = DAY_TIME.exec(trimmed);
  if (dayTime) {
    const minute = parseTimeOfDay(dayTime[2]);
    return minute === undefined ? undefined : { kind: 'dayTime', day: Number(dayTime[1]), minute };
  }
  const ms = parseOffset(trimmed);
  return ms === undefined ? undefined : { kind: 'offset', ms };
}
