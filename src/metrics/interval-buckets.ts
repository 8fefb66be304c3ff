import { ratio, round } from './kpis.js';
import { AgentTimeTally, QueueTally } from './tally.js';

/** Length of a statistics interval, as Genesys keeps them: 30 minutes. */
export const INTERVAL_MS = 30 * 60_000;

/** One 30-minute interval's figures. */
export interface IntervalReport {
  /** Interval start, ISO 8601 UTC. */
  start: string;
  queues: Record<string, IntervalQueueFigures>;
  agents: { occupancy: number | null; staffedHours: number };
}

/** The per-queue figures kept for each interval. */
export interface IntervalQueueFigures {
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asa: number | null;
  callbacksCreated: number;
  attempts: number;
  connected: number;
  abandonedAfterAnswer: number;
  /** Answers in the queue's compliance denominator, and compliance abandons. */
  complianceAnswers: number;
  complianceAbandoned: number;
  dialsInFlightMean: number | null;
  dialsInFlightMax: number;
  /** Interactions waiting for an agent at the start of the interval. */
  waiting: number;
  /** Customer First callbacks waiting to be dialed at the start of the interval. */
  toDial: number;
}

/** What an interval report needs to know of the run. */
export interface IntervalRun {
  queueIds: readonly string[];
  /** Intervals that end before the warm-up are not reported. */
  warmup: number;
  horizon: number;
  /** Epoch ms of simulated time 0. */
  startEpochMs: number;
}

/**
 * The tallies of each 30-minute interval of a run, by interval index
 * (`bucket`, from simulated time 0): each queue's, the agents', and the
 * queues' line lengths sampled at its start. An interval's tallies are made
 * when it is first counted in; the interval counted in last is remembered,
 * so that counting an event there allocates nothing.
 */
export class IntervalBuckets {
  private readonly queueTallies: Array<QueueTally[] | undefined> = [];
  private readonly agentTallies: Array<AgentTimeTally | undefined> = [];
  /** Per interval, each queue's waiting count then its to-dial count. */
  private readonly samples: Array<Float64Array | undefined> = [];
  /** The interval `at` found last: its bounds (ms) and its queue tallies. */
  private lastStart = 0;
  private lastEnd = 0;
  private lastTallies: QueueTally[] = [];

  constructor(private readonly queueCount: number) {}

  /** The queue tallies (by queue index) of the interval that holds time `t`. */
  at(t: number): QueueTally[] {
    if (t >= this.lastStart && t < this.lastEnd) return this.lastTallies;
    const bucket = Math.floor(t / INTERVAL_MS);
    this.lastStart = bucket * INTERVAL_MS;
    this.lastEnd = this.lastStart + INTERVAL_MS;
    return (this.lastTallies = this.queues(bucket));
  }

  /** The queue tallies (by queue index) of interval `bucket`. */
  queues(bucket: number): QueueTally[] {
    let tallies = this.queueTallies[bucket];
    if (!tallies) tallies = this.queueTallies[bucket] = Array.from({ length: this.queueCount }, () => new QueueTally());
    return tallies;
  }

  /** The agent time of interval `bucket`. */
  agents(bucket: number): AgentTimeTally {
    let tally = this.agentTallies[bucket];
    if (!tally) tally = this.agentTallies[bucket] = new AgentTimeTally();
    return tally;
  }

  /** Records queue `queue`'s line lengths sampled at `t`: for the interval that holds `t`. */
  sample(t: number, queue: number, waiting: number, toDial: number): void {
    const bucket = Math.floor(t / INTERVAL_MS);
    let samples = this.samples[bucket];
    if (!samples) samples = this.samples[bucket] = new Float64Array(2 * this.queueCount);
    samples[2 * queue] = waiting;
    samples[2 * queue + 1] = toDial;
  }

  /** The figures of every interval from the one that holds the warm-up's end to the one that holds the horizon. */
  report(run: IntervalRun): IntervalReport[] {
    const reports: IntervalReport[] = [];
    const first = Math.floor(run.warmup / INTERVAL_MS);
    const last = Math.ceil(run.horizon / INTERVAL_MS);
    for (let bucket = first; bucket < last; bucket++) {
      const tallies = this.queueTallies[bucket];
      const agents = this.agentTallies[bucket];
      const samples = this.samples[bucket];
      const queues: Record<string, IntervalQueueFigures> = {};
      run.queueIds.forEach((id, i) => {
        const t = tallies?.[i] ?? new QueueTally();
        queues[id] = {
          offered: t.offered,
          answered: t.answered,
          abandoned: t.abandoned,
          serviceLevel: ratio(t.answeredWithinServiceLevel, t.answered + t.abandoned),
          asa: ratio(t.answeredWaitSum / 1000, t.answered, 3),
          callbacksCreated: t.created,
          attempts: t.attempts,
          connected: t.connected,
          abandonedAfterAnswer: t.abandonedAfterAnswer,
          complianceAnswers: t.complianceAnswers,
          complianceAbandoned: t.complianceAbandoned,
          dialsInFlightMean: ratio(t.inFlightArea, t.inFlightTime, 3),
          dialsInFlightMax: t.inFlightMax,
          waiting: samples ? samples[2 * i] : 0,
          toDial: samples ? samples[2 * i + 1] : 0,
        };
      });
      reports.push({
        start: new Date(run.startEpochMs + bucket * INTERVAL_MS).toISOString(),
        queues,
        agents: {
          occupancy: agents ? ratio(agents.busy, agents.staffed) : null,
          staffedHours: agents ? round(agents.staffed / 3_600_000, 4) : 0,
        },
      });
    }
    return reports;
  }
}
