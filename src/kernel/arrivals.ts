import type { Uniform } from './random.js';

/** A rate that is constant between change points (events per ms). */
export interface PiecewiseRate {
  /** The rate in force at time `t`. */
  rateAt(t: number): number;
  /** The first time after `t` at which the rate may change (`Infinity` if never). */
  nextChange(t: number): number;
}

/** A rate that never changes. */
export function constantRate(perMs: number): PiecewiseRate {
  return { rateAt: () => perMs, nextChange: () => Infinity };
}

/**
 * The first arrival after `t` of a non-homogeneous Poisson process with a
 * piecewise-constant rate, or `Infinity` if none comes before `horizon`.
 *
 * Exact: within a segment the gap is exponential at the segment's rate; a gap
 * that crosses a change point is discarded and drawn again from the change
 * point, which the memoryless property makes equivalent.
 */
export function nextArrival(t: number, rate: PiecewiseRate, u: Uniform, horizon: number): number {
  let now = t;
  while (now < horizon) {
    const r = rate.rateAt(now);
    const change = rate.nextChange(now);
    if (r > 0) {
      const at = now - Math.log(1 - u.next()) / r;
      if (at < change) return at < horizon ? at : Infinity;
    }
    if (change <= now) throw new RangeError(`rate change point ${change} is not after ${now}`);
    now = change;
  }
  return Infinity;
}
