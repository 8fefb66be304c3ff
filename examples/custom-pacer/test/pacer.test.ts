import fc from 'fast-check';
import { registerPacingModule } from 'cbsim';
import { arbitraryScenario, checkDialingRules, recordRun } from 'cbsim/testing';
import { describe, expect, it } from 'vitest';
import headroom from '../src/pacer.js';

// The policy under test, made available to cbsim under a name of our choosing.
registerPacingModule('headroom', { default: headroom });

describe('the headroom policy', () => {
  it('keeps cbsim’s dialing rules in random contact centers', () => {
    const scenarios = arbitraryScenario({
      modes: ['CustomerFirst'],
      policies: [{ name: 'headroom', module: 'headroom', options: { ratio: 2 } }],
      agents: { min: 1, max: 20 },
      hours: { min: 1, max: 4 },
    });
    let dials = 0;
    fc.assert(
      fc.property(scenarios, (scenario) => {
        for (const check of checkDialingRules(recordRun(scenario))) {
          if (!check.ok) throw new Error(check.message);
          if (check.rule === 'dials in flight within the policy bound') dials += check.checked;
        }
      }),
      { numRuns: 15 },
    );
    // The rules were checked against real dials, not vacuously (how many depends on the random scenarios).
    expect(dials).toBeGreaterThan(0);
  });

  it('never dials while an answered customer waits for an agent', () => {
    const none = { dials: 0, liveAnswers: 0, machineAnswers: 0, unanswered: 0, connected: 0, abandons: 0, complianceAbandons: 0 };
    const policy = headroom({ ratio: 3 }, { queue: 'q', modifier: 3, ceiling: 0.03, contractVersion: 1 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 10 }), (idle, waiting) => {
        const view = { now: 0, timeOfDay: 0, onlineAgents: idle, idleAgents: idle, busyAgents: 0, inFlight: waiting, waitingForAgent: waiting, readyToDial: 100, totals: none, recent: none, meanHandleTime: null };
        expect(policy.decide(view)).toBe(0);
      }),
    );
  });
});
