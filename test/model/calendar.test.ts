import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalCalendar } from '../../src/model/calendar.js';

const FC = { seed: 0x5eed, numRuns: 300 };
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** 2026-03-02T08:00:00-05:00, a Monday. */
const MONDAY_0800_EST = Date.UTC(2026, 2, 2, 13, 0);

/** Wall-clock hour in a zone, straight from Intl (independent of the code under test). */
function intlHour(epochMs: number, timeZone: string): number {
  const text = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric' }).format(epochMs);
  return Number(text);
}

describe('LocalCalendar with a fixed offset', () => {
  const cal = new LocalCalendar(MONDAY_0800_EST, -300);

  it('gives the local hour and day of the week', () => {
    expect(cal.hourOfDay(0)).toBe(8);
    expect(cal.dayOfWeek(0)).toBe(1);
    expect(cal.hourOfDay(HOUR - 1)).toBe(8);
    expect(cal.hourOfDay(HOUR)).toBe(9);
    expect(cal.hourOfDay(16 * HOUR - 1)).toBe(23);
    expect(cal.dayOfWeek(16 * HOUR - 1)).toBe(1);
    expect(cal.hourOfDay(16 * HOUR)).toBe(0); // Tuesday midnight
    expect(cal.dayOfWeek(16 * HOUR)).toBe(2);
    expect(cal.dayOfWeek(5 * DAY)).toBe(6); // Saturday
    expect(cal.dayOfWeek(6 * DAY)).toBe(0); // Sunday
    expect(cal.dayOfWeek(7 * DAY)).toBe(1);
  });

  it('agrees with Date for any time in a year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * DAY }), (t) => {
        const d = new Date(MONDAY_0800_EST + t - 5 * HOUR); // shift so UTC fields read local
        expect(cal.hourOfDay(t)).toBe(d.getUTCHours());
        expect(cal.dayOfWeek(t)).toBe(d.getUTCDay());
      }),
      FC,
    );
  });

  it('handles times before the start', () => {
    expect(cal.hourOfDay(-9 * HOUR)).toBe(23);
    expect(cal.dayOfWeek(-9 * HOUR)).toBe(0);
  });

  it('works with a positive, non-whole-hour offset', () => {
    const india = new LocalCalendar(Date.UTC(2026, 0, 5, 0, 0), 330); // 05:30 local, Monday
    expect(india.hourOfDay(0)).toBe(5);
    expect(india.hourOfDay(30 * MINUTE - 1)).toBe(5);
    expect(india.hourOfDay(30 * MINUTE)).toBe(6);
    expect(india.nextHourBoundary(0)).toBe(30 * MINUTE);
  });

  it('nextHourBoundary is the next local hour, strictly after t', () => {
    expect(cal.nextHourBoundary(0)).toBe(HOUR);
    expect(cal.nextHourBoundary(30 * MINUTE)).toBe(HOUR);
    expect(cal.nextHourBoundary(HOUR - 1)).toBe(HOUR);
    expect(cal.nextHourBoundary(HOUR)).toBe(2 * HOUR);
    const quarterPast = new LocalCalendar(MONDAY_0800_EST + 15 * MINUTE, -300);
    expect(quarterPast.nextHourBoundary(0)).toBe(45 * MINUTE);
  });

  it('localMidnight is the local day start, as local epoch ms', () => {
    expect(cal.localMidnight(0)).toBe(Date.UTC(2026, 2, 2));
    expect(cal.localMidnight(16 * HOUR)).toBe(Date.UTC(2026, 2, 3));
  });

  it('offsetAt is the fixed offset', () => {
    expect(cal.offsetAt(0)).toBe(-5 * HOUR);
    expect(cal.offsetAt(200 * DAY)).toBe(-5 * HOUR);
  });

  it('toSimTime inverts localEpoch', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * DAY, max: 400 * DAY }), fc.integer({ min: -DAY, max: 400 * DAY }), (t, near) => {
        expect(cal.localEpoch(t)).toBe(MONDAY_0800_EST + t - 5 * HOUR);
        expect(cal.toSimTime(cal.localEpoch(t), near)).toBe(t);
        expect(cal.toSimTime(cal.localEpoch(t))).toBe(t);
      }),
      FC,
    );
  });
});

describe('LocalCalendar with America/New_York', () => {
  const zone = 'America/New_York';
  /** Saturday 2026-03-07 12:00 EST; clocks go from 02:00 EST to 03:00 EDT on Sunday 2026-03-08 (07:00 UTC). */
  const start = Date.UTC(2026, 2, 7, 17, 0);
  const cal = new LocalCalendar(start, -300, zone);
  const sim = (utc: number) => utc - start;

  it('gives the right local hour on both sides of the spring-forward change', () => {
    expect(cal.hourOfDay(0)).toBe(12);
    expect(cal.hourOfDay(sim(Date.UTC(2026, 2, 8, 6, 30)))).toBe(1); // 01:30 EST
    expect(cal.hourOfDay(sim(Date.UTC(2026, 2, 8, 6, 59, 59)))).toBe(1);
    expect(cal.hourOfDay(sim(Date.UTC(2026, 2, 8, 7, 0)))).toBe(3); // 03:00 EDT
    expect(cal.hourOfDay(sim(Date.UTC(2026, 2, 8, 12, 0)))).toBe(8); // 08:00 EDT
    expect(cal.offsetAt(sim(Date.UTC(2026, 2, 8, 6, 0)))).toBe(-5 * HOUR);
    expect(cal.offsetAt(sim(Date.UTC(2026, 2, 8, 7, 0)))).toBe(-4 * HOUR);
    expect(cal.dayOfWeek(sim(Date.UTC(2026, 2, 8, 12, 0)))).toBe(0);
  });

  it('gives the right local hour on both sides of the fall-back change', () => {
    const fall = new LocalCalendar(Date.UTC(2026, 9, 31, 16), -240, zone); // Sat 12:00 EDT
    const at = (utc: number) => utc - Date.UTC(2026, 9, 31, 16);
    expect(fall.hourOfDay(at(Date.UTC(2026, 10, 1, 5, 30)))).toBe(1); // 01:30 EDT
    expect(fall.hourOfDay(at(Date.UTC(2026, 10, 1, 6, 30)))).toBe(1); // 01:30 EST
    expect(fall.hourOfDay(at(Date.UTC(2026, 10, 1, 7, 0)))).toBe(2); // 02:00 EST
    expect(fall.nextHourBoundary(at(Date.UTC(2026, 10, 1, 5, 30)))).toBe(at(Date.UTC(2026, 10, 1, 7, 0)));
  });

  it('agrees with Intl for any time over two weeks around the change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * DAY }), (t) => {
        expect(cal.hourOfDay(t)).toBe(intlHour(start + t, zone));
      }),
      FC,
    );
  });

  it('nextHourBoundary is exact away from the change', () => {
    expect(cal.nextHourBoundary(0)).toBe(HOUR);
    const t = sim(Date.UTC(2026, 2, 8, 7, 20)); // 03:20 EDT
    expect(cal.nextHourBoundary(t)).toBe(sim(Date.UTC(2026, 2, 8, 8, 0)));
  });

  // The next local hour (02:00) does not exist that night: the boundary is 03:00 EDT.
  it('nextHourBoundary is after t across the spring-forward gap', () => {
    const t = sim(Date.UTC(2026, 2, 8, 6, 30)); // 01:30 EST
    const next = cal.nextHourBoundary(t);
    expect(next).toBeGreaterThan(t);
    expect(next).toBe(sim(Date.UTC(2026, 2, 8, 7, 0)));
  });

  it('nextHourBoundary is strictly increasing over the whole spring-forward night', () => {
    for (let t = sim(Date.UTC(2026, 2, 8, 4)); t < sim(Date.UTC(2026, 2, 8, 10)); t += 5 * MINUTE) {
      const next = cal.nextHourBoundary(t);
      expect(next).toBeGreaterThan(t);
      expect(cal.hourOfDay(next)).not.toBe(cal.hourOfDay(next - 1));
    }
  });

  it('toSimTime inverts localEpoch (with near = t)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 * DAY }), (t) => {
        expect(cal.toSimTime(cal.localEpoch(t), t)).toBe(t);
      }),
      FC,
    );
  });

  it('toSimTime inverts localEpoch with a distant near, away from changes', () => {
    const winter = new LocalCalendar(Date.UTC(2026, 0, 5, 5), -300, zone); // Mon 00:00 EST
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 * DAY }), (t) => {
        expect(winter.toSimTime(winter.localEpoch(t))).toBe(t);
        expect(winter.toSimTime(winter.localEpoch(t), 40 * DAY)).toBe(t);
      }),
      FC,
    );
  });

  it('toSimTime settles the offset across the change from a near on the other side', () => {
    const local0800Sunday = Date.UTC(2026, 2, 8, 8, 0); // 08:00 local, as if UTC
    expect(cal.toSimTime(local0800Sunday, 0)).toBe(sim(Date.UTC(2026, 2, 8, 12, 0)));
    const local0100Sunday = Date.UTC(2026, 2, 8, 1, 0);
    expect(cal.toSimTime(local0100Sunday, 3 * DAY)).toBe(sim(Date.UTC(2026, 2, 8, 6, 0)));
  });
});

describe('LocalCalendar with a zone whose change is not on a UTC hour', () => {
  // America/St_Johns (UTC−3:30) springs forward at 05:30 UTC, off a UTC hour.
  it('gives the right local hour just after the St John’s spring-forward change', () => {
    const start = Date.UTC(2026, 2, 7, 12);
    const cal = new LocalCalendar(start, -210, 'America/St_Johns');
    const t = Date.UTC(2026, 2, 8, 5, 45) - start;
    expect(cal.hourOfDay(t)).toBe(intlHour(start + t, 'America/St_Johns'));
    expect(cal.hourOfDay(t)).toBe(3);
  });
});
