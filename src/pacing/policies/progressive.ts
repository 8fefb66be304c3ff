import * as z from 'zod';
import type { PacingPolicy, PacingView } from '../contract.js';
import { modifierOf, modifierOption } from './options.js';
import type { BuiltinPolicy } from './builtin-policy.js';

/**
 * `progressive`: new dials = floor(m × (ready − waiting − inFlight / m)),
 * with ready the idle agents and waiting the answered customers waiting for
 * one; equivalently in flight after the decision ≤ m × (ready − waiting).
 */
class ProgressivePacing implements PacingPolicy {
  /** `decide` reads the view only and starts nothing without an idle agent. */
  readonly idleGated = true;
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.max(view.inFlight, view.inFlight + this.decide(view));
  }
  decide(view: PacingView): number {
    const m = this.modifier;
    return Math.max(0, Math.floor(m * (view.idleAgents - view.waitingForAgent - view.inFlight / m) + 1e-9));
  }
}

/** The `progressive` built-in. */
export const progressivePolicy: BuiltinPolicy = {
  factory: (options, context) => new ProgressivePacing(modifierOf(options, context)),
  optionsSchema: z.strictObject({ modifier: modifierOption }),
  summary: 'in flight after a decision ≤ m × (idle agents − customers waiting)',
};
