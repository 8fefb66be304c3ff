import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShiftConfig } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { arbitraryPermitScenario, eventsOfType, recordRun } from '../../src/testing/index.js';

const WEEK_MINUTES = 7 * 1440;
/** A fixed seed, so that the counts of what each property exercised (checked at the end) are the same on every run. */
const SEED = 13;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formats = new Map<string, Intl.DateTimeFormat>();

/** Minutes since the local Sunday midnight of epoch ms `epochMs` in `zone`, by Intl (not by the simulator's calendar). */
function minuteOfWeek(epochMs: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) formats.set(zone, (format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' })));
  const parts = format.formatToParts(new Date(epochMs));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return WEEKDAYS.indexOf(part('weekday')) * 1440 + Number(part('hour')) * 60 + Number(part('minute'));
}

/** Whether a local minute of the week falls in a window: some start day's window, of its length, covers it (the week wraps). */
function inWindows(hours: readonly ShiftConfig[], minute: number): boolean {
  return hours.some((h) => {
    const length = h.endMinute > h.startMinute ? h.endMinute - h.startMinute : h.endMinute + 1440 - h.startMinute;
    return h.days.some((day) => (((minute - (day * 1440 + h.startMinute)) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES < length);
  });
}

describe('dial permits over random scenarios', () => {
  it("no dial falls outside its customer's calling hours (checked in every zone the customers may be in)", () => {
    let dials = 0;
    let limited = 0;
    fc.assert(
      fc.property(arbitraryPermitScenario({ hours: { min: 6, max: 30 }, perHour: { min: 10, max: 60 }, lockout: false }), (s) => {
        const hours = s.queues[0].callback.callingHours;
        const zones = s.callee.timeZones ? Object.keys(s.callee.timeZones) : ['UTC'];
        const run = recordRun(s);
        for (const d of eventsOfType(run.events, 'callback.dialed')) {
          dials++;
          if (!hours) continue;
          limited++;
          const epochMs = s.startEpochMs + d.t;
          // With one zone the check is exact; with several, the dial must at least be permitted in one of them.
          expect(zones.some((zone) => inWindows(hours, minuteOfWeek(epochMs, zone))), `dial of callback ${d.callback} at ${new Date(epochMs).toISOString()}`).toBe(true);
        }
        if (hours) expect(simulate(s, { intervals: false }).kpis.total.dialsOutsideCallingHours).toBe(0);
      }),
      { numRuns: 25, seed: SEED },
    );
    expect(limited).toBeGreaterThan(500);
    expect(dials).toBeGreaterThan(limited);
  });

  it('no window of the attempt cap holds more than its count of dials of one callback, and do-not-call numbers are never dialed', () => {
    let capped = 0;
    let listed = 0;
    fc.assert(
      fc.property(arbitraryPermitScenario({ hours: { min: 4, max: 20 }, maxRetryCount: { min: 2, max: 10 }, lockout: false }), (s) => {
        // Every run has a deferring cap whose window is at most 2 hours (shorter than the runs; two dials in an hour when the
        // arbitrary left the cap out), and most dials go unanswered, so that callbacks dial often and meet it.
        const drawn = s.queues[0].callback.maxAttempts ?? { count: 2, per: 3_600_000, then: 'defer' };
        const cap = (s.queues[0].callback.maxAttempts = { count: drawn.count, per: Math.min(drawn.per, 2 * 3_600_000), then: 'defer' });
        s.callee = { ...s.callee, outcomes: { live: 0.2, machine: 0, noAnswer: 0.8, busy: 0, invalid: 0, fax: 0 } };
        const run = recordRun(s);
        const times = new Map<number, number[]>();
        for (const d of eventsOfType(run.events, 'callback.dialed')) times.set(d.callback, [...(times.get(d.callback) ?? []), d.t]);
        if (cap) {
          for (const [callback, t] of times) {
            for (let i = 0; i + cap.count < t.length; i++, capped++) expect(t[i + cap.count] - t[i], `callback ${callback}`).toBeGreaterThanOrEqual(cap.per);
          }
        }
        for (const e of eventsOfType(run.events, 'callback.ended')) {
          if (e.end !== 'doNotCall') continue;
          listed++;
          expect(times.has(e.callback), `callback ${e.callback}`).toBe(false);
        }
      }),
      { numRuns: 20, seed: SEED },
    );
    expect(capped).toBeGreaterThan(300);
    expect(listed).toBeGreaterThan(400);
  });

  it("no Customer First redial falls within the lockout after that customer's compliance abandon", () => {
    let redials = 0;
    fc.assert(
      fc.property(arbitraryPermitScenario({ modes: ['CustomerFirst'], hours: { min: 3, max: 10 }, maxRetryCount: { min: 1, max: 8 }, lockout: true }), (s) => {
        const lockout = s.queues[0].compliance.redialLockout!;
        const run = recordRun(s);
        const dials = eventsOfType(run.events, 'callback.dialed');
        for (const a of eventsOfType(run.events, 'callback.complianceAbandoned')) {
          const next = dials.find((d) => d.callback === a.callback && d.t > a.t);
          if (next === undefined) continue;
          redials++;
          expect(next.t - a.t, `callback ${a.callback} abandoned at ${a.t}, redialed at ${next.t}`).toBeGreaterThanOrEqual(lockout);
        }
      }),
      { numRuns: 20, seed: SEED },
    );
    expect(redials).toBeGreaterThan(20);
  });
});
