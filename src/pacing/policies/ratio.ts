import * as z from 'zod';
import type { PacingPolicy, PacingView } from '../contract.js';
import { modifierOf, modifierOption } from './options.js';
import type { BuiltinPolicy } from './builtin-policy.js';

/** `ratio`: the classic power-dialer ratio, at most floor(m × idle agents) dials in flight. */
class RatioPacing implements PacingPolicy {
  /** `decide` reads the view only and starts nothing without an idle agent. */
  readonly idleGated = true;
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.floor(this.modifier * view.idleAgents + 1e-9);
  }
  decide(view: PacingView): number {
    return Math.max(0, this.bound(view) - view.inFlight);
  }
}

/** The `ratio` built-in. */
export const ratioPolicy: BuiltinPolicy = {
  factory: (options, context) => new RatioPacing(modifierOf(options, context)),
  optionsSchema: z.strictObject({ modifier: modifierOption }),
  summary: 'at most floor(m × idle agents) in flight',
};
