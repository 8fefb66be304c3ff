import * as z from 'zod';
import type { PacingOutcome, PacingPolicy, PacingView } from '../contract.js';
import { modifierOf, modifierOption } from './options.js';
import type { BuiltinPolicy } from './builtin-policy.js';

/**
 * `adaptive`: a ratio dialer whose level L moves between 1 and m to hold the
 * abandon-after-answer rate under a target. It sees only outcomes that have
 * already happened: after every 10 answers it measures the rate over the last
 * `window` answers; above the target, L drops by a fifth of the way to 1;
 * under half the target, L climbs by a tenth of the way to m.
 */
class AdaptivePacing implements PacingPolicy {
  /** `decide` reads the view only and starts nothing without an idle agent. */
  readonly idleGated = true;
  private current = 1;
  private readonly outcomes: Uint8Array;
  private count = 0;
  private abandons = 0;

  constructor(
    private readonly modifier: number,
    private readonly target: number,
    window: number,
  ) {
    this.outcomes = new Uint8Array(window);
  }

  level(): number {
    return this.current;
  }

  bound(view: PacingView): number {
    return Math.floor(this.current * view.idleAgents + 1e-9);
  }

  decide(view: PacingView): number {
    return Math.max(0, this.bound(view) - view.inFlight);
  }

  observe(outcome: PacingOutcome): void {
    if (outcome.type !== 'connected' && outcome.type !== 'abandoned') return;
    const slot = this.count % this.outcomes.length;
    if (this.count >= this.outcomes.length) this.abandons -= this.outcomes[slot];
    this.outcomes[slot] = outcome.type === 'abandoned' ? 1 : 0;
    this.abandons += this.outcomes[slot];
    this.count++;
    if (this.count % 10 !== 0) return;
    const seen = Math.min(this.count, this.outcomes.length);
    const rate = this.abandons / seen;
    if (rate > this.target) this.current = Math.max(1, this.current - (this.current - 1) / 5 - 0.05);
    else if (rate < this.target / 2) this.current = Math.min(this.modifier, this.current + (this.modifier - this.current) / 10 + 0.05);
  }
}

const adaptiveOptions = z.strictObject({
  modifier: modifierOption.describe("the highest dial level (default the queue's pacingModifier)"),
  target: z.number().min(0).max(1).optional().describe('abandon-after-answer rate to stay under (default the regulatory ceiling, 0.03)'),
  window: z.number().int().min(10).max(100_000).optional().describe('answers over which the rate is measured (default 100)'),
});

/** The `adaptive` built-in. */
export const adaptivePolicy: BuiltinPolicy = {
  factory: (options, context) =>
    new AdaptivePacing(modifierOf(options, context), (options.target as number | undefined) ?? context.ceiling, (options.window as number | undefined) ?? 100),
  optionsSchema: adaptiveOptions,
  summary: 'a ratio dialer whose level moves between 1 and m to hold the abandon rate under a target',
};
