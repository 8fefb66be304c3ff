import { describe, expect, it } from 'vitest';
import { scenarioFromFile } from '../../src/api/load.js';
import { simulate } from '../../src/runner/simulate.js';
import { ABANDON_CEILING } from '../../src/model/regulation.js';
import { BUILTIN_POLICIES } from '../../src/pacing/builtins.js';
import { PACING_CONTRACT_VERSION, type PacingPolicy, type PacingView } from '../../src/pacing/contract.js';
import { nextDialLevel, VICIDIAL_DEFAULTS } from '../../src/pacing/policies/vicidial.js';
import { view } from './view.js';

/** The vicidial policy with `options`, made as the dialer makes it. */
function vicidial(options: Record<string, unknown> = {}): PacingPolicy {
  return BUILTIN_POLICIES.vicidial.factory(options, { queue: 'q', modifier: 1, ceiling: ABANDON_CEILING, contractVersion: PACING_CONTRACT_VERSION });
}

/** Wakes `policy` `seconds` times, one a second, with the view `at(second)` gives. */
function run(policy: PacingPolicy, seconds: number, at: (second: number) => PacingView): void {
  for (let s = 1; s <= seconds; s++) policy.wake!(at(s));
}

describe('vicidial: the dial-level update, against worked examples by hand', () => {
  // Level 2.0, 10 agents: change = 100 × differential / 10 %, scaled by intensity I.
  it.each([
    { differential: 2, intensity: 0, level: 2.4 }, // +20 % → 2 × 1.2
    { differential: 2, intensity: 20, level: 2.48 }, // +20 % × 1.2 = +24 %
    { differential: 2, intensity: -20, level: 2.32 }, // +20 % × 0.8 = +16 %
    { differential: -2, intensity: 20, level: 1.68 }, // −20 % × |0.2 − 1| = −16 %
    { differential: -2, intensity: -20, level: 1.52 }, // −20 % × |−0.2 − 1| = −24 %
  ])('differential $differential, intensity $intensity: 2.0 → $level', ({ differential, intensity, level }) => {
    const ready = differential > 0 ? differential : 0;
    const waiting = differential < 0 ? -differential : 0;
    expect(nextDialLevel(2, ready, waiting, 10, { ...VICIDIAL_DEFAULTS, intensity })).toBeCloseTo(level, 12);
  });

  it('is capped at the maximum level, floored at 1, offset by the configured target, and unchanged without agents', () => {
    expect(nextDialLevel(2.8, 5, 0, 10, VICIDIAL_DEFAULTS)).toBe(3); // 2.8 × 1.5 = 4.2, capped at 3.0
    expect(nextDialLevel(2.8, 5, 0, 10, { ...VICIDIAL_DEFAULTS, maxLevel: 5 })).toBeCloseTo(4.2, 12);
    expect(nextDialLevel(1.2, 0, 8, 10, VICIDIAL_DEFAULTS)).toBe(1); // 1.2 × 0.2 = 0.24, floored
    expect(nextDialLevel(2, 0, 0, 10, { ...VICIDIAL_DEFAULTS, offset: 1 })).toBeCloseTo(2.2, 12); // target = 0 + 1 → +10 %
    expect(nextDialLevel(2, 3, 0, 0, VICIDIAL_DEFAULTS)).toBe(2);
  });

  it('the policy averages 15 one-second samples and recomputes every 15 s', () => {
    const policy = vicidial({ startLevel: 2 });
    // Seconds 1–14: nothing recomputed yet.
    run(policy, 14, () => view({ onlineAgents: 10, idleAgents: 3 }));
    expect(policy.level!()).toBe(2);
    // Second 15: 14 samples of 3 ready and one of 0 → average ready 2.8, waiting 0: +28 % → 2.56.
    policy.wake!(view({ onlineAgents: 10, idleAgents: 0 }));
    expect(policy.level!()).toBeCloseTo(2.56, 12);
    // Seconds 16–30, 1 ready and 2 waiting each: average differential −1 → −10 % → 2.304.
    run(policy, 15, () => view({ onlineAgents: 10, idleAgents: 1, waitingForAgent: 2 }));
    expect(policy.level!()).toBeCloseTo(2.304, 12);
  });

  it('dials in flight ≤ ⌊level × online⌋ − busy agents', () => {
    const policy = vicidial({ startLevel: 2.5 });
    const v = view({ onlineAgents: 10, idleAgents: 2, inFlight: 6 });
    expect(policy.bound!(v)).toBe(25 - 8);
    expect(policy.decide(v)).toBe(17 - 6);
    expect(policy.decide(view({ onlineAgents: 10, idleAgents: 0, inFlight: 30 }))).toBe(0);
  });

  it('over the drop limit, average halves the level at the 60 s check and holds it from rising', () => {
    const policy = vicidial({ startLevel: 3 });
    // 100 live answers, 10 compliance abandons today: 10 % > 3 %, over 50 calls; differential 0.
    const over = view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals: { liveAnswers: 100, complianceAbandons: 10 } });
    run(policy, 59, () => over);
    expect(policy.level!()).toBe(3);
    policy.wake!(over);
    expect(policy.level!()).toBe(1.5);
    // Plenty of ready agents would raise it, but the rate is still over the limit: it stays.
    run(policy, 30, () => ({ ...over, idleAgents: 8, waitingForAgent: 0, busyAgents: 2 }));
    expect(policy.level!()).toBe(1.5);
  });

  it('hard limit sets the level to 1; tapered multiplies it by the share of the calling day left', () => {
    const totals = { liveAnswers: 100, complianceAbandons: 10 };
    const hard = vicidial({ startLevel: 3, dropReaction: 'hardLimit' });
    run(hard, 60, () => view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals }));
    expect(hard.level!()).toBe(1);
    // Tapered, checked at 10:00 of a 08:00–21:00 day: 11 h of 13 left → 3 × 11 / 13.
    const tapered = vicidial({ startLevel: 3, dropReaction: 'tapered' });
    run(tapered, 60, (s) => view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals, timeOfDay: 10 * 3_600_000 - 60_000 + s * 1000 }));
    expect(tapered.level!()).toBeCloseTo((3 * 11) / 13, 9);
  });

  it('counts true abandons instead with drops: true, and judges no rate before minCalls answers', () => {
    const totals = { liveAnswers: 100, complianceAbandons: 10, abandons: 1 };
    const onTrue = vicidial({ startLevel: 3, drops: 'true' });
    run(onTrue, 60, () => view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals }));
    expect(onTrue.level!()).toBe(3); // 1 % true abandons, under 3 %
    const few = vicidial({ startLevel: 3, minCalls: 200 });
    run(few, 60, () => view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals }));
    expect(few.level!()).toBe(3);
  });

  it('halves the level when over half of more than 20 answers in the last minute dropped', () => {
    const policy = vicidial({ startLevel: 3, dropLimit: 1 });
    run(policy, 60, () => view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals: { liveAnswers: 0 } }));
    run(policy, 60, () => view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals: { liveAnswers: 30, complianceAbandons: 16 } }));
    expect(policy.level!()).toBe(1.5);
  });

  it('today starts again at local midnight', () => {
    const policy = vicidial({ startLevel: 3 });
    const before = { liveAnswers: 1000, complianceAbandons: 100 };
    // Up to midnight: 10 % today, over the limit; the level is cut.
    run(policy, 60, (s) => view({ onlineAgents: 10, idleAgents: 2, waitingForAgent: 2, totals: before, timeOfDay: 86_400_000 - 61_000 + s * 1000 }));
    expect(policy.level!()).toBe(1.5);
    // After midnight, 6 of 10 ready (+60 % a step): held until the next check finds 0 % today, then free to rise: 1.5 × 1.6.
    run(policy, 60, (s) => view({ onlineAgents: 10, idleAgents: 6, totals: { liveAnswers: 1060, complianceAbandons: 100 }, timeOfDay: s * 1000 }));
    expect(policy.level!()).toBeCloseTo(2.4, 12);
  });

  it('is forced to 1 below minAgents online', () => {
    const policy = vicidial({ startLevel: 3, minAgents: 5 });
    run(policy, 15, () => view({ onlineAgents: 4, idleAgents: 4 }));
    expect(policy.level!()).toBe(1);
  });
});

describe('vicidial in a run', () => {
  it('holds the day’s compliance abandon rate near its drop limit (the battery’s medium team, limits 1.5 % and 3 %)', () => {
    const rates = [0.015, 0.03].map((limit) => {
      const loaded = scenarioFromFile('scenarios/battery/medium-team.yaml', { set: ['queues.callbacks.callback.pacing.name=vicidial', `queues.callbacks.callback.pacing.options.dropLimit=${limit}`] });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      return simulate(loaded.scenario, { intervals: false }).kpis.total.complianceAbandonRate!;
    });
    // About 3400 live answers: ±0.4 points at 95 % around 3 %; the cuts make the rate hover about the limit.
    expect(rates[0]).toBeGreaterThan(0.008);
    expect(rates[0]).toBeLessThan(0.022);
    expect(rates[1]).toBeGreaterThan(0.022);
    expect(rates[1]).toBeLessThan(0.038);
  });
});
