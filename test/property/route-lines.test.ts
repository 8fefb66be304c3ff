import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallbackMode, Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { agents, arbitraryScenario, checkDialsInFlight, checkNoCallbackLost, checkRouteLines, inbound, queue, recordRun, type RuleCheck } from '../../src/testing/index.js';

const MINUTE = 60_000;

/**
 * A random one-queue scenario of the testing kit with a second queue (of
 * either mode, its own agents and callers) beside it, both on route `edge`
 * with 1–6 lines.
 */
const sharedRoute: fc.Arbitrary<Scenario> = fc
  .record({
    base: arbitraryScenario({ hours: { min: 1, max: 3 }, perHour: { min: 20, max: 150 } }),
    lines: fc.integer({ min: 1, max: 6 }),
    mode: fc.constantFrom<CallbackMode>('AgentFirst', 'CustomerFirst'),
    agents: fc.integer({ min: 1, max: 8 }),
    perHour: fc.integer({ min: 10, max: 120 }),
  })
  .map(({ base, lines, mode, agents: count, perHour }): Scenario => {
    const first = base.queues[0];
    const onEdge = { ...first.callback, outboundRoute: 'edge' };
    return {
      ...base,
      queues: [{ ...first, callback: onEdge }, queue('q2', { callback: { ...onEdge, mode } })],
      agents: [...base.agents, agents('b', count, ['q2'])],
      inbound: [
        ...base.inbound,
        inbound('q2', perHour, { kind: 'exponential', mean: 4 * MINUTE }, { patience: { kind: 'exponential', mean: 5 * MINUTE }, callbackOffer: { afterWait: 30_000, acceptance: 0.8 } }),
      ],
      outboundRoutes: [{ id: 'edge', lines }],
    };
  });

function expectHeld(check: RuleCheck): void {
  expect(check.ok ? '' : check.message).toBe('');
}

describe('outbound route lines (property)', () => {
  it('never more calls on a route than its lines, at any time, counted from the lifecycle events; and no callback is lost waiting for one', () => {
    let full = 0;
    let waited = 0;
    fc.assert(
      fc.property(sharedRoute, (s) => {
        const run = recordRun(s);
        expectHeld(checkRouteLines(run));
        expectHeld(checkNoCallbackLost(run));
        expectHeld(checkDialsInFlight(run));
        const edge = simulate(s, { intervals: false }).kpis.routes!.edge;
        expect(edge.peakLinesBusy).toBeLessThanOrEqual(s.outboundRoutes[0].lines);
        expect(edge.lineOccupancy!).toBeGreaterThanOrEqual(0);
        expect(edge.lineOccupancy!).toBeLessThanOrEqual(1);
        if (edge.peakLinesBusy === s.outboundRoutes[0].lines) full++;
        waited += edge.dialsWaitedForLine;
      }),
      // A fixed seed, so that the coverage counted below is the same on every run (an unseeded run once filled its lines in only 10 of 25).
      { numRuns: 25, seed: 0x5eed },
    );
    // The runs did press on their lines: most filled them, and dials waited for one.
    expect(full).toBeGreaterThan(10);
    expect(waited).toBeGreaterThan(0);
  });

  it('the checker catches a run that used more lines than the route has', () => {
    const s = fc.sample(sharedRoute, { numRuns: 1, seed: 7 })[0];
    const busier = s.inbound.map((stream) => ({ ...stream, perHour: stream.perHour.map(() => 300) }));
    const wide: Scenario = { ...s, inbound: busier, outboundRoutes: [{ id: 'edge', lines: 6 }], agents: s.agents.map((a) => ({ ...a, count: 8 })) };
    const run = recordRun(wide);
    const peak = simulate(wide, { intervals: false }).kpis.routes!.edge.peakLinesBusy;
    expect(peak).toBeGreaterThan(1);
    // The same events judged against fewer lines than they used.
    const check = checkRouteLines({ ...run, scenario: { ...wide, outboundRoutes: [{ id: 'edge', lines: peak - 1 }] } });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/^calls on a route ≤ its lines: .*route "edge"/);
  });
});
