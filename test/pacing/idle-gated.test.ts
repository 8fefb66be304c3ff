import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/scenario.js';
import { BUILTIN_POLICY_NAMES } from '../../src/pacing/builtins.js';
import type { PacingPolicy, PacingView } from '../../src/pacing/contract.js';
import { createPolicy, PacingError, registerPacingModule } from '../../src/pacing/library.js';
import { simulate } from '../../src/runner/simulate.js';
import { callee, constant, HOUR, MINUTE, requests } from '../contact-center/support.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';
import { view } from './view.js';

const context = { queue: 'q', modifier: 3, ceiling: 0.03, contractVersion: 1 };

/** Every built-in, made with its default options. */
const builtins = BUILTIN_POLICY_NAMES.map((name) => ({ name, policy: createPolicy({ name, module: null, options: {} }, context) }));

describe('idleGated: a policy that dials only to idle agents is not asked while none is', () => {
  it('holds its promise for every built-in that makes it: 0 dials with no idle agent, whatever else the view says', () => {
    const gated = builtins.filter((b) => b.policy.idleGated === true);
    expect(gated.map((b) => b.name)).toEqual(['genesys', 'ratio', 'progressive', 'adaptive']);
    fc.assert(
      fc.property(
        fc.record({ onlineAgents: fc.integer({ min: 0, max: 200 }), inFlight: fc.integer({ min: 0, max: 400 }), waitingForAgent: fc.integer({ min: 0, max: 50 }), readyToDial: fc.integer({ min: 1, max: 1000 }) }),
        (v) => {
          for (const { policy } of gated) expect(policy.decide(view({ ...v, idleAgents: 0 }))).toBe(0);
        },
      ),
    );
  });

  /** A policy that keeps ratio × idle dials in flight and counts what it is shown; `idleGated` as given. */
  function counting(idleGated: boolean) {
    const seen = { decisions: 0, withNoIdleAgent: 0 };
    const policy: PacingPolicy = {
      idleGated,
      decide(v: PacingView) {
        seen.decisions++;
        if (v.idleAgents === 0) seen.withNoIdleAgent++;
        return Math.max(0, 2 * v.idleAgents - v.inFlight);
      },
    };
    return { seen, module: { default: () => policy } };
  }

  function busyQueue(module: string): Scenario {
    return scenario({
      seed: 9,
      duration: 6 * HOUR,
      queues: [queue('q', { callback: callbackSettings({ mode: 'CustomerFirst', maxRetryCount: 2, retryDelay: 10 * MINUTE, pacing: { name: 'counting', module, options: {} } }) })],
      agents: [agents('a', 4, ['q'])],
      inbound: [],
      callbackRequests: [requests('q', 120, constant(4 * MINUTE), constant(20_000))],
      callee: callee(),
    });
  }

  it('gives the same run as asking it every time, with the decisions taken while no agent is idle left out', () => {
    const gated = counting(true);
    const asked = counting(false);
    registerPacingModule('/virtual/gated-pacer.mjs', gated.module);
    registerPacingModule('/virtual/asked-pacer.mjs', asked.module);
    const a = simulate(busyQueue('/virtual/gated-pacer.mjs'));
    const b = simulate(busyQueue('/virtual/asked-pacer.mjs'));
    expect(a.kpis).toEqual(b.kpis);
    expect(a.run.transitions).toBe(b.run.transitions);
    expect(asked.seen.withNoIdleAgent).toBeGreaterThan(100);
    expect(gated.seen.withNoIdleAgent).toBe(0);
    expect(gated.seen.decisions).toBe(asked.seen.decisions - asked.seen.withNoIdleAgent);
  });

  it('refuses a policy whose idleGated is not true or false', () => {
    registerPacingModule('/virtual/odd-pacer.mjs', { default: () => ({ idleGated: 'yes', decide: () => 0 }) as unknown as PacingPolicy });
    expect(() => createPolicy({ name: 'odd', module: '/virtual/odd-pacer.mjs', options: {} }, context)).toThrow(PacingError);
    expect(() => createPolicy({ name: 'odd', module: '/virtual/odd-pacer.mjs', options: {} }, context)).toThrow(/idleGated must be true or false; got "yes"/);
  });
});
