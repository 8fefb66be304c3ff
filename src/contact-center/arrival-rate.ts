import type { PiecewiseRate } from '../kernel/arrivals.js';
import type { LocalCalendar } from '../model/calendar.js';

const HOUR = 3_600_000;

/**
 * The arrival rate of an hour-of-day profile (calls per hour for each local
 * hour) as a piecewise-constant rate in calls per ms.
 */
export function hourlyRate(perHour: readonly number[], calendar: LocalCalendar): PiecewiseRate {
  const flat = perHour.every((r) => r === perHour[0]);
  if (flat) {
    const rate = perHour[0] / HOUR;
    return { rateAt: () => rate, nextChange: () => Infinity };
  }
  return {
    rateAt: (t) => perHour[calendar.hourOfDay(t)] / HOUR,
    nextChange: (t) => calendar.nextHourBoundary(t),
  };
}
