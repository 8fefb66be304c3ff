import { z } from 'zod';
import type { PacingOutcome, PacingPolicy, PacingView } from '../contract.js';
import type { BuiltinPolicy } from './builtin-policy.js';
import { overflowRate } from './overflow-model.js';

/** Resolved dials in the recent window below which the hit rate is taken over the whole run instead. */
const RECENT_ENOUGH = 50;
/** Resolved dials below which the policy assumes every dial answers live (it dials one per free agent). */
const FIRST_DIALS = 20;
/** Mean ms from dial to its outcome assumed before the first outcome. */
const DEFAULT_DELAY = 15_000;
/**
 * Share of the mean dial-to-outcome time taken as the answer delay when none
 * is given: that mean counts no-answers that ring to the timeout, and an
 * early answer is served only by the agents free by then (docs/pacing.md).
 */
const DELAY_SHARE = 0.5;

const optionsSchema = z.strictObject({
  target: z.number().min(0.001).max(0.2).optional().describe('the predicted compliance abandon rate each decision stays under (default 0.025)'),
  margin: z.number().min(0).max(0.9).optional().describe('safety margin: the decision holds the prediction under target × (1 − margin) (default 0)'),
  answerDelay: z.number().min(0).max(600).optional().describe('seconds from dial to answer to assume (default: half the mean time from dial to outcome, measured by Little’s law)'),
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
  /** ms within which an agent must be free for an answer: answer delay + threshold. */
  readonly horizon: number;
  /** Agents expected free for those answers: idle − waiting + busy × (1 − e^(−horizon / handle time)). */
  readonly agents: number;
  /** Dials ringing after the decision. */
  readonly ringing: number;
  /** Predicted share of their live answers that find no agent. */
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
  private last: Prediction = { hitRate: 1, horizon: 0, agents: 0, ringing: 0, rate: 0 };
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
    else if (outcome.type === 'liveAnswer' || outcome.type === 'machineAnswer' || outcome.type === 'unanswered') {
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

  /** The answer delay, ms: the `answerDelay` option, else half the mean time from a dial to its outcome by Little's law (time-average ringing ÷ dial rate = area ÷ resolved dials). */
  answerDelay(): number {
    if (this.s.answerDelay !== null) return this.s.answerDelay * 1000;
    return (this.resolved === 0 ? DEFAULT_DELAY : this.area / this.resolved) * DELAY_SHARE;
  }

  /** The model's prediction for `ringing` dials in flight in the situation `view` shows. */
  predict(view: PacingView, ringing: number): Prediction {
    const hitRate = this.hitRate(view);
    const horizon = this.answerDelay() + this.s.threshold * 1000;
    const h = view.meanHandleTime;
    const freeing = h === null || h <= 0 ? 0 : view.busyAgents * (1 - Math.exp(-horizon / h));
    const agents = view.idleAgents - view.waitingForAgent + freeing;
    return { hitRate, horizon, agents, ringing, rate: overflowRate(ringing, hitRate, agents) };
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
    let lo = now;
    let hi = cap;
    if (lo === hi || this.predict(view, lo + 1).rate > limit) hi = lo;
    else {
      lo++;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.predict(view, mid).rate <= limit) lo = mid;
        else hi = mid - 1;
      }
    }
    this.last = this.predict(view, lo);
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
