import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/scenario.js';
import { replicate } from '../../src/runner/replicate.js';
import { agents, builtinPacing, callbackSettings, queue, scenario } from '../../src/testing/index.js';

const SECOND = 1000;
const HOUR = 3_600_000;

/**
 * Progressive dialing, m = 1, on a backlog of web callback requests: each
 * idle agent has one dial in flight, so no answered customer ever waits.
 * The time from dial to answer is the signal time (2 s, to ring-back) plus
 * an exponential ring time, mean r in all (the ring timeout is so long that
 * no dial reaches it), handle time mean h (talk,
 * no wrap-up), live share p, the rest machines that end the attempt at once.
 */
function progressiveScenario(r: number, h: number, p: number): Scenario {
  const signal = 2 * SECOND;
  const base = scenario({ queues: [], agents: [], inbound: [] });
  return scenario({
    seed: 14,
    duration: 14 * HOUR,
    warmup: 2 * HOUR,
    queues: [queue('q', { callback: callbackSettings({ mode: 'CustomerFirst', pacing: builtinPacing('progressive', { modifier: 1 }), maxRetryCount: 0 }) })],
    agents: [agents('a', 5, ['q'])],
    inbound: [],
    callbackRequests: [{ queue: 'q', perHour: new Array(24).fill(600), talkTime: { kind: 'exponential', mean: h }, wrapUp: { kind: 'constant', value: 0 } }],
    callee: {
      ...base.callee,
      outcomes: { live: p, machine: 1 - p, noAnswer: 0, busy: 0, invalid: 0, fax: 0 },
      signalTime: signal,
      ringTime: { kind: 'exponential', mean: r - signal },
      ringTimeout: 3600 * SECOND,
      patienceAfterAnswer: { kind: 'exponential', mean: 20 * SECOND },
    },
  });
}

describe('progressive dialing against its closed form', () => {
  it.each([
    { r: 10 * SECOND, h: 120 * SECOND, p: 0.5 },
    { r: 15 * SECOND, h: 180 * SECOND, p: 0.2 },
  ])('occupancy = h / (h + r / p) within the 95 % interval of 10 replications, and no abandons (r $r, h $h, p $p)', ({ r, h, p }) => {
    const result = replicate(progressiveScenario(r, h, p), 10);
    const expected = h / (h + r / p);
    const occupancy = result.kpis.agents.occupancy;
    expect(Math.abs(occupancy.mean! - expected), `occupancy ${occupancy.mean} ± ${occupancy.halfWidth}, closed form ${expected}`).toBeLessThanOrEqual(occupancy.halfWidth!);
    // The interval is narrow enough to tell a wrong formula: h / (h + r) would be outside it.
    expect(Math.abs(h / (h + r) - occupancy.mean!)).toBeGreaterThan(3 * occupancy.halfWidth!);
    expect(result.kpis.total.liveAnswers.mean).toBeGreaterThan(500);
    expect(result.kpis.total.complianceAbandoned.mean).toBe(0);
    expect(result.kpis.total.abandonedAfterAnswer.mean).toBe(0);
  });
});
