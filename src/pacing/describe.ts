import type { PacingSpec } from '../model/scenario.js';

/** A pacing policy in words for output: `adaptive pacing, modifier 3 (target 0.02, window 200)`; modules are marked as such. */
export function describePacing(spec: PacingSpec, modifier: number): string {
  const options = Object.entries(spec.options)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const kind = spec.module === null ? '' : ' (module)';
  return `${spec.name}${kind} pacing, modifier ${modifier}${options.length > 0 ? ` (${options.join(', ')})` : ''}`;
}
