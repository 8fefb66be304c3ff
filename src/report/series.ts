/** Chart data derived from run results: day profiles, intervals, attempts distributions. */
import type { IntervalReport } from '../metrics/collector.js';
import type { ProfileSlot } from '../metrics/day-profile.js';
import type { LocalCalendar } from '../model/calendar.js';
import type { Interval } from '../model/statistics.js';
import type { AttemptsBar, TimePoint } from './chart-specs.js';

/** Names of the day-profile lines. */
export const PROFILE_SERIES = {
  waiting: 'waiting for an agent',
  toDial: 'callbacks waiting to be dialed',
  dialsInFlight: 'dials in flight',
} as const;

/** Epoch ms of a day used to place local times of day on a time axis (labels show only hours and minutes). */
const DAY_ZERO = Date.UTC(2026, 0, 5);
const SLOT = 30 * 60_000;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Queue lengths and dials in flight over the local day: for each half hour,
 * the mean over `profiles` (one per replication) of the figure summed over the
 * queues, or of queue `queue` only.
 */
export function profilePoints(profiles: readonly ProfileSlot[][], queue?: string): TimePoint[] {
  if (profiles.length === 0) return [];
  const slots = profiles[0].length;
  const points: TimePoint[] = [];
  for (const key of Object.keys(PROFILE_SERIES) as Array<keyof typeof PROFILE_SERIES>) {
    for (let i = 0; i < slots; i++) {
      let sum = 0;
      for (const profile of profiles) {
        const slot = profile[i];
        if (!slot) continue;
        for (const [id, q] of Object.entries(slot.queues)) if (queue === undefined || id === queue) sum += q[key];
      }
      points.push({ t: DAY_ZERO + i * SLOT, series: PROFILE_SERIES[key], value: round3(sum / profiles.length) });
    }
  }
  return points;
}

/** Whether a profile shows anything (some line is above zero somewhere). */
export function hasProfileData(points: readonly TimePoint[]): boolean {
  return points.some((p) => p.value > 0);
}

/**
 * Service level of each queue with inbound calls, and agent occupancy, for
 * every 30-minute interval of a run, at local wall-clock time.
 */
export function intervalPoints(intervals: readonly IntervalReport[], calendar: LocalCalendar): TimePoint[] {
  const points: TimePoint[] = [];
  const queues = intervals.length > 0 ? Object.keys(intervals[0].queues) : [];
  for (const id of queues) {
    if (!intervals.some((iv) => iv.queues[id]?.serviceLevel !== null && iv.queues[id]?.serviceLevel !== undefined)) continue;
    const series = queues.length > 1 ? `service level (${id})` : 'service level';
    for (const iv of intervals) {
      const sl = iv.queues[id]?.serviceLevel;
      if (sl !== null && sl !== undefined) points.push({ t: localTime(iv.start, calendar), series, value: sl });
    }
  }
  for (const iv of intervals) {
    if (iv.agents.occupancy !== null) points.push({ t: localTime(iv.start, calendar), series: 'agent occupancy', value: iv.agents.occupancy });
  }
  return points;
}

/**
 * The compliance abandon rate of each queue with answers to judge (all
 * queues together when there are several), by hour of the run, or by day
 * when the intervals cover a week or more.
 */
export function complianceRatePoints(intervals: readonly IntervalReport[], calendar: LocalCalendar): { step: 'hour' | 'day'; points: TimePoint[] } {
  const step = intervals.length >= 7 * 48 ? 'day' : 'hour';
  const size = step === 'day' ? 48 : 2;
  const queues = intervals.length > 0 ? Object.keys(intervals[0].queues) : [];
  const judged = queues.filter((id) => intervals.some((iv) => (iv.queues[id]?.complianceAnswers ?? 0) > 0));
  const lines: Array<[string, string[]]> = judged.map((id) => [judged.length > 1 ? `queue ${id}` : 'compliance abandon rate', [id]]);
  if (judged.length > 1) lines.push(['all queues', judged]);
  const points: TimePoint[] = [];
  for (const [series, ids] of lines) {
    for (let start = 0; start < intervals.length; start += size) {
      let answers = 0;
      let abandons = 0;
      for (const iv of intervals.slice(start, start + size)) {
        for (const id of ids) {
          answers += iv.queues[id]?.complianceAnswers ?? 0;
          abandons += iv.queues[id]?.complianceAbandoned ?? 0;
        }
      }
      if (answers > 0) points.push({ t: localTime(intervals[start].start, calendar), series, value: round6(abandons / answers) });
    }
  }
  return { step, points };
}

/** Local wall-clock time of an interval start (written as if it were UTC). */
function localTime(iso: string, calendar: LocalCalendar): number {
  return calendar.localEpoch(Date.parse(iso) - calendar.startEpochMs);
}

/** A distribution of attempts: counts by number of attempts, or their means with confidence intervals. */
export type AttemptsDistribution = readonly number[] | readonly Interval[];

/**
 * Bars of the attempts distribution of each group: the share of ended
 * callbacks that made k attempts, for k from the smallest to the largest k any group has;
 * with confidence limits when the counts are estimates.
 */
export function attemptsBars(groups: ReadonlyArray<{ group: string; distribution: AttemptsDistribution }>): AttemptsBar[] {
  const mean = (v: number | Interval) => (typeof v === 'number' ? v : Number.isNaN(v.mean) ? 0 : v.mean);
  let first = Infinity;
  let last = -1;
  for (const g of groups) {
    g.distribution.forEach((v, k) => {
      if (mean(v) > 0) {
        first = Math.min(first, k);
        last = Math.max(last, k);
      }
    });
  }
  const bars: AttemptsBar[] = [];
  for (const g of groups) {
    const total = g.distribution.reduce((s: number, v: number | Interval) => s + mean(v), 0);
    if (total <= 0) continue;
    for (let k = first; k <= last; k++) {
      const v = g.distribution[k] ?? 0;
      const bar: AttemptsBar = { attempts: k, group: g.group, share: round6(mean(v) / total) };
      if (typeof v !== 'number' && v.halfWidth !== null) {
        bar.lo = round6(Math.max(0, (mean(v) - v.halfWidth) / total));
        bar.hi = round6((mean(v) + v.halfWidth) / total);
      }
      bars.push(bar);
    }
  }
  return bars;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
