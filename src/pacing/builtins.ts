import type { BuiltinPolicy } from './policies/builtin-policy.js';
import { abandonTargetPolicy } from './policies/abandon-target.js';
import { adaptivePolicy } from './policies/adaptive.js';
import { genesysPolicy } from './policies/genesys.js';
import { predictivePolicy } from './policies/predictive.js';
import { progressivePolicy } from './policies/progressive.js';
import { ratioPolicy } from './policies/ratio.js';
import { vicidialPolicy } from './policies/vicidial.js';

export type { BuiltinPolicy };

/** Names of the built-in pacing policies (docs/pacing.md). */
export const BUILTIN_POLICY_NAMES = ['genesys', 'ratio', 'progressive', 'adaptive', 'vicidial', 'abandonTarget', 'predictive'] as const;

/** One of `BUILTIN_POLICY_NAMES`. */
export type BuiltinPolicyName = (typeof BUILTIN_POLICY_NAMES)[number];

/** The built-in policies, by name: each a factory and the schema of its options, as a module of one's own exports them. */
export const BUILTIN_POLICIES: Readonly<Record<BuiltinPolicyName, BuiltinPolicy>> = {
  genesys: genesysPolicy,
  ratio: ratioPolicy,
  progressive: progressivePolicy,
  adaptive: adaptivePolicy,
  vicidial: vicidialPolicy,
  abandonTarget: abandonTargetPolicy,
  predictive: predictivePolicy,
};

/** Whether `name` is a built-in policy. */
export function isBuiltinPolicy(name: string): name is BuiltinPolicyName {
  return (BUILTIN_POLICY_NAMES as readonly string[]).includes(name);
}
