import { describe, expect, it } from 'vitest';
import { confidenceInterval, incompleteBeta, logGamma, studentTCdf, studentTQuantile } from '../../src/model/statistics.js';

describe('Student t', () => {
  it('gives the published two-sided 95 % critical values', () => {
    const table: Array<[number, number]> = [[1, 12.7062], [2, 4.3027], [4, 2.7764], [9, 2.2622], [19, 2.0930], [29, 2.0452], [120, 1.9799]];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 4);
  });

  it('is symmetric, and its CDF inverts its quantile', () => {
    for (const df of [1, 3, 7, 30]) {
      for (const p of [0.01, 0.2, 0.5, 0.9, 0.999]) {
        const q = studentTQuantile(p, df);
        expect(studentTCdf(q, df)).toBeCloseTo(p, 9);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-q, 9);
      }
    }
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('special functions', () => {
  it('logGamma matches factorials', () => {
    for (let n = 1; n < 20; n++) {
      let f = 1;
      for (let k = 2; k < n; k++) f *= k;
      expect(logGamma(n)).toBeCloseTo(Math.log(f), 10);
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('the incomplete beta function has its closed forms', () => {
    for (const x of [0.1, 0.5, 0.9]) {
      expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(incompleteBeta(x, 2, 1)).toBeCloseTo(x * x, 12);
      expect(incompleteBeta(x, 1, 3)).toBeCloseTo(1 - (1 - x) ** 3, 12);
    }
  });
});

describe('confidenceInterval', () => {
  it('is mean ± t(0.975, n−1)·s/√n', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    const ci = confidenceInterval(values);
    const s = Math.sqrt(values.reduce((a, v) => a + (v - 5) ** 2, 0) / 7);
    expect(ci.mean).toBe(5);
    expect(ci.n).toBe(8);
    expect(ci.halfWidth).toBeCloseTo(studentTQuantile(0.975, 7) * (s / Math.sqrt(8)), 12);
  });

  it('has no half-width with one value, and none of anything with none', () => {
    expect(confidenceInterval([3])).toEqual({ mean: 3, halfWidth: null, n: 1 });
    expect(confidenceInterval([]).n).toBe(0);
  });
});
