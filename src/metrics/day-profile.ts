import type { LocalCalendar } from '../model/calendar.js';
import type { IntervalReport } from './interval-buckets.js';

const DAY = 86_400_000;
const SLOT = 30 * 60_000;

/** The average of each figure at one half hour of the local day, over the days of a run. */
export interface ProfileSlot {
  /** Local time of day the half hour starts, `HH:MM`. */
  time: string;
  /** Intervals averaged. */
  days: number;
  queues: Record<string, { offered: number; waiting: number; toDial: number; dialsInFlight: number; connected: number }>;
  occupancy: number | null;
}

/**
 * Folds 30-minute intervals onto one local day: for each half hour, the mean
 * over the run's days of offered calls, line lengths, dials in flight,
 * connected callbacks and occupancy. What a planner looks at to see the
 * shape of a day.
 */
export function dayProfile(intervals: readonly IntervalReport[], calendar: LocalCalendar): ProfileSlot[] {
  const slots: ProfileSlot[] = Array.from({ length: DAY / SLOT }, (_, i) => ({
    time: `${String(Math.floor((i * 30) / 60)).padStart(2, '0')}:${String((i * 30) % 60).padStart(2, '0')}`,
    days: 0,
    queues: {},
    occupancy: null,
  }));
  const occupancySum = new Float64Array(slots.length);
  const occupancyDays = new Int32Array(slots.length);
  for (const interval of intervals) {
    const t = Date.parse(interval.start) - calendar.startEpochMs;
    const local = ((calendar.localEpoch(t) % DAY) + DAY) % DAY;
    const slot = slots[Math.floor(local / SLOT)];
    slot.days++;
    for (const [id, q] of Object.entries(interval.queues)) {
      const acc = (slot.queues[id] ??= { offered: 0, waiting: 0, toDial: 0, dialsInFlight: 0, connected: 0 });
      acc.offered += q.offered;
      acc.waiting += q.waiting;
      acc.toDial += q.toDial;
      acc.dialsInFlight += q.dialsInFlightMean ?? 0;
      acc.connected += q.connected;
    }
    if (interval.agents.occupancy !== null) {
      occupancySum[Math.floor(local / SLOT)] += interval.agents.occupancy;
      occupancyDays[Math.floor(local / SLOT)]++;
    }
  }
  slots.forEach((slot, i) => {
    for (const acc of Object.values(slot.queues)) {
      for (const key of Object.keys(acc) as Array<keyof typeof acc>) acc[key] = Math.round((acc[key] / slot.days) * 1000) / 1000;
    }
    slot.occupancy = occupancyDays[i] > 0 ? Math.round((occupancySum[i] / occupancyDays[i]) * 1e6) / 1e6 : null;
  });
  return slots;
}
