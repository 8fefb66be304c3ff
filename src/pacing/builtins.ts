import { z } from 'zod';
import type { OptionsSchema, PacingContext, PacingFactory, PacingOutcome, PacingPolicy, PacingView } from './contract.js';

/** Names of the built-in pacing policies (docs/rules.md, *Pacing*). */
export const BUILTIN_POLICY_NAMES = ['genesys', 'ratio', 'progressive', 'adaptive'] as const;

/** One of `BUILTIN_POLICY_NAMES`. */
export type BuiltinPolicyName = (typeof BUILTIN_POLICY_NAMES)[number];

/** A built-in policy: its factory and the schema of its options, as a user module would export them. */
export interface BuiltinPolicy {
  readonly factory: PacingFactory;
  readonly optionsSchema: OptionsSchema;
  /** One line on what the policy does. */
  readonly summary: string;
}

const modifierOption = z.number().min(1).max(10).optional().describe("the dial level m (default the queue's pacingModifier)");

/** Options of the policies whose one knob is the modifier. */
const modifierOnly = z.strictObject({ modifier: modifierOption });

/**
 * `genesys` (default, our reading of the Genesys documentation): at most
 * ceil(m / 10 × online agents) dials in flight, whatever the agents' status;
 * new dials start only while at least one agent is idle, filling the free
 * slots.
 */
class GenesysPacing implements PacingPolicy {
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.ceil((this.modifier / 10) * view.onlineAgents - 1e-9);
  }
  decide(view: PacingView): number {
    if (view.idleAgents === 0) return 0;
    return Math.max(0, this.bound(view) - view.inFlight);
  }
}

/** `ratio`: the classic power-dialer ratio, at most floor(m × idle agents) dials in flight. */
class RatioPacing implements PacingPolicy {
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.floor(this.modifier * view.idleAgents + 1e-9);
  }
  decide(view: PacingView): number {
    return Math.max(0, this.bound(view) - view.inFlight);
  }
}

/**
 * `progressive`: new dials = floor(m × (ready − waiting − inFlight / m)),
 * with ready the idle agents and waiting the answered customers waiting for
 * one; equivalently in flight after the decision ≤ m × (ready − waiting).
 */
class ProgressivePacing implements PacingPolicy {
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.max(view.inFlight, view.inFlight + this.decide(view));
  }
  decide(view: PacingView): number {
    const m = this.modifier;
    return Math.max(0, Math.floor(m * (view.idleAgents - view.waitingForAgent - view.inFlight / m) + 1e-9));
  }
}

/**
 * `adaptive`: a ratio dialer whose level L moves between 1 and m to hold the
 * abandon-after-answer rate under a target. It sees only outcomes that have
 * already happened: after every 10 answers it measures the rate over the last
 * `window` answers; above the target, L drops by a fifth of the way to 1;
 * under half the target, L climbs by a tenth of the way to m.
 */
class AdaptivePacing implements PacingPolicy {
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

const modifier = (options: Readonly<Record<string, unknown>>, context: PacingContext): number => (options.modifier as number | undefined) ?? context.modifier;

/** The built-in policies, by name. */
export const BUILTIN_POLICIES: Readonly<Record<BuiltinPolicyName, BuiltinPolicy>> = {
  genesys: {
    factory: (options, context) => new GenesysPacing(modifier(options, context)),
    optionsSchema: modifierOnly,
    summary: 'at most ceil(m/10 × online agents) in flight; dials only while an agent is idle',
  },
  ratio: {
    factory: (options, context) => new RatioPacing(modifier(options, context)),
    optionsSchema: modifierOnly,
    summary: 'at most floor(m × idle agents) in flight',
  },
  progressive: {
    factory: (options, context) => new ProgressivePacing(modifier(options, context)),
    optionsSchema: modifierOnly,
    summary: 'in flight after a decision ≤ m × (idle agents − customers waiting)',
  },
  adaptive: {
    factory: (options, context) =>
      new AdaptivePacing(modifier(options, context), (options.target as number | undefined) ?? context.ceiling, (options.window as number | undefined) ?? 100),
    optionsSchema: adaptiveOptions,
    summary: 'a ratio dialer whose level moves between 1 and m to hold the abandon rate under a target',
  },
};

/** Whether `name` is a built-in policy. */
export function isBuiltinPolicy(name: string): name is BuiltinPolicyName {
  return (BUILTIN_POLICY_NAMES as readonly string[]).includes(name);
}
