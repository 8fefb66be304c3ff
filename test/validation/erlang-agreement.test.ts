import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from '../../src/model/erlang.js';
import { agents, inbound, queue, scenario } from '../helpers/scenario.js';
import { estimate, kpiEstimate, replicate, type Estimate } from '../helpers/replications.js';

/**
 * The simulator against queueing theory. Each case runs independent
 * replications of an inbound-only scenario (Poisson arrivals, exponential
 * talk time, no wrap-up, no callback offer) and requires every simulated
 * KPI to lie within Z standard errors of the analytic value, the standard
 * error being measured across the replications — so the tolerance shrinks
 * as the runs get longer. Z = 4 keeps a correct simulator's chance of
 * failing a check below 1 in 1,000 (t with 7 degrees of freedom) while
 * still catching any bias larger than a few standard errors. Each check
 * also requires the standard error to be small, so a loose run cannot pass
 * by being noisy.
 */
const Z = 4;
const REPLICATIONS = 8;
const HOUR = 3_600_000;
const MINUTE = 60_000;

interface Case {
  name: string;
  agents: number;
  perHour: number;
  talkMinutes: number;
  patienceMinutes?: number;
  hours: number;
}

function expectAgreement(label: string, simulated: Estimate, analytic: number, maxStandardError: number): void {
  const deviation = Math.abs(simulated.mean - analytic);
  const message = `${label}: simulated ${simulated.mean.toFixed(5)} ± ${simulated.standardError.toFixed(5)} (s.e.), analytic ${analytic.toFixed(5)}`;
  expect(simulated.standardError, `${message}: the runs are too short to be a test`).toBeLessThan(maxStandardError);
  expect(deviation, message).toBeLessThanOrEqual(Z * simulated.standardError);
}

function runCase(c: Case) {
  const base = scenario({
    duration: (c.hours + 2) * HOUR,
    warmup: 2 * HOUR,
    queues: [queue('q')],
    agents: [agents('a', c.agents, ['q'])],
    inbound: [
      inbound('q', c.perHour, { kind: 'exponential', mean: c.talkMinutes * MINUTE }, c.patienceMinutes
        ? { patience: { kind: 'exponential', mean: c.patienceMinutes * MINUTE } }
        : {}),
    ],
  });
  const results = replicate(base, REPLICATIONS);
  const inputs = {
    agents: c.agents,
    arrivalRate: c.perHour / 3600,
    meanServiceTime: c.talkMinutes * 60,
    serviceLevelThreshold: 20,
  };
  return {
    results,
    pWait: kpiEstimate(results, 'q', (k) => k.pWait),
    asa: kpiEstimate(results, 'q', (k) => k.asa),
    serviceLevel: kpiEstimate(results, 'q', (k) => k.serviceLevel),
    abandonRate: kpiEstimate(results, 'q', (k) => k.abandonRate),
    occupancy: estimate(results.map((r) => r.kpis.agents.occupancy!)),
    inputs,
  };
}

const erlangCCases: Case[] = [
  { name: '5 agents, 4 Erlangs', agents: 5, perHour: 80, talkMinutes: 3, hours: 240 },
  { name: '20 agents, 17 Erlangs', agents: 20, perHour: 255, talkMinutes: 4, hours: 72 },
  { name: '55 agents, 48 Erlangs (the bench workload)', agents: 55, perHour: 720, talkMinutes: 4, hours: 36 },
  { name: '100 agents, 92 Erlangs', agents: 100, perHour: 1380, talkMinutes: 4, hours: 24 },
];

describe('Erlang C: simulated M/M/n agrees with the analytic values', () => {
  for (const c of erlangCCases) {
    it(c.name, () => {
      const sim = runCase(c);
      const theory = erlangC(sim.inputs);
      expect(theory.stable).toBe(true);
      expectAgreement('P(wait)', sim.pWait, theory.pWait, 0.02);
      expectAgreement('ASA (s)', sim.asa, theory.asa, Math.max(1, theory.asa * 0.1));
      expectAgreement('service level', sim.serviceLevel, theory.serviceLevel, 0.02);
      expectAgreement('occupancy', sim.occupancy, theory.occupancy, 0.01);
      expect(sim.abandonRate.mean).toBe(0);
    });
  }
});

const erlangACases: Case[] = [
  { name: '10 agents overloaded (10 Erlangs), patience 2 min', agents: 10, perHour: 120, talkMinutes: 5, patienceMinutes: 2, hours: 144 },
  { name: '50 agents, 48 Erlangs, patience 3 min', agents: 50, perHour: 720, talkMinutes: 4, patienceMinutes: 3, hours: 36 },
];

describe('Erlang A: simulated M/M/n+M agrees with the exact birth–death values', () => {
  for (const c of erlangACases) {
    it(c.name, () => {
      const sim = runCase(c);
      const theory = erlangA({ ...sim.inputs, meanPatience: c.patienceMinutes! * 60 });
      expectAgreement('P(wait)', sim.pWait, theory.pWait, 0.02);
      expectAgreement('P(abandon)', sim.abandonRate, theory.pAbandon, 0.01);
      expectAgreement('ASA (s)', sim.asa, theory.asa, Math.max(1, theory.asa * 0.1));
      expectAgreement('service level', sim.serviceLevel, theory.serviceLevel, 0.02);
      expectAgreement('occupancy', sim.occupancy, theory.occupancy, 0.01);
    });
  }
});
