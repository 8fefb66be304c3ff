import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { arbitraryScenario } from '../../src/testing/index.js';
import { cli } from '../helpers/cli.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, HOUR, MINUTE, requests, SECOND } from './support.js';

/** Customer First callbacks on a team too small for them, every dial answered by a person who waits for an agent as long as `patience`. */
function pressed(patience: number, threshold = 2 * SECOND): Scenario {
  return scenario({
    seed: 4,
    duration: 8 * HOUR,
    queues: [{ ...queue('q', { callback: callbackSettings({ mode: 'CustomerFirst', pacing: 'ratio', pacingModifier: 3, maxRetryCount: 2, retryDelay: 10 * MINUTE }) }), compliance: { threshold, ceiling: 0.03, minRing: 15 * SECOND, measureFrom: 'answer', denominator: 'liveAnswers', countAmdFalsePositives: false } }],
    agents: [agents('a', 4, ['q'])],
    inbound: [],
    callbackRequests: [requests('q', 120, constant(4 * MINUTE))],
    callee: callee({ outcomes: always('live'), patienceAfterAnswer: constant(patience) }),
  });
}

describe('compliance abandons: a live answer not connected to an agent within the threshold', () => {
  it('with no patience at all (everyone who finds no agent at once hangs up), the compliance and true abandon rates are equal', () => {
    const k = simulate(pressed(0), { intervals: false }).kpis.total;
    expect(k.abandonedAfterAnswer).toBeGreaterThan(50);
    expect(k.complianceAbandoned).toBe(k.abandonedAfterAnswer);
    expect(k.liveAnswers).toBe(k.customerAnswers);
    expect(k.complianceAbandonRate).toBe(k.abandonAfterAnswerRate);
  });

  it('with patience that never runs out, nobody abandons truly, and those who waited past the threshold are compliance abandons', () => {
    const k = simulate(pressed(10 * HOUR), { intervals: false }).kpis.total;
    expect(k.abandonedAfterAnswer).toBe(0);
    expect(k.abandonAfterAnswerRate).toBe(0);
    expect(k.complianceAbandoned).toBeGreaterThan(50);
    expect(k.complianceAbandonRate!).toBeGreaterThan(0.1);
  });

  it('a longer threshold counts fewer compliance abandons, on the same customers', () => {
    const two = simulate(pressed(10 * HOUR, 2 * SECOND), { intervals: false }).kpis.total;
    const thirty = simulate(pressed(10 * HOUR, 30 * SECOND), { intervals: false }).kpis.total;
    expect(thirty.complianceAbandoned).toBeLessThan(two.complianceAbandoned);
  });

  it('in random Customer First scenarios, every true abandon of a live answer is also a compliance abandon', () => {
    let abandons = 0;
    fc.assert(
      fc.property(arbitraryScenario({ modes: ['CustomerFirst'], hours: { min: 2, max: 4 } }), (s) => {
        const k = simulate(s, { intervals: false }).kpis.total;
        abandons += k.abandonedAfterAnswer;
        expect(k.complianceAbandoned).toBeGreaterThanOrEqual(k.abandonedAfterAnswer);
        expect(k.complianceAbandoned).toBeLessThanOrEqual(k.liveAnswers);
      }),
      // Seeded: with a random seed the 20 scenarios now and then held 20 true abandons or fewer, and the check of the count failed.
      { numRuns: 20, seed: 0x5eed },
    );
    expect(abandons).toBeGreaterThan(20);
  });
});

describe('minimum ring time', () => {
  it('a ringTimeout below a Customer First queue’s compliance.minRing is refused, naming both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbsim-min-ring-'));
    const base = readFileSync('scenarios/customer-first-pacing.yaml', 'utf8');
    const withCompliance = (minRing: string) => base.replace('    callback:\n      mode: CustomerFirst', `    compliance: { minRing: ${minRing} }\n    callback:\n      mode: CustomerFirst`);
    writeFileSync(join(dir, 'short.yaml'), withCompliance('40s'));
    writeFileSync(join(dir, 'fine.yaml'), withCompliance('20s'));
    const run = await cli('validate', join(dir, 'short.yaml'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/callee\.ringTimeout: 30s is shorter than queues\[0\]\.compliance\.minRing \(40s\) of Customer First queue "callbacks"/);
    expect((await cli('validate', join(dir, 'fine.yaml'))).status).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
