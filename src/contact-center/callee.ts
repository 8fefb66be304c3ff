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

/** A dial plan to fill in (see `Callee.planInto`). */
export function blankPlan(): DialPlan {
  return { outcome: 'live', detected: 'live', signalDelay: 0, ringDuration: 0 };
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
  /**
   * The cumulative outcome probabilities, in `DIAL_OUTCOMES` order, of every
   * (attempt, hour of day) the configuration tells apart: by attempt (the
   * last entry of `outcomesByAttempt` standing for later attempts), then by
   * hour when the live share varies by hour.
   */
  private readonly tables: Float64Array[] = [];
  private readonly byHour: boolean;

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
    this.byHour = config.liveByHour.length === 24;
    const bases = config.outcomesByAttempt.length > 0 ? config.outcomesByAttempt : [config.outcomes];
    for (const base of bases) {
      for (let hour = 0; hour < (this.byHour ? 24 : 1); hour++) {
        const p = this.byHour ? scaleLive(base, config.liveByHour[hour]) : base;
        let cumulative = 0;
        this.tables.push(Float64Array.from(DIAL_OUTCOMES, (o) => (cumulative += p[o])));
      }
    }
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
    return this.planInto(blankPlan(), customer, sub, attempt, t);
  }

  /** `plan`, written into `into` (which is returned) instead of a new object. */
  planInto(into: DialPlan, customer: number, sub: number, attempt: number, t: number): DialPlan {
    const u = this.streams.rekey(this.stream, this.dialPurpose, customer, sub + attempt * 0x10000);
    const byAttempt = this.config.outcomesByAttempt.length;
    const base = byAttempt > 0 ? Math.min(attempt, byAttempt) - 1 : 0;
    const cumulative = this.tables[this.byHour ? base * 24 + this.calendar.hourOfDay(t) : base];
    const last = DIAL_OUTCOMES.length - 1;
    const x = u.next() * cumulative[last];
    let k = last;
    for (let i = 0; i < last; i++) {
      if (x < cumulative[i]) {
        k = i;
        break;
      }
    }
    let outcome: DialOutcome = DIAL_OUTCOMES[k];
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
    into.outcome = outcome;
    into.detected = detected;
    into.signalDelay = signalTime;
    into.ringDuration = ringDuration;
    return into;
  }

  /** How long the customer who answered attempt `attempt` waits for an agent. */
  patienceAfterAnswer(customer: number, sub: number, attempt: number): number {
    const u = this.streams.rekey(this.stream, this.patiencePurpose, customer, sub + attempt * 0x10000);
    return sampleWhole(this.patience, u);
  }
}
