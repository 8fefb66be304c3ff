import * as z from 'zod';
import { numberField } from './fields.js';
import { VALUE } from './messages.js';

const HOUR_KEY = /^([01]?\d|2[0-3])(:00)?$/;

/**
 * A value for each hour of the local day: one number for every hour, a list
 * of 24 (hour 0 first), or a mapping of hour (`"08:00"` or `9`) to value in
 * which unnamed hours take `unnamed`. Resolves to 24 values.
 */
export function hourlyField(about: string, unit: string, unnamed: number) {
  const value = numberField(unit, { min: 0 });
  const byHour = z
    .record(
      z.string().regex(HOUR_KEY, { error: () => `${VALUE} is not an hour of the day; use 0 to 23 or "HH:00" (values are hourly)` }),
      value,
    )
    .check((ctx) => {
      const seen = new Map<number, string>();
      for (const key of Object.keys(ctx.value)) {
        const hour = Number(HOUR_KEY.exec(key)?.[1]);
        const first = seen.get(hour);
        if (first === undefined) seen.set(hour, key);
        else {
          ctx.issues.push({
            code: 'custom', input: key, path: [key], params: { atKey: true },
            message: `${VALUE} names hour ${hour} again (already given as ${JSON.stringify(first)})`,
          });
        }
      }
    });
  const list = z.array(value).length(24, {
    error: (iss) => `${VALUE} has ${Array.isArray(iss.input) ? iss.input.length : 'the wrong number of'} values; a profile needs 24, one per hour from 0 to 23`,
  });
  return z
    .union([value, list, byHour], {
      error: () => `${VALUE} is not ${unit}; use one number, a list of 24 hourly values, or a mapping of hour to value ({ "08:00": 120 })`,
    })
    .transform((v): number[] => {
      if (typeof v === 'number') return new Array<number>(24).fill(v);
      if (Array.isArray(v)) return v;
      const out = new Array<number>(24).fill(unnamed);
      for (const [key, r] of Object.entries(v)) out[Number(HOUR_KEY.exec(key)?.[1])] = r;
      return out;
    })
    .meta({ description: `${about}: one number, 24 numbers (hour 0 first), or a mapping of hour to value (unnamed hours are ${unnamed})` });
}
