import type { BuiltinPolicyName } from './builtins.js';

/** The one option of a policy that a scorecard varies, and the values it tries by default. */
export interface PolicyKnob {
  /** The option's name, as `pacing: { name, options: { <option>: … } }` takes it. */
  readonly option: string;
  /** The values tried, from the most cautious to the most aggressive. */
  readonly grid: readonly number[];
}

/**
 * Each built-in policy's main knob: the modifier (dial level) of the
 * level-driven policies, the highest level of the adaptive one.
 */
export const POLICY_KNOBS: Readonly<Record<BuiltinPolicyName, PolicyKnob>> = {
  genesys: { option: 'modifier', grid: [1, 2, 3, 4, 6, 8, 10] },
  ratio: { option: 'modifier', grid: [1, 1.25, 1.5, 2, 2.5, 3] },
  progressive: { option: 'modifier', grid: [1, 1.25, 1.5, 2, 2.5, 3] },
  adaptive: { option: 'modifier', grid: [1.5, 2, 2.5, 3, 4, 5] },
};
