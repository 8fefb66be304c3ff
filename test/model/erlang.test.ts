import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentsForServiceLevel, erlangA, erlangB, erlangC } from '../../src/model/erlang.js';

// ---------------------------------------------------------------------------
// Independent reference computations (deliberately different from the code under
// test: factorial sums, first-principles stationary distributions, ODE integration).
// ---------------------------------------------------------------------------

function factorial(k: number): number {
  let f = 1;
  for (let j = 2; j <= k; j++) f *= j;
  return f;
}

/** Erlang B by direct factorial sums (small n only). */
function bruteB(n: number, a: number): number {
  let sum = 0;
  for (let k = 0; k <= n; k++) sum += a ** k / factorial(k);
  return a ** n / factorial(n) / sum;
}

/** Erlang B in log space with log-factorials, for large n. */
function logSpaceB(n: number, a: number): number {
  const logTerms: number[] = [];
  let logFact = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logFact += Math.log(k);
    logTerms.push(k * Math.log(a) - logFact);
  }
  const max = Math.max(...logTerms);
  const sum = logTerms.reduce((s, l) => s + Math.exp(l - max), 0);
  return Math.exp(logTerms[n] - max) / sum;
}

/** Erlang C by direct factorial sums (small n only). */
function bruteC(n: number, a: number): number {
  const top = (a ** n / factorial(n)) * (n / (n - a));
  let sum = 0;
  for (let k = 0; k < n; k++) sum += a ** k / factorial(k);
  return top / (sum + top);
}

/** P(Gamma(j, rate) ≤ t) for integer shape j ≥ 1 (Erlang CDF). */
function erlangCdf(j: number, rate: number, t: number): number {
  let term = Math.exp(-rate * t);
  let sum = term;
  for (let m = 1; m < j; m++) {
    term *= (rate * t) / m;
    sum += term;
  }
  return 1 - sum;
}

/**
 * M/M/n KPIs from first principles: the stationary distribution of the number in
 * system (summed until negligible) and FCFS waits that are Erlang(k−n+1, nμ).
 */
function mmnFirstPrinciples(n: number, lambda: number, es: number, t: number) {
  const mu = 1 / es;
  const pis: number[] = [1];
  for (let k = 1; k < n + 5000; k++) pis.push((pis[k - 1] * lambda) / (Math.min(k, n) * mu));
  const z = pis.reduce((s, p) => s + p, 0);
  let pWait = 0;
  let meanWait = 0;
  let sl = 0;
  for (let k = 0; k < pis.length; k++) {
    const p = pis[k] / z;
    if (k < n) {
      sl += p;
      continue;
    }
    pWait += p;
    meanWait += (p * (k - n + 1)) / (n * mu);
    sl += p * erlangCdf(k - n + 1, n * mu, t);
  }
  return { pWait, asa: meanWait, serviceLevel: sl };
}

/** Stationary distribution of the M/M/n+M count, by plain products up to kMax. */
function stationaryA(n: number, lambda: number, mu: number, theta: number, kMax: number): number[] {
  const pis: number[] = [1];
  for (let k = 1; k <= kMax; k++) {
    pis.push((pis[k - 1] * lambda) / (Math.min(k, n) * mu + Math.max(k - n, 0) * theta));
  }
  const z = pis.reduce((s, p) => s + p, 0);
  return pis.map((p) => p / z);
}

/**
 * Erlang A service level and ASA by integrating the forward equations of the tagged
 * customer's chain with classical Runge–Kutta, started from the queue-position
 * distribution an arrival sees: p_i(0) = π_{n+i}. State: p_i (still waiting at
 * position i), s (answered so far), u = ∫ t dS(t) (for the mean wait of answered).
 */
function erlangAByOde(n: number, lambda: number, es: number, patience: number, threshold: number, h: number) {
  const mu = 1 / es;
  const theta = 1 / patience;
  // Truncate the count where the stationary terms have become negligible (< 1e-18).
  const full = stationaryA(n, lambda, mu, theta, n + 2000);
  let kMax = full.length - 1;
  while (kMax > n && full[kMax] < 1e-18) kMax--;
  const pis = stationaryA(n, lambda, mu, theta, kMax);
  const positions = kMax - n + 1;
  const leave = (i: number) => n * mu + (i + 1) * theta;
  const forward = (i: number) => n * mu + i * theta;
  const size = positions + 2;
  const deriv = (time: number, y: Float64Array, out: Float64Array) => {
    for (let i = 0; i < positions; i++) {
      out[i] = -leave(i) * y[i] + (i + 1 < positions ? forward(i + 1) * y[i + 1] : 0);
    }
    out[positions] = n * mu * y[0];
    out[positions + 1] = time * n * mu * y[0];
  };
  const y = new Float64Array(size);
  for (let i = 0; i < positions; i++) y[i] = pis[n + i];
  const k1 = new Float64Array(size);
  const k2 = new Float64Array(size);
  const k3 = new Float64Array(size);
  const k4 = new Float64Array(size);
  const tmp = new Float64Array(size);
  const step = (time: number) => {
    deriv(time, y, k1);
    for (let j = 0; j < size; j++) tmp[j] = y[j] + (h / 2) * k1[j];
    deriv(time + h / 2, tmp, k2);
    for (let j = 0; j < size; j++) tmp[j] = y[j] + (h / 2) * k2[j];
    deriv(time + h / 2, tmp, k3);
    for (let j = 0; j < size; j++) tmp[j] = y[j] + h * k3[j];
    deriv(time + h, tmp, k4);
    for (let j = 0; j < size; j++) y[j] += (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
  };
  const noWait = pis.slice(0, n).reduce((s, p) => s + p, 0);
  let time = 0;
  const stepsToThreshold = Math.round(threshold / h);
  for (let m = 0; m < stepsToThreshold; m++, time += h) step(time);
  const serviceLevel = noWait + y[positions];
  // Continue until essentially nobody is left waiting.
  for (;;) {
    let waiting = 0;
    for (let i = 0; i < positions; i++) waiting += y[i];
    if (waiting < 1e-15) break;
    step(time);
    time += h;
  }
  const answered = noWait + y[positions];
  return { serviceLevel, answered, asa: y[positions + 1] / answered };
}

/** CDF of a sum of independent Exp(rates[i]) with distinct rates (closed form). */
function hypoexponentialCdf(rates: number[], t: number): number {
  let survival = 0;
  for (let j = 0; j < rates.length; j++) {
    let coefficient = 1;
    for (let l = 0; l < rates.length; l++) if (l !== j) coefficient *= rates[l] / (rates[l] - rates[j]);
    survival += coefficient * Math.exp(-rates[j] * t);
  }
  return 1 - survival;
}

const queue = (agents: number, arrivalRate: number, meanServiceTime: number, serviceLevelThreshold: number) => ({
  agents,
  arrivalRate,
  meanServiceTime,
  serviceLevelThreshold,
});

// ---------------------------------------------------------------------------

describe('erlangB', () => {
  it('matches published table values', () => {
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(5, 0)).toBe(0);
  });

  it('agrees with direct factorial sums for small n', () => {
    for (const n of [1, 2, 3, 5, 8, 13, 20, 30]) {
      for (const a of [0.1, 0.9, 2.5, 7, 15, 29.5, 40]) {
        expect(Math.abs(erlangB(n, a) - bruteB(n, a))).toBeLessThan(1e-12);
      }
    }
  });

  it('is stable for thousands of agents (against a log-space sum)', () => {
    for (const [n, a] of [
      [1000, 950],
      [3000, 2900],
      [5000, 5100],
      [2000, 100],
    ]) {
      const b = erlangB(n, a);
      expect(Number.isFinite(b)).toBe(true);
      expect(Math.abs(b - logSpaceB(n, a))).toBeLessThan(1e-12 + 1e-9 * logSpaceB(n, a));
    }
  });

  it('rejects invalid arguments', () => {
    expect(() => erlangB(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
    expect(() => erlangB(3, -1)).toThrow(RangeError);
    expect(() => erlangB(3, NaN)).toThrow(RangeError);
  });
});

describe('erlangC', () => {
  it('matches the published value C(11 agents, 10 E) ≈ 0.6821 and a factorial-sum formula', () => {
    const r = erlangC(queue(11, 10 / 180, 180, 20));
    expect(r.pWait).toBeCloseTo(0.6821, 4);
    expect(Math.abs(r.pWait - bruteC(11, 10))).toBeLessThan(1e-12);
    for (const n of [2, 4, 7, 12, 25]) {
      for (const frac of [0.1, 0.5, 0.8, 0.95, 0.99]) {
        const a = n * frac;
        expect(Math.abs(erlangC(queue(n, a / 100, 100, 20)).pWait - bruteC(n, a))).toBeLessThan(1e-11);
      }
    }
  });

  it('reproduces the call-center example: 360 calls/h, 3-minute calls, 80/20', () => {
    const lambda = 360 / 3600;
    const es = 180;
    expect(lambda * es).toBeCloseTo(18, 12);
    const n = agentsForServiceLevel({ arrivalRate: lambda, meanServiceTime: es, serviceLevelThreshold: 20, target: 0.8 });
    expect(n).toBe(22);

    const r = erlangC(queue(n, lambda, es, 20));
    const ref = mmnFirstPrinciples(n, lambda, es, 20);
    expect(r.stable).toBe(true);
    expect(r.offeredLoad).toBeCloseTo(18, 12);
    expect(r.pWait).toBeCloseTo(ref.pWait, 10);
    expect(r.asa).toBeCloseTo(ref.asa, 8);
    expect(r.serviceLevel).toBeCloseTo(ref.serviceLevel, 10);
    expect(r.occupancy).toBeCloseTo(18 / 22, 14);
    // Published-style values for this example.
    expect(r.pWait).toBeCloseTo(0.2781, 4);
    expect(r.asa).toBeCloseTo(12.51, 2);
    expect(r.serviceLevel).toBeCloseTo(0.8217, 4);
    // One agent fewer misses the target.
    expect(erlangC(queue(n - 1, lambda, es, 20)).serviceLevel).toBeLessThan(0.8);
  });

  it('agrees with first principles on other stable queues', () => {
    for (const [n, lambda, es, t] of [
      [1, 0.5, 1, 0.5],
      [3, 1 / 60, 120, 30],
      [8, 7 / 300, 300, 60],
      [15, 12 / 240, 240, 0],
    ]) {
      const r = erlangC(queue(n, lambda, es, t));
      const ref = mmnFirstPrinciples(n, lambda, es, t);
      expect(r.pWait).toBeCloseTo(ref.pWait, 10);
      expect(Math.abs(r.asa - ref.asa)).toBeLessThan(1e-8 * Math.max(1, ref.asa));
      expect(r.serviceLevel).toBeCloseTo(ref.serviceLevel, 10);
    }
  });

  it('reports an unstable queue when A ≥ n', () => {
    for (const [n, a] of [
      [10, 10],
      [10, 12],
      [0, 1],
    ]) {
      expect(erlangC(queue(n, a / 100, 100, 20))).toEqual({
        offeredLoad: a,
        pWait: 1,
        asa: Infinity,
        serviceLevel: 0,
        occupancy: 1,
        stable: false,
      });
    }
  });

  it('handles no traffic', () => {
    expect(erlangC(queue(3, 0, 100, 20))).toMatchObject({ pWait: 0, asa: 0, serviceLevel: 1, occupancy: 0, stable: true });
  });

  it('rejects invalid inputs', () => {
    expect(() => erlangC(queue(1.5, 0.1, 10, 20))).toThrow(RangeError);
    expect(() => erlangC(queue(2, -0.1, 10, 20))).toThrow(RangeError);
    expect(() => erlangC(queue(2, 0.1, 0, 20))).toThrow(RangeError);
    expect(() => erlangC(queue(2, 0.1, 10, -1))).toThrow(RangeError);
  });

  it('is fast and finite for thousands of agents', () => {
    const r = erlangC(queue(3000, 2950 / 200, 200, 20));
    expect(Number.isFinite(r.pWait) && Number.isFinite(r.asa)).toBe(true);
    expect(r.pWait).toBeGreaterThan(0);
    expect(r.pWait).toBeLessThan(1);
  });
});

describe('agentsForServiceLevel', () => {
  it('returns the smallest stable agent count meeting the target', () => {
    for (const [lambda, es, t, target] of [
      [0.1, 180, 20, 0.8],
      [2, 240, 30, 0.9],
      [0.01, 60, 10, 0.5],
      [5, 300, 20, 0.95],
    ]) {
      const n = agentsForServiceLevel({ arrivalRate: lambda, meanServiceTime: es, serviceLevelThreshold: t, target });
      expect(erlangC(queue(n, lambda, es, t)).serviceLevel).toBeGreaterThanOrEqual(target);
      const fewer = erlangC(queue(n - 1, lambda, es, t));
      expect(!fewer.stable || fewer.serviceLevel < target).toBe(true);
    }
  });

  it('needs only stability for target 0, and no agents for no traffic', () => {
    expect(agentsForServiceLevel({ arrivalRate: 0.1, meanServiceTime: 180, serviceLevelThreshold: 20, target: 0 })).toBe(19);
    expect(agentsForServiceLevel({ arrivalRate: 0, meanServiceTime: 180, serviceLevelThreshold: 20, target: 0.8 })).toBe(0);
  });

  it('throws when the target is out of reach or invalid', () => {
    expect(() =>
      agentsForServiceLevel({ arrivalRate: 0.1, meanServiceTime: 180, serviceLevelThreshold: 20, target: 0.8 }, 21),
    ).toThrow(RangeError);
    expect(() =>
      agentsForServiceLevel({ arrivalRate: 0.1, meanServiceTime: 180, serviceLevelThreshold: 20, target: 1.2 }),
    ).toThrow(RangeError);
  });

  it('property: the answer is minimal and meets the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 80, noNaN: true }),
        fc.double({ min: 10, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        fc.double({ min: 0.05, max: 0.98, noNaN: true }),
        (load, es, t, target) => {
          const lambda = load / es;
          const n = agentsForServiceLevel({ arrivalRate: lambda, meanServiceTime: es, serviceLevelThreshold: t, target });
          const at = erlangC(queue(n, lambda, es, t));
          const below = erlangC(queue(n - 1, lambda, es, t));
          return at.stable && at.serviceLevel >= target && (!below.stable || below.serviceLevel < target);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('erlangA', () => {
  const withPatience = (q: ReturnType<typeof queue>, meanPatience: number) => ({ ...q, meanPatience });

  it('with infinite patience (θ = 0) is exactly Erlang C', () => {
    const q = queue(22, 0.1, 180, 20);
    const a = erlangA(withPatience(q, Infinity));
    const c = erlangC(q);
    expect(a).toMatchObject({ pWait: c.pWait, asa: c.asa, serviceLevel: c.serviceLevel, occupancy: c.occupancy, pAbandon: 0 });
    expect(a.meanQueueLength).toBeCloseTo((c.pWait * 18) / 4, 12);
    expect(erlangA(withPatience(queue(18, 0.1, 180, 20), Infinity))).toMatchObject({
      pWait: 1,
      pAbandon: 0,
      asa: Infinity,
      serviceLevel: 0,
      occupancy: 1,
    });
  });

  it('converges to Erlang C as θ → 0 (through the birth–death chain)', () => {
    for (const [n, lambda, es, t] of [
      [22, 0.1, 180, 20],
      [5, 4 / 60, 60, 15],
      [40, 35 / 300, 300, 30],
    ]) {
      const c = erlangC(queue(n, lambda, es, t));
      let previousError = Infinity;
      for (const patience of [1e4, 1e6, 1e9]) {
        const a = erlangA(withPatience(queue(n, lambda, es, t), patience));
        const error = Math.abs(a.serviceLevel - c.serviceLevel) + Math.abs(a.pWait - c.pWait);
        expect(error).toBeLessThan(previousError);
        previousError = error;
      }
      const a = erlangA(withPatience(queue(n, lambda, es, t), 1e9));
      expect(Math.abs(a.pWait - c.pWait)).toBeLessThan(1e-6);
      expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(1e-6);
      expect(Math.abs(a.asa - c.asa) / c.asa).toBeLessThan(1e-5);
      expect(a.pAbandon).toBeLessThan(1e-6);
    }
  });

  it('with θ = μ the count is Poisson(A) (M/M/∞) and P(served | i0) = n/(n+i0+1)', () => {
    const n = 6;
    const es = 100;
    const lambda = 7 / es;
    const r = erlangA(withPatience(queue(n, lambda, es, Infinity), es));
    const poisson = (k: number) => (Math.exp(-7) * 7 ** k) / factorial(k);
    let pWait = 0;
    let lq = 0;
    let answered = 0;
    let busy = 0;
    for (let k = 0; k < 80; k++) {
      busy += Math.min(k, n) * poisson(k);
      if (k < n) answered += poisson(k);
      else {
        pWait += poisson(k);
        lq += (k - n) * poisson(k);
        answered += (poisson(k) * n) / (k + 1);
      }
    }
    expect(r.offeredLoad).toBeCloseTo(7, 12);
    expect(r.pWait).toBeCloseTo(pWait, 12);
    expect(r.meanQueueLength).toBeCloseTo(lq, 12);
    expect(r.pAbandon).toBeCloseTo(lq / 7, 12);
    expect(r.serviceLevel).toBeCloseTo(answered, 12); // threshold ∞: every eventually answered call
    expect(r.occupancy).toBeCloseTo(busy / n, 12);
  });

  it('answered share (threshold ∞) equals 1 − pAbandon from Little’s law', () => {
    for (const [n, lambda, es, patience] of [
      [3, 3 / 100, 100, 30],
      [22, 0.1, 180, 300],
      [100, 95 / 180, 180, 120],
      [10, 20 / 60, 60, 45],
    ]) {
      const r = erlangA(withPatience(queue(n, lambda, es, Infinity), patience));
      expect(Math.abs(r.serviceLevel - (1 - r.pAbandon))).toBeLessThan(1e-12);
    }
  });

  it('matches a Runge–Kutta integration of the tagged customer’s chain (SL and ASA)', () => {
    for (const [n, lambda, es, patience, t] of [
      [5, 5.5 / 60, 60, 120, 20],
      [3, 2 / 100, 100, 30, 15],
      [8, 10 / 240, 240, 90, 30],
    ]) {
      const r = erlangA(withPatience(queue(n, lambda, es, t), patience));
      const ref = erlangAByOde(n, lambda, es, patience, t, 0.01);
      expect(Math.abs(r.serviceLevel - ref.serviceLevel)).toBeLessThan(1e-9);
      expect(Math.abs(r.asa - ref.asa) / ref.asa).toBeLessThan(1e-8);
      expect(Math.abs(1 - r.pAbandon - ref.answered)).toBeLessThan(1e-9);
      // Stationary quantities against plain products.
      const pis = stationaryA(n, lambda, 1 / es, 1 / patience, n + 400);
      const pWait = pis.slice(n).reduce((s, p) => s + p, 0);
      const lq = pis.reduce((s, p, k) => s + Math.max(k - n, 0) * p, 0);
      const busy = pis.reduce((s, p, k) => s + Math.min(k, n) * p, 0);
      expect(r.pWait).toBeCloseTo(pWait, 12);
      expect(r.meanQueueLength).toBeCloseTo(lq, 11);
      expect(r.occupancy).toBeCloseTo(busy / n, 12);
    }
  });

  it('matches the closed-form hypoexponential CDF when few callers are ever ahead', () => {
    // n = 1, μ = 1, λ = 1, θ = 2: the queue beyond 12 ahead has probability < 1e-13.
    const n = 1;
    const mu = 1;
    const theta = 2;
    const lambda = 1;
    for (const t of [0, 0.1, 0.7, 2]) {
      const r = erlangA({ agents: n, arrivalRate: lambda, meanServiceTime: 1 / mu, serviceLevelThreshold: t, meanPatience: 1 / theta });
      const pis = stationaryA(n, lambda, mu, theta, n + 12);
      let sl = pis[0];
      let waitOfServed = 0;
      let answered = pis[0];
      for (let i0 = 0; i0 <= 12; i0++) {
        const rates = Array.from({ length: i0 + 1 }, (_, i) => n * mu + (i + 1) * theta);
        let pServed = 1;
        for (let i = 0; i <= i0; i++) pServed *= (n * mu + i * theta) / rates[i];
        sl += pis[n + i0] * pServed * hypoexponentialCdf(rates, t);
        answered += pis[n + i0] * pServed;
        waitOfServed += pis[n + i0] * pServed * rates.reduce((s, rate) => s + 1 / rate, 0);
      }
      expect(Math.abs(r.serviceLevel - sl)).toBeLessThan(1e-10);
      expect(r.asa).toBeCloseTo(waitOfServed / answered, 10);
    }
  });

  it('is stable under overload when callers abandon', () => {
    const r = erlangA(withPatience(queue(10, 15 / 100, 100, 20), 60));
    expect(r.offeredLoad).toBeCloseTo(15, 12);
    expect(r.pWait).toBeGreaterThan(0.8);
    // Throughput cannot exceed nμ, so at least 1 − n/A of the calls must abandon.
    expect(r.pAbandon).toBeGreaterThanOrEqual(1 - 10 / 15);
    expect(r.pAbandon).toBeLessThan(1);
    expect(Number.isFinite(r.asa) && Number.isFinite(r.meanQueueLength)).toBe(true);
    expect(r.occupancy).toBeGreaterThan(0.95);
    expect(r.occupancy).toBeLessThanOrEqual(1);
  });

  it('handles no traffic, no agents and a zero threshold', () => {
    expect(erlangA(withPatience(queue(3, 0, 100, 20), 60))).toMatchObject({ pWait: 0, pAbandon: 0, serviceLevel: 1 });
    const none = erlangA(withPatience(queue(0, 0.1, 100, 20), 60));
    expect(none.pWait).toBeCloseTo(1, 12);
    expect(none.pAbandon).toBeCloseTo(1, 12);
    expect(none.serviceLevel).toBe(0);
    expect(none.asa).toBeNaN();
    const q = queue(5, 4 / 60, 60, 0);
    const zero = erlangA(withPatience(q, 120));
    expect(zero.serviceLevel).toBeCloseTo(1 - zero.pWait, 14);
  });

  it('rejects invalid patience', () => {
    expect(() => erlangA(withPatience(queue(3, 0.1, 100, 20), 0))).toThrow(RangeError);
    expect(() => erlangA(withPatience(queue(3, 0.1, 100, 20), -5))).toThrow(RangeError);
    expect(() => erlangA(withPatience(queue(3, 0.1, 100, 20), NaN))).toThrow(RangeError);
  });

  it('large case n = 100, A = 95 gives finite values', () => {
    const r = erlangA(withPatience(queue(100, 95 / 180, 180, 20), 180));
    const c = erlangC(queue(100, 95 / 180, 180, 20));
    for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
    expect(r.pWait).toBeGreaterThan(0);
    expect(r.pWait).toBeLessThan(c.pWait); // abandonment shortens the queue
    expect(r.serviceLevel).toBeGreaterThan(c.serviceLevel);
    expect(r.serviceLevel).toBeLessThanOrEqual(1);
    expect(r.asa).toBeLessThan(c.asa);
  });

  it('stays finite for thousands of agents', () => {
    const r = erlangA(withPatience(queue(2000, 2100 / 180, 180, 20), 60));
    for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
    expect(r.pAbandon).toBeGreaterThan(0);
  });
});

describe('monotonicity and ranges (properties)', () => {
  const load = fc.double({ min: 0.05, max: 60, noNaN: true });
  const serviceTime = fc.double({ min: 10, max: 600, noNaN: true });
  const threshold = fc.double({ min: 0, max: 120, noNaN: true });
  const patience = fc.double({ min: 2, max: 3600, noNaN: true });

  it('Erlang C: one more agent never raises pWait or lowers the service level', () => {
    fc.assert(
      fc.property(load, serviceTime, threshold, fc.integer({ min: 0, max: 30 }), (a, es, t, extra) => {
        const n = Math.floor(a) + 1 + extra;
        const r1 = erlangC(queue(n, a / es, es, t));
        const r2 = erlangC(queue(n + 1, a / es, es, t));
        return r2.pWait <= r1.pWait + 1e-12 && r2.serviceLevel >= r1.serviceLevel - 1e-12 && r2.asa <= r1.asa + 1e-9;
      }),
      { numRuns: 200 },
    );
  });

  it('Erlang A: one more agent never raises pWait or pAbandon', () => {
    fc.assert(
      fc.property(load, serviceTime, threshold, patience, fc.integer({ min: 1, max: 60 }), (a, es, t, p, n) => {
        const r1 = erlangA({ ...queue(n, a / es, es, t), meanPatience: p });
        const r2 = erlangA({ ...queue(n + 1, a / es, es, t), meanPatience: p });
        return r2.pWait <= r1.pWait + 1e-12 && r2.pAbandon <= r1.pAbandon + 1e-12;
      }),
      { numRuns: 150 },
    );
  });

  it('Erlang A: more patience never raises pAbandon', () => {
    fc.assert(
      fc.property(
        load,
        serviceTime,
        threshold,
        patience,
        fc.double({ min: 1.01, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (a, es, t, p, factor, n) => {
          const r1 = erlangA({ ...queue(n, a / es, es, t), meanPatience: p });
          const r2 = erlangA({ ...queue(n, a / es, es, t), meanPatience: p * factor });
          return r2.pAbandon <= r1.pAbandon + 1e-12;
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Erlang A: probabilities lie in [0, 1] and fit together', () => {
    fc.assert(
      fc.property(load, serviceTime, threshold, patience, fc.integer({ min: 1, max: 80 }), (a, es, t, p, n) => {
        const r = erlangA({ ...queue(n, a / es, es, t), meanPatience: p });
        const inUnit = (x: number) => x >= 0 && x <= 1;
        return (
          inUnit(r.serviceLevel) &&
          inUnit(r.pAbandon) &&
          inUnit(r.pWait) &&
          inUnit(r.occupancy) &&
          r.asa >= 0 &&
          Number.isFinite(r.asa) &&
          r.meanQueueLength >= 0 &&
          // calls that find a free agent are answered at once; answered ≤ 1 − pAbandon
          r.serviceLevel >= 1 - r.pWait - 1e-12 &&
          r.serviceLevel <= 1 - r.pAbandon + 1e-12 &&
          r.pAbandon <= r.pWait + 1e-12
        );
      }),
      { numRuns: 200 },
    );
  });

  it('Erlang A: the service level never falls as the threshold grows', () => {
    fc.assert(
      fc.property(load, serviceTime, threshold, threshold, patience, fc.integer({ min: 1, max: 40 }), (a, es, t1, t2, p, n) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const r1 = erlangA({ ...queue(n, a / es, es, lo), meanPatience: p });
        const r2 = erlangA({ ...queue(n, a / es, es, hi), meanPatience: p });
        return r2.serviceLevel >= r1.serviceLevel - 1e-12;
      }),
      { numRuns: 100 },
    );
  });
});
