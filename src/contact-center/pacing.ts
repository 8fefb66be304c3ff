import type { PacingPolicyName } from '../model/scenario.js';

/** What a pacing policy sees of one queue when it decides: only what a real dialer knows now. */
export interface PacingView {
  /** Agents logged on and serving the queue (any status). */
  onlineAgents: number;
  /** Of those, agents idle right now. */
  idleAgents: number;
  /** Customer First dials in flight: ringing, or answered and waiting for an agent. */
  inFlight: number;
  /** Of those, customers who answered and are waiting for an agent. */
  waitingForAgent: number;
}

/** Decides how many Customer First dials to start now on one queue. */
export interface PacingPolicy {
  /** The policy's name, as reported in output. */
  readonly name: PacingPolicyName;
  /** Most dials that may be in flight right now. */
  bound(view: PacingView): number;
  /** Number of new dials to start now. */
  dialsToStart(view: PacingView): number;
  /** A customer who answered reached an agent (`abandoned` false) or hung up waiting (`abandoned` true). */
  observeAnswer?(abandoned: boolean): void;
  /** The current dial level, for policies that adapt it. */
  level?(): number;
}

/**
 * `genesys` (default, our reading of the Genesys documentation): at most
 * ceil(m / 10 × online agents) dials in flight, whatever the agents' status;
 * new dials start only while at least one agent is idle, filling the free
 * slots.
 */
export class GenesysPacing implements PacingPolicy {
  readonly name = 'genesys';
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.ceil((this.modifier / 10) * view.onlineAgents - 1e-9);
  }
  dialsToStart(view: PacingView): number {
    if (view.idleAgents === 0) return 0;
    return Math.max(0, this.bound(view) - view.inFlight);
  }
}

/** `ratio`: the classic power-dialer ratio, at most floor(m × idle agents) dials in flight. */
export class RatioPacing implements PacingPolicy {
  readonly name = 'ratio';
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.floor(this.modifier * view.idleAgents + 1e-9);
  }
  dialsToStart(view: PacingView): number {
    return Math.max(0, this.bound(view) - view.inFlight);
  }
}

/**
 * `progressive`: new dials = floor(m × (ready − waiting − inFlight / m)),
 * with ready the idle agents and waiting the answered customers waiting for
 * one; equivalently in flight after the decision ≤ m × (ready − waiting).
 */
export class ProgressivePacing implements PacingPolicy {
  readonly name = 'progressive';
  constructor(private readonly modifier: number) {}
  bound(view: PacingView): number {
    return Math.max(view.inFlight, view.inFlight + this.dialsToStart(view));
  }
  dialsToStart(view: PacingView): number {
    const m = this.modifier;
    return Math.max(0, Math.floor(m * (view.idleAgents - view.waitingForAgent - view.inFlight / m) + 1e-9));
  }
}

/** Settings of the adaptive policy. */
export interface AdaptiveSettings {
  /** Abandon-after-answer rate to stay under (default: the regulatory ceiling, `ABANDON_CEILING`). */
  target: number;
  /** Answers over which the rate is measured (default 100). */
  window: number;
}

/**
 * `adaptive`: a ratio dialer whose level L moves between 1 and m to hold the
 * abandon-after-answer rate under a target. It sees only outcomes that have
 * already happened: after every 10 answers it measures the rate over the last
 * `window` answers; above the target, L drops by a fifth of the way to 1;
 * under half the target, L climbs by a tenth of the way to m.
 */
export class AdaptivePacing implements PacingPolicy {
  readonly name = 'adaptive';
  private current = 1;
  private readonly outcomes: Uint8Array;
  private count = 0;
  private abandons = 0;

  constructor(
    private readonly modifier: number,
    private readonly settings: AdaptiveSettings,
  ) {
    this.outcomes = new Uint8Array(Math.max(1, settings.window));
  }

  level(): number {
    return this.current;
  }

  bound(view: PacingView): number {
    return Math.floor(this.current * view.idleAgents + 1e-9);
  }

  dialsToStart(view: PacingView): number {
    return Math.max(0, this.bound(view) - view.inFlight);
  }

  observeAnswer(abandoned: boolean): void {
    const slot = this.count % this.outcomes.length;
    if (this.count >= this.outcomes.length) this.abandons -= this.outcomes[slot];
    this.outcomes[slot] = abandoned ? 1 : 0;
    this.abandons += this.outcomes[slot];
    this.count++;
    if (this.count % 10 !== 0) return;
    const seen = Math.min(this.count, this.outcomes.length);
    const rate = this.abandons / seen;
    if (rate > this.settings.target) this.current = Math.max(1, this.current - (this.current - 1) / 5 - 0.05);
    else if (rate < this.settings.target / 2) this.current = Math.min(this.modifier, this.current + (this.modifier - this.current) / 10 + 0.05);
  }
}

/** Builds the named policy for a queue. */
export function pacingPolicy(name: PacingPolicyName, modifier: number, adaptive: AdaptiveSettings): PacingPolicy {
  switch (name) {
    case 'genesys':
      return new GenesysPacing(modifier);
    case 'ratio':
      return new RatioPacing(modifier);
    case 'progressive':
      return new ProgressivePacing(modifier);
    case 'adaptive':
      return new AdaptivePacing(modifier, adaptive);
  }
}
