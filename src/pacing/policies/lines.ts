import type { PacingView } from '../contract.js';

/**
 * Dials in flight a policy of dial level `level` (lines per online agent)
 * allows: ⌊level × online agents⌋ − busy agents, never negative; each busy
 * agent's own call takes one of its lines. At level 1 that is one dial per
 * idle agent.
 */
export function linesAtLevel(level: number, view: PacingView): number {
  return Math.max(0, Math.floor(level * view.onlineAgents + 1e-9) - view.busyAgents);
}
