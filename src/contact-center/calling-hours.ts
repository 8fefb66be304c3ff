import { LocalCalendar } from '../model/calendar.js';
import type { ShiftConfig } from '../model/scenario.js';
import { onQueuePeriods, type OnQueuePeriod } from './shifts.js';

const DAY_MINUTES = 1440;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Where simulated time `t` stands against a queue's calling windows in one zone. */
export interface HoursAnswer {
  /** ms until the windows next open (0: open now; Infinity: not again before the horizon). */
  wait: number;
  /** When open: simulated time the current window closes (Infinity: not before the horizon). */
  closesAt: number;
}

/**
 * One queue's calling hours in each customer time zone: the weekly windows
 * turned, once per zone, into sorted `[on, off)` periods of simulated time
 * over the run, so that asking "may this customer be dialed at `t`" is a
 * binary search with no time-zone arithmetic.
 */
export class CallingHours {
  private readonly periodsByZone: OnQueuePeriod[][];
  private readonly answer: HoursAnswer = { wait: 0, closesAt: Infinity };

  constructor(
    readonly hours: readonly ShiftConfig[],
    /** The calendar of each zone, by zone index. */
    calendars: readonly LocalCalendar[],
    private readonly horizon: number,
  ) {
    this.periodsByZone = calendars.map((calendar) => onQueuePeriods(hours, calendar, horizon));
  }

  /** Where `t` stands in zone `zone` (the answer object is reused: read it before the next call). */
  at(zone: number, t: number): Readonly<HoursAnswer> {
    const periods = this.periodsByZone[zone];
    let low = 0;
    let high = periods.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (periods[mid].off > t) high = mid;
      else low = mid + 1;
    }
    const period = periods[low];
    if (period === undefined) {
      this.answer.wait = Infinity;
      this.answer.closesAt = Infinity;
    } else if (period.on <= t) {
      this.answer.wait = 0;
      this.answer.closesAt = period.off >= this.horizon ? Infinity : period.off;
    } else {
      this.answer.wait = period.on - t;
      this.answer.closesAt = Infinity;
    }
    return this.answer;
  }
}

/**
 * Whether local time `t` of `calendar` falls in one of the weekly windows
 * `hours`, worked out from the local day and minute directly (not from the
 * periods `CallingHours` searches), so that it can check them.
 */
export function withinHours(hours: readonly ShiftConfig[], calendar: LocalCalendar, t: number): boolean {
  const local = calendar.localEpoch(t);
  const minute = Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
  const day = calendar.dayOfWeek(t);
  const yesterday = (day + 6) % 7;
  for (const shift of hours) {
    const overnight = shift.endMinute <= shift.startMinute;
    const end = overnight ? shift.endMinute + DAY_MINUTES : shift.endMinute;
    if (shift.days.includes(day) && minute >= shift.startMinute && minute < end) return true;
    if (overnight && shift.days.includes(yesterday) && minute < shift.endMinute) return true;
  }
  return false;
}

/** A calendar per customer zone: `zones` by index, the scenario's own calendar for a zone named as it is. */
export function zoneCalendars(zones: readonly string[], own: LocalCalendar): LocalCalendar[] {
  return zones.map((zone) => (zone === own.timeZone ? own : new LocalCalendar(own.startEpochMs, own.fixedOffsetMinutes, zone)));
}
