import { nextArrival, type PiecewiseRate } from '../kernel/arrivals.js';
import { sampler, type Sampler } from '../kernel/distributions.js';
import type { RandomStream } from '../kernel/random.js';
import type { InboundConfig } from '../model/scenario.js';
import { hourlyRate } from './arrival-rate.js';
import type { SkillBook } from './skills.js';
import type { World } from './world-context.js';

/** One inbound stream of the scenario during a run: its settings, samplers and arrival process. */
export interface InboundSource {
  index: number;
  config: InboundConfig;
  queue: number;
  /** Queue that accepted callback offers are created on. */
  callbackQueue: number;
  rate: PiecewiseRate;
  arrivals: RandomStream;
  /** Float time of the last arrival (rounded only when scheduled). */
  lastArrival: number;
  /** The simulator lane its arrivals wait in (their times never decrease). */
  lane: number;
  /** Calls that arrived so far: the next caller's index within the stream. */
  count: number;
  talk: Sampler;
  wrap: Sampler;
  patience?: Sampler;
  leadTime?: Sampler;
  /** Skills the calls require (the queue's and their own). */
  skills: readonly string[];
  skillSet: number;
  priority: number;
}

/**
 * The arrivals of inbound calls: one source per inbound stream of the
 * scenario, each a Poisson process by hour of day on its own random stream
 * and simulator lane. `onArrival(source)` runs at each arrival.
 */
export class InboundArrivals {
  /** The sources, by index in `scenario.inbound`. */
  readonly sources: readonly InboundSource[];
  private readonly arrivalKind: number;

  constructor(
    private readonly world: World,
    skills: SkillBook,
    onArrival: (source: InboundSource) => void,
  ) {
    const { sim, streams, scenario, calendar } = world;
    this.arrivalKind = sim.register('call.arrival', (s) => onArrival(this.sources[s]));
    this.sources = scenario.inbound.map((config, index) => {
      const queue = world.queueIndex(config.queue);
      const required = [...world.queues[queue].config.skills, ...config.skills];
      return {
        index,
        config,
        queue,
        callbackQueue: world.queueIndex(config.callbackOffer?.queue ?? config.queue),
        rate: hourlyRate(config.perHour, calendar),
        arrivals: streams.stream('arrivals', index),
        lastArrival: 0,
        lane: sim.lane(),
        count: 0,
        talk: sampler(config.talkTime),
        wrap: sampler(config.wrapUp),
        patience: config.patience ? sampler(config.patience) : undefined,
        leadTime: config.scheduleCallback ? sampler(config.scheduleCallback.leadTime) : undefined,
        skills: required,
        skillSet: skills.setOf(required),
        priority: config.priority ?? world.queues[queue].config.priority,
      };
    });
  }

  /** Schedules the first arrival of every stream. */
  start(): void {
    for (const source of this.sources) this.scheduleNext(source);
  }

  /** Schedules the next arrival of `source` (none past the horizon). */
  scheduleNext(source: InboundSource): void {
    const at = nextArrival(source.lastArrival, source.rate, source.arrivals, this.world.horizon);
    if (at === Infinity) return;
    source.lastArrival = at;
    this.world.sim.scheduleInLane(source.lane, Math.max(this.world.sim.now, Math.round(at)), this.arrivalKind, source.index);
  }
}
