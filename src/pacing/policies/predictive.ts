import * as z from 'zod';
import type { PacingOutcome, PacingPolicy, PacingView } from '../contract.js';
import type { BuiltinPolicy } from './builtin-policy.js';
import { expectedOverflowWithFreeing } from './overflow-model.js';

/** Resolved dials in the recent window below which the hit rate is taken over the whole run instead. */
const RECENT_ENOUGH = 50;
/** Resolved dials below which the policy assumes every dial answers live (it dials one per free agent). */
const FIRST_DIALS = 20;
/** Mean ms from dial to its outcome assumed before the first outcome. */
const DEFAULT_DELAY = 15_000;
/** The shortest measured answer delay used, ms (a delay of 0 would predict no answers at all). */
const MIN_DELAY = 1000;
/** Times at which the model compares live answers so far with agents free by then. */
const STEPS = 4;
/** The model looks this many mean answer delays ahead. */
const HORIZON = 2;
/** Live answers over which the observed abandon rate of the correction is measured (weights fade by 1/this an answer). */
const CORRECTION_ANSWERS = 500;
/** Dials over which the modelled rate of the correction is averaged. */
const CORRECTION_DIALS = 1000;
/** Pseudo-answers at the modelled rate in the observed rate, so that the first answers do not swing the correction. */
const PRIOR_ANSWERS = 100;
/** Bounds of the correction. */
const MIN_CORRECTION = 0.5;
const MAX_CORRECTION = 1000;

const optionsSchema = z.strictObject({
  target: z.number().min(0.001).max(0.2).optional().describe('the predicted compliance abandon rate each decision stays under (default 0.025)'),
  margin: z.number().min(0).max(0.9).optional().describe('safety margin: the decision holds the prediction under target × (1 − margin) (default 0)'),
  answerDelay: z.number().min(0).max(600).optional().describe('mean seconds from dial to answer to assume (default: the mean time from dial to outcome, measured by Little’s law)'),
  threshold: z.number().min(0).max(60).optional().describe('seconds an answered customer may wait for an agent before it is an abandon, added to the answer delay (default 2, the compliance threshold)'),
  maxLinesPerAgent: z.number().min(1).max(15).optional().describe('at most this many dials in flight per online agent (default 10)'),
});

/** The options of `predictive`, defaults filled in. */
export interface PredictiveSettings {
  readonly target: number;
  readonly margin: number;
  readonly answerDelay: number | null;
  readonly threshold: number;
  readonly maxLinesPerAgent: number;
}

/** `predictive`'s defaults. */
export const PREDICTIVE_DEFAULTS: PredictiveSettings = { target: 0.025, margin: 0, answerDelay: null, threshold: 2, maxLinesPerAgent: 10 };

/** What the model saw and predicted at a decision. */
export interface Prediction {
  /** Live-answer probability of a dial. */
  readonly hitRate: number;
  /** Mean ms from dial to answer assumed. */
  readonly delay: number;
  /** Agents expected free by the worst moment: idle − waiting + busy × (1 − e^(−(t + threshold) / handle time)). */
  readonly agents: number;
  /** Dials ringing after the decision. */
  readonly ringing: number;
  /** The model's share of their live answers that find no agent. */
  readonly modelRate: number;
  /** Observed ÷ modelled compliance abandons of the recent dials: the correction applied to the model. */
  readonly correction: number;
  /** Predicted share of their live answers that find no agent: correction × modelRate. */
  readonly rate: number;
}

/**
 * `predictive`: a model-based policy. With n dials ringing, each answering
 * live with probability p (hit rate so far), and A agents expected free when
 * they answer (idle agents not claimed by a waiting customer, plus each busy
 * agent with probability 1 − e^(−w/h) of finishing within w, the answer
 * delay plus the threshold, h the mean handle time), the live answers that
 * find no agent are E[max(0, L − A)], L ~ Binomial(n, p); it rings the
 * largest n whose predicted rate E[max(0, L − A)] / (n p) stays under
 * target × (1 − margin). docs/pacing.md derives it.
 */
export class PredictivePacing implements PacingPolicy {
  private ringing = 0;
  private since = 0;
  private area = 0;
  private resolved = 0;
  private last: Prediction = { hitRate: 1, delay: 0, agents: 0, ringing: 0, modelRate: 0, correction: 1, rate: 0 };
  /** Live answers and compliance abandons seen, fading by (1 − 1/CORRECTION_ANSWERS) a live answer. */
  private answersSeen = 0;
  private abandonsSeen = 0;
  /** Dials made and the sum of their modelled rates, fading by (1 − 1/CORRECTION_DIALS) a dial. */
  private dialsMade = 0;
  private modelledSum = 0;
  private lastLevel = 0;

  constructor(private readonly s: PredictiveSettings) {}

  /** What the model saw and predicted at the last decision. */
  prediction(): Prediction {
    return this.last;
  }

  /** The dial level: dials ringing per online agent after the last decision. */
  level(): number {
    return this.lastLevel;
  }

  observe(outcome: PacingOutcome): void {
    const t = outcome.t;
    if (outcome.type === 'dialed') this.advance(t, 1);
    else if (outcome.type === 'complianceAbandoned') this.abandonsSeen++;
    if (outcome.type === 'liveAnswer') {
      this.answersSeen = this.answersSeen * (1 - 1 / CORRECTION_ANSWERS) + 1;
      this.abandonsSeen *= 1 - 1 / CORRECTION_ANSWERS;
    }
    if (outcome.type === 'liveAnswer' || outcome.type === 'machineAnswer' || outcome.type === 'unanswered') {
      this.advance(t, -1);
      this.resolved++;
    }
  }

  private advance(t: number, change: number): void {
    this.area += this.ringing * (t - this.since);
    this.since = t;
    this.ringing = Math.max(0, this.ringing + change);
  }

  /** Live answers per resolved dial: over the recent window when it holds enough, else the whole run; 1 before the first dials resolve. */
  hitRate(view: PacingView): number {
    const recent = view.recent.liveAnswers + view.recent.machineAnswers + view.recent.unanswered;
    if (recent >= RECENT_ENOUGH) return view.recent.liveAnswers / recent;
    const total = view.totals.liveAnswers + view.totals.machineAnswers + view.totals.unanswered;
    return total >= FIRST_DIALS ? view.totals.liveAnswers / total : 1;
  }

  /** The mean answer delay, ms: the `answerDelay` option, else the mean time from a dial to its outcome by Little's law (time-average ringing ÷ dial rate = area ÷ resolved dials), at least 1 s. */
  answerDelay(): number {
    if (this.s.answerDelay !== null) return this.s.answerDelay * 1000;
    return this.resolved === 0 ? DEFAULT_DELAY : Math.max(MIN_DELAY, this.area / this.resolved);
  }

  /**
   * The model's prediction for `ringing` dials in flight in the situation
   * `view` shows: the worst, over times t up to twice the answer delay d, of
   * E[max(0, L(t) − A(t))] / (ringing × p), with L(t) ~ Binomial(ringing,
   * p × min(1, t / 2d)) the live answers by t (answer times taken as uniform
   * over 0 … 2d) and A(t) the agents free by t + threshold.
   */
  predict(view: PacingView, ringing: number): Prediction {
    const hitRate = this.hitRate(view);
    const delay = this.answerDelay();
    const threshold = this.s.threshold * 1000;
    const h = view.meanHandleTime;
    const free = view.idleAgents - view.waitingForAgent;
    let rate = 0;
    let agents = free;
    for (let k = 1; k <= STEPS && ringing > 0; k++) {
      const t = (HORIZON * delay * k) / STEPS;
      const q = h === null || h <= 0 ? 0 : 1 - Math.exp(-(t + threshold) / h);
      const byThen = free + view.busyAgents * q;
      const share = expectedOverflowWithFreeing(ringing, hitRate * (1 - Math.exp(-t / delay)), free, view.busyAgents, q) / (ringing * hitRate);
      if (share >= rate) {
        rate = share;
        agents = byThen;
      }
    }
    const correction = this.correction();
    return { hitRate, delay, agents, ringing, modelRate: rate, correction, rate: Math.min(1, correction * rate) };
  }

  /**
   * The observed compliance abandon rate of the recent answers over the
   * mean modelled rate of the recent dials (1 before any dial; the observed
   * rate counts PRIOR_ANSWERS pseudo-answers at the modelled rate), within
   * MIN_CORRECTION … MAX_CORRECTION.
   */
  correction(): number {
    if (this.dialsMade === 0) return 1;
    const modelled = Math.max(1e-6, this.modelledSum / this.dialsMade);
    const observed = (this.abandonsSeen + PRIOR_ANSWERS * modelled) / (this.answersSeen + PRIOR_ANSWERS);
    return Math.min(MAX_CORRECTION, Math.max(MIN_CORRECTION, observed / modelled));
  }

  bound(view: PacingView): number {
    return view.waitingForAgent + this.last.ringing;
  }

  decide(view: PacingView): number {
    this.advance(view.now, 0);
    const now = Math.max(0, view.inFlight - view.waitingForAgent);
    this.ringing = now;
    const limit = this.s.target * (1 - this.s.margin);
    const cap = Math.max(now, Math.min(now + view.readyToDial, Math.floor(this.s.maxLinesPerAgent * view.onlineAgents + 1e-9) - view.waitingForAgent));
    // Gallop up from the dials ringing (the answer is usually a few more), then halve the last gap.
    let lo = now;
    let step = 1;
    while (lo < cap && this.predict(view, Math.min(cap, lo + step)).rate <= limit) {
      lo = Math.min(cap, lo + step);
      step *= 2;
    }
    let hi = Math.min(cap, lo + step) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.predict(view, mid).rate <= limit) lo = mid;
      else hi = mid - 1;
    }
    this.last = this.predict(view, lo);
    for (let i = now; i < lo; i++) {
      this.dialsMade = this.dialsMade * (1 - 1 / CORRECTION_DIALS) + 1;
      this.modelledSum = this.modelledSum * (1 - 1 / CORRECTION_DIALS) + this.last.modelRate;
    }
    this.lastLevel = view.onlineAgents > 0 ? lo / view.onlineAgents : 0;
    return lo - now;
  }
}

/** The `predictive` built-in. */
export const predictivePolicy: BuiltinPolicy = {
  factory: (options) => new PredictivePacing({ ...PREDICTIVE_DEFAULTS, ...(options as Partial<PredictiveSettings>) }),
  optionsSchema,
  summary: 'rings the most dials whose predicted compliance abandon rate (binomial live answers over agents expected free) stays under a target',
};
