/**
 * Small zod builders for scenario fields. Each declares its range once; the
 * same text becomes the error message ("allowed 1 to 10") and the JSON Schema
 * description.
 */
import * as z from 'zod';
import { parseDuration } from '../model/duration.js';
import { VALUE, message, missing } from './messages.js';
import { didYouMean, listOr } from './suggest.js';

/** Bounds of a numeric field (inclusive unless `minExclusive`). */
export interface Bounds<T = number> {
  min?: T;
  max?: T;
  /** The minimum itself is not allowed (e.g. "more than 0s"). */
  minExclusive?: boolean;
}

/** Words a range in a message: `1 to 10`, `0 or more`, `more than 0s, at most 400d`. */
export function rangeText(b: Bounds<string | number>): string {
  const low = b.min === undefined ? undefined : b.minExclusive ? `more than ${b.min}` : `${b.min}`;
  if (low !== undefined && b.max !== undefined) return b.minExclusive ? `${low}, at most ${b.max}` : `${low} to ${b.max}`;
  if (low !== undefined) return b.minExclusive ? low : `${low} or more`;
  if (b.max !== undefined) return `at most ${b.max}`;
  return 'any value';
}

/** Whether `n` lies within the bounds. */
export function within(n: number, b: Bounds): boolean {
  if (b.min !== undefined && (b.minExclusive ? n <= b.min : n < b.min)) return false;
  return b.max === undefined || n <= b.max;
}

/** Duration bounds written as durations (`1m`, `24h`) converted to milliseconds. */
function toMs(b: Bounds<string>): Bounds {
  const ms = (t: string | undefined) => (t === undefined ? undefined : parseDuration(t));
  return { min: ms(b.min), max: ms(b.max), minExclusive: b.minExclusive };
}

/** A number (or whole number) within bounds. */
export function numberField(about: string, bounds: Bounds & { int?: boolean } = {}) {
  const allowed = rangeText(bounds);
  const what = bounds.int ? 'a whole number' : 'a number';
  const error = (iss: z.core.$ZodRawIssue): string => {
    if (iss.input == null) return missing(iss.input, `${what}, ${allowed}`);
    if (typeof iss.input === 'string' && iss.input.trim() !== '' && Number.isFinite(Number(iss.input))) {
      return message(`${VALUE} is text, not a number; allowed ${allowed}`, `did you mean ${Number(iss.input)} without quotes?`);
    }
    if (typeof iss.input !== 'number') return `${VALUE} is not ${what}; allowed ${allowed}`;
    if (bounds.int && !Number.isInteger(iss.input)) return `${VALUE} is not a whole number; allowed ${allowed}`;
    return `${VALUE} is out of range; allowed ${allowed}`;
  };
  let schema = z.number({ error });
  if (bounds.int) schema = schema.int({ error });
  if (bounds.min !== undefined) schema = bounds.minExclusive ? schema.gt(bounds.min, { error }) : schema.min(bounds.min, { error });
  if (bounds.max !== undefined) schema = schema.max(bounds.max, { error });
  return schema.meta({ description: `${about}; ${what}, ${allowed}` });
}

/** A probability from 0 to 1. */
export function probabilityField(about: string) {
  return numberField(about, { min: 0, max: 1 });
}

/** A duration without anchors, for patterns built from it (moments). */
export const DURATION_BODY = '(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d|w))+';

/** Pattern of a duration for the JSON Schema (the same language as `parseDuration`). */
export const DURATION_PATTERN = `^\\s*${DURATION_BODY}\\s*$`;

const UNIT_WORDS: Record<string, string> = {
  ms: 'ms', msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w',
};

/** Rewrites near-durations such as `30 min`, `2 hours`, `1H 30M` into `30m`, `2h`, `1h30m`. */
export function repairDuration(text: string): string | undefined {
  const rest = text.toLowerCase().replace(/\band\b|,/g, ' ');
  let out = '';
  let consumed = '';
  for (const [whole, amount, word] of rest.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)) {
    const unit = UNIT_WORDS[word];
    if (unit === undefined) return undefined;
    out += amount + unit;
    consumed += whole;
  }
  if (out === '' || rest.replace(/\s+/g, '') !== consumed.replace(/\s+/g, '')) return undefined;
  return parseDuration(out) === undefined ? undefined : out;
}

/** For a bare number, the first unit (s, m, h, d) that puts it in range. */
function unitFor(n: number, bounds: Bounds): string | undefined {
  for (const unit of ['s', 'm', 'h', 'd']) {
    const ms = parseDuration(`${n}${unit}`);
    if (ms !== undefined && within(ms, bounds)) return `${n}${unit}`;
  }
  return undefined;
}

/**
 * A duration string (`90s`, `1h30m`) within bounds written as durations
 * (`{ min: '1m', max: '24h' }`), parsed to milliseconds.
 */
export function durationField(about: string, range: Bounds<string> = {}) {
  const allowed = rangeText(range);
  const bounds = toMs(range);
  const hint = 'a duration such as 90s, 3m or 1h30m';
  const typeError = (iss: z.core.$ZodRawIssue): string => {
    if (iss.input == null) return missing(iss.input, `${hint}, ${allowed}`);
    if (typeof iss.input === 'number' && iss.input >= 0) {
      const fix = unitFor(iss.input, bounds);
      return message(
        `${VALUE} has no unit; a duration needs one of ms, s, m, h, d, w; allowed ${allowed}`,
        fix && `did you mean "${fix}"?`,
      );
    }
    return `${VALUE} is not ${hint}; allowed ${allowed}`;
  };
  return z
    .string({ error: typeError })
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        const fix = repairDuration(text);
        ctx.addIssue({ code: 'custom', input: text, message: message(`${VALUE} is not ${hint}; allowed ${allowed}`, fix && `did you mean "${fix}"?`) });
        return z.NEVER;
      }
      if (!within(ms, bounds)) {
        ctx.addIssue({ code: 'custom', input: text, message: `${VALUE} is out of range; allowed ${allowed}` });
        return z.NEVER;
      }
      return ms;
    })
    .meta({ description: `${about}; ${hint}, ${allowed}`, type: 'string', pattern: DURATION_PATTERN });
}

/** One of a fixed set of words, with a did-you-mean for near misses. */
export function enumField<const T extends readonly [string, ...string[]]>(about: string, values: T) {
  const allowed = listOr([...values]);
  const error = (iss: z.core.$ZodRawIssue): string =>
    iss.input == null
      ? missing(iss.input, allowed)
      : message(`${VALUE} is not allowed; allowed ${allowed}`, didYouMean(String(iss.input), values));
  return z.enum(values, { error }).meta({ description: `${about}; one of ${allowed}` });
}

const TRUTHY = ['yes', 'on', 'y', 'true'];
const FALSY = ['no', 'off', 'n', 'false'];

/** true or false. */
export function booleanField(about: string) {
  const error = (iss: z.core.$ZodRawIssue): string => {
    if (iss.input == null) return missing(iss.input, 'true or false');
    const word = String(iss.input).toLowerCase();
    const fix = TRUTHY.includes(word) ? 'true' : FALSY.includes(word) ? 'false' : undefined;
    return message(`${VALUE} is not true or false`, fix && `did you mean ${fix}?`);
  };
  return z.boolean({ error }).meta({ description: `${about}; true or false` });
}

/** Text, optionally matching a pattern described in words. */
export function textField(about: string, pattern?: { regex: RegExp; words: string; fix?: (input: unknown) => string | undefined }) {
  const what = pattern?.words ?? 'text';
  const error = (iss: z.core.$ZodRawIssue): string => {
    if (iss.input == null) return missing(iss.input, what);
    const fixed = pattern?.fix?.(iss.input);
    const fix = fixed && (typeof iss.input === 'number' ? `write "${fixed}"` : `did you mean "${fixed}"?`);
    const text =
      typeof iss.input === 'string'
        ? `${VALUE} is not ${what}`
        : typeof iss.input === 'number'
          ? `${VALUE} was read as a number, not text; put it in quotes`
          : `${VALUE} is not text; expected ${what}`;
    return message(text, fix);
  };
  const schema = z.string({ error }).min(1, { error: () => `is empty; expected ${what}` });
  return (pattern ? schema.regex(pattern.regex, { error }) : schema).meta({ description: `${about}; ${what}` });
}
