/**
 * The pacing contract: what a Customer First pacing policy is given and
 * what it answers. Built-in policies and policies written by users (a
 * module whose default export is a `PacingFactory`) implement the same
 * contract; the dialer knows no other.
 *
 * Times are simulated milliseconds. Nothing in a view comes from the future:
 * a policy sees only what a real dialer could know at that moment.
 */

/** Version of this contract. A policy may check it; additions that keep old policies working do not change it. */
export const PACING_CONTRACT_VERSION = 1;

/** Counts of what the dialer of one queue has seen, over some span of time. */
export interface PacingCounts {
  /** Dials started. */
  readonly dials: number;
  /** Dials answered by a person (as answer detection told it). */
  readonly liveAnswers: number;
  /** Dials answered by a machine (as answer detection told it). */
  readonly machineAnswers: number;
  /** Dials that ended without an answer: no answer, busy, invalid number, fax. */
  readonly unanswered: number;
  /** Answered customers who reached an agent. */
  readonly connected: number;
  /** Answered customers who hung up waiting for an agent. */
  readonly abandons: number;
  /** Live answers not connected to an agent within the queue's compliance threshold (whether or not they held on). */
  readonly complianceAbandons: number;
}

/** What a policy sees of its queue when asked. The dialer reuses the object: read it, do not keep it. */
export interface PacingView {
  /** ms since the start of the run. */
  readonly now: number;
  /** ms since midnight of the current local day (the scenario's time zone). */
  readonly timeOfDay: number;
  /** Agents logged on and serving the queue, whatever their status. */
  readonly onlineAgents: number;
  /** Of those, agents idle now. */
  readonly idleAgents: number;
  /** Of those, agents not idle (alerting, talking, in after-call work, on other work). */
  readonly busyAgents: number;
  /** Dials in flight: ringing, or answered and waiting for an agent. */
  readonly inFlight: number;
  /** Of those, customers who answered and wait for an agent. */
  readonly waitingForAgent: number;
  /** Callbacks due and waiting to be dialed. */
  readonly readyToDial: number;
  /** Everything seen since the start of the run. */
  readonly totals: PacingCounts;
  /** What was seen over the last `recentWindow` ms (the policy's `recentWindow`, default 15 minutes). */
  readonly recent: PacingCounts;
  /** Mean handle time (talk plus after-call work) of the last conversations on the queue, ms; null before the first ends. */
  readonly meanHandleTime: number | null;
  /**
   * Lines of the queue's outbound route, shared with the other queues on it;
   * Infinity when the route does not declare its lines (an addition to
   * contract version 1: absent for policies run by an older cbsim).
   */
  readonly lines?: number;
  /**
   * Of those, lines free now (Infinity when unlimited). The dialer starts no
   * more dials than this, whatever the policy answers (an addition to
   * contract version 1, like `lines`).
   */
  readonly freeLines?: number;
}

/** An outcome the dialer passes to `observe`, as it happens. */
export type PacingOutcome =
  | { readonly type: 'dialed'; readonly t: number }
  | { readonly type: 'liveAnswer'; readonly t: number }
  | { readonly type: 'machineAnswer'; readonly t: number }
  | { readonly type: 'unanswered'; readonly t: number }
  | { readonly type: 'connected'; readonly t: number }
  | { readonly type: 'abandoned'; readonly t: number }
  | { readonly type: 'complianceAbandoned'; readonly t: number }
  | { readonly type: 'handled'; readonly t: number; readonly handleTime: number };

/** A pacing policy of one queue. */
export interface PacingPolicy {
  /** How many dials to start now: a non-negative integer (more than are ready are not dialed). */
  decide(view: PacingView): number;
  /** The most dials the policy means to have in flight now, as reported in dial events (optional). */
  bound?(view: PacingView): number;
  /** The policy's current dial level, for policies that adapt one (reported in dial events; optional). */
  level?(): number;
  /** Told every outcome of the queue's dials as it happens (optional). */
  observe?(outcome: PacingOutcome): void;
  /** For policies that recompute on a clock: called every `wakeEvery` ms with the view of that moment, before a decision. */
  wake?(view: PacingView): void;
  /** ms between `wake` calls (required with `wake`). */
  readonly wakeEvery?: number;
  /** ms over which `view.recent` counts (default 15 minutes). */
  readonly recentWindow?: number;
  /**
   * A promise that `decide` (and `bound`) read the view and nothing else,
   * change nothing, and start no dial while `view.idleAgents` is 0 (optional;
   * an addition to contract version 1). The dialer then does not ask the
   * policy while no agent is idle: most decisions of a busy queue cost
   * nothing. A policy that keeps state in `decide`, or dials ahead of agents
   * who are still busy, leaves it out.
   */
  readonly idleGated?: boolean;
}

/** What a factory is told of the queue it makes a policy for. */
export interface PacingContext {
  /** The queue's id. */
  readonly queue: string;
  /** The queue's `pacingModifier` (1–10). */
  readonly modifier: number;
  /** The regulatory ceiling of the abandon rate (0.03). */
  readonly ceiling: number;
  /** `PACING_CONTRACT_VERSION` of the cbsim running the policy. */
  readonly contractVersion: number;
}

/** Makes a queue's policy from its options (already checked against the module's `optionsSchema`, if any). */
export type PacingFactory = (options: Readonly<Record<string, unknown>>, context: PacingContext) => PacingPolicy;

/**
 * A schema of a policy's options: any object implementing the Standard
 * Schema interface (zod, valibot, arktype …), validating synchronously.
 */
export interface OptionsSchema {
  readonly '~standard': {
    validate(value: unknown): StandardResult | Promise<StandardResult>;
  };
}

/** What a Standard Schema validation returns. */
export type StandardResult =
  | { readonly value: unknown; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> }> };

/** What a policy module exports: the factory as default export, and optionally the schema of its options. */
export interface PacingModule {
  readonly default: PacingFactory;
  readonly optionsSchema?: OptionsSchema;
}
