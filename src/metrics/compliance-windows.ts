import type { ComplianceMinutes } from './compliance-minutes.js';
import { ratio } from './kpis.js';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const THIRTY_DAY_MINUTES = 30 * DAY_MINUTES;

/** What a compliance rate divides by: live answers, every answer that reached the queue, or (a group of queues) each queue's own. */
export type ComplianceDenominator = 'liveAnswers' | 'reachedQueue' | 'mixed';

/** One rule window: its span, its counts, its rate and whether it keeps the ceiling. */
export interface ComplianceWindow {
  /** ISO 8601 UTC. */
  start: string;
  /** ISO 8601 UTC (exclusive). */
  end: string;
  /** The denominator's count in the window. */
  answers: number;
  abandons: number;
  /** abandons / answers, or null when nothing was answered. */
  rate: number | null;
  /** The rate is at or under the ceiling (a window with no answers passes). */
  pass: boolean;
}

/**
 * The compliance measure of a queue, a drop group or all queues, in the
 * regulators' windows: the whole counted run; the US measure, each
 * successive 30-day period from the start of the counted run and the part
 * period at its end (the whole run when it is shorter than 30 days); the UK
 * measure, the worst rolling 24 hours (stepped by the minute; the whole run
 * when it is shorter), and the consecutive days for reference.
 */
export interface ComplianceWindows {
  ceiling: number;
  denominator: ComplianceDenominator;
  run: ComplianceWindow;
  us30d: ComplianceWindow[];
  /** The 30-day period with the highest rate (the first of equals), or null when none had an answer. */
  us30dWorst: ComplianceWindow | null;
  /** The rolling 24 hours with the highest rate (the earliest of equals), or null when none had an answer. */
  uk24hWorst: ComplianceWindow | null;
  /** Consecutive 24-hour days of the counted run (the last may be part of a day). */
  uk24hDaily: ComplianceWindow[];
  /** Every window keeps the ceiling: the run, every 30-day period and the worst 24 hours. */
  pass: boolean;
}

/** Where the counted run lies: its start (ms, the warm-up's end), its length (ms) and the epoch ms of time 0. */
export interface CountedRun {
  origin: number;
  length: number;
  startEpochMs: number;
}

/** The compliance windows of `minutes` over the counted run, judged against `ceiling`. */
export function complianceWindows(minutes: ComplianceMinutes, run: CountedRun, ceiling: number, denominator: ComplianceDenominator): ComplianceWindows {
  const total = Math.max(1, Math.ceil(run.length / MINUTE));
  const answers = prefix(minutes.answers, total);
  const abandons = prefix(minutes.abandons, total);
  const at = (m: number) => new Date(run.startEpochMs + run.origin + Math.min(m * MINUTE, run.length)).toISOString();
  const window = (from: number, to: number): ComplianceWindow => {
    const a = answers[to] - answers[from];
    const b = abandons[to] - abandons[from];
    const rate = ratio(b, a);
    return { start: at(from), end: at(to), answers: a, abandons: b, rate, pass: rate === null || rate <= ceiling };
  };
  const periods = (length: number) => Array.from({ length: Math.ceil(total / length) }, (_, k) => window(k * length, Math.min(total, (k + 1) * length)));
  const us30d = periods(THIRTY_DAY_MINUTES);
  const us30dWorst = worstOf(us30d);
  let uk24hWorst: ComplianceWindow | null;
  if (total <= DAY_MINUTES) uk24hWorst = worstOf([window(0, total)]);
  else {
    let best = -1;
    let worstRate = -1;
    for (let s = 0; s + DAY_MINUTES <= total; s++) {
      const a = answers[s + DAY_MINUTES] - answers[s];
      if (a === 0) continue;
      const r = (abandons[s + DAY_MINUTES] - abandons[s]) / a;
      if (r > worstRate) {
        worstRate = r;
        best = s;
      }
    }
    uk24hWorst = best < 0 ? null : window(best, best + DAY_MINUTES);
  }
  const whole = window(0, total);
  const pass = whole.pass && us30d.every((w) => w.pass) && (uk24hWorst?.pass ?? true);
  return { ceiling, denominator, run: whole, us30d, us30dWorst, uk24hWorst, uk24hDaily: periods(DAY_MINUTES), pass };
}

/** Cumulative sums: element m counts minutes 0 … m − 1. */
function prefix(counts: readonly number[], total: number): Float64Array {
  const out = new Float64Array(total + 1);
  for (let m = 0; m < total; m++) out[m + 1] = out[m] + (counts[m] ?? 0);
  return out;
}

function worstOf(windows: readonly ComplianceWindow[]): ComplianceWindow | null {
  let worst: ComplianceWindow | null = null;
  for (const w of windows) if (w.rate !== null && (worst === null || w.rate > worst.rate!)) worst = w;
  return worst;
}
