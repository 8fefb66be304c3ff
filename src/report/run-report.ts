/** The report of one run, or of replications of one run: settings, KPI tables and charts. */
import { dayProfile, type ProfileSlot } from '../metrics/day-profile.js';
import { LocalCalendar } from '../model/calendar.js';
import type { Scenario } from '../model/scenario.js';
import type { Interval } from '../model/statistics.js';
import type { ReplicatedResult } from '../runner/replicate.js';
import type { RunResult } from '../runner/simulate.js';
import { attemptsChartSpec, timeChartSpec } from './chart-specs.js';
import { complianceSection } from './compliance-section.js';
import { escapeHtml } from './escape.js';
import { charts, facts, figure, note, page, type PageSection } from './page.js';
import { attemptsBars, hasProfileData, intervalPoints, profilePoints, type AttemptsDistribution } from './series.js';
import { scenarioFacts } from './settings.js';
import { renderSvg } from './svg.js';
import { kpiTable, type KpiColumn } from './tables.js';

/** Options of the report of a run. */
export interface RunReportOptions {
  /** Queue whose day profile and attempts are drawn (default: all queues together). */
  queue?: string;
  /** Day profiles of the replications of a replicated result (it does not carry them itself). */
  profiles?: ProfileSlot[][];
}

type Result = RunResult | ReplicatedResult;
type Kpis = Record<string, unknown>;

const isReplicated = (r: Result): r is ReplicatedResult => 'replications' in r;

/**
 * Makes the self-contained HTML report of one run (with its day profile and
 * 30-minute intervals when it has them) or of replicated runs (every KPI as
 * mean ± 95 % half-width). With the scenario, the report lists its settings
 * and can fold a run's intervals into a day profile.
 */
export async function runReport(result: Result, scenario?: Scenario, options: RunReportOptions = {}): Promise<string> {
  const s = result.scenario;
  const replicated = isReplicated(result);
  const header = {
    title: s.name,
    lines: [
      replicated
        ? `${result.replications} replications (seeds derived from seed ${s.seed}) · engine ${result.engine}`
        : `One run · seed ${s.seed} · engine ${result.engine}`,
      `${s.duration} simulated from ${s.start}, warmup ${s.warmup}${s.timeZone ? ` (${s.timeZone})` : ''}`,
      ...(replicated ? ['Every KPI is the mean over replications ± the half-width of its 95 % confidence interval (Student t).'] : []),
    ],
  };
  const settings: Array<[string, string]> = scenario
    ? scenarioFacts(scenario)
    : [
        ['start', escapeHtml(s.start)],
        ['horizon', `${escapeHtml(s.duration)}, warmup ${escapeHtml(s.warmup)}`],
      ];
  const sections: PageSection[] = [
    { title: 'Settings', html: facts([['seed', escapeHtml(String(s.seed))], ['engine', escapeHtml(result.engine)], ...settings]) },
    { title: 'KPIs', html: kpiSection(result) },
    { title: 'Charts', html: await chartSection(result, scenario, options) },
  ];
  const compliance = isReplicated(result) ? null : await complianceSection(result.kpis.complianceWindows, result.intervals, calendarFor(result, scenario));
  if (compliance) sections.splice(2, 0, { title: 'Compliance', html: compliance });
  return page(header, sections);
}

function kpiSection(result: Result): string {
  const kpis = result.kpis as unknown as { queues: Record<string, Kpis>; total: Kpis; agents: Kpis & { groups: Record<string, Kpis> }; routes?: Record<string, Kpis> };
  const queues: KpiColumn[] = Object.entries(kpis.queues).map(([id, q]) => ({ title: id, queue: q }));
  if (queues.length > 1) queues.push({ title: 'all queues', queue: kpis.total });
  const groups = Object.entries(kpis.agents.groups);
  const agents: KpiColumn[] = groups.length > 1 ? [...groups.map(([g, a]) => ({ title: g, agents: a })), { title: 'all agents', agents: kpis.agents }] : [{ title: groups[0]?.[0] ?? 'agents', agents: kpis.agents }];
  const routes: KpiColumn[] = Object.entries(kpis.routes ?? {}).map(([id, r]) => ({ title: id, route: r }));
  return routes.length === 0 ? `${kpiTable(queues)}\n${kpiTable(agents)}` : `${kpiTable(queues)}\n${kpiTable(agents)}\n${kpiTable(routes)}`;
}

async function chartSection(result: Result, scenario: Scenario | undefined, options: RunReportOptions): Promise<string> {
  const figures: string[] = [];
  const calendar = calendarFor(result, scenario);
  const profiles = isReplicated(result) ? (options.profiles ?? []) : profileOf(result, calendar);
  const points = profilePoints(profiles, options.queue);
  if (hasProfileData(points)) {
    const svg = await renderSvg(timeChartSpec(points, { xTitle: 'local time of day', xFormat: '%H:%M', step: true, panels: true }), 'chart-day');
    const over = profiles.length > 1 ? ` and ${profiles.length} replications` : '';
    figures.push(figure(svg, 'Over the day', `Interactions waiting for an agent and callbacks waiting to be dialed at the start of each half hour, and mean dials in flight, averaged over the days of the run${over}.`, 'chart-day'));
  }
  const queueKpis = (options.queue === undefined ? result.kpis.total : result.kpis.queues[options.queue]) as { attemptsDistribution?: number[] | Interval[] } | undefined;
  const bars = attemptsBars([{ group: 'callbacks', distribution: (queueKpis?.attemptsDistribution ?? []) as AttemptsDistribution }]);
  if (bars.length > 0) {
    const svg = await renderSvg(attemptsChartSpec(bars), 'chart-attempts');
    const what = isReplicated(result) ? 'mean counts over replications, with 95 % confidence intervals' : 'one run';
    figures.push(figure(svg, 'Attempts per callback', `Ended callbacks by the number of attempts they made, as shares of ended callbacks (${what}).`, 'chart-attempts'));
  }
  if (!isReplicated(result) && result.intervals && result.intervals.length > 0) {
    const series = intervalPoints(result.intervals, calendar);
    if (series.length > 0) {
      const svg = await renderSvg(timeChartSpec(series, { xTitle: 'local time', yTitle: 'share', yFormat: '.0%' }), 'chart-intervals');
      figures.push(figure(svg, 'Service level and occupancy by interval', 'Every 30-minute interval of the counted run: the share of inbound calls answered within the service level (of those answered or abandoned), and agent occupancy.', 'chart-intervals'));
    }
  }
  if (figures.length === 0) return note('Nothing to draw: the run has neither a day profile nor intervals nor ended callbacks.');
  return charts(figures);
}

/** The local calendar of a result: its scenario's, else the one its start names. */
function calendarFor(result: Result, scenario: Scenario | undefined): LocalCalendar {
  return scenario ? new LocalCalendar(scenario.startEpochMs, scenario.utcOffsetMinutes, scenario.timeZone) : calendarOf(result.scenario);
}

/** A run's day profile: its own, or folded from its intervals. */
function profileOf(result: RunResult, calendar: LocalCalendar): ProfileSlot[][] {
  if (result.profile) return [result.profile];
  if (result.intervals && result.intervals.length > 0) return [dayProfile(result.intervals, calendar)];
  return [];
}

/** The local calendar of a result without its scenario: the fixed offset of its start (or its zone, when named). */
export function calendarOf(s: RunResult['scenario']): LocalCalendar {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(s.start);
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new LocalCalendar(Date.parse(s.start), offset, s.timeZone ?? undefined);
}
