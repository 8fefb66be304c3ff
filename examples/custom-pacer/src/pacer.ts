import type { PacingFactory, PacingView } from 'cbsim';

/** Options of the headroom policy. */
export interface HeadroomOptions {
  /** Dials in flight per idle agent while abandons are under the target (default the queue's modifier). */
  ratio?: number;
  /** Abandon rate over the recent window above which the policy dials one call per idle agent at most. */
  target?: number;
}

/**
 * `headroom`: a ratio dialer that backs off to one dial per idle agent
 * while the abandon rate over the last 15 minutes is above its target, and
 * never dials while answered customers wait for an agent.
 */
const headroom: PacingFactory = (options, context) => {
  const { ratio = context.modifier, target = context.ceiling } = options as HeadroomOptions;
  const level = (view: PacingView): number => {
    const answered = view.recent.connected + view.recent.abandons;
    return answered > 0 && view.recent.abandons / answered > target ? 1 : ratio;
  };
  const bound = (view: PacingView): number => Math.floor(level(view) * view.idleAgents);
  return {
    bound,
    decide: (view) => (view.waitingForAgent > 0 ? 0 : Math.max(0, bound(view) - view.inFlight)),
  };
};

export default headroom;
