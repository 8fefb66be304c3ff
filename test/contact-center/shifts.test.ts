import { describe, expect, it } from 'vitest';
import { onQueuePeriods } from '../../src/contact-center/shifts.js';
import { LocalCalendar } from '../../src/model/calendar.js';
import type { ShiftConfig } from '../../src/model/scenario.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEKDAYS = [1, 2, 3, 4, 5];

/** 2026-03-02T08:00:00-05:00, a Monday, with a fixed offset. */
const MONDAY_0800_EST = Date.UTC(2026, 2, 2, 13, 0);
const fixed = new LocalCalendar(MONDAY_0800_EST, -300);

function shift(days: number[], start: string, end: string): ShiftConfig {
  const minute = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
  return { days, startMinute: minute(start), endMinute: minute(end) };
}

/** Sim time of day `d` (0 = the start Monday) at local hour `h` (fixed calendar). */
const at = (d: number, h: number) => d * DAY + (h - 8) * HOUR;

describe('onQueuePeriods', () => {
  it('always is one period over the whole horizon', () => {
    expect(onQueuePeriods('always', fixed, 14 * DAY)).toEqual([{ on: 0, off: 14 * DAY }]);
  });

  it('Mon–Fri 08:00–17:00 over two weeks from a Monday 08:00 start gives 10 periods', () => {
    const periods = onQueuePeriods([shift(WEEKDAYS, '08:00', '17:00')], fixed, 14 * DAY);
    const days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11];
    expect(periods).toEqual(days.map((d) => ({ on: at(d, 8), off: at(d, 17) })));
  });

  it('an overnight shift 22:00–06:00 runs into the next day', () => {
    const periods = onQueuePeriods([shift(WEEKDAYS, '22:00', '06:00')], fixed, 7 * DAY);
    expect(periods).toEqual([0, 1, 2, 3, 4].map((d) => ({ on: at(d, 22), off: at(d + 1, 6) })));
  });

  it('an overnight shift that started the day before the start is clipped at 0', () => {
    const threeAm = new LocalCalendar(Date.UTC(2026, 2, 2, 8, 0), -300); // Monday 03:00 local
    const periods = onQueuePeriods([shift([0], '22:00', '06:00')], threeAm, 2 * DAY);
    expect(periods).toEqual([{ on: 0, off: 3 * HOUR }]);
  });

  it('overlapping shifts merge', () => {
    const periods = onQueuePeriods([shift([1], '08:00', '12:00'), shift([1], '11:00', '17:00')], fixed, 7 * DAY);
    expect(periods).toEqual([{ on: at(0, 8), off: at(0, 17) }]);
  });

  it('a shift inside another merges into it', () => {
    const periods = onQueuePeriods([shift([2], '09:00', '18:00'), shift([2], '10:00', '11:00')], fixed, 7 * DAY);
    expect(periods).toEqual([{ on: at(1, 9), off: at(1, 18) }]);
  });

  it('touching shifts merge, separate ones do not', () => {
    const periods = onQueuePeriods(
      [shift([1], '08:00', '12:00'), shift([1], '12:00', '16:00'), shift([1], '17:00', '18:00')],
      fixed,
      7 * DAY,
    );
    expect(periods).toEqual([
      { on: at(0, 8), off: at(0, 16) },
      { on: at(0, 17), off: at(0, 18) },
    ]);
  });

  it('an overnight shift merges with the next day’s early shift', () => {
    const periods = onQueuePeriods([shift([2], '22:00', '06:00'), shift([3], '05:00', '09:00')], fixed, 7 * DAY);
    expect(periods).toEqual([{ on: at(1, 22), off: at(2, 9) }]);
  });

  it('a round-the-clock shift every day is one period', () => {
    const periods = onQueuePeriods([shift([0, 1, 2, 3, 4, 5, 6], '00:00', '24:00')], fixed, 10 * DAY);
    expect(periods).toEqual([{ on: 0, off: 10 * DAY }]);
  });

  it('periods are clipped to [0, horizon]', () => {
    // Starts at 08:00 on Monday; a 06:00–10:00 shift on Monday starts before time 0.
    const horizon = 2 * DAY + 1 * HOUR; // Wednesday 09:00
    const periods = onQueuePeriods([shift([1, 2, 3], '06:00', '10:00')], fixed, horizon);
    expect(periods).toEqual([
      { on: 0, off: at(0, 10) },
      { on: at(1, 6), off: at(1, 10) },
      { on: at(2, 6), off: horizon },
    ]);
    for (const p of periods) {
      expect(p.on).toBeGreaterThanOrEqual(0);
      expect(p.off).toBeLessThanOrEqual(horizon);
      expect(p.off).toBeGreaterThan(p.on);
    }
  });

  it('gives no period for days the shift does not cover or outside the horizon', () => {
    expect(onQueuePeriods([shift([6, 0], '08:00', '17:00')], fixed, 5 * DAY)).toEqual([]);
    expect(onQueuePeriods([shift([1], '06:00', '08:00')], fixed, DAY)).toEqual([]); // ends exactly at 0
  });

  it('follows daylight saving with an IANA zone', () => {
    // Same start, America/New_York: clocks spring forward on Sunday 2026-03-08.
    const ny = new LocalCalendar(MONDAY_0800_EST, -300, 'America/New_York');
    const periods = onQueuePeriods([shift([1], '08:00', '17:00'), shift([6], '22:00', '06:00')], ny, 14 * DAY);
    expect(periods).toEqual([
      { on: 0, off: 9 * HOUR },
      // Saturday 22:00 EST → Sunday 06:00 EDT: only seven hours long
      { on: Date.UTC(2026, 2, 8, 3) - MONDAY_0800_EST, off: Date.UTC(2026, 2, 8, 10) - MONDAY_0800_EST },
      // Monday 08:00 EDT is 12:00 UTC, an hour earlier in sim time than a week after the start
      { on: 7 * DAY - HOUR, off: 7 * DAY + 8 * HOUR },
      // Saturday 22:00 EDT → Sunday 06:00 EDT
      { on: Date.UTC(2026, 2, 15, 2) - MONDAY_0800_EST, off: Date.UTC(2026, 2, 15, 10) - MONDAY_0800_EST },
      // the third Monday's 08:00 EDT is an hour before the horizon: clipped
      { on: 14 * DAY - HOUR, off: 14 * DAY },
    ]);
  });

  it('periods are sorted, disjoint and non-touching', () => {
    const shifts = [
      shift([1, 3, 5], '07:00', '15:00'),
      shift([1, 2, 3, 4, 5], '14:00', '23:00'),
      shift([0, 6], '22:00', '07:00'),
      shift([2, 4], '23:30', '02:00'),
    ];
    const periods = onQueuePeriods(shifts, fixed, 28 * DAY);
    expect(periods.length).toBeGreaterThan(0);
    for (let i = 1; i < periods.length; i++) expect(periods[i].on).toBeGreaterThan(periods[i - 1].off);
  });
});
