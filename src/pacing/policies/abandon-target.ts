import * as z from 'zod';
import type { PacingContext, PacingOutcome, PacingPolicy, PacingView } from '../contract.js';
import { dropsIn, dropsOption } from './options.js';
import type { BuiltinPolicy } from './builtin-policy.js';
import { linesAtLevel } from './lines.js';

const HOUR = 3_600_000;
/** Pseudo-answers at the target rate added to the measured window, so that a few early answers do not swing the level. */
const PRIOR_ANSWERS = 20;
/** The relative error is clipped to −MAX_FALL … 1: the level falls faster the further the rate is over the target, and rises at most by the gain. */
const MAX_FALL = 5;
/** Live answers over which the fast rate is measured (weights fade by 1/this an answer). */
const FAST_ANSWERS = 100;

const optionsSchema = z.strictObject({
  target: z.number().min(0.001).max(0.2).optional().describe('the abandon rate to hold, abandons / live answers over the evaluation window (default 0.02, under the 0.03 ceiling)'),
  evaluationWindow: z.number().min(1).max(24).optional().describe('hours over which the rate is measured, 1–24 (default 1)'),
  maxLevel: z.number().min(1).max(15).optional().describe('the highest dial level, lines per agent (default 3)'),
  gain: z.number().min(0.01).max(1).optional().describe('share of the relative error applied to the level at each adjustment (default 0.1)'),
  adjustEvery: z.number().min(1).max(3600).optional().describe('seconds between adjustments of the level (default 30)'),
  drops: dropsOption,
});

/** The options of `abandonTarget`, defaults filled in. */
export interface AbandonTargetSettings {
  readonly target: number;
  readonly evaluationWindow: number;
  readonly maxLevel: number;
  readonly gain: number;
  readonly adjustEvery: number;
  readonly drops: 'compliance' | 'true';
}

/** `abandonTarget`'s defaults. */
export const ABANDON_TARGET_DEFAULTS: AbandonTargetSettings = { target: 0.02, evaluationWindow: 1, maxLevel: 3, gain: 0.1, adjustEvery: 30, drops: 'compliance' };

/**
 * `abandonTarget`: abandonment-rate pacing as cloud contact centers offer
 * it. A dial level (lines per online agent, between 1 and `maxLevel`) is
 * adjusted every `adjustEvery` seconds by level × (1 + gain × e), with e the
 * relative error (target − rate) / target clipped to −5 … 1, and the rate the
 * higher of the abandons over the live answers of the last
 * `evaluationWindow` hours and over about the last 100 live answers (each
 * with 20 pseudo-answers at the target added): the window is what is
 * judged, the last answers let the level turn before the window shows it. An abandon is the queue's
 * compliance abandon: no agent within its compliance threshold (the
 * connection threshold) — or, with `drops: true`, a customer who hung up.
 */
export class AbandonTargetPacing implements PacingPolicy {
  readonly wakeEvery: number;
  readonly recentWindow: number;
  private current = 1;
  private fastAnswers = 0;
  private fastDrops = 0;

  constructor(private readonly s: AbandonTargetSettings) {
    this.wakeEvery = Math.round(s.adjustEvery * 1000);
    this.recentWindow = s.evaluationWindow * HOUR;
  }

  level(): number {
    return this.current;
  }

  /** The rate the controller steers by: abandons over live answers in the window, shrunk toward the target. */
  measuredRate(view: PacingView): number {
    return (dropsIn(view.recent, this.s.drops) + this.s.target * PRIOR_ANSWERS) / (view.recent.liveAnswers + PRIOR_ANSWERS);
  }

  /** The rate over about the last FAST_ANSWERS live answers (fading weights), with PRIOR_ANSWERS pseudo-answers at the target. */
  recentRate(): number {
    return (this.fastDrops + this.s.target * PRIOR_ANSWERS) / (this.fastAnswers + PRIOR_ANSWERS);
  }

  observe(outcome: PacingOutcome): void {
    if (outcome.type === 'liveAnswer') {
      this.fastAnswers = this.fastAnswers * (1 - 1 / FAST_ANSWERS) + 1;
      this.fastDrops *= 1 - 1 / FAST_ANSWERS;
    } else if (outcome.type === (this.s.drops === 'compliance' ? 'complianceAbandoned' : 'abandoned')) this.fastDrops++;
  }

  wake(view: PacingView): void {
    const rate = Math.max(this.measuredRate(view), this.recentRate());
    const error = Math.max(-MAX_FALL, Math.min(1, (this.s.target - rate) / this.s.target));
    this.current = Math.min(this.s.maxLevel, Math.max(1, this.current * (1 + this.s.gain * error)));
  }

  bound(view: PacingView): number {
    return linesAtLevel(this.current, view);
  }

  decide(view: PacingView): number {
    return Math.max(0, this.bound(view) - view.inFlight);
  }
}

/** The `abandonTarget` built-in. */
export const abandonTargetPolicy: BuiltinPolicy = {
  factory: (options, _context: PacingContext) => new AbandonTargetPacing({ ...ABANDON_TARGET_DEFAULTS, ...(options as Partial<AbandonTargetSettings>) }),
  optionsSchema,
  summary: 'a dial level steered to hold the abandon rate over an evaluation window at a target',
};
