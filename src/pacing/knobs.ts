import type { BuiltinPolicyName } from './builtins.js';

/** A built-in policy's main knob: the option a scorecard sweeps, and a default grid of its values. */
export interface PolicyKnob {
  /** The option's name in `pacing: { name, options }`. */
  readonly option: string;
  /** Values to sweep, from cautious to aggressive. */
  readonly grid: readonly number[];
}

/**
 * Each built-in's main knob: the modifier of the fixed-level policies (and
 * the highest level of `adaptive`), the highest level of `vicidial`, and
 * the abandon rate targeted by `abandonTarget` and `predictive`.
 */
export const POLICY_KNOBS: Readonly<Record<BuiltinPolicyName, PolicyKnob>> = {
  genesys: { option: 'modifier', grid: [1, 2, 3, 4, 5, 7, 10] },
  ratio: { option: 'modifier', grid: [1, 1.25, 1.5, 2, 2.5, 3] },
  progressive: { option: 'modifier', grid: [1, 1.25, 1.5, 2, 2.5, 3] },
  adaptive: { option: 'modifier', grid: [1.5, 2, 3, 4, 6, 8] },
  vicidial: { option: 'maxLevel', grid: [1, 1.05, 1.1, 1.2, 1.35, 1.5, 2, 3] },
  abandonTarget: { option: 'target', grid: [0.005, 0.01, 0.015, 0.02, 0.025, 0.03] },
  predictive: { option: 'target', grid: [0.005, 0.01, 0.015, 0.02, 0.025, 0.03] },
};
