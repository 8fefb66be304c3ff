/** Reused by `expectedOverflowWithFreeing` (its length only grows), so that a decision allocates nothing. */
let shortfallScratch = new Float64Array(128);

/** Dials up to which the binomial is summed exactly; above, a normal approximation is used. */
const EXACT_UP_TO = 60;

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26 through erf; error below 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * E[max(0, L − a)] for L ~ Binomial(n, p): the live answers of n dials that
 * find none of `a` agents. Exact up to 60 dials; above, L is taken as normal
 * with the binomial's mean and variance.
 */
export function expectedOverflow(n: number, p: number, a: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (a <= 0) return n * p - a;
  if (p >= 1) return Math.max(0, n - a);
  if (n <= EXACT_UP_TO) {
    let pmf = Math.pow(1 - p, n);
    const odds = p / (1 - p);
    let sum = 0;
    for (let k = 0; k <= n; k++) {
      if (k > a) sum += (k - a) * pmf;
      pmf *= ((n - k) / (k + 1)) * odds;
    }
    return sum;
  }
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const z = (mean - a) / sd;
  return Math.max(0, (mean - a) * normalCdf(z) + sd * normalPdf(z));
}

/** The share of the n dials' expected live answers that find no agent: expectedOverflow / (n p); 0 without dials. */
export function overflowRate(n: number, p: number, a: number): number {
  return n <= 0 || p <= 0 ? 0 : expectedOverflow(n, p, a) / (n * p);
}

/**
 * E[max(0, L − a − F)] for L ~ Binomial(n, p) live answers, a agents free
 * now (a whole number) and F agents freed in time, independent and taken as
 * Poisson with mean busy × q. With no agent expected to free (busy × q under
 * 0.01) it is `expectedOverflow`; up to 60 dials it is summed exactly; above,
 * L − F is taken as normal with its mean and variance.
 */
export function expectedOverflowWithFreeing(n: number, p: number, a: number, busy: number, q: number): number {
  const freed = busy * q;
  if (freed < 0.01) return expectedOverflow(n, p, a + freed);
  if (n <= 0 || p <= 0 || n <= a) return 0;
  if (n > EXACT_UP_TO) {
    const mean = n * p - freed - a;
    const sd = Math.sqrt(n * p * (1 - p) + freed);
    const z = mean / sd;
    return Math.max(0, mean * normalCdf(z) + sd * normalPdf(z));
  }
  // below[c] = P(F < c), belowMean[c] = E[F; F < c], so that E[max(0, c − F)] = c below[c] − belowMean[c].
  const most = n - Math.min(0, a);
  let pmf = Math.exp(-freed);
  let below = 0;
  let belowMean = 0;
  if (shortfallScratch.length <= most) shortfallScratch = new Float64Array(2 * (most + 1));
  const shortfall = shortfallScratch;
  for (let c = 1; c <= most; c++) {
    below += pmf;
    belowMean += (c - 1) * pmf;
    pmf *= freed / c;
    shortfall[c] = c * below - belowMean;
  }
  const p1 = Math.min(p, 1 - 1e-12);
  let binomial = Math.pow(1 - p1, n);
  const odds = p1 / (1 - p1);
  let sum = 0;
  for (let l = 0; l <= n; l++) {
    const c = l - a;
    if (c > 0) sum += binomial * shortfall[c];
    binomial *= ((n - l) / (l + 1)) * odds;
  }
  return sum;
}
