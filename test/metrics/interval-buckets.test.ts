import { describe, expect, it } from 'vitest';
import { CallbackKinds } from '../../src/metrics/callback-kinds.js';
import { INTERVAL_MS, IntervalBuckets } from '../../src/metrics/interval-buckets.js';

describe('IntervalBuckets', () => {
  it('keeps tallies and line-length samples per 30-minute interval, and reports from the warm-up to the horizon', () => {
    const intervals = new IntervalBuckets(2);
    intervals.at(10)[0].offered++;
    intervals.at(INTERVAL_MS - 1)[0].offered++;
    intervals.at(INTERVAL_MS)[1].offered++;
    intervals.at(2 * INTERVAL_MS + 5)[1].answered++;
    intervals.sample(INTERVAL_MS, 1, 4, 2);
    intervals.agents(1).add(2, INTERVAL_MS / 2);
    intervals.agents(1).add(1, INTERVAL_MS / 2);
    const report = intervals.report({ queueIds: ['a', 'b'], warmup: INTERVAL_MS, horizon: 2.5 * INTERVAL_MS, startEpochMs: Date.UTC(2026, 0, 1) });
    expect(report.map((r) => r.start)).toEqual(['2026-01-01T00:30:00.000Z', '2026-01-01T01:00:00.000Z']);
    expect(report[0].queues.b).toMatchObject({ offered: 1, waiting: 4, toDial: 2 });
    expect(report[0].queues.a).toMatchObject({ offered: 0, waiting: 0, toDial: 0 });
    expect(report[0].agents).toEqual({ occupancy: 0.5, staffedHours: 0.5 });
    expect(report[1].queues.b).toMatchObject({ answered: 1, waiting: 0 });
    expect(report[1].agents).toEqual({ occupancy: null, staffedHours: 0 });
  });
});

describe('CallbackKinds', () => {
  it("counts each callback in its kind's tally until it ends, for small ids and others", () => {
    const kinds = new CallbackKinds();
    for (const id of [3, 5000, 2 ** 40, -1]) {
      kinds.created(id, id === 3 ? 'scheduled' : 'inQueue').created++;
      kinds.get(id)!.attempts++;
    }
    expect(kinds.get(4)).toBeUndefined();
    kinds.ended(5000);
    kinds.ended(2 ** 40);
    expect(kinds.get(5000)).toBeUndefined();
    expect(kinds.get(2 ** 40)).toBeUndefined();
    // An id that cannot index an array (kept in a map) shares its kind's tally like any other.
    expect(kinds.created(7, 'inQueue')).toBe(kinds.get(-1));
    const report = kinds.report();
    expect(Object.keys(report)).toEqual(['inQueue', 'scheduled']);
    expect(report.inQueue).toMatchObject({ created: 3, attempts: 3, active: 3 });
    expect(report.scheduled).toMatchObject({ created: 1, attempts: 1 });
  });
});
