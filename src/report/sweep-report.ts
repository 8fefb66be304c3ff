/** The report of a sweep directory: settings, the KPIs of every cell, and charts. */
import { formatDuration } from '../model/duration.js';
import { ABANDON_CEILING } from '../model/regulation.js';
import type { Scenario } from '../model/scenario.js';
import type { SweepManifest, SweepRow } from '../runner/sweep-plan.js';
import { attemptsChartSpec, bandChartSpec, timeChartSpec } from './chart-specs.js';
import { escapeHtml } from './escape.js';
import { prosePercent } from './format.js';
import { charts, facts, figure, note, page, type PageSection } from './page.js';
import { attemptsBars, hasProfileData, profilePoints } from './series.js';
import { scenarioFacts } from './settings.js';
import { renderSvg } from './svg.js';
import { axisName, bandPoints, chartAxes, featuredCells, queueOf, summarizeCells, type ReportCell } from './sweep-cells.js';
import { sweepTable } from './tables.js';

/** Options of a sweep report. */
export interface SweepReportOptions {
  /** Queue whose KPIs the table and charts show (default: all queues together). */
  queue?: string;
  /** Cells (by index) whose day profile and attempts are drawn (default: the first, middle and last). */
  cells?: number[];
  /** The sweep's scenario, when it could be loaded: adds its start, horizon and settings. */
  scenario?: Scenario;
}

/** Explains the intervals, under the title. */
const ESTIMATES = 'Every KPI is the mean over replications ± the half-width of its 95 % confidence interval (Student t); every cell uses the same replication seeds (common random numbers).';

/**
 * Makes the self-contained HTML report of a sweep (`sweep.json` and the rows
 * of `rows.jsonl`): the same manifest and rows always give the same bytes,
 * whatever order the rows were written in.
 */
export async function sweepReport(manifest: SweepManifest, rows: readonly SweepRow[], options: SweepReportOptions = {}): Promise<string> {
  const cells = summarizeCells(manifest, rows);
  const finished = cells.reduce((s, c) => s + c.rows.length, 0);
  const planned = manifest.cells.length * manifest.replications;
  const scenario = options.scenario;
  const horizon = manifest.duration ?? (scenario ? formatDuration(scenario.duration) : null);
  const header = {
    title: manifest.scenario,
    lines: [
      `Sweep of ${manifest.file}: ${manifest.cells.length} cells × ${manifest.replications} replications${finished < planned ? ` (${finished} of ${planned} runs finished)` : ''} · seed ${manifest.seed} · engine ${manifest.engine}`,
      `${horizon ? `${horizon} simulated` : 'the scenario’s horizon simulated'}${scenario ? ` from ${scenario.start}, warmup ${formatDuration(scenario.warmup)}` : ''}${options.queue ? ` · queue ${options.queue}` : ''}`,
      ESTIMATES,
    ],
  };
  const settings: Array<[string, string]> = [
    ['scenario file', `<code>${escapeHtml(manifest.file)}</code>`],
    ['seed', `${escapeHtml(String(manifest.seed))} (replication seeds ${escapeHtml(manifest.seeds.join(', '))})`],
    ['engine', escapeHtml(manifest.engine)],
    ...manifest.axes.map((a): [string, string] => [`swept ${axisName(a)}`, `<code>${escapeHtml(a.path)}</code> = ${escapeHtml(a.values.join(', '))}`]),
    ...(manifest.duration ? [['duration override', escapeHtml(manifest.duration)] as [string, string]] : []),
    ...(scenario ? scenarioFacts(scenario) : []),
  ];
  const sections: PageSection[] = [
    {
      title: 'Settings',
      html: `${facts(settings)}\n${note(scenario ? 'The scenario’s settings are those of its file; in each cell the swept fields take the cell’s values.' : 'The scenario file could not be read, so only the sweep’s own settings are shown.')}`,
    },
    { title: 'KPIs by cell', html: kpiSection(manifest, cells, options.queue) },
    { title: 'Charts', html: await chartSection(manifest, cells, options) },
  ];
  return page(header, sections);
}

function kpiSection(manifest: SweepManifest, cells: readonly ReportCell[], queue?: string): string {
  const rows = cells.map((c) => ({
    values: c.values,
    replications: c.rows.length,
    queue: c.kpis ? ((queueOf(c.kpis, queue) ?? null) as Record<string, unknown> | null) : null,
    agents: c.kpis ? (c.kpis.agents as unknown as Record<string, unknown>) : null,
  }));
  const scope = queue ? `Queue ${queue}` : 'All queues together';
  return `${note(`${scope}; occupancy of all agents. Abandon-after-answer rates at or under ${prosePercent(ABANDON_CEILING)} are green, over it red.`)}\n${sweepTable(manifest.axes.map(axisName), rows)}`;
}

async function chartSection(manifest: SweepManifest, cells: readonly ReportCell[], options: SweepReportOptions): Promise<string> {
  const figures: string[] = [];
  const axes = chartAxes(manifest.axes);
  if (axes) {
    const xAxis = manifest.axes[axes.x];
    const xTitle = `${axisName(xAxis)} (${xAxis.path})`;
    const seriesTitle = axes.series.map((i) => axisName(manifest.axes[i])).join(' ');
    const abandon = bandPoints(cells, manifest.axes, axes, (k) => queueOf(k, options.queue)?.abandonAfterAnswerRate);
    const occupancy = bandPoints(cells, manifest.axes, axes, (k) => k.agents.occupancy);
    const band = axes.xNumeric ? 'shaded band' : 'error bars';
    if (abandon.length > 0) {
      const svg = await renderSvg(
        bandChartSpec(abandon, { xTitle, yTitle: 'abandon-after-answer rate', seriesTitle, xNumeric: axes.xNumeric, yFormat: '.1%', ceiling: { value: ABANDON_CEILING, label: `${prosePercent(ABANDON_CEILING)} ceiling` } }),
        'chart-abandon',
      );
      figures.push(figure(svg, `Abandon-after-answer rate by ${axisName(xAxis)}`, `Share of customer answers that hung up waiting for an agent: mean and 95 % confidence interval (${band}).`, 'chart-abandon'));
    } else {
      figures.push(note('No customer answered a Customer First dial in any cell, so there is no abandon-after-answer rate to draw.'));
    }
    if (occupancy.length > 0) {
      const svg = await renderSvg(bandChartSpec(occupancy, { xTitle, yTitle: 'agent occupancy', seriesTitle, xNumeric: axes.xNumeric, yFormat: '.0%' }), 'chart-occupancy');
      figures.push(figure(svg, `Agent occupancy by ${axisName(xAxis)}`, `Busy time as a share of on-queue time, all agents: mean and 95 % confidence interval (${band}).`, 'chart-occupancy'));
    }
  }
  const featured = featuredCells(cells, options.cells);
  for (const c of featured) {
    const points = profilePoints(
      c.rows.map((r) => r.profile),
      options.queue,
    );
    if (!hasProfileData(points)) continue;
    const svg = await renderSvg(timeChartSpec(points, { xTitle: 'local time of day', xFormat: '%H:%M', step: true, panels: true }), `chart-day-${c.cell.index}`);
    figures.push(
      figure(svg, `Over the day: ${c.cell.label || 'the scenario'}`, `Interactions waiting for an agent and callbacks waiting to be dialed at the start of each half hour, and mean dials in flight, averaged over the days of the run and ${c.rows.length} replication(s).`, `chart-day-${c.cell.index}`),
    );
  }
  const bars = attemptsBars(featured.map((c) => ({ group: c.cell.label || 'the scenario', distribution: queueOf(c.kpis!, options.queue)?.attemptsDistribution ?? [] })));
  if (bars.length > 0) {
    const svg = await renderSvg(attemptsChartSpec(bars), 'chart-attempts');
    figures.push(figure(svg, 'Attempts per callback', 'Ended callbacks by the number of attempts they made (mean counts over replications, as shares of ended callbacks).', 'chart-attempts'));
  }
  if (figures.length === 0) return note('No finished rows to draw.');
  return charts(figures);
}
