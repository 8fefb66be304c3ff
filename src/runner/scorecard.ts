/** How a scorecard scores policies: the best occupancy each reaches while it stays under the compliance ceiling. */
import { csvCell, csvNumber } from '../model/csv.js';
import { confidenceInterval, type Interval } from '../model/statistics.js';
import type { QueueKpis } from '../metrics/kpis.js';
import { scorecardSettings, type ScorecardPolicy } from './scorecard-plan.js';
import type { SweepManifest, SweepRow } from './sweep-plan.js';

/** The compliance windows a scorecard can judge by: the whole run, the worst 24 h, the worst 30 days. */
export const SCORECARD_WINDOWS = ['30d', '24h', 'run'] as const;

/** One of `SCORECARD_WINDOWS`. */
export type ScorecardWindow = (typeof SCORECARD_WINDOWS)[number];

const WINDOW_KPI: Record<ScorecardWindow, keyof QueueKpis> = {
  run: 'complianceAbandonRate',
  '24h': 'complianceAbandonRateMax24h',
  '30d': 'complianceAbandonRateMax30d',
};

/**
 * The compliance abandon rate of one run (all queues together) in `window`;
 * a run too short for the window is judged over the whole run, and a run with
 * no live answer has none to abandon (0).
 */
export function windowRate(total: QueueKpis, window: ScorecardWindow): number {
  const value = total[WINDOW_KPI[window]] as number | null;
  return value ?? total.complianceAbandonRate ?? 0;
}

/** One setting of a policy on one situation, over its replications. */
export interface ScorecardPoint {
  /** The knob's value (null for a policy run once). */
  value: number | string | null;
  label: string;
  replications: number;
  /** Agent occupancy, all agents. */
  occupancy: Interval;
  /** The compliance abandon rate in the scorecard's window. */
  complianceAbandonRate: Interval;
  /** Upper limit of the rate's 95 % interval (the mean when there is one replication). */
  complianceUpper: number;
  /** Whether the upper limit is at or under the ceiling. */
  underCeiling: boolean;
  /** Callbacks completed in the run. */
  completed: Interval;
  /** Mean time from a callback's creation to its connection, seconds (NaN when none connected). */
  timeToConnect: Interval;
}

/** One policy on one situation: every setting tried, and the best one under the ceiling (null when none is). */
export interface PolicyResult {
  policy: string;
  option: string | null;
  points: ScorecardPoint[];
  best: ScorecardPoint | null;
  /**
   * 1 + the policies clearly better on the situation (best occupancy higher by more than the two 95 %
   * half-widths together), so that policies the runs cannot tell apart share a rank; policies that
   * never stay under the ceiling come after all the others, by their lowest rate.
   */
  rank: number;
}

/** One situation of the scorecard, its policies in league order. */
export interface SituationResult {
  situation: string;
  file: string;
  scenario: string;
  ceiling: number;
  results: PolicyResult[];
}

/** A policy's standing over every situation. */
export interface OverallResult {
  policy: string;
  /** Situations where it ranks first under the ceiling (alone, or tied with policies the runs cannot tell from it); first among policies that all break the ceiling is no win. */
  wins: number;
  /** Mean rank over the situations. */
  meanRank: number;
  /** Situations where some setting stays under the ceiling. */
  underCeiling: number;
  /** Mean of its best occupancy over the situations where it stays under the ceiling (null if none). */
  meanBestOccupancy: number | null;
  rank: number;
}

const interval = (values: number[]): Interval => confidenceInterval(values.filter((v) => Number.isFinite(v)));

function point(label: string, value: number | string | null, rows: readonly SweepRow[], window: ScorecardWindow, ceiling: number): ScorecardPoint {
  const rate = interval(rows.map((r) => windowRate(r.kpis.total, window)));
  const complianceUpper = rate.mean + (rate.halfWidth ?? 0);
  return {
    value,
    label,
    replications: rows.length,
    occupancy: interval(rows.map((r) => r.kpis.agents.occupancy ?? NaN)),
    complianceAbandonRate: rate,
    complianceUpper,
    underCeiling: complianceUpper <= ceiling + 1e-12,
    completed: interval(rows.map((r) => r.kpis.total.completed)),
    timeToConnect: interval(rows.map((r) => r.kpis.total.timeToConnect ?? NaN)),
  };
}

/** Whether setting `a`'s occupancy is higher than `b`'s by more than their 95 % half-widths together (√(hw_a² + hw_b²)). */
export function clearlyBetter(a: ScorecardPoint, b: ScorecardPoint): boolean {
  const spread = Math.hypot(a.occupancy.halfWidth ?? 0, b.occupancy.halfWidth ?? 0);
  return a.occupancy.mean - b.occupancy.mean > spread;
}

/** Better of two settings under the ceiling: higher occupancy, then more callbacks completed. */
const better = (a: ScorecardPoint, b: ScorecardPoint) => b.occupancy.mean - a.occupancy.mean || b.completed.mean - a.completed.mean;

/** Scores the policies on one situation from its sweep's rows (each cell a setting, as `situationManifest` made them). */
export function scoreSituation(
  situation: { name: string; file: string; scenario: string; ceiling: number },
  manifest: SweepManifest,
  policies: readonly ScorecardPolicy[],
  rows: readonly SweepRow[],
  window: ScorecardWindow,
): SituationResult {
  const byCell = new Map<number, SweepRow[]>();
  // In replication order, whatever order the rows finished in: the same rows give the same bytes.
  for (const row of [...rows].sort((a, b) => a.replication - b.replication)) byCell.set(row.cell, [...(byCell.get(row.cell) ?? []), row]);
  const settings = scorecardSettings(policies);
  const results: PolicyResult[] = policies.map((p, i) => {
    const points = settings
      .map((s, cell) => ({ s, cell }))
      .filter(({ s, cell }) => s.policy === i && byCell.has(cell))
      .map(({ s, cell }) => point(manifest.cells[cell].label, s.value, byCell.get(cell)!, window, situation.ceiling));
    const under = points.filter((pt) => pt.underCeiling).sort(better);
    return { policy: p.label, option: p.knob?.option ?? null, points, best: under[0] ?? null, rank: 0 };
  });
  const lowest = (r: PolicyResult) => Math.min(...r.points.map((pt) => pt.complianceUpper));
  const ordered = [...results].sort((a, b) => {
    if (a.best && b.best) return better(a.best, b.best);
    if (a.best || b.best) return a.best ? -1 : 1;
    return lowest(a) - lowest(b);
  });
  // A policy under the ceiling ranks after those whose best occupancy is higher by more than the two 95 % half-widths
  // together (so policies the runs cannot tell apart share a rank); one over it, after every policy under it.
  const under = ordered.filter((r) => r.best !== null);
  ordered.forEach((r, i) => {
    if (r.best === null) r.rank = i + 1;
    else r.rank = 1 + under.filter((o) => clearlyBetter(o.best!, r.best!)).length;
  });
  return { situation: situation.name, file: situation.file, scenario: situation.scenario, ceiling: situation.ceiling, results: ordered };
}

/** Every policy's standing over the situations: by wins, then mean rank, then mean best occupancy. */
export function overallStanding(situations: readonly SituationResult[], policies: readonly ScorecardPolicy[]): OverallResult[] {
  const standing = policies.map((p): OverallResult => {
    const mine = situations.map((s) => s.results.find((r) => r.policy === p.label)!);
    const bests = mine.flatMap((r) => (r.best ? [r.best.occupancy.mean] : []));
    return {
      policy: p.label,
      wins: mine.filter((r) => r.rank === 1 && r.best !== null).length,
      meanRank: mine.reduce((sum, r) => sum + r.rank, 0) / Math.max(1, mine.length),
      underCeiling: bests.length,
      meanBestOccupancy: bests.length === 0 ? null : bests.reduce((a, b) => a + b, 0) / bests.length,
      rank: 0,
    };
  });
  standing.sort((a, b) => b.wins - a.wins || a.meanRank - b.meanRank || (b.meanBestOccupancy ?? -1) - (a.meanBestOccupancy ?? -1));
  standing.forEach((s, i) => (s.rank = i + 1));
  return standing;
}


/** scorecard.csv: one line per situation, policy and setting, with the policy's best setting marked. */
export function scorecardCsv(situations: readonly SituationResult[]): string {
  const header = [
    'situation', 'policy', 'option', 'value', 'replications', 'occupancy', 'occupancy_halfWidth', 'complianceAbandonRate', 'complianceAbandonRate_halfWidth',
    'complianceUpper', 'underCeiling', 'completed', 'timeToConnect', 'best', 'rank',
  ];
  const lines = situations.flatMap((s) =>
    s.results.flatMap((r) =>
      r.points.map((pt) =>
        [
          csvCell(s.situation), csvCell(r.policy), csvCell(r.option ?? ''), csvCell(pt.value === null ? '' : String(pt.value)), String(pt.replications),
          csvNumber(pt.occupancy.mean), csvNumber(pt.occupancy.halfWidth), csvNumber(pt.complianceAbandonRate.mean), csvNumber(pt.complianceAbandonRate.halfWidth),
          csvNumber(pt.complianceUpper), String(pt.underCeiling), csvNumber(pt.completed.mean), csvNumber(pt.timeToConnect.mean), String(pt === r.best), String(r.rank),
        ].join(','),
      ),
    ),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** The scorecard as one document: `scorecard.json`, and what `--json` prints. */
export interface ScorecardDocument {
  format: 1;
  kind: 'cbsim scorecard';
  version: string;
  window: ScorecardWindow;
  replications: number;
  engine: string;
  /** The horizon override, if any. */
  duration: string | null;
  policies: ScorecardPolicy[];
  situations: SituationResult[];
  overall: OverallResult[];
}
