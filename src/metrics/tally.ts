import { CALLBACK_END_STATES, type CallbackEnd } from '../machines/callback-parts.js';
import type { PermitWaitReason } from '../model/event-schema.js';

/** Raw counts and sums of one queue over some period (the whole run, or one interval). */
export class QueueTally {
  offered = 0;
  answered = 0;
  abandoned = 0;
  callbackAccepted = 0;
  /** Callers who left a voicemail (ACD voicemail), which became a callback. */
  voicemails = 0;
  /** Calls an in-queue flow transferred to another queue (counted on the queue they left). */
  transferredOut = 0;
  /** Calls disconnected by an in-queue flow error (own-queue transfer, 30-flow limit). */
  flowErrors = 0;
  /** Counted arrivals that waited more than 0 ms or abandoned. */
  waited = 0;
  answeredWithinServiceLevel = 0;
  /** ms waited by answered calls. */
  answeredWaitSum = 0;
  /** ms of talk of ended inbound calls. */
  talkSum = 0;
  talkCount = 0;

  created = 0;
  readonly ended: Record<CallbackEnd, number> = { completed: 0, exhausted: 0, cancelled: 0, expired: 0, disconnected: 0, doNotCall: 0, attemptCapped: 0 };
  attempts = 0;
  connected = 0;
  /** Customer First: live (or machine) answers that waited for an agent. */
  answeredByCustomer = 0;
  abandonedAfterAnswer = 0;
  /** Customer First: answers that answer detection took for a person. */
  liveAnswers = 0;
  /** Customer First: live answers not connected to an agent within the compliance threshold. */
  complianceAbandoned = 0;
  /** Customer First: answers in the queue's compliance denominator (live answers, or every answer that reached the queue). */
  complianceAnswers = 0;
  /** Customer First: safe-harbour messages played, and their total length heard (ms). */
  safeHarbourMessages = 0;
  safeHarbourTime = 0;
  /** Customer First: live people taken for machines and hung up on, counted as compliance abandons. */
  amdFalsePositiveAbandons = 0;
  /** Callbacks that waited for their customer's calling hours at least once, and the ms they waited in all. */
  waitedForHours = 0;
  hoursWaitSum = 0;
  /** Callbacks that waited out a redial lockout at least once. */
  waitedForLockout = 0;
  /** Callbacks that waited for the attempt cap's window at least once. */
  waitedForAttemptCap = 0;
  /** Dials placed outside the customer's calling hours (checked apart from the permit: 0 unless the permit is wrong). */
  dialsOutsideHours = 0;
  firstDialSum = 0;
  firstDialCount = 0;
  connectSum = 0;
  connectCount = 0;
  waitAfterAnswerSum = 0;
  waitAfterAnswerCount = 0;
  /** Agent First: agent ms spent on attempts that did not connect. */
  failedAttemptAgentTime = 0;
  /** Customer First: live people hung up on because detection took them for a machine. */
  liveHungUpAsMachine = 0;
  /** Callbacks ended in analytics (no scheduled time, no update 14 days after creation) while still active. */
  endedInAnalytics = 0;
  operationsApplied = 0;
  operationsRefused = 0;
  /** Customer First: dials in flight integrated over time (count × ms). */
  inFlightArea = 0;
  /** ms over which `inFlightArea` was integrated. */
  inFlightTime = 0;
  /** Most dials in flight at once. */
  inFlightMax = 0;

  /** Ended callbacks by number of attempts made (index = attempts). */
  readonly attemptsOfEnded: number[] = [];

  /** Callbacks counted as created that have not ended. */
  get active(): number {
    let ended = 0;
    for (const end of CALLBACK_END_STATES) ended += this.ended[end];
    return this.created - ended;
  }

  /** Counts a wait for a dial permit: a callback's first wait for `reason`, and the ms of calling-hours waits. */
  permitWait(reason: PermitWaitReason, wait: number, first: boolean): void {
    if (reason === 'hours') this.hoursWaitSum += wait;
    if (!first) return;
    if (reason === 'hours') this.waitedForHours++;
    else if (reason === 'lockout') this.waitedForLockout++;
    else this.waitedForAttemptCap++;
  }

  /** Adds another tally's counts into this one. */
  add(other: QueueTally): void {
    for (const key of Object.keys(this) as Array<keyof QueueTally>) {
      const value = other[key];
      if (key === 'inFlightMax') this.inFlightMax = Math.max(this.inFlightMax, other.inFlightMax);
      else if (typeof value === 'number') (this as unknown as Record<string, number>)[key] += value;
    }
    for (const end of CALLBACK_END_STATES) this.ended[end] += other.ended[end];
    other.attemptsOfEnded.forEach((n, attempts) => (this.attemptsOfEnded[attempts] = (this.attemptsOfEnded[attempts] ?? 0) + n));
  }
}

/** The kinds of agent time are the agent chart's time tags (each state carries exactly one); a kind is its index there. */
export { AGENT_TIME_TAGS, type AgentTimeTag } from '../machines/agent.js';

/** The kind of `offline` time: an agent's kind before its first change of state. */
export const OFFLINE = 0;
// The other kinds, as literals (their indexes in AGENT_TIME_TAGS) so that counting compares with constants.
const IDLE = 1;
const WORKING = 2;
const NOT_RESPONDING = 3;

/** Agent time (ms) by kind of state over some period. */
export class AgentTimeTally {
  /** On queue: every state except offline. */
  staffed = 0;
  /** Working: alerting, busy or in wrap-up. */
  busy = 0;
  idle = 0;
  notResponding = 0;

  /** Adds `ms` spent in a state of kind `kind` (an index into `AGENT_TIME_TAGS`). */
  add(kind: number, ms: number): void {
    if (kind === OFFLINE || ms <= 0) return;
    this.staffed += ms;
    if (kind === WORKING) this.busy += ms;
    else if (kind === IDLE) this.idle += ms;
    else if (kind === NOT_RESPONDING) this.notResponding += ms;
  }
}
