import { confidenceInterval, studentTCdf, studentTQuantile, type Interval } from '../model/statistics.js';
import type { SweepManifest, SweepRow } from './sweep-plan.js';

/** What the tuner maximises (or minimises, for times). */
export type TuneObjective = 'occupancy' | 'completed' | 'timeToConnect';

/** Which abandon-after-answer rate must stay under the ceiling. */
export type AbandonWindow = 'run' | '24h' | '30d';

/** Which abandons count: the regulators' compliance abandons (no agent within the threshold), or the customers who hung up waiting. */
export type AbandonMeasure = 'compliance' | 'true';

/**
 * The window a tune holds under the ceiling: the one asked for, else the US
 * measure, the worst 30-day period (the whole run when it counts less than
 * 30 days, as the rule measures a shorter campaign); the true abandon rate
 * has no 30-day value on such a run, so its default is then the whole run.
 */
export function tuneWindow(asked: AbandonWindow | undefined, measure: AbandonMeasure, thirtyDays: boolean): AbandonWindow {
  if (asked !== undefined) return asked;
  return measure === 'true' && !thirtyDays ? 'run' : '30d';
}

/** The tuner's question. */
export interface TuneGoal {
  queue: string;
  /** Ceiling of the abandon rate (0–1). */
  maxAbandon: number;
  /** Which abandons count (default the compliance measure). */
  measure?: AbandonMeasure;
  window: AbandonWindow;
  objective: TuneObjective;
  /** Agent groups serving the queue (for occupancy). */
  groups: readonly string[];
}

/** One candidate setting, judged. */
export interface TuneCandidate {
  cell: number;
  label: string;
  abandon: Interval;
  /** Upper bound of the 95 % interval of the abandon rate (a one-sided 97.5 % bound). */
  abandonUpper: number | null;
  /** One-sided confidence that the true abandon rate is under the ceiling. */
  confidenceUnder: number | null;
  objective: Interval;
  feasible: boolean;
}

/** The tuner's answer. */
export interface TuneResult {
  goal: TuneGoal;
  candidates: TuneCandidate[];
  /** The chosen candidate, or null when none keeps the ceiling with confidence. */
  best: TuneCandidate | null;
  /** The next best feasible candidate and how much better the best is than it (paired over the same seeds). */
  runnerUp: { candidate: TuneCandidate; difference: Interval } | null;
}

/** The KPI of each measure and window. */
const abandonKey = {
  true: { run: 'abandonAfterAnswerRate', '24h': 'abandonAfterAnswerRateMax24h', '30d': 'abandonAfterAnswerRateMax30d' },
  compliance: { run: 'complianceAbandonRate', '24h': 'complianceAbandonRateMax24h', '30d': 'complianceAbandonRateMax30d' },
} as const satisfies Record<AbandonMeasure, Record<AbandonWindow, string>>;

/** The objective of one replication (higher is better: times are negated). */
function objectiveOf(row: SweepRow, goal: TuneGoal): number | null {
  const q = row.kpis.queues[goal.queue];
  switch (goal.objective) {
    case 'occupancy': {
      let busy = 0;
      let staffed = 0;
      for (const g of goal.groups) {
        const k = row.kpis.agents.groups[g];
        if (!k) continue;
        busy += k.busyHours;
        staffed += k.staffedHours;
      }
      return staffed > 0 ? busy / staffed : null;
    }
    case 'completed':
      return q.completed;
    case 'timeToConnect':
      return q.timeToConnect === null ? null : -q.timeToConnect;
  }
}

/** Judges every cell of a sweep against the goal and picks the best setting that keeps the ceiling. */
export function tune(manifest: SweepManifest, rows: readonly SweepRow[], goal: TuneGoal): TuneResult {
  const byCell = new Map<number, SweepRow[]>();
  for (const row of rows) byCell.set(row.cell, [...(byCell.get(row.cell) ?? []), row]);
  const objectiveByCell = new Map<number, Map<number, number>>();
  const candidates = manifest.cells
    .filter((cell) => byCell.has(cell.index))
    .map((cell): TuneCandidate => {
      const cellRows = byCell.get(cell.index)!;
      const abandonValues = cellRows.map((r) => r.kpis.queues[goal.queue][abandonKey[goal.measure ?? 'compliance'][goal.window]]).filter((v): v is number => v !== null);
      const objectives = new Map<number, number>();
      for (const r of cellRows) {
        const v = objectiveOf(r, goal);
        if (v !== null) objectives.set(r.replication, v);
      }
      objectiveByCell.set(cell.index, objectives);
      const abandon = confidenceInterval(abandonValues);
      const abandonUpper = abandon.halfWidth === null ? null : abandon.mean + abandon.halfWidth;
      let confidenceUnder: number | null = null;
      if (abandon.n >= 2 && abandon.halfWidth !== null) {
        const standardError = abandon.halfWidth / studentTQuantile(0.975, abandon.n - 1);
        confidenceUnder =
          standardError > 0 ? studentTCdf((goal.maxAbandon - abandon.mean) / standardError, abandon.n - 1) : abandon.mean < goal.maxAbandon ? 1 : 0;
      }
      const raw = confidenceInterval([...objectives.values()]);
      const objective = goal.objective === 'timeToConnect' ? { ...raw, mean: -raw.mean } : raw;
      return { cell: cell.index, label: cell.label, abandon, abandonUpper, confidenceUnder, objective, feasible: abandonUpper !== null && abandonUpper <= goal.maxAbandon };
    });
  const score = (c: TuneCandidate) => (goal.objective === 'timeToConnect' ? -c.objective.mean : c.objective.mean);
  const feasible = candidates.filter((c) => c.feasible && c.objective.n > 0).sort((a, b) => score(b) - score(a) || a.cell - b.cell);
  const best = feasible[0] ?? null;
  let runnerUp: TuneResult['runnerUp'] = null;
  if (best && feasible[1]) {
    const a = objectiveByCell.get(best.cell)!;
    const b = objectiveByCell.get(feasible[1].cell)!;
    const paired = [...a.keys()].filter((r) => b.has(r)).map((r) => a.get(r)! - b.get(r)!);
    const d = confidenceInterval(paired);
    runnerUp = { candidate: feasible[1], difference: goal.objective === 'timeToConnect' ? { ...d, mean: -d.mean } : d };
  }
  return { goal, candidates, best, runnerUp };
}
