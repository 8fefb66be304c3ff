import { describe, expect, it } from 'vitest';
import { tune, tuneWindow } from '../../src/runner/tune.js';
import type { SweepManifest, SweepRow } from '../../src/runner/sweep-plan.js';

/** A row of cell `cell`, replication `replication`, whose queue q had these compliance rates (run, worst 24 h, worst 30 days). */
function row(cell: number, replication: number, run: number, max24h: number, max30d: number): SweepRow {
  const q = { complianceAbandonRate: run, complianceAbandonRateMax24h: max24h, complianceAbandonRateMax30d: max30d, completed: 10 * (cell + 1) };
  return { cell, replication, kpis: { queues: { q }, agents: { groups: {} } } } as unknown as SweepRow;
}

const manifest = { cells: [{ index: 0, label: 'low' }, { index: 1, label: 'high' }] } as unknown as SweepManifest;
// The high setting keeps 3 % over the run but not in its worst 30-day period, nor its worst 24 h.
const rows = [row(0, 1, 0.01, 0.02, 0.015), row(0, 2, 0.011, 0.021, 0.016), row(1, 1, 0.02, 0.08, 0.05), row(1, 2, 0.021, 0.081, 0.051)];
const goal = { queue: 'q', maxAbandon: 0.03, objective: 'completed' as const, groups: [] };

describe('tune: which window of the compliance measure must keep the ceiling', () => {
  it('the default is the worst 30-day period (the US measure; the whole run on a shorter run, which its KPI already is)', () => {
    expect(tuneWindow(undefined, 'compliance', false)).toBe('30d');
    expect(tuneWindow(undefined, 'compliance', true)).toBe('30d');
    expect(tuneWindow(undefined, 'true', true)).toBe('30d');
    // The true abandon rate has no 30-day value on a short run.
    expect(tuneWindow(undefined, 'true', false)).toBe('run');
    expect(tuneWindow('24h', 'compliance', true)).toBe('24h');
  });

  it('each window judges by its own KPI: the high setting passes over the run but not over its worst 30 days or 24 h', () => {
    expect(tune(manifest, rows, { ...goal, window: 'run' }).best?.label).toBe('high');
    const thirty = tune(manifest, rows, { ...goal, window: '30d' });
    expect(thirty.best?.label).toBe('low');
    expect(thirty.candidates[1].abandon.mean).toBeCloseTo(0.0505, 6);
    expect(tune(manifest, rows, { ...goal, window: '24h' }).best?.label).toBe('low');
  });
});
