import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/model/duration.js';
import { parseScenario } from '../../src/scenario/index.js';
import { errorsOf, withCallback } from './helpers.js';

describe('ranges hold for every value', () => {
  it('any pacingModifier from 1 to 10 loads as written; any other is an error at that field', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (m) => {
        const text = withCallback(`      mode: CustomerFirst\n      pacingModifier: ${m}`);
        if (m >= 1 && m <= 10) {
          expect(parseScenario(text, 'p.yaml').scenario.queues[0].callback.pacingModifier).toBe(m);
        } else {
          const [issue] = errorsOf(text);
          expect(issue).toMatchObject({ path: 'queues[0].callback.pacingModifier', line: 8, message: `${m} is out of range; allowed 1 to 10` });
        }
      }),
    );
  });

  it('any retry delay from 1m to 24h, written as a duration, loads to its ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 86_400 }), (seconds) => {
        const text = withCallback(`      retryDelay: ${formatDuration(seconds * 1000)}`);
        expect(parseScenario(text, 'r.yaml').scenario.queues[0].callback.retryDelay).toBe(seconds * 1000);
      }),
      { numRuns: 200 },
    );
  });
});
