import * as z from 'zod';
import type { PacingContext } from '../contract.js';

/** The `modifier` option of the policies whose knob is the pacing modifier. */
export const modifierOption = z.number().min(1).max(10).optional().describe("the dial level m (default the queue's pacingModifier)");

/** The modifier a policy uses: its `modifier` option, else the queue's pacingModifier. */
export function modifierOf(options: Readonly<Record<string, unknown>>, context: PacingContext): number {
  return (options.modifier as number | undefined) ?? context.modifier;
}

/** Which abandons a policy counts: compliance abandons (the regulators' measure) or true abandons (the customer hung up). */
export const dropsOption = z
  .enum(['compliance', 'true'])
  .optional()
  .describe('which abandons count as drops: compliance (live answers not connected within the queue\'s compliance threshold; default) or true (customers who hung up waiting)');

/** Drops of `counts` under the measure `drops` names. */
export function dropsIn(counts: { readonly complianceAbandons: number; readonly abandons: number }, drops: 'compliance' | 'true'): number {
  return drops === 'compliance' ? counts.complianceAbandons : counts.abandons;
}
