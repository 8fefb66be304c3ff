import { sampler, sampleWhole, type Sampler } from '../kernel/distributions.js';
import type { RandomStream, RandomStreams } from '../kernel/random.js';
import type { LocalCalendar } from '../model/calendar.js';
import { DIAL_OUTCOMES, type CalleeConfig, type DialOutcome, type OutcomeProbabilities } from '../model/scenario.js';

/** How one dial will go, decided when it is placed. */
export interface DialPlan {
  /** What really answers (or does not). */
  outcome: DialOutcome;
  /** What answering-machine detection reports for an answered call: `live` or `machine` (else the outcome itself). */
  detected: DialOutcome;
  /** ms from the dial to ring-back (ringing outcomes) or to the busy / special-information tone. */
  signalDelay: number;
  /** ms of ringing before the outcome (ringing outcomes only: live, machine, noAnswer). */
  ringDuration: number;
}

/** Whether an outcome is reached through ringing (the others are signalled by a tone). */
export function rings(outcome: DialOutcome): boolean {
  return outcome === 'live' || outcome === 'machine' || outcome === 'noAnswer';
}

/** Outcome probabilities with the live share scaled by `factor`; the difference moves to no answer. */
export function scaleLive(p: OutcomeProbabilities, factor: number): OutcomeProbabilities {
  if (factor === 1) return p;
  const live = Math.min(p.live * factor, p.live + p.noAnswer);
  return { ...p, live, noAnswer: p.noAnswer + p.live - live };
}

/**
 * The behaviour of called-back customers. A customer's response to attempt
 * k is drawn from that customer's own stream for attempt k (outcome, then
 * ring time, then how detection classifies the answer), so it is the same in
 * every run that dials them k times at the same hour, whatever the pacing.
 */
export class Callee {
  private readonly ringTime: Sampler;
  private readonly patience: Sampler;
  private readonly dialPurpose: number;
  private readonly patiencePurpose: number;
  private readonly stream: RandomStream;

  constructor(
    private readonly config: CalleeConfig,
    private readonly streams: RandomStreams,
    private readonly calendar: LocalCalendar,
  ) {
    this.ringTime = sampler(config.ringTime);
    this.patience = sampler(config.patienceAfterAnswer);
    this.dialPurpose = streams.purpose('callee.dial');
    this.patiencePurpose = streams.purpose('callee.patienceAfterAnswer');
    this.stream = streams.stream('callee');
  }

  /** Outcome probabilities of attempt `attempt` (1-based) placed at simulated time `t`. */
  probabilities(attempt: number, t: number): OutcomeProbabilities {
    const byAttempt = this.config.outcomesByAttempt;
    const base = byAttempt.length > 0 ? byAttempt[Math.min(attempt, byAttempt.length) - 1] : this.config.outcomes;
    const byHour = this.config.liveByHour;
    return byHour.length === 24 ? scaleLive(base, byHour[this.calendar.hourOfDay(t)]) : base;
  }

  /** The plan of attempt `attempt` (1-based) to the customer `(customer, sub)`, placed at time `t`. */
  plan(customer: number, sub: number, attempt: number, t: number): DialPlan {
    const u = this.streams.rekey(this.stream, this.dialPurpose, customer, sub + attempt * 0x10000);
    const p = this.probabilities(attempt, t);
    let total = 0;
    for (const o of DIAL_OUTCOMES) total += p[o];
    const x = u.next() * total;
    let outcome: DialOutcome = DIAL_OUTCOMES[DIAL_OUTCOMES.length - 1];
    let cumulative = 0;
    for (const o of DIAL_OUTCOMES) {
      cumulative += p[o];
      if (x < cumulative) {
        outcome = o;
        break;
      }
    }
    const ringSample = sampleWhole(this.ringTime, u);
    const detection = u.next();
    const { ringTimeout, signalTime } = this.config;
    let ringDuration = 0;
    if (outcome === 'noAnswer') ringDuration = ringTimeout;
    else if (outcome === 'live' || outcome === 'machine') {
      ringDuration = ringSample;
      if (ringDuration >= ringTimeout) {
        outcome = 'noAnswer';
        ringDuration = ringTimeout;
      }
    }
    const amd = this.config.answeringMachineDetection;
    let detected = outcome;
    if (outcome === 'live' && detection < amd.liveAsMachine) detected = 'machine';
    else if (outcome === 'machine' && detection < amd.machineAsLive) detected = 'live';
    return { outcome, detected, signalDelay: signalTime, ringDuration };
  }

  /** How long the customer who answered attempt `attempt` waits for an agent. */
  patienceAfterAnswer(customer: number, sub: number, attempt: number): number {
    const u = this.streams.rekey(this.stream, this.patiencePurpose, customer, sub + attempt * 0x10000);
    return sampleWhole(this.patience, u);
  }
}
