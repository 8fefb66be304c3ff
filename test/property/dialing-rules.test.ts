import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GenesysPacing, ProgressivePacing, RatioPacing } from '../../src/contact-center/pacing.js';
import type { PacingPolicyName, Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, inbound, queue, scenario } from '../helpers/scenario.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A random small contact center whose inbound callers turn into callbacks. */
const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    mode: fc.constantFrom('AgentFirst' as const, 'CustomerFirst' as const),
    pacing: fc.constantFrom<PacingPolicyName>('genesys', 'ratio', 'progressive', 'adaptive'),
    pacingModifier: fc.integer({ min: 10, max: 100 }).map((x) => x / 10),
    maxRetryCount: fc.integer({ min: 0, max: 20 }),
    retryDelayMinutes: fc.integer({ min: 1, max: 90 }),
    agentCount: fc.integer({ min: 1, max: 12 }),
    perHour: fc.integer({ min: 10, max: 200 }),
    acceptance: fc.double({ min: 0.2, max: 1, noNaN: true }),
    live: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
    hours: fc.integer({ min: 2, max: 8 }),
  })
  .map(
    (p): Scenario =>
      scenario({
        seed: p.seed,
        duration: p.hours * HOUR,
        queues: [
          queue('q', {
            callback: callbackSettings({
              mode: p.mode,
              pacing: p.pacing,
              pacingModifier: p.pacingModifier,
              maxRetryCount: p.maxRetryCount,
              retryDelay: p.retryDelayMinutes * MINUTE,
            }),
          }),
        ],
        agents: [agents('a', p.agentCount, ['q'])],
        inbound: [
          inbound('q', p.perHour, { kind: 'exponential', mean: 4 * MINUTE }, {
            patience: { kind: 'exponential', mean: 5 * MINUTE },
            callbackOffer: { afterWait: 30_000, acceptance: p.acceptance },
          }),
        ],
        callee: {
          ...scenario({ queues: [], agents: [], inbound: [] }).callee,
          outcomes: { live: p.live, machine: (1 - p.live) / 2, noAnswer: (1 - p.live) / 4, busy: (1 - p.live) / 8, invalid: (1 - p.live) / 8, fax: 0 },
        },
      }),
  );

const runs = { numRuns: 25 };

describe('dialing rules hold in random scenarios', () => {
  it('a callback never makes more than maxRetryCount + 1 attempts', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { events } = record(s);
        const attempts = new Map<number, number>();
        for (const e of ofType(events, 'callback.dialed')) attempts.set(e.callback, Math.max(attempts.get(e.callback) ?? 0, e.attempt));
        for (const n of attempts.values()) expect(n).toBeLessThanOrEqual(s.queues[0].callback.maxRetryCount + 1);
      }),
      runs,
    );
  });

  it('consecutive attempts of a callback are never closer than retryDelay', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { events } = record(s);
        const lastDial = new Map<number, number>();
        for (const e of ofType(events, 'callback.dialed')) {
          const previous = lastDial.get(e.callback);
          if (previous !== undefined) expect(e.t - previous).toBeGreaterThanOrEqual(s.queues[0].callback.retryDelay);
          lastDial.set(e.callback, e.t);
        }
      }),
      runs,
    );
  });

  it('Customer First dials in flight never exceed the policy bound when a dial starts', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { events } = record({ ...s, queues: [{ ...s.queues[0], callback: { ...s.queues[0].callback, mode: 'CustomerFirst' } }] });
        for (const e of ofType(events, 'dialer.dialed')) expect(e.inFlight).toBeLessThanOrEqual(e.bound);
      }),
      runs,
    );
  });

  it('no callback is lost: each ends once or is still active, and the counts add up', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { events, world } = record(s);
        const created = new Set(ofType(events, 'callback.created').map((e) => e.callback));
        const ended = new Map<number, number>();
        for (const e of ofType(events, 'callback.ended')) {
          expect(created.has(e.callback)).toBe(true);
          ended.set(e.callback, (ended.get(e.callback) ?? 0) + 1);
        }
        for (const n of ended.values()) expect(n).toBe(1);
        expect(created.size).toBe(ended.size + world.callbacks.active);
        const result = simulate(s, { intervals: false });
        const k = result.kpis.total;
        expect(k.completed + k.exhausted + k.cancelled + k.expired + k.disconnected + k.active).toBe(k.created);
      }),
      runs,
    );
  });

  it('the same seed gives the same result', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(JSON.stringify(simulate(s))).toBe(JSON.stringify(simulate(s)));
      }),
      { numRuns: 10 },
    );
  });
});

describe('pacing policy bounds', () => {
  const viewArb = fc.record({
    onlineAgents: fc.integer({ min: 0, max: 500 }),
    idleAgents: fc.integer({ min: 0, max: 500 }),
    inFlight: fc.integer({ min: 0, max: 1000 }),
    waitingForAgent: fc.integer({ min: 0, max: 100 }),
  }).filter((v) => v.idleAgents <= v.onlineAgents && v.waitingForAgent <= v.inFlight);
  const modifierArb = fc.integer({ min: 10, max: 100 }).map((x) => x / 10);

  it('genesys: in flight after dialing ≤ ceil(m/10 × online), and no dial without an idle agent', () => {
    fc.assert(
      fc.property(viewArb, modifierArb, (v, m) => {
        const p = new GenesysPacing(m);
        const n = p.dialsToStart(v);
        if (v.idleAgents === 0) expect(n).toBe(0);
        if (n > 0) expect(v.inFlight + n).toBeLessThanOrEqual(Math.ceil((m / 10) * v.onlineAgents));
      }),
    );
  });

  it('ratio: in flight after dialing ≤ m × idle', () => {
    fc.assert(
      fc.property(viewArb, modifierArb, (v, m) => {
        const n = new RatioPacing(m).dialsToStart(v);
        if (n > 0) expect(v.inFlight + n).toBeLessThanOrEqual(m * v.idleAgents + 1e-9);
      }),
    );
  });

  it('progressive: new dials = floor(m × (ready − waiting − inFlight / m)), never negative', () => {
    fc.assert(
      fc.property(viewArb, modifierArb, (v, m) => {
        const n = new ProgressivePacing(m).dialsToStart(v);
        expect(n).toBe(Math.max(0, Math.floor(m * (v.idleAgents - v.waitingForAgent - v.inFlight / m) + 1e-9)));
      }),
    );
  });
});
