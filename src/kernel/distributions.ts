import type { Uniform } from './random.js';

/** A probability distribution of a non-negative quantity (durations are in ms). */
export type Distribution =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'lognormal'; mean: number; sd: number }
  | { kind: 'gamma'; mean: number; sd: number }
  | { kind: 'empirical'; values: readonly number[] };

/** Draws values of one distribution from a uniform source. */
export interface Sampler {
  /** The distribution's kind (a lognormal or gamma without spread is `constant`). */
  readonly kind: Distribution['kind'];
  /** The distribution's mean. */
  readonly mean: number;
  /** The value of every draw when the distribution is constant (a draw then uses no random number), else null. */
  readonly constant: number | null;
  /** The bounds of a uniform distribution (NaN for other kinds). */
  readonly min: number;
  readonly max: number;
  /** One draw (not rounded). */
  sample(u: Uniform): number;
}

/**
 * The uniform source to give a constant sampler (`constant` not null), which
 * needs none: a caller can skip setting up a random stream. Drawing from it
 * is a bug and throws.
 */
export const NO_RANDOM: Uniform = {
  next(): number {
    throw new Error('a constant distribution drew a random number');
  },
};

/** Uniform draw in [min, max). */
function uniform(u: Uniform, min: number, max: number): number {
  return min + (max - min) * u.next();
}

/** Exponential draw with the given mean, by inversion. */
export function exponential(u: Uniform, mean: number): number {
  return -mean * Math.log(1 - u.next());
}

/** Standard normal draw (Box–Muller, always two uniforms per draw). */
export function standardNormal(u: Uniform): number {
  const u1 = 1 - u.next();
  const u2 = u.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Gamma draw with shape `k` and scale 1 (Marsaglia and Tsang; boosted for k < 1). */
export function standardGamma(u: Uniform, k: number): number {
  if (k < 1) {
    const boost = Math.pow(1 - u.next(), 1 / k);
    return standardGamma(u, k + 1) * boost;
  }
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u.next();
    if (w < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Builds a sampler for a distribution. */
export function sampler(d: Distribution): Sampler {
  switch (d.kind) {
    case 'constant': {
      const value = d.value;
      return { kind: 'constant', mean: value, constant: value, min: NaN, max: NaN, sample: () => value };
    }
    case 'exponential': {
      const mean = d.mean;
      return { kind: 'exponential', mean, constant: null, min: NaN, max: NaN, sample: (u) => exponential(u, mean) };
    }
    case 'uniform': {
      const { min, max } = d;
      return { kind: 'uniform', mean: (min + max) / 2, constant: null, min, max, sample: (u) => uniform(u, min, max) };
    }
    case 'lognormal': {
      if (d.sd === 0) return sampler({ kind: 'constant', value: d.mean });
      const sigma2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const sigma = Math.sqrt(sigma2);
      const mu = Math.log(d.mean) - sigma2 / 2;
      return { kind: 'lognormal', mean: d.mean, constant: null, min: NaN, max: NaN, sample: (u) => Math.exp(mu + sigma * standardNormal(u)) };
    }
    case 'gamma': {
      if (d.sd === 0) return sampler({ kind: 'constant', value: d.mean });
      const shape = (d.mean * d.mean) / (d.sd * d.sd);
      const scale = (d.sd * d.sd) / d.mean;
      return { kind: 'gamma', mean: d.mean, constant: null, min: NaN, max: NaN, sample: (u) => scale * standardGamma(u, shape) };
    }
    case 'empirical': {
      const values = d.values.slice();
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const n = values.length;
      return { kind: 'empirical', mean, constant: null, min: NaN, max: NaN, sample: (u) => values[Math.floor(u.next() * n)] };
    }
  }
}

/** One draw rounded to a whole non-negative number (whole milliseconds for durations). */
export function sampleWhole(s: Sampler, u: Uniform): number {
  // The common kinds are drawn here, where the draw can be inlined, rather than through `sample`.
  let x: number;
  switch (s.kind) {
    case 'constant':
      x = s.constant!;
      break;
    case 'exponential':
      x = exponential(u, s.mean);
      break;
    case 'uniform':
      x = uniform(u, s.min, s.max);
      break;
    default:
      x = s.sample(u);
  }
  x = Math.round(x);
  return x > 0 ? x : 0;
}
