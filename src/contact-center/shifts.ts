import type { LocalCalendar } from '../model/calendar.js';
import type { ShiftConfig } from '../model/scenario.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** A period on queue, in simulated ms: `[on, off)`. */
export interface OnQueuePeriod {
  on: number;
  off: number;
}

/**
 * The periods an agent group is on queue during `[0, horizon)`: `always`
 * gives one period; weekly shifts give one per working day, with overlapping
 * or touching shifts merged.
 */
export function onQueuePeriods(
  schedule: 'always' | readonly ShiftConfig[],
  calendar: LocalCalendar,
  horizon: number,
): OnQueuePeriod[] {
  if (schedule === 'always') return [{ on: 0, off: horizon }];
  const raw: OnQueuePeriod[] = [];
  const firstMidnight = calendar.localMidnight(0) - DAY;
  const lastMidnight = calendar.localMidnight(horizon);
  for (let midnight = firstMidnight; midnight <= lastMidnight; midnight += DAY) {
    const dayOfWeek = ((Math.floor(midnight / DAY) + 4) % 7 + 7) % 7;
    for (const shift of schedule) {
      if (!shift.days.includes(dayOfWeek)) continue;
      const endMinute = shift.endMinute <= shift.startMinute ? shift.endMinute + 1440 : shift.endMinute;
      const onLocal = midnight + shift.startMinute * MINUTE;
      const offLocal = midnight + endMinute * MINUTE;
      const on = Math.max(0, calendar.toSimTime(onLocal, onLocal - calendar.startEpochMs));
      const off = Math.min(horizon, calendar.toSimTime(offLocal, offLocal - calendar.startEpochMs));
      if (off > on) raw.push({ on, off });
    }
  }
  raw.sort((a, b) => a.on - b.on || a.off - b.off);
  const merged: OnQueuePeriod[] = [];
  for (const period of raw) {
    const last = merged[merged.length - 1];
    if (last && period.on <= last.off) last.off = Math.max(last.off, period.off);
    else merged.push({ ...period });
  }
  return merged;
}
