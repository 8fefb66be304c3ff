import fc from 'fast-check';
import type { Scenario, ShiftConfig } from '../model/scenario.js';
import { arbitraryScenario, type ScenarioShape } from './arbitraries.js';

const HOUR = 3_600_000;

/** Time zones the permit scenarios draw their customers from. */
export const PERMIT_ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo'] as const;

/** Random weekly calling windows: one or two, each on some days, from a whole or half hour, 1 to 16 hours long (some overnight). */
const callingHoursArb: fc.Arbitrary<ShiftConfig[]> = fc.array(
  fc.record({
    days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
    startMinute: fc.integer({ min: 0, max: 47 }).map((half) => half * 30),
    hours: fc.integer({ min: 1, max: 16 }),
  }).map(({ days, startMinute, hours }): ShiftConfig => {
    const end = (startMinute + hours * 60) % 1440;
    return { days, startMinute, endMinute: end === 0 ? 1440 : end };
  }),
  { minLength: 1, maxLength: 2 },
);

/** What the permit scenarios may vary in, besides `arbitraryScenario`'s shape. */
export interface PermitShape extends ScenarioShape {
  /** Give the queue a redial lockout (default: sometimes). */
  readonly lockout?: boolean;
}

/**
 * `arbitraryScenario`'s scenarios with dial permit rules: random calling
 * hours, customers spread over one to three time zones (or the scenario's
 * own), a do-not-call share, an attempt cap of 1–5 dials per 1–24 hours
 * (defer or end) and, with `lockout`, a redial lockout of 30 minutes to 6
 * hours; each rule is sometimes absent.
 */
export function arbitraryPermitScenario(shape: PermitShape = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      base: arbitraryScenario(shape),
      hours: fc.option(callingHoursArb, { nil: undefined }),
      zones: fc.option(fc.subarray([...PERMIT_ZONES], { minLength: 1, maxLength: 3 }), { nil: undefined }),
      doNotCall: fc.option(fc.double({ min: 0.05, max: 0.5, noNaN: true }), { nil: undefined }),
      cap: fc.option(fc.record({ count: fc.integer({ min: 1, max: 5 }), perHours: fc.integer({ min: 1, max: 24 }), then: fc.constantFrom('defer' as const, 'end' as const) }), { nil: undefined }),
      lockoutMinutes: shape.lockout === false ? fc.constant(undefined) : fc.option(fc.integer({ min: 30, max: 360 }), { nil: shape.lockout ? 60 : undefined }),
    })
    .map(({ base, hours, zones, doNotCall, cap, lockoutMinutes }): Scenario => {
      const q = base.queues[0];
      const timeZones = zones && Object.fromEntries(zones.map((zone, i) => [zone, i === zones.length - 1 ? 1 - (zones.length - 1) / zones.length : 1 / zones.length]));
      return {
        ...base,
        queues: [
          {
            ...q,
            callback: {
              ...q.callback,
              ...(hours && { callingHours: hours }),
              ...(cap && { maxAttempts: { count: cap.count, per: cap.perHours * HOUR, then: cap.then } }),
            },
            compliance: { ...q.compliance, ...(lockoutMinutes !== undefined && { redialLockout: (lockoutMinutes * HOUR) / 60 }) },
          },
        ],
        callee: { ...base.callee, ...(timeZones && { timeZones }), ...(doNotCall !== undefined && { doNotCall }) },
      };
    });
}
