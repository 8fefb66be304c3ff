import { nextArrival, type PiecewiseRate } from '../kernel/arrivals.js';
import { sampler, type Sampler } from '../kernel/distributions.js';
import type { RandomStream } from '../kernel/random.js';
import { hourlyRate } from './arrival-rate.js';
import type { CallbackCenter, NewCallback } from './callbacks.js';
import type { World } from './world-context.js';

/** Customer ids of request streams are kept apart from inbound callers' by this offset of the stream index. */
export const REQUEST_SOURCE_OFFSET = 0x4000;

interface RequestSource {
  index: number;
  queue: number;
  rate: PiecewiseRate;
  arrivals: RandomStream;
  lastArrival: number;
  /** The simulator lane its arrivals wait in (their times never decrease). */
  lane: number;
  count: number;
  talk: Sampler;
  wrap: Sampler;
}

/**
 * Callback requests that do not come from a waiting call (a web form, an
 * app, the callback API): Poisson by hour of day, each a callback due at
 * once on its queue, positioned at its request time.
 */
export class CallbackRequests {
  private readonly sources: RequestSource[];
  private readonly arrivalKind: number;
  private readonly spec: NewCallback;

  constructor(
    private readonly world: World,
    private readonly callbacks: CallbackCenter,
  ) {
    this.arrivalKind = world.sim.register('callback.request', (s) => this.arrive(this.sources[s]));
    const none = sampler({ kind: 'constant', value: 0 });
    this.spec = { kind: 'requested', queue: 0, position: 0, customer: 0, customerSource: 0, talk: none, wrap: none };
    this.sources = world.scenario.callbackRequests.map((config, index) => ({
      index,
      queue: world.queueIndex(config.queue),
      rate: hourlyRate(config.perHour, world.calendar),
      arrivals: world.streams.stream('callbackRequests', index),
      lastArrival: 0,
      lane: world.sim.lane(),
      count: 0,
      talk: sampler(config.talkTime),
      wrap: sampler(config.wrapUp),
    }));
  }

  /** Schedules the first request of every stream. */
  start(): void {
    for (const source of this.sources) this.scheduleNext(source);
  }

  private scheduleNext(source: RequestSource): void {
    const at = nextArrival(source.lastArrival, source.rate, source.arrivals, this.world.horizon);
    if (at === Infinity) return;
    source.lastArrival = at;
    this.world.sim.scheduleInLane(source.lane, Math.max(this.world.sim.now, Math.round(at)), this.arrivalKind, source.index);
  }

  private arrive(source: RequestSource): void {
    this.scheduleNext(source);
    // One description object for every request (`create` keeps nothing of it).
    const spec = this.spec;
    spec.queue = source.queue;
    spec.position = this.world.sim.now;
    spec.customer = source.count++;
    spec.customerSource = REQUEST_SOURCE_OFFSET + source.index;
    spec.talk = source.talk;
    spec.wrap = source.wrap;
    this.callbacks.create(spec);
  }
}
