import type { AgentTimeTally, QueueTally } from './tally.js';

const HOUR = 3_600_000;

/** Rounds to `digits` decimals; a ratio with nothing to divide by is `null`. */
export function ratio(numerator: number, denominator: number, digits = 6): number | null {
  if (denominator === 0) return null;
  return round(numerator / denominator, digits);
}

/** Rounds to `digits` decimals (so output bytes do not depend on float noise). */
export function round(value: number, digits = 6): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The KPIs of one queue (or of all queues), for inbound calls and callbacks. */
export interface QueueKpis {
  offered: number;
  answered: number;
  abandoned: number;
  callbackAccepted: number;
  voicemails: number;
  transferredOut: number;
  flowErrors: number;
  /** Share of counted arrivals that waited more than 0 ms or abandoned. */
  pWait: number | null;
  /** Mean wait of answered calls, s. */
  asa: number | null;
  /** Share of counted arrivals answered within the service-level threshold. */
  serviceLevel: number | null;
  abandonRate: number | null;
  /** Mean talk time of inbound calls, s. */
  averageTalkTime: number | null;
  created: number;
  completed: number;
  exhausted: number;
  cancelled: number;
  expired: number;
  disconnected: number;
  /** Callbacks created in the counted period and still active at the horizon. */
  active: number;
  /** Callbacks ended in analytics after 14 days without an update (they may still be active). */
  endedInAnalytics: number;
  operationsApplied: number;
  operationsRefused: number;
  attempts: number;
  attemptsPerCallback: number | null;
  /** Ended callbacks by the number of attempts they made: element k counts those that made k attempts. */
  attemptsDistribution: number[];
  /** Share of attempts that connected a customer to an agent. */
  connectRate: number | null;
  /** Customer First: answers that waited for an agent. */
  customerAnswers: number;
  abandonedAfterAnswer: number;
  /** Abandoned after answer, as a share of customer answers. */
  abandonAfterAnswerRate: number | null;
  /** Mean time from when the callback was due (created, or its scheduled time) to its first dial, s. */
  timeToFirstDial: number | null;
  /** Mean time from when the callback was due to its connection with an agent, s. */
  timeToConnect: number | null;
  /** Customer First: mean wait for an agent after answering, s (of those who reached one). */
  waitAfterAnswer: number | null;
  /** Worst abandon-after-answer rate over consecutive 24-hour periods of the counted run (UK rule window). */
  abandonAfterAnswerRateMax24h: number | null;
  /** Worst abandon-after-answer rate over consecutive 30-day periods (US rule window; the whole run if shorter). */
  abandonAfterAnswerRateMax30d: number | null;
  /** Customer First: answers that answer detection took for a person (the regulators' denominator). */
  liveAnswers: number;
  /** Customer First: live answers not connected to an agent within the queue's compliance threshold, whether or not the person then held on. */
  complianceAbandoned: number;
  /** Customer First: the answers the compliance rate divides by (live answers, or every answer that reached the queue: compliance.denominator). */
  complianceAnswers: number;
  /** Compliance abandons as a share of `complianceAnswers`. */
  complianceAbandonRate: number | null;
  /** Worst compliance abandon rate over any 24 hours of the counted run (rolling by the minute; the whole run if shorter): the UK measure. */
  complianceAbandonRateMax24h: number | null;
  /** Worst compliance abandon rate over the successive 30-day periods of the counted run and the part period at its end (the whole run if shorter): the US measure. */
  complianceAbandonRateMax30d: number | null;
  /** Customer First: safe-harbour messages played to live answers that became compliance abandons. */
  safeHarbourMessages: number;
  /** Mean length of the safe-harbour messages heard, s. */
  safeHarbourMessageMean: number | null;
  /** Total length of the safe-harbour messages heard, hours. */
  safeHarbourHours: number;
  /** Customer First: live people taken for machines and hung up on, counted as compliance abandons (compliance.countAmdFalsePositives). */
  amdFalsePositiveAbandons: number;
  /** Customer First: live people hung up on because detection took them for a machine. */
  liveHungUpAsMachine: number;
  /** Customer First: mean dials in flight over the counted run. */
  dialsInFlightMean: number | null;
  /** Customer First: most dials in flight at once. */
  dialsInFlightMax: number;
  /** Agent First: agent hours spent on attempts that did not connect. */
  failedAttemptAgentHours: number;
  /** Callbacks ended undialed because their number is on the do-not-call list. */
  doNotCall: number;
  /** Callbacks ended because one more dial would have exceeded the attempt cap (`then: end`). */
  attemptCapped: number;
  /** Dials placed outside the customer's calling hours, each checked on its own (0 unless the permit logic is wrong). */
  dialsOutsideCallingHours: number;
  /** Callbacks that waited for their customer's calling hours at least once. */
  callbacksWaitedForHours: number;
  /** Mean wait for calling hours per callback that waited, s. */
  hoursWaitMean: number | null;
  /** Total wait for calling hours, hours. */
  hoursWaitTotal: number;
  /** Callbacks whose redial waited out a redial lockout after a compliance abandon. */
  callbacksWaitedForLockout: number;
  /** Callbacks that waited for the attempt cap's window (`then: defer`). */
  callbacksWaitedForAttemptCap: number;
}

/** Worst-period rates of abandonment after answer, from per-period tallies: the true abandons, and the compliance abandons. */
export interface AbandonWindows {
  max24h: number | null;
  max30d: number | null;
  compliance: { max24h: number | null; max30d: number | null };
}

const NO_WINDOWS: AbandonWindows = { max24h: null, max30d: null, compliance: { max24h: null, max30d: null } };

/** Derives a queue's KPIs from its tally (and, when known, its worst-period abandon rates). */
export function queueKpis(t: QueueTally, windows: AbandonWindows = NO_WINDOWS): QueueKpis {
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    callbackAccepted: t.callbackAccepted,
    voicemails: t.voicemails,
    transferredOut: t.transferredOut,
    flowErrors: t.flowErrors,
    pWait: ratio(t.waited, t.offered),
    asa: ratio(t.answeredWaitSum / 1000, t.answered, 3),
    serviceLevel: ratio(t.answeredWithinServiceLevel, t.offered),
    abandonRate: ratio(t.abandoned, t.offered),
    averageTalkTime: ratio(t.talkSum / 1000, t.talkCount, 3),
    created: t.created,
    completed: t.ended.completed,
    exhausted: t.ended.exhausted,
    cancelled: t.ended.cancelled,
    expired: t.ended.expired,
    disconnected: t.ended.disconnected,
    active: t.active,
    endedInAnalytics: t.endedInAnalytics,
    operationsApplied: t.operationsApplied,
    operationsRefused: t.operationsRefused,
    attempts: t.attempts,
    attemptsPerCallback: ratio(t.attempts, t.created, 4),
    attemptsDistribution: Array.from({ length: t.attemptsOfEnded.length }, (_, k) => t.attemptsOfEnded[k] ?? 0),
    connectRate: ratio(t.connected, t.attempts),
    customerAnswers: t.answeredByCustomer,
    abandonedAfterAnswer: t.abandonedAfterAnswer,
    abandonAfterAnswerRate: ratio(t.abandonedAfterAnswer, t.answeredByCustomer),
    timeToFirstDial: ratio(t.firstDialSum / 1000, t.firstDialCount, 3),
    timeToConnect: ratio(t.connectSum / 1000, t.connectCount, 3),
    waitAfterAnswer: ratio(t.waitAfterAnswerSum / 1000, t.waitAfterAnswerCount, 3),
    abandonAfterAnswerRateMax24h: windows.max24h,
    abandonAfterAnswerRateMax30d: windows.max30d,
    liveAnswers: t.liveAnswers,
    complianceAbandoned: t.complianceAbandoned,
    complianceAnswers: t.complianceAnswers,
    complianceAbandonRate: ratio(t.complianceAbandoned, t.complianceAnswers),
    complianceAbandonRateMax24h: windows.compliance.max24h,
    complianceAbandonRateMax30d: windows.compliance.max30d,
    safeHarbourMessages: t.safeHarbourMessages,
    safeHarbourMessageMean: ratio(t.safeHarbourTime / 1000, t.safeHarbourMessages, 3),
    safeHarbourHours: round(t.safeHarbourTime / HOUR, 4),
    amdFalsePositiveAbandons: t.amdFalsePositiveAbandons,
    liveHungUpAsMachine: t.liveHungUpAsMachine,
    dialsInFlightMean: ratio(t.inFlightArea, t.inFlightTime, 3),
    dialsInFlightMax: t.inFlightMax,
    failedAttemptAgentHours: round(t.failedAttemptAgentTime / HOUR, 4),
    doNotCall: t.ended.doNotCall,
    attemptCapped: t.ended.attemptCapped,
    dialsOutsideCallingHours: t.dialsOutsideHours,
    callbacksWaitedForHours: t.waitedForHours,
    hoursWaitMean: ratio(t.hoursWaitSum / 1000, t.waitedForHours, 3),
    hoursWaitTotal: round(t.hoursWaitSum / HOUR, 4),
    callbacksWaitedForLockout: t.waitedForLockout,
    callbacksWaitedForAttemptCap: t.waitedForAttemptCap,
  };
}

/** The callback KPIs of one kind of callback (in-queue, scheduled, …). */
export type CallbackKindKpis = Pick<
  QueueKpis,
  'created' | 'completed' | 'exhausted' | 'cancelled' | 'expired' | 'disconnected' | 'active' | 'endedInAnalytics' | 'attempts' | 'attemptsPerCallback' | 'connectRate' | 'timeToFirstDial' | 'timeToConnect'
>;

/** Picks the callback KPIs out of a tally. */
export function callbackKindKpis(t: QueueTally): CallbackKindKpis {
  const k = queueKpis(t);
  return {
    created: k.created,
    completed: k.completed,
    exhausted: k.exhausted,
    cancelled: k.cancelled,
    expired: k.expired,
    disconnected: k.disconnected,
    active: k.active,
    endedInAnalytics: k.endedInAnalytics,
    attempts: k.attempts,
    attemptsPerCallback: k.attemptsPerCallback,
    connectRate: k.connectRate,
    timeToFirstDial: k.timeToFirstDial,
    timeToConnect: k.timeToConnect,
  };
}

/** Agent KPIs. */
export interface AgentKpis {
  /** Busy (alerting, talking, dialing, wrap-up) time as a share of on-queue time. */
  occupancy: number | null;
  staffedHours: number;
  busyHours: number;
  idleHours: number;
  notRespondingHours: number;
  /** Idle time as a share of on-queue time. */
  idleShare: number | null;
}

/** Derives agent KPIs from an agent-time tally. */
export function agentKpis(t: AgentTimeTally): AgentKpis {
  return {
    occupancy: ratio(t.busy, t.staffed),
    staffedHours: round(t.staffed / HOUR, 4),
    busyHours: round(t.busy / HOUR, 4),
    idleHours: round(t.idle / HOUR, 4),
    notRespondingHours: round(t.notResponding / HOUR, 4),
    idleShare: ratio(t.idle, t.staffed),
  };
}
