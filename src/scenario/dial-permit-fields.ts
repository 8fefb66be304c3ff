import * as z from 'zod';
import { durationField, enumField, numberField, probabilityField } from './fields.js';
import { VALUE, message } from './messages.js';
import { shift } from './schedule.js';
import { didYouMean } from './suggest.js';
import { isTimeZone } from './time.js';

/**
 * The scenario fields that say when a customer may be dialed: a queue's
 * calling hours and attempt cap, the compliance redial lockout, and the
 * callees' time zones and do-not-call share. Every one is absent by default
 * (no rule).
 */

/** A queue's `callback.callingHours`: weekly windows, in the customer's local time, within which a dial may be placed. */
export const callingHoursField = z
  .array(shift, { error: () => `${VALUE} is not a list of calling windows such as [{ days: mon-sat, start: "08:00", end: "21:00" }]` })
  .min(1, { error: () => `${VALUE} has no windows; list at least one, or leave callingHours out for no limit` })
  .optional()
  .meta({ description: "when a callback may dial: weekly windows { days, start, end } in the customer's local time (callee.timeZones); default no limit" });

/** A queue's `callback.maxAttempts`: at most `count` dials of one customer in any window of `per`; then later dials wait (`defer`) or the callback ends (`end`). */
export const maxAttemptsField = z
  .strictObject({
    count: numberField('dials of one customer allowed within `per`', { min: 1, max: 1000, int: true }),
    per: durationField('the sliding window the dials are counted in', { min: '1m', max: '400d' }),
    then: enumField('what a callback does when one more dial would exceed the cap: wait until the window allows it, or end', ['defer', 'end']).prefault('defer'),
  })
  .optional()
  .meta({ description: 'an attempt cap such as { count: 7, per: 7d, then: defer }; default none' });

/** A queue's `compliance.redialLockout`: after a compliance abandon, the customer's next Customer First dial waits this long. */
export const redialLockoutField = durationField('after a compliance abandon, the same customer is not dialed again (Customer First) before this has passed', {
  min: '0s',
  minExclusive: true,
  max: '30d',
})
  .optional()
  .meta({ description: 'after a compliance abandon, no Customer First redial of that customer within this (the UK: 72h); default none' });

/** `callee.timeZones`: the share of customers in each IANA time zone; the shares sum to 1. */
export const timeZonesField = z
  .record(z.string(), probabilityField('share of customers in this time zone'), {
    error: () => `${VALUE} is not a map of time zones to shares such as { America/New_York: 0.6, America/Chicago: 0.4 }`,
  })
  .check((ctx) => {
    const zones = Object.keys(ctx.value);
    if (zones.length === 0) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${VALUE} names no time zone; name at least one, or leave timeZones out for the scenario's` });
      return;
    }
    for (const zone of zones) {
      if (!isTimeZone(zone)) {
        ctx.issues.push({
          code: 'custom', input: ctx.value,
          message: message(`"${zone}" is not a known IANA time zone, such as America/New_York or Europe/London`, didYouMean(zone, Intl.supportedValuesOf('timeZone'))),
        });
      }
    }
    const sum = zones.reduce((s, z) => s + ctx.value[z], 0);
    if (Math.abs(sum - 1) > 1e-6) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `the shares sum to ${Number(sum.toFixed(9))}; they must sum to 1` });
    }
  })
  .optional()
  .meta({ description: "the customers' time zones and their shares (summing to 1), for calling hours; default the scenario's zone" });

/** `callee.doNotCall`: the share of customers whose number is on the do-not-call list. */
export const doNotCallField = probabilityField('share of numbers on the do-not-call list: such callbacks are never dialed').optional();
