import { describe, expect, it } from 'vitest';
import { scenarioFromFile } from '../../src/api/load.js';
import { ABANDON_CEILING } from '../../src/model/regulation.js';
import { BUILTIN_POLICIES } from '../../src/pacing/builtins.js';
import { PACING_CONTRACT_VERSION, type PacingPolicy } from '../../src/pacing/contract.js';
import { simulate } from '../../src/runner/simulate.js';
import { view } from './view.js';

const CONTEXT = { queue: 'q', modifier: 1, ceiling: ABANDON_CEILING, contractVersion: PACING_CONTRACT_VERSION };

function abandonTarget(options: Record<string, unknown> = {}): PacingPolicy {
  return BUILTIN_POLICIES.abandonTarget.factory(options, CONTEXT);
}

/** Tells `policy` of `answers` live answers of which `abandons` were compliance abandons. */
function answers(policy: PacingPolicy, count: number, abandons: number): void {
  for (let i = 0; i < count; i++) {
    policy.observe!({ type: 'liveAnswer', t: i });
    if (i < abandons) policy.observe!({ type: 'complianceAbandoned', t: i });
  }
}

describe('abandonTarget', () => {
  it('evaluates over its window (recentWindow) and adjusts on its clock', () => {
    const policy = abandonTarget({ evaluationWindow: 6, adjustEvery: 60 });
    expect(policy.recentWindow).toBe(6 * 3_600_000);
    expect(policy.wakeEvery).toBe(60_000);
  });

  it('raises the level by the gain while the rate is under the target, never above maxLevel', () => {
    const policy = abandonTarget({ maxLevel: 1.5 });
    answers(policy, 200, 0);
    const quiet = view({ onlineAgents: 10, recent: { liveAnswers: 200 } });
    policy.wake!(quiet);
    // The window's rate (0 + 0.02 × 20) / (200 + 20) is under the last answers' (the ~87 of 200 that still weigh, and the 20 pseudo-answers).
    const fastRate = (0.02 * 20) / (100 * (1 - 0.99 ** 200) + 20);
    expect(fastRate).toBeGreaterThan(0.4 / 220);
    expect(policy.level!()).toBeCloseTo(1 + 0.1 * (1 - fastRate / 0.02), 9);
    for (let i = 0; i < 20; i++) policy.wake!(quiet);
    expect(policy.level!()).toBe(1.5);
  });

  it('cuts the level the further the rate is over the target (error clipped at −5), never below 1; the last answers count even when the window does not yet show them', () => {
    const policy = abandonTarget({ maxLevel: 3 });
    answers(policy, 100, 0);
    for (let i = 0; i < 40; i++) policy.wake!(view({ recent: { liveAnswers: 100 } }));
    expect(policy.level!()).toBe(3);
    // 30 of the last ~100 answers abandoned, the hour's window still clean: the fast rate decides.
    answers(policy, 30, 30);
    policy.wake!(view({ recent: { liveAnswers: 100 } }));
    expect(policy.level!()).toBeCloseTo(3 * (1 - 0.1 * 5), 9);
    for (let i = 0; i < 10; i++) policy.wake!(view({ recent: { liveAnswers: 100 } }));
    expect(policy.level!()).toBe(1);
  });

  it('holds the compliance abandon rate near its target in a run (the battery’s medium team, targets 1 % and 2.5 %)', () => {
    const rates = [0.01, 0.025].map((target) => {
      const loaded = scenarioFromFile('scenarios/battery/medium-team.yaml', { set: ['queues.callbacks.callback.pacing.name=abandonTarget', `queues.callbacks.callback.pacing.options.target=${target}`] });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      return simulate(loaded.scenario, { intervals: false }).kpis.total.complianceAbandonRate!;
    });
    // About 3400 live answers: ±0.4 points at 95 % around 2.5 %; the controller's own swing adds as much.
    expect(rates[0]).toBeGreaterThan(0.004);
    expect(rates[0]).toBeLessThan(0.017);
    expect(rates[1]).toBeGreaterThan(0.017);
    expect(rates[1]).toBeLessThan(0.033);
  });
});
