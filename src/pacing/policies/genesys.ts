import * as z from 'zod';
import type { PacingPolicy, PacingView } from '../contract.js';
import { modifierOf, modifierOption } from './options.js';
import type { BuiltinPolicy } from './builtin-policy.js';

/**
 * `genesys` (default, our reading of the Genesys documentation): at most
 * ceil(m / 10 × online agents) dials in flight, whatever the agents' status;
 * new dials start only while at least one agent is idle, filling the free
 * slots.
 */
class GenesysPacing implements PacingPolicy {
  /** `decide` reads the view only and starts nothing without an idle agent. */
  readonly idleGated = true;
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.ceil((this.modifier / 10) * view.onlineAgents - 1e-9);
  }
  decide(view: PacingView): number {
    if (view.idleAgents === 0) return 0;
    return Math.max(0, this.bound(view) - view.inFlight);
  }
}

/** The `genesys` built-in. */
export const genesysPolicy: BuiltinPolicy = {
  factory: (options, context) => new GenesysPacing(modifierOf(options, context)),
  optionsSchema: z.strictObject({ modifier: modifierOption }),
  summary: 'at most ceil(m/10 × online agents) in flight; dials only while an agent is idle',
};
