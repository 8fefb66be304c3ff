import { describe, expect, it } from 'vitest';
import { ScorecardPlanError, scorecardPolicies, scorecardSettings, situationManifest } from '../../src/runner/scorecard-plan.js';
import { overallStanding, scorecardCsv, scoreSituation, windowRate } from '../../src/runner/scorecard.js';
import type { SweepRow } from '../../src/runner/sweep-plan.js';
import type { QueueKpis } from '../../src/metrics/kpis.js';
import { POLICY_KNOBS } from '../../src/pacing/knobs.js';
import { parseScenario } from '../../src/scenario/index.js';
import { readFileSync } from 'node:fs';

const noModule = (path: string) => {
  throw new ScorecardPlanError(`no module ${path}`);
};

/** A row whose only KPIs are those the scorecard reads. */
function row(cell: number, replication: number, occupancy: number, rate: number, completed = 100): SweepRow {
  const total = { complianceAbandonRate: rate, complianceAbandonRateMax24h: rate, complianceAbandonRateMax30d: null, completed, timeToConnect: 60 } as unknown as QueueKpis;
  return { cell, replication, seed: replication + 1, set: [], kpis: { total, agents: { occupancy } } as unknown as SweepRow['kpis'], profile: [] };
}

describe('scorecard policies and settings', () => {
  it('gives each built-in its own knob grid, a --grid replaces it, and a module runs once unless given a grid', () => {
    const policies = scorecardPolicies('genesys,progressive,./pacer.mjs', ['progressive:modifier=1..2:0.5', 'pacer:ratio=1,2'], () => '/abs/pacer.mjs');
    expect(policies.map((p) => p.label)).toEqual(['genesys', 'progressive', 'pacer']);
    expect(policies[0].knob).toEqual({ option: POLICY_KNOBS.genesys.option, values: [...POLICY_KNOBS.genesys.grid] });
    expect(policies[1].knob).toEqual({ option: 'modifier', values: [1, 1.5, 2] });
    expect(policies[2]).toMatchObject({ name: null, module: '/abs/pacer.mjs', knob: { option: 'ratio', values: [1, 2] } });
    expect(scorecardPolicies('./pacer.mjs', [], () => '/abs/pacer.mjs')[0].knob).toBeNull();
    expect(scorecardSettings(scorecardPolicies('./pacer.mjs,ratio', ['ratio:modifier=1,2'], () => '/abs/pacer.mjs'))).toEqual([
      { policy: 0, value: null },
      { policy: 1, value: 1 },
      { policy: 1, value: 2 },
    ]);
  });

  it('refuses an unknown policy, one listed twice, and a grid for a policy not listed, saying what is allowed', () => {
    expect(() => scorecardPolicies('genesis', [], noModule)).toThrow(/"genesis" is not a built-in pacing policy \(genesys, .*\) nor a module path/);
    expect(() => scorecardPolicies('ratio,ratio', [], noModule)).toThrow(/"ratio" is listed twice/);
    expect(() => scorecardPolicies('ratio,', [], noModule)).toThrow(/empty item/);
    expect(() => scorecardPolicies('ratio', ['genesys:modifier=1,2'], noModule)).toThrow(/"genesys", which is not one of --policies \(ratio\)/);
    expect(() => scorecardPolicies('ratio', ['ratio:modifier=1,1'], noModule)).toThrow(/the value 1 is listed twice/);
    expect(() => scorecardPolicies('./missing.mjs', [], noModule)).toThrow(/no module \.\/missing\.mjs/);
  });

  it('makes one cell per setting, each setting the policy on every Customer First queue, with the same seeds in every cell', () => {
    const text = readFileSync('test/fixtures/scenarios/scorecard-small.yaml', 'utf8');
    const { scenario } = parseScenario(text, 'small.yaml');
    const policies = scorecardPolicies('genesys', ['genesys:modifier=1,4'], noModule);
    const manifest = situationManifest({ file: 'small.yaml', scenario, modules: {}, version: 'x', policies, replications: 3, engine: 'compiled', duration: null });
    expect(manifest.cellsListed).toBe(true);
    expect(manifest.cells).toEqual([
      { index: 0, label: 'genesys modifier=1', set: ['queues.callbacks.callback.pacing={"name":"genesys","options":{"modifier":1}}'] },
      { index: 1, label: 'genesys modifier=4', set: ['queues.callbacks.callback.pacing={"name":"genesys","options":{"modifier":4}}'] },
    ]);
    expect(manifest.seeds).toHaveLength(3);
    // The cell's setting is what the run uses.
    const cell = parseScenario(text, 'small.yaml', { set: manifest.cells[1].set }).scenario;
    expect(cell.queues[0].callback.pacing).toEqual({ name: 'genesys', module: null, options: { modifier: 4 } });
  });
});

describe('scoring a situation', () => {
  const policies = scorecardPolicies('genesys,ratio', ['genesys:modifier=1,2,3', 'ratio:modifier=1,2'], noModule);
  const manifest = {
    cells: scorecardSettings(policies).map((s, index) => ({ index, label: `${policies[s.policy].label} modifier=${s.value}`, set: [] })),
  } as unknown as Parameters<typeof scoreSituation>[1];
  const situation = { name: 's', file: 's.yaml', scenario: 'S', ceiling: 0.03 };

  it('takes the best occupancy among settings whose upper 95% bound is under the ceiling, and ranks policies that cannot stay under it last', () => {
    const rows = [
      // genesys: m=1 safe but idle, m=2 busier and safe, m=3 busiest but its upper bound is over 3 %.
      row(0, 0, 0.5, 0.0), row(0, 1, 0.52, 0.0),
      row(1, 0, 0.7, 0.01), row(1, 1, 0.72, 0.012),
      row(2, 0, 0.9, 0.028), row(2, 1, 0.92, 0.034),
      // ratio: over the ceiling at both settings.
      row(3, 0, 0.8, 0.05), row(3, 1, 0.8, 0.06),
      row(4, 0, 0.9, 0.09), row(4, 1, 0.9, 0.1),
    ];
    const result = scoreSituation(situation, manifest, policies, rows, '24h');
    expect(result.results.map((r) => [r.policy, r.rank])).toEqual([['genesys', 1], ['ratio', 2]]);
    const genesys = result.results[0];
    expect(genesys.best?.value).toBe(2);
    expect(genesys.best?.occupancy.mean).toBeCloseTo(0.71, 10);
    expect(genesys.points.find((p) => p.value === 3)?.underCeiling).toBe(false);
    expect(result.results[1].best).toBeNull();
    const csv = scorecardCsv([result]);
    expect(csv.split('\n')[0]).toMatch(/^situation,policy,option,value,replications,occupancy,/);
    expect(csv.split('\n').filter((l) => l.endsWith(',true,1'))).toHaveLength(1); // genesys m=2 is the one best row
  });

  it('ranks policies the runs cannot tell apart together: best occupancies closer than their half-widths combined share a rank', () => {
    // genesys m=1: 0.70 ± (spread of 0.68, 0.72); ratio m=1: 0.71 ± the same: tied; ratio m=2 over the ceiling.
    const rows = [row(0, 0, 0.68, 0), row(0, 1, 0.72, 0), row(3, 0, 0.69, 0), row(3, 1, 0.73, 0), row(4, 0, 0.9, 0.2), row(4, 1, 0.9, 0.2)];
    const tied = scoreSituation(situation, manifest, policies, rows, 'run');
    expect(tied.results.map((r) => [r.policy, r.rank])).toEqual([['ratio', 1], ['genesys', 1]]);
    // The same means with no spread: ratio is clearly better.
    const apart = scoreSituation(situation, manifest, policies, [row(0, 0, 0.7, 0), row(0, 1, 0.7, 0), row(3, 0, 0.71, 0), row(3, 1, 0.71, 0)], 'run');
    expect(apart.results.map((r) => [r.policy, r.rank])).toEqual([['ratio', 1], ['genesys', 2]]);
    expect(overallStanding([tied], policies).map((o) => [o.policy, o.wins])).toEqual([['ratio', 1], ['genesys', 1]]);
    // Where every policy breaks the ceiling, the first of them (the lowest bound) wins nothing.
    const over = scoreSituation(situation, manifest, policies, [row(0, 0, 0.7, 0.1), row(0, 1, 0.7, 0.1), row(3, 0, 0.7, 0.2), row(3, 1, 0.7, 0.2)], 'run');
    expect(over.results.map((r) => [r.policy, r.rank])).toEqual([['genesys', 1], ['ratio', 2]]);
    expect(overallStanding([over], policies).map((o) => o.wins)).toEqual([0, 0]);
  });

  it('judges the chosen window, and the whole run when the window is longer than the run', () => {
    const total = { complianceAbandonRate: 0.01, complianceAbandonRateMax24h: 0.05, complianceAbandonRateMax30d: null } as unknown as QueueKpis;
    expect(windowRate(total, '24h')).toBe(0.05);
    expect(windowRate(total, '30d')).toBe(0.01);
    expect(windowRate(total, 'run')).toBe(0.01);
    expect(windowRate({ ...total, complianceAbandonRate: null, complianceAbandonRateMax30d: null } as QueueKpis, '30d')).toBe(0);
  });

  it('stands policies overall by situations won, then mean rank', () => {
    const a = scoreSituation(situation, manifest, policies, [row(0, 0, 0.5, 0), row(0, 1, 0.5, 0), row(3, 0, 0.6, 0), row(3, 1, 0.6, 0)], 'run');
    const b = scoreSituation(situation, manifest, policies, [row(0, 0, 0.7, 0), row(0, 1, 0.7, 0), row(3, 0, 0.6, 0), row(3, 1, 0.6, 0)], 'run');
    const c = scoreSituation(situation, manifest, policies, [row(0, 0, 0.8, 0), row(0, 1, 0.8, 0), row(3, 0, 0.6, 0.2), row(3, 1, 0.6, 0.2)], 'run');
    const overall = overallStanding([a, b, c], policies);
    expect(overall.map((o) => [o.policy, o.wins, o.meanRank, o.underCeiling])).toEqual([
      ['genesys', 2, 4 / 3, 3],
      ['ratio', 1, 5 / 3, 2],
    ]);
    expect(overall[0].meanBestOccupancy).toBeCloseTo((0.5 + 0.7 + 0.8) / 3, 10);
  });
});
