/** A pacing policy that cannot be used: a module that does not load or is not a policy, options it refuses, or a decision that fails. */
export class PacingError extends Error {}
