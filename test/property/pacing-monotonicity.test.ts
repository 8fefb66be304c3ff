import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutcomeProbabilities, Scenario } from '../../src/model/scenario.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';

const HOUR = 3_600_000;

/**
 * The fixed scenario: 8 agents on a Customer First queue with the `ratio`
 * policy, 400 callback requests an hour, up to 3 retries a minute apart.
 */
function fixedScenario(pacingModifier: number, seed: number, outcomes?: OutcomeProbabilities): Scenario {
  const s = scenario({
    seed,
    duration: HOUR,
    queues: [queue('q', { callback: callbackSettings({ mode: 'CustomerFirst', pacing: 'ratio', pacingModifier, maxRetryCount: 3, retryDelay: 60_000 }) })],
    agents: [agents('a', 8, ['q'])],
    inbound: [],
    callbackRequests: [{ queue: 'q', perHour: new Array(24).fill(400), talkTime: { kind: 'exponential', mean: 180_000 }, wrapUp: { kind: 'constant', value: 0 } }],
  });
  return outcomes ? { ...s, callee: { ...s.callee, outcomes } } : s;
}

function dialsInFirstHour(s: Scenario): number {
  return ofType(record(s).events, 'callback.dialed').filter((e) => e.t < HOUR).length;
}

const modifierPair = fc
  .tuple(fc.integer({ min: 10, max: 100 }), fc.integer({ min: 10, max: 100 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => [Math.min(a, b) / 10, Math.max(a, b) / 10] as const);

describe('raising the pacing modifier (ratio policy)', () => {
  /*
   * Sample path by sample path, this holds while agents stay free: the dialer
   * then works like floor(m × agents) parallel lines taking the same customers
   * in the same order, each dial lasting what that customer's attempt lasts
   * (common random numbers), and more lines never start a dial later. Once
   * live answers occupy agents, a higher modifier can lower later dials
   * through agent occupancy, so there the property is checked on the mean.
   */
  it('never lowers the dials started in the first hour when nobody answers live', () => {
    const noLiveAnswers: OutcomeProbabilities = { live: 0, machine: 0.4, noAnswer: 0.4, busy: 0.1, invalid: 0.1, fax: 0 };
    fc.assert(
      fc.property(modifierPair, ([lower, higher]) => {
        expect(dialsInFirstHour(fixedScenario(higher, 1, noLiveAnswers))).toBeGreaterThanOrEqual(dialsInFirstHour(fixedScenario(lower, 1, noLiveAnswers)));
      }),
      { numRuns: 30 },
    );
  });

  it('raises the mean dials started in the first hour (8 replications) with live answers', () => {
    const means = [1, 3, 5, 10].map((m) => {
      let total = 0;
      for (let seed = 1; seed <= 8; seed++) total += dialsInFirstHour(fixedScenario(m, seed));
      return total / 8;
    });
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]);
  });
});
