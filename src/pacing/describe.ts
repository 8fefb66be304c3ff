import type { PacingSpec } from '../model/scenario.js';

/** Built-ins that do not read the queue's pacing modifier (their knobs are their own options). */
const WITHOUT_MODIFIER: readonly string[] = ['vicidial', 'abandonTarget', 'predictive'];

/**
 * A pacing policy in words for output: `adaptive pacing, modifier 3 (target 0.02, window 200)`;
 * modules are marked as such, and built-ins that ignore the modifier are shown without it
 * (`predictive pacing (target 0.02)`).
 */
export function describePacing(spec: PacingSpec, modifier: number): string {
  const options = Object.entries(spec.options)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const kind = spec.module === null ? '' : ' (module)';
  const usesModifier = spec.module !== null || !WITHOUT_MODIFIER.includes(spec.name);
  return `${spec.name}${kind} pacing${usesModifier ? `, modifier ${modifier}` : ''}${options.length > 0 ? ` (${options.join(', ')})` : ''}`;
}
