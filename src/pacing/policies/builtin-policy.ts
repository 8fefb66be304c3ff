import type { OptionsSchema, PacingFactory } from '../contract.js';

/** A built-in policy: its factory and the schema of its options, as a user module would export them. */
export interface BuiltinPolicy {
  readonly factory: PacingFactory;
  readonly optionsSchema: OptionsSchema;
  /** One line on what the policy does. */
  readonly summary: string;
}
