import * as z from 'zod';
import type { ShiftConfig } from '../model/scenario.js';
import { VALUE, message, missing } from './messages.js';
import { didYouMean } from './suggest.js';
import { DAY_WORDS, parseDays, parseTimeOfDay } from './time.js';

const DAYS_WORDS = 'a day (mon … sun), a range such as mon-fri, weekdays, weekends or daily';

const GROUP_WORDS = ['daily', 'weekdays', 'weekends'];
const anyCase = (word: string) => [...word].map((c) => `[${c}${c.toUpperCase()}]`).join('');
const DAY = `(?:${DAY_WORDS.filter((w) => !GROUP_WORDS.includes(w)).map(anyCase).join('|')})`;
const DAY_ITEM = `(?:${GROUP_WORDS.map(anyCase).join('|')}|${DAY}(?:\\s*-\\s*${DAY})?)`;
/** The JSON Schema pattern of the text `parseDays` reads (any case, comma lists, ranges). */
const DAYS_PATTERN = `^\\s*${DAY_ITEM}(?:\\s*,\\s*${DAY_ITEM})*\\s*$`;

/** A day word, range or group (`mon`, `mon-fri`, `weekdays`), parsed to day numbers. */
const dayWords = z
  .string({ error: (iss) => (iss.input == null ? missing(iss.input, DAYS_WORDS) : `${VALUE} is not ${DAYS_WORDS}`) })
  .transform((text, ctx) => {
    const parsed = parseDays(text);
    if ('bad' in parsed) {
      const fix = didYouMean(parsed.bad, DAY_WORDS);
      ctx.addIssue({ code: 'custom', input: text, message: message(`${VALUE} is not ${DAYS_WORDS}`, fix) });
      return z.NEVER;
    }
    return parsed.days;
  })
  .meta({ type: 'string', pattern: DAYS_PATTERN });

/** The days a shift starts on: one word or a list of them; 0 = Sunday. */
export const daysField = z
  .union([dayWords, z.array(dayWords).min(1).transform((lists) => [...new Set(lists.flat())].sort((a, b) => a - b))], {
    error: (iss) => (iss.input == null ? missing(iss.input, DAYS_WORDS) : `${VALUE} is not ${DAYS_WORDS}, or a list of them`),
  })
  .meta({ description: `days the shift starts on; ${DAYS_WORDS}, or a list of them` });

/** A time of day `HH:MM` as minute of the day; `end` also allows `24:00`. */
function timeOfDay(which: 'start' | 'end') {
  const allowed = which === 'start' ? '00:00 to 23:59' : '00:00 to 24:00';
  const what = `a time of day "HH:MM", ${allowed}`;
  const error = (iss: z.core.$ZodRawIssue): string => {
    if (iss.input == null) return missing(iss.input, what);
    const n = iss.input;
    const fix = typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 24 ? `did you mean "${String(n).padStart(2, '0')}:00"?` : undefined;
    return message(`${VALUE} is not ${what}`, fix);
  };
  return z
    .string({ error })
    .transform((text, ctx) => {
      const minute = parseTimeOfDay(text);
      if (minute === undefined || (which === 'start' && minute === 1440)) {
        ctx.addIssue({ code: 'custom', input: text, message: `${VALUE} is not ${what}` });
        return z.NEVER;
      }
      return minute;
    })
    .meta({ description: `${which} of the shift; ${what}`, type: 'string', pattern: '^([01]?\\d|2[0-4]):[0-5]\\d$' });
}

/** One weekly shift; an end at or before the start means the shift ends the next day. */
export const shift = z
  .strictObject({ days: daysField, start: timeOfDay('start'), end: timeOfDay('end') })
  .transform((s): ShiftConfig => ({
    days: s.days,
    startMinute: s.start,
    // Midnight as an end is the end of the day (1440), which needs no wrap.
    endMinute: s.end === 0 ? 1440 : s.end,
  }));

/** `always` on queue, or a non-empty list of weekly shifts. */
export const scheduleField = z
  .union(
    [
      z.literal('always', { error: (iss) => message(`${VALUE} is not allowed; use always or a list of shifts`, didYouMean(String(iss.input), ['always'])) }),
      z.array(shift).min(1, { error: () => `${VALUE} has no shifts; list at least one, or use always` }),
    ],
    { error: () => `${VALUE} is not a schedule; use always or a list of shifts such as [{ days: mon-fri, start: "08:00", end: "17:00" }]` },
  )
  .prefault('always')
  .meta({ description: 'when the agents are on queue: always, or a list of weekly shifts { days, start, end } in the scenario time zone' });
