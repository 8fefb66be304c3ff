import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DialerObservations, HANDLE_TIMES_KEPT } from '../../src/pacing/observations.js';

const TYPES = ['dialed', 'liveAnswer', 'machineAnswer', 'unanswered', 'connected', 'abandoned', 'complianceAbandoned'] as const;
const KEYS = ['dials', 'liveAnswers', 'machineAnswers', 'unanswered', 'connected', 'abandons', 'complianceAbandons'] as const;

describe('what the dialer has seen', () => {
  it('recent counts are exactly the outcomes of the last window, totals everything so far', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 3_000 }), type: fc.integer({ min: 0, max: 6 }) }), { maxLength: 300 }),
        (window, steps) => {
          const seen = new DialerObservations(window);
          const history: Array<{ t: number; type: number }> = [];
          let t = 0;
          for (const step of steps) {
            t += step.gap;
            seen.record({ type: TYPES[step.type], t } as never);
            history.push({ t, type: step.type });
            seen.advance(t);
            KEYS.forEach((key, i) => {
              expect(seen.totals[key]).toBe(history.filter((h) => h.type === i).length);
              expect(seen.recent[key]).toBe(history.filter((h) => h.type === i && h.t > t - window).length);
            });
          }
        },
      ),
    );
  });

  it('the mean handle time is over the last conversations only, and null before the first', () => {
    const seen = new DialerObservations(1000);
    expect(seen.meanHandleTime()).toBeNull();
    for (let i = 1; i <= HANDLE_TIMES_KEPT + 10; i++) seen.record({ type: 'handled', t: i, handleTime: i * 1000 });
    // The last HANDLE_TIMES_KEPT are 11 … 60 seconds.
    expect(seen.meanHandleTime()).toBe(((11 + HANDLE_TIMES_KEPT + 10) / 2) * 1000);
  });
});
