import { describe, expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/metrics/interval-buckets.js';
import { TimeIntegrator } from '../../src/metrics/time-integrator.js';

/** The stretches one change (or the end, with `value` undefined) hands over, as [value, bucket, ms]. */
function stretches(it: TimeIntegrator, entity: number, t: number, value?: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let ms = value === undefined ? it.advance(entity, t) : it.set(entity, t, value); ms > 0; ms = it.next()) out.push([it.value, it.bucket, ms]);
  return out;
}

describe('TimeIntegrator', () => {
  it('hands over the time each entity held its value, cut at the 30-minute interval bounds', () => {
    const it = new TimeIntegrator(2, 0, 0);
    expect(stretches(it, 0, 10, 3)).toEqual([[0, 0, 10]]);
    expect(stretches(it, 0, 20, 5)).toEqual([[3, 0, 10]]);
    expect(stretches(it, 0, 2.5 * INTERVAL_MS + 7, 1)).toEqual([
      [5, 0, INTERVAL_MS - 20],
      [5, 1, INTERVAL_MS],
      [5, 2, 0.5 * INTERVAL_MS + 7],
    ]);
    // Entities are independent; the interval found last is remembered, not the entity's.
    expect(stretches(it, 1, 2.5 * INTERVAL_MS + 10, 4)).toEqual([
      [0, 0, INTERVAL_MS],
      [0, 1, INTERVAL_MS],
      [0, 2, 0.5 * INTERVAL_MS + 10],
    ]);
    expect(stretches(it, 1, 3 * INTERVAL_MS)).toEqual([[4, 2, 0.5 * INTERVAL_MS - 10]]);
    expect(stretches(it, 0, 3 * INTERVAL_MS)).toEqual([[1, 2, 0.5 * INTERVAL_MS - 7]]);
  });

  it('integrates nothing before its start, and nothing twice', () => {
    const it = new TimeIntegrator(1, INTERVAL_MS + 100, 2);
    expect(stretches(it, 0, 50, 7)).toEqual([]);
    expect(stretches(it, 0, INTERVAL_MS + 300, 1)).toEqual([[7, 1, 200]]);
    expect(stretches(it, 0, INTERVAL_MS + 300)).toEqual([]);
    expect(stretches(it, 0, INTERVAL_MS + 300, 4)).toEqual([]);
    expect(stretches(it, 0, INTERVAL_MS + 301)).toEqual([[4, 1, 1]]);
  });
});
