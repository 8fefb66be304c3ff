import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/model/erlang.js';
import { replicate } from '../../src/runner/replicate.js';
import { agents, inbound, queue, scenario } from '../helpers/scenario.js';

/**
 * The replications' confidence intervals are right: over many independent
 * trials (each 5 replications of an Erlang C queue), the 95 % interval of
 * P(wait) must cover the exact value in about 95 % of trials. The number of
 * covering trials is Binomial(N, 0.95) for a correct interval, so it must lie
 * within 3.5 standard deviations of 0.95·N — on both sides: too few means
 * intervals too narrow (or biased estimates), too many means too wide.
 */
describe('95 % confidence intervals of replications', () => {
  it('cover the analytic P(wait) of an Erlang C queue in about 95 % of trials', () => {
    const TRIALS = 400;
    const REPLICATIONS = 5;
    const base = scenario({
      duration: 13 * 3_600_000,
      warmup: 3_600_000,
      queues: [queue('q')],
      agents: [agents('a', 3, ['q'])],
      inbound: [inbound('q', 60, { kind: 'exponential', mean: 120_000 })],
    });
    const exact = erlangC({ agents: 3, arrivalRate: 60 / 3600, meanServiceTime: 120, serviceLevelThreshold: 20 }).pWait;
    let covered = 0;
    for (let trial = 1; trial <= TRIALS; trial++) {
      const { mean, halfWidth } = replicate({ ...base, seed: 10_000 + trial }, REPLICATIONS).kpis.queues.q.pWait;
      if (halfWidth !== null && Math.abs(mean - exact) <= halfWidth) covered++;
    }
    const expected = 0.95 * TRIALS;
    const sd = Math.sqrt(TRIALS * 0.95 * 0.05);
    expect(covered, `${covered} of ${TRIALS} intervals covered P(wait) = ${exact.toFixed(4)}`).toBeGreaterThanOrEqual(expected - 3.5 * sd);
    expect(covered).toBeLessThanOrEqual(expected + 3.5 * sd);
  }, 300_000);
});
