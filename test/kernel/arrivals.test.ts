import { describe, expect, it } from 'vitest';
import { type PiecewiseRate, constantRate, nextArrival } from '../../src/kernel/arrivals.js';
import { RandomStreams, type Uniform } from '../../src/kernel/random.js';

const HOUR = 3_600_000;
const HALF = HOUR / 2;
const streams = new RandomStreams(424242);

/** Every arrival in [from, horizon). */
function arrivals(rate: PiecewiseRate, u: Uniform, horizon: number, from = 0): number[] {
  const out: number[] = [];
  for (let t = nextArrival(from, rate, u, horizon); t !== Infinity; t = nextArrival(t, rate, u, horizon)) out.push(t);
  return out;
}

/** Rate 0 in the first half of every hour and `high` (per ms) in the second. */
function halfHourly(high: number): PiecewiseRate {
  return {
    rateAt: (t) => ((t % HOUR) < HALF ? 0 : high),
    nextChange: (t) => (Math.floor(t / HALF) + 1) * HALF,
  };
}

describe('nextArrival', () => {
  it('with a constant rate, the count over a long horizon is λT within 5√(λT)', () => {
    const lambda = 180 / HOUR; // 180 calls per hour
    const horizon = 400 * HOUR;
    const times = arrivals(constantRate(lambda), streams.stream('arrivals', 1), horizon);
    const expected = lambda * horizon;
    expect(Math.abs(times.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
    // increasing and inside the horizon
    expect(times.every((t, i) => t < horizon && (i === 0 || t >= times[i - 1]))).toBe(true);
  });

  it('with a constant rate, the gaps have mean and sd 1/λ', () => {
    const lambda = 1 / 60_000;
    const times = arrivals(constantRate(lambda), streams.stream('arrivals', 2), 100_000 * 60_000);
    const gaps = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]));
    const n = gaps.length;
    const mean = gaps.reduce((s, g) => s + g, 0) / n;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 60_000)).toBeLessThan((5 * 60_000) / Math.sqrt(n));
    expect(Math.abs(sd - 60_000)).toBeLessThan(5 * 60_000 * Math.sqrt(2 / n));
  });

  it('with a half-hourly on/off rate, nothing arrives in the off halves and the on halves match', () => {
    const lambda = 60 / HOUR; // average rate; 2λ while on
    const hours = 1000;
    const horizon = hours * HOUR;
    const times = arrivals(halfHourly(2 * lambda), streams.stream('arrivals', 3), horizon);
    expect(times.filter((t) => t % HOUR < HALF)).toEqual([]);
    const expected = lambda * horizon;
    expect(Math.abs(times.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
    // per on-segment counts: Poisson with mean λ·1h, so mean ≈ variance
    const perHour = new Array<number>(hours).fill(0);
    for (const t of times) perHour[Math.floor(t / HOUR)]++;
    const mean = perHour.reduce((s, c) => s + c, 0) / hours;
    const variance = perHour.reduce((s, c) => s + (c - mean) ** 2, 0) / (hours - 1);
    expect(Math.abs(mean - lambda * HOUR)).toBeLessThan(5 * Math.sqrt((lambda * HOUR) / hours));
    expect(Math.abs(variance / mean - 1)).toBeLessThan(5 * Math.sqrt(2 / (hours - 1)));
  });

  it('spreads arrivals uniformly within an on segment', () => {
    const times = arrivals(halfHourly(120 / HOUR), streams.stream('arrivals', 4), 2000 * HOUR);
    const bins = new Array<number>(10).fill(0);
    for (const t of times) bins[Math.floor(((t % HOUR) - HALF) / (HALF / 10))]++;
    const e = times.length / 10;
    const chi2 = bins.reduce((acc, o) => acc + (o - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(40); // 9 degrees of freedom: P(chi2 > 40) < 1e-5
  });

  it('counts follow the rate of each segment of a three-level profile', () => {
    const rates = [10 / HOUR, 0, 50 / HOUR]; // hour h has rate rates[h % 3]
    const rate: PiecewiseRate = {
      rateAt: (t) => rates[Math.floor(t / HOUR) % 3],
      nextChange: (t) => (Math.floor(t / HOUR) + 1) * HOUR,
    };
    const cycles = 600;
    const times = arrivals(rate, streams.stream('arrivals', 5), cycles * 3 * HOUR);
    const counts = [0, 0, 0];
    for (const t of times) counts[Math.floor(t / HOUR) % 3]++;
    expect(counts[1]).toBe(0);
    for (const level of [0, 2]) {
      const expected = rates[level] * HOUR * cycles;
      expect(Math.abs(counts[level] - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
  });

  it('returns Infinity when the next arrival would be at or past the horizon', () => {
    const u: Uniform = { next: () => 0.5 };
    const rate = constantRate(1 / 1000); // gap = 1000·ln 2 ≈ 693 ms
    expect(nextArrival(0, rate, u, 10_000)).toBeCloseTo(1000 * Math.LN2, 6);
    expect(nextArrival(0, rate, u, 600)).toBe(Infinity);
    expect(nextArrival(10_000, rate, u, 10_000)).toBe(Infinity);
    expect(nextArrival(20_000, rate, u, 10_000)).toBe(Infinity);
  });

  it('returns Infinity for a rate that is zero forever', () => {
    expect(nextArrival(0, constantRate(0), streams.stream('zero'), Infinity)).toBe(Infinity);
    expect(nextArrival(0, halfHourly(0), streams.stream('zero'), 10 * HOUR)).toBe(Infinity);
  });

  it('throws a RangeError when nextChange does not advance', () => {
    const stuck: PiecewiseRate = { rateAt: () => 0, nextChange: (t) => t };
    expect(() => nextArrival(5, stuck, streams.stream('stuck'), 1000)).toThrow(RangeError);
    const backwards: PiecewiseRate = { rateAt: () => 1e-9, nextChange: (t) => t - 1 };
    expect(() => nextArrival(5, backwards, { next: () => 0.5 }, 1000)).toThrow(RangeError);
  });

  it('constantRate reports its rate everywhere and never changes', () => {
    const r = constantRate(0.25);
    expect([r.rateAt(0), r.rateAt(1e12)]).toEqual([0.25, 0.25]);
    expect(r.nextChange(123)).toBe(Infinity);
  });
});
