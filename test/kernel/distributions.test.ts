import { describe, expect, it } from 'vitest';
import {
  type Distribution,
  type Sampler,
  exponential,
  sampleWhole,
  sampler,
  standardGamma,
  standardNormal,
  NO_RANDOM,
} from '../../src/kernel/distributions.js';
import { RandomStreams, type Uniform } from '../../src/kernel/random.js';

const N = 200_000;
const streams = new RandomStreams(20260302);

function draws(f: (u: Uniform) => number, id: number, n = N): number[] {
  const u = streams.stream('distributions', id);
  return Array.from({ length: n }, () => f(u));
}

interface Moments {
  mean: number;
  variance: number;
  /** Standard error of the sample mean. */
  seMean: number;
  /** Standard error of the sample variance, from the sample's fourth central moment. */
  seVariance: number;
}

function moments(xs: number[]): Moments {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  const variance = (m2 * n) / (n - 1);
  return { mean, variance, seMean: Math.sqrt(variance / n), seVariance: Math.sqrt(Math.max(m4 - m2 * m2, 0) / n) };
}

/** Checks mean (and sd, when given) within 5 standard errors. */
function expectMoments(xs: number[], mean: number, sd?: number): void {
  const m = moments(xs);
  expect(Math.abs(m.mean - mean)).toBeLessThan(5 * m.seMean);
  if (sd !== undefined) expect(Math.abs(m.variance - sd * sd)).toBeLessThan(5 * m.seVariance);
}

function check(d: Distribution, id: number, mean: number, sd?: number): Sampler {
  const s = sampler(d);
  expect(s.mean).toBeCloseTo(mean, 9);
  expectMoments(draws((u) => s.sample(u), id), mean, sd);
  return s;
}

function minOf(xs: number[]): number {
  return xs.reduce((a, b) => Math.min(a, b), Infinity);
}

function maxOf(xs: number[]): number {
  return xs.reduce((a, b) => Math.max(a, b), -Infinity);
}

/** A uniform source that replays fixed values. */
function fixed(...values: number[]): Uniform {
  let i = 0;
  return { next: () => values[i++ % values.length] };
}

describe('sampler', () => {
  it('constant always returns the value', () => {
    const s = sampler({ kind: 'constant', value: 42 });
    expect(s.mean).toBe(42);
    const u = streams.stream('c');
    for (let i = 0; i < 100; i++) expect(s.sample(u)).toBe(42);
  });

  it('exponential has the given mean and sd = mean', () => {
    const xs = draws((u) => exponential(u, 240_000), 1);
    expect(minOf(xs)).toBeGreaterThanOrEqual(0);
    check({ kind: 'exponential', mean: 240_000 }, 2, 240_000, 240_000);
  });

  it('uniform stays in [min, max] with mean (min+max)/2 and sd (max-min)/√12', () => {
    const s = check({ kind: 'uniform', min: 4000, max: 20_000 }, 3, 12_000, 16_000 / Math.sqrt(12));
    const xs = draws((u) => s.sample(u), 4, 50_000);
    expect(minOf(xs)).toBeGreaterThanOrEqual(4000);
    expect(maxOf(xs)).toBeLessThanOrEqual(20_000);
    expect(s.sample(fixed(0))).toBe(4000);
  });

  it('lognormal has the given mean and sd', () => {
    check({ kind: 'lognormal', mean: 300_000, sd: 150_000 }, 5, 300_000, 150_000);
    check({ kind: 'lognormal', mean: 10, sd: 1 }, 6, 10, 1);
  });

  it('lognormal and gamma with sd 0 are constant', () => {
    const u = streams.stream('sd0');
    expect(sampler({ kind: 'lognormal', mean: 5, sd: 0 }).sample(u)).toBe(5);
    expect(sampler({ kind: 'gamma', mean: 5, sd: 0 }).sample(u)).toBe(5);
  });

  it('gamma with shape > 1 has the given mean and sd', () => {
    check({ kind: 'gamma', mean: 10, sd: 2 }, 7, 10, 2); // shape 25
    check({ kind: 'gamma', mean: 180_000, sd: 120_000 }, 8, 180_000, 120_000); // shape 2.25
  });

  it('gamma with shape < 1 has the given mean and sd and stays positive', () => {
    const s = check({ kind: 'gamma', mean: 10, sd: 20 }, 9, 10, 20); // shape 0.25
    const xs = draws((u) => s.sample(u), 10, 20_000);
    expect(minOf(xs)).toBeGreaterThanOrEqual(0);
  });

  it('gamma with shape exactly 1 is exponential', () => {
    check({ kind: 'gamma', mean: 50, sd: 50 }, 11, 50, 50);
  });

  it('empirical returns only the given values, with roughly equal frequency', () => {
    const values = [1, 5, 9, 2];
    const s = sampler({ kind: 'empirical', values });
    expect(s.mean).toBe(4.25);
    const counts = new Map<number, number>();
    for (const x of draws((u) => s.sample(u), 12)) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 5, 9]);
    const p = 1 / values.length;
    const sd = Math.sqrt(N * p * (1 - p));
    for (const c of counts.values()) expect(Math.abs(c - N * p)).toBeLessThan(5 * sd);
  });

  it('empirical weights repeated values by their multiplicity', () => {
    const s = sampler({ kind: 'empirical', values: [3, 3, 7] });
    const xs = draws((u) => s.sample(u), 13);
    const threes = xs.filter((x) => x === 3).length;
    expect(threes + xs.filter((x) => x === 7).length).toBe(N);
    expect(Math.abs(threes - (2 * N) / 3)).toBeLessThan(5 * Math.sqrt((N * 2) / 9));
  });

  it('empirical copies its values (later mutation of the input has no effect)', () => {
    const values = [1, 2];
    const s = sampler({ kind: 'empirical', values });
    values[0] = 100;
    values[1] = 100;
    expect(s.sample(fixed(0))).toBe(1);
    expect(s.sample(fixed(0.99))).toBe(2);
  });
});

describe('building blocks', () => {
  it('standardNormal has mean 0 and sd 1', () => {
    expectMoments(draws(standardNormal, 20), 0, 1);
  });

  it('standardGamma(k) has mean k and variance k for k < 1 and k > 1', () => {
    for (const [k, id] of [[0.3, 21], [0.9, 22], [1, 23], [4.5, 24]]) {
      expectMoments(draws((u) => standardGamma(u, k), id), k, Math.sqrt(k));
    }
  });
});

describe('sampleWhole', () => {
  it('rounds to the nearest whole number', () => {
    expect(sampleWhole(sampler({ kind: 'constant', value: 2.4 }), fixed(0))).toBe(2);
    expect(sampleWhole(sampler({ kind: 'constant', value: 2.5 }), fixed(0))).toBe(3);
    expect(sampleWhole(sampler({ kind: 'constant', value: 1e6 + 0.7 }), fixed(0))).toBe(1_000_001);
  });

  it('never returns a negative number (nor -0)', () => {
    expect(sampleWhole(sampler({ kind: 'constant', value: -3 }), fixed(0))).toBe(0);
    expect(Object.is(sampleWhole(sampler({ kind: 'constant', value: -0.4 }), fixed(0)), 0)).toBe(true);
    const s = sampler({ kind: 'uniform', min: -10, max: 10 });
    const xs = draws((u) => sampleWhole(s, u), 30, 20_000);
    expect(xs.filter((x) => !Number.isInteger(x) || x < 0 || Object.is(x, -0))).toEqual([]);
    expect(xs.filter((x) => x === 0).length).toBeGreaterThan(8000); // about half, plus rounding
  });

  it('keeps the mean of a large-valued distribution', () => {
    const s = sampler({ kind: 'exponential', mean: 240_000 });
    expectMoments(draws((u) => sampleWhole(s, u), 31), 240_000);
  });
});

describe('constant samplers', () => {
  it('say their value in `constant` and draw it from NO_RANDOM without a random number; the others say null', () => {
    const constant = sampler({ kind: 'constant', value: 30_000 });
    expect(constant.constant).toBe(30_000);
    expect(sampleWhole(constant, NO_RANDOM)).toBe(30_000);
    // A spread of zero is a constant too.
    expect(sampler({ kind: 'lognormal', mean: 5, sd: 0 }).constant).toBe(5);
    expect(sampler({ kind: 'gamma', mean: 7, sd: 0 }).constant).toBe(7);
    for (const d of [
      { kind: 'exponential', mean: 3 },
      { kind: 'uniform', min: 1, max: 2 },
      { kind: 'lognormal', mean: 5, sd: 1 },
      { kind: 'gamma', mean: 7, sd: 2 },
      { kind: 'empirical', values: [1, 2] },
    ] as const) {
      const s = sampler(d);
      expect(s.constant).toBeNull();
      expect(() => s.sample(NO_RANDOM)).toThrow(/constant distribution drew/);
    }
  });
});
