import { describe, expect, it } from 'vitest';
import { kpiTable } from '../../src/cli/kpi-table.js';
import { parseColumns } from '../../src/cli/sweep-table.js';
import { runReport } from '../../src/report/index.js';
import { combine } from '../../src/runner/replicate.js';
import { KPI_CATALOGUE, KPI_SCOPE_PATHS } from '../../src/metrics/kpi-catalogue.js';
import { CLI_KPI_TABLE, COMPARE_ROWS } from '../../src/metrics/kpi-views.js';
import type { Scenario } from '../../src/model/scenario.js';
import { RouteLineTally } from '../../src/metrics/route-lines.js';
import { simulate } from '../../src/runner/simulate.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, HOUR, MINUTE, requests } from '../contact-center/support.js';

const ROUTE_KEYS = ['lines', 'lineOccupancy', 'peakLinesBusy', 'dialsWaitedForLine', 'lineWaitMean', 'lineWaitMax'];

describe('route KPIs', () => {
  it('are in the catalogue, scope route under kpis.routes, with keys unique across every scope', () => {
    expect(KPI_CATALOGUE.filter((k) => k.scope === 'route').map((k) => k.key)).toEqual(ROUTE_KEYS);
    const keys = KPI_CATALOGUE.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(KPI_SCOPE_PATHS.route[0]).toMatch(/^kpis\.routes\.<route>/);
    expect(CLI_KPI_TABLE.routes.map((r) => r.kpi.key)).toEqual(ROUTE_KEYS);
    expect(COMPARE_ROWS.routes.every((r) => r.kpi.scope === 'route')).toBe(true);
  });

  it('the tally integrates busy lines from the warm-up on: occupancy, peak and waits by hand', () => {
    const tally = new RouteLineTally([{ id: 'edge', lines: 4 }, { id: 'idle', lines: 2 }], 1000);
    tally.lines(0, 'edge', 4); // before the warm-up: 4 busy, counted from 1000 on
    tally.waitedForLine(500, 'edge', 400); // before the warm-up: not counted
    tally.lines(2000, 'edge', 2);
    tally.waitedForLine(2500, 'edge', 1500);
    tally.waitedForLine(3000, 'edge', 500);
    tally.lines(4000, 'edge', 0);
    tally.close(5000);
    // Counted 1000–5000 ms: 4 lines busy for 1000 ms, 2 for 2000 ms, 0 for 1000 ms = 8000 line-ms of 4 × 4000.
    expect(tally.report()).toEqual({
      edge: { lines: 4, lineOccupancy: 0.5, peakLinesBusy: 4, dialsWaitedForLine: 2, lineWaitMean: 1, lineWaitMax: 1.5 },
      idle: { lines: 2, lineOccupancy: 0, peakLinesBusy: 0, dialsWaitedForLine: 0, lineWaitMean: null, lineWaitMax: 0 },
    });
  });

  it("cbsim run's KPI tables show an Outbound routes table only when routes are declared", () => {
    const s = onEdge();
    const table = kpiTable(simulate(s).kpis, s);
    const header = table.split('\n').find((line) => line.startsWith('Outbound routes'));
    expect(header).toMatch(/lines +line occupancy +most lines busy +dials that waited for a line +wait for a line \(mean\) +wait for a line \(longest\)/);
    expect(table.split('\n').find((line) => line.startsWith('edge'))).toMatch(/^edge +2 +\d+\.\d% +2 /);
    const unlimited = { ...s, outboundRoutes: [] };
    expect(kpiTable(simulate(unlimited).kpis, unlimited)).not.toContain('Outbound routes');
  });

  it('the HTML report of a run has a table of the outbound routes, only when routes are declared', async () => {
    const s = onEdge();
    const tables = (await runReport(simulate(s), s)).match(/<table class="kpis">[\s\S]*?<\/table>/g)!;
    expect(tables).toHaveLength(3);
    expect(tables[2]).toContain('<th>edge</th>');
    for (const label of ['lines', 'line occupancy', 'most lines busy', 'dials that waited for a line', 'wait for a line (mean)']) expect(tables[2]).toContain(`<td>${label}</td>`);
    const unlimited = { ...s, outboundRoutes: [] };
    expect((await runReport(simulate(unlimited), unlimited)).match(/<table class="kpis">/g)).toHaveLength(2);
  });

  it('sweep columns may name route KPIs: they read the first declared route, over the replications', () => {
    const runs = [1, 2, 3].map((seed) => simulate({ ...onEdge(), seed }, { intervals: false }).kpis);
    const [occupancy, waited] = parseColumns('lineOccupancy,dialsWaitedForLine');
    const cell = combine(runs);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(occupancy.pick(cell, null).mean).toBeCloseTo(mean(runs.map((k) => k.routes!.edge.lineOccupancy!)), 9);
    expect(waited.pick(cell, 'q').mean).toBeCloseTo(mean(runs.map((k) => k.routes!.edge.dialsWaitedForLine)), 9);
    expect(occupancy.pick(combine([simulate({ ...onEdge(), outboundRoutes: [] }, { intervals: false }).kpis]), null)).toBeUndefined();
  });
});

/** An Agent First queue on route `edge` of 2 lines, with 4 agents and more calls than the lines carry. */
function onEdge(): Scenario {
  return scenario({
    duration: 2 * HOUR,
    queues: [queue('q', { callback: callbackSettings({ mode: 'AgentFirst', outboundRoute: 'edge' }) })],
    agents: [agents('a', 4, ['q'])],
    inbound: [],
    callbackRequests: [requests('q', 60, constant(5 * MINUTE))],
    outboundRoutes: [{ id: 'edge', lines: 2 }],
    callee: callee({ outcomes: always('live') }),
  });
}
