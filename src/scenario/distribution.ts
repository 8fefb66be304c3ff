import * as z from 'zod';
import type { Distribution } from '../kernel/distributions.js';
import { formatDuration } from '../model/duration.js';
import { durationField } from './fields.js';
import { VALUE } from './messages.js';
import { listOr } from './suggest.js';

/** The distribution kinds a scenario file may name. */
export const DISTRIBUTION_KINDS = ['constant', 'exponential', 'uniform', 'lognormal', 'gamma', 'empirical'] as const;

const kinds = listOr([...DISTRIBUTION_KINDS]);
const atLeastZero = (about: string) => durationField(about, { min: '0s' });
const positive = (about: string) => durationField(about, { min: '0s', minExclusive: true });
const meanSd = () => z.strictObject({ mean: positive('mean'), sd: atLeastZero('standard deviation') });

const forms = z
  .strictObject({
    constant: atLeastZero('always this value').optional(),
    exponential: z.strictObject({ mean: positive('mean') }).optional(),
    uniform: z
      .strictObject({ min: atLeastZero('smallest value'), max: atLeastZero('largest value') })
      .check((ctx) => {
        if (ctx.value.max < ctx.value.min) {
          ctx.issues.push({
            code: 'custom',
            input: ctx.value,
            path: ['max'],
            message: `${VALUE} is less than min (${formatDuration(ctx.value.min)}); max must be at least min`,
          });
        }
      })
      .optional(),
    lognormal: meanSd().optional(),
    gamma: meanSd().optional(),
    empirical: z.array(atLeastZero('one observed value')).min(1).optional(),
  })
  .check((ctx) => {
    if (ctx.issues.length > 0) return; // an unknown key already explains what is wrong
    const named = Object.keys(ctx.value).filter((k) => ctx.value[k as keyof typeof ctx.value] !== undefined);
    if (named.length !== 1) {
      const has = named.length === 0 ? 'names no kind' : `names ${named.length} kinds (${named.join(', ')})`;
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${has}; a distribution takes exactly one of ${kinds}` });
    }
  })
  .meta({ minProperties: 1, maxProperties: 1 });

type Forms = z.output<typeof forms>;

/** Converts a parsed distribution (a constant in ms, or one named kind) to the kernel's form. */
function toDistribution(input: number | Forms): Distribution {
  if (typeof input === 'number') return { kind: 'constant', value: input };
  if (input.constant !== undefined) return { kind: 'constant', value: input.constant };
  if (input.exponential) return { kind: 'exponential', mean: input.exponential.mean };
  if (input.uniform) return { kind: 'uniform', min: input.uniform.min, max: input.uniform.max };
  if (input.lognormal) return { kind: 'lognormal', ...input.lognormal };
  if (input.gamma) return { kind: 'gamma', ...input.gamma };
  return { kind: 'empirical', values: input.empirical ?? [] };
}

/**
 * A distribution of durations: a bare duration (`30s`, a constant) or a
 * mapping with exactly one of `constant`, `exponential {mean}`, `uniform
 * {min,max}`, `lognormal {mean,sd}`, `gamma {mean,sd}`, `empirical [values]`.
 */
export function distributionField(about: string) {
  const error = () => `${VALUE} is not a distribution; use a duration such as 30s or a mapping with one of ${kinds}`;
  return z
    .union([atLeastZero('a constant'), forms], { error })
    .transform(toDistribution)
    .meta({ description: `${about}; a duration (constant) or one of ${kinds}` });
}

/** The largest value a distribution can produce, or undefined when it is unbounded. */
export function distributionMax(d: Distribution): number | undefined {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.max;
    case 'empirical':
      return Math.max(...d.values);
    default:
      return undefined;
  }
}

/** Mean and standard deviation of a distribution. */
export function distributionMoments(d: Distribution): { mean: number; sd: number } {
  switch (d.kind) {
    case 'constant':
      return { mean: d.value, sd: 0 };
    case 'exponential':
      return { mean: d.mean, sd: d.mean };
    case 'uniform':
      return { mean: (d.min + d.max) / 2, sd: (d.max - d.min) / Math.sqrt(12) };
    case 'lognormal':
    case 'gamma':
      return { mean: d.mean, sd: d.sd };
    case 'empirical': {
      const mean = d.values.reduce((s, v) => s + v, 0) / d.values.length;
      const variance = d.values.reduce((s, v) => s + (v - mean) ** 2, 0) / d.values.length;
      return { mean, sd: Math.sqrt(variance) };
    }
  }
}
