import type { PacingCounts, PacingView } from '../../src/pacing/contract.js';

/** Counts with every field 0 but those given. */
export function counts(c: Partial<PacingCounts> = {}): PacingCounts {
  return { dials: 0, liveAnswers: 0, machineAnswers: 0, unanswered: 0, connected: 0, abandons: 0, complianceAbandons: 0, ...c };
}

/** A view of a queue, built by hand: busy agents are online − idle unless given. */
export function view(v: Partial<Omit<PacingView, 'totals' | 'recent'>> & { totals?: Partial<PacingCounts>; recent?: Partial<PacingCounts> } = {}): PacingView {
  const onlineAgents = v.onlineAgents ?? 10;
  const idleAgents = v.idleAgents ?? 0;
  return {
    now: 0,
    timeOfDay: 0,
    inFlight: 0,
    waitingForAgent: 0,
    readyToDial: 1000,
    meanHandleTime: null,
    ...v,
    onlineAgents,
    idleAgents,
    busyAgents: v.busyAgents ?? onlineAgents - idleAgents,
    totals: counts(v.totals),
    recent: counts(v.recent ?? v.totals),
  };
}
