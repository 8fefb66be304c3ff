import type { CallbackEnd } from '../machines/callback-parts.js';
import type { AttemptResult } from '../model/events.js';
import type { DialOutcome } from '../model/scenario.js';
import type { QueueTally } from './tally.js';

// What each counted event adds to a tally. The collector applies each to the
// queue's run total and its interval (and, for callbacks, to the kind's
// tally): plain functions, so that counting an event allocates nothing.

/** An answered call that waited `wait` ms (`within` the service level or not). */
export function countAnswered(q: QueueTally, wait: number, within: boolean): void {
  q.answered++;
  q.answeredWaitSum += wait;
  if (wait > 0) q.waited++;
  if (within) q.answeredWithinServiceLevel++;
}

/** A caller who hung up while waiting. */
export function countAbandoned(q: QueueTally): void {
  q.abandoned++;
  q.waited++;
}

/** A waiting caller who accepted a callback. */
export function countCallbackAccepted(q: QueueTally): void {
  q.callbackAccepted++;
  q.waited++;
}

/** An answered call that ended after `talk` ms of talk. */
export function countCallEnded(q: QueueTally, talk: number): void {
  q.talkSum += talk;
  q.talkCount++;
}

/** Dial attempt `attempt` of a callback, `sinceDue` ms after it became due. */
export function countDialed(q: QueueTally, attempt: number, sinceDue: number): void {
  q.attempts++;
  if (attempt === 1) {
    q.firstDialSum += sinceDue;
    q.firstDialCount++;
  }
}

/** A dial attempt that ended at `t` with `result` (`outcome` really answered; the agent engaged since `agentSince`, or -1). */
export function countAttemptEnded(q: QueueTally, t: number, result: AttemptResult, outcome: DialOutcome | null, agentSince: number): void {
  if (result === 'connected') q.connected++;
  else if (agentSince >= 0) q.failedAttemptAgentTime += t - agentSince;
  if (result === 'abandonedAfterAnswer') q.abandonedAfterAnswer++;
  if (result === 'machine' && outcome === 'live') q.liveHungUpAsMachine++;
}

/** A callback connected at `t`, due since `dueAt`, its customer waiting since `waitedSince` (or -1). */
export function countConnected(q: QueueTally, t: number, dueAt: number, waitedSince: number): void {
  q.connectSum += t - dueAt;
  q.connectCount++;
  if (waitedSince >= 0) {
    q.waitAfterAnswerSum += t - waitedSince;
    q.waitAfterAnswerCount++;
  }
}

/** A callback that ended as `end` after `attempts` attempts. */
export function countEnded(q: QueueTally, end: CallbackEnd, attempts: number): void {
  q.ended[end]++;
  q.attemptsOfEnded[attempts] = (q.attemptsOfEnded[attempts] ?? 0) + 1;
}

/** A waiting caller who left a voicemail. */
export function countVoicemail(q: QueueTally): void {
  q.voicemails++;
  q.waited++;
}

/** An operation on a callback, applied or refused. */
export function countOperation(q: QueueTally, applied: boolean): void {
  if (applied) q.operationsApplied++;
  else q.operationsRefused++;
}

/** `ms` with `inFlight` dials in flight. */
export function countInFlight(q: QueueTally, inFlight: number, ms: number): void {
  q.inFlightArea += inFlight * ms;
  q.inFlightTime += ms;
}
