import { describe, expect, it } from 'vitest';
import type { QueueKpis } from '../../src/metrics/kpis.js';
import type { Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, scenario } from '../helpers/scenario.js';
import { compliance, pressed, pressedQueue } from './compliance-scenarios.js';
import { callee, constant, HOUR, MINUTE, requests } from './support.js';

const kpisOf = (s: Scenario) => simulate(s, { intervals: false }).kpis;

/** `pressed` with answer detection taking `liveAsMachine` of the live people for machines (and the queue hanging up on them). */
function misdetected(liveAsMachine: number, countAmdFalsePositives: boolean, outcomes = { live: 1, machine: 0 }): Scenario {
  const s = pressed({ countAmdFalsePositives });
  return { ...s, callee: { ...s.callee, outcomes: { ...s.callee.outcomes, ...outcomes }, answeringMachineDetection: { liveAsMachine, machineAsLive: 0 } } };
}

const without = <K extends keyof QueueKpis>(k: QueueKpis, ...keys: K[]) => Object.fromEntries(Object.entries(k).filter(([key]) => !keys.includes(key as K)));

describe('compliance.countAmdFalsePositives: a live person taken for a machine and hung up on', () => {
  it('counts as a live answer and a compliance abandon, once per such hang-up, and changes nothing else', () => {
    const off = kpisOf(misdetected(0.3, false)).total;
    const on = kpisOf(misdetected(0.3, true)).total;
    expect(off.liveHungUpAsMachine).toBeGreaterThan(30);
    expect(off.amdFalsePositiveAbandons).toBe(0);
    expect(on.amdFalsePositiveAbandons).toBe(off.liveHungUpAsMachine);
    expect(on.liveAnswers).toBe(off.liveAnswers + off.liveHungUpAsMachine);
    expect(on.complianceAbandoned).toBe(off.complianceAbandoned + off.liveHungUpAsMachine);
    const changed = ['liveAnswers', 'complianceAnswers', 'complianceAbandoned', 'complianceAbandonRate', 'complianceAbandonRateMax24h', 'complianceAbandonRateMax30d', 'amdFalsePositiveAbandons'] as const;
    expect(without(on, ...changed)).toEqual(without(off, ...changed));
  });

  it('the chart names it on the hang-up (callback.amdFalsePositive, then the failed attempt), from the truth the plan carries', () => {
    const { events } = record(misdetected(0.3, true));
    const named = ofType(events, 'callback.amdFalsePositive');
    const hungUp = ofType(events, 'callback.attemptEnded').filter((e) => e.result === 'machine' && e.outcome === 'live');
    expect(named.length).toBe(hungUp.length);
    expect(named.map((e) => [e.callback, e.t])).toEqual(hungUp.map((e) => [e.callback, e.t]));
  });

  it('a real machine taken for a machine is never counted', () => {
    const k = kpisOf(misdetected(0, true, { live: 0.5, machine: 0.5 })).total;
    expect(k.amdFalsePositiveAbandons).toBe(0);
    expect(k.liveHungUpAsMachine).toBe(0);
  });
});

/** Half the dials answered by machines the queue transfers to an agent. */
function withMachines(denominator: 'liveAnswers' | 'reachedQueue'): Scenario {
  const s = pressed({ denominator });
  return { ...s, queues: [pressedQueue('q', { denominator }, 'TransferToQueue')], callee: { ...s.callee, outcomes: { ...s.callee.outcomes, live: 0.5, machine: 0.5 } } };
}

describe('compliance.denominator', () => {
  it('reachedQueue divides by every answer the queue tried to connect, machines included; the regulators’ liveAnswers by live ones', () => {
    const live = kpisOf(withMachines('liveAnswers')).total;
    const reached = kpisOf(withMachines('reachedQueue')).total;
    expect(reached.customerAnswers).toBeGreaterThan(reached.liveAnswers + 50);
    expect(live.complianceAnswers).toBe(live.liveAnswers);
    expect(reached.complianceAnswers).toBe(reached.customerAnswers);
    expect(reached.complianceAbandoned).toBe(live.complianceAbandoned);
    expect(reached.complianceAbandonRate).toBe(Math.round((reached.complianceAbandoned / reached.customerAnswers) * 1e6) / 1e6);
    expect(reached.complianceAbandonRate!).toBeLessThan(live.complianceAbandonRate!);
    expect(reached.complianceAbandonRateMax24h!).toBeLessThan(live.complianceAbandonRateMax24h!);
  });
});

describe('compliance.dropGroup in a run', () => {
  it('two queues of one campaign are measured together, a third alone', () => {
    const s: Scenario = scenario({
      seed: 9,
      duration: 6 * HOUR,
      queues: [pressedQueue('east', { dropGroup: 'spring' }), pressedQueue('west', { dropGroup: 'spring' }), { ...pressedQueue('solo'), compliance: compliance() }],
      agents: [agents('a', 6, ['east', 'west', 'solo'])],
      inbound: [],
      callbackRequests: ['east', 'west', 'solo'].map((q) => requests(q, 60, constant(4 * MINUTE))),
      callee: callee(),
    });
    const k = kpisOf(s);
    const { east, west } = k.queues;
    expect(Object.keys(k.dropGroups)).toEqual(['spring']);
    expect(k.dropGroups.spring.liveAnswers).toBe(east.liveAnswers + west.liveAnswers);
    expect(k.dropGroups.spring.complianceAbandoned).toBe(east.complianceAbandoned + west.complianceAbandoned);
    expect(k.dropGroups.spring.complianceAbandonRate).toBe(Math.round(((east.complianceAbandoned + west.complianceAbandoned) / (east.liveAnswers + west.liveAnswers)) * 1e6) / 1e6);
    expect(k.complianceWindows.dropGroups.spring.queues).toEqual(['east', 'west']);
    expect(k.complianceWindows.dropGroups.spring.run.answers).toBe(east.liveAnswers + west.liveAnswers);
  });
});
