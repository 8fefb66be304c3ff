import { ContactCenter, type EngineName } from '../contact-center/world.js';
import type { SimEvent } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';

/** A run with every event it published. */
export interface RecordedRun {
  readonly scenario: Scenario;
  /** Every event, in the order published. */
  readonly events: readonly SimEvent[];
  /** Callbacks still active at the horizon. */
  readonly callbacksActiveAtEnd: number;
  /** Inbound calls still in the system at the horizon. */
  readonly callsInSystemAtEnd: number;
}

/** Runs `scenario` to its horizon and records every event it publishes (its pacing modules must be loaded). */
export function recordRun(scenario: Scenario, options: { engine?: EngineName } = {}): RecordedRun {
  const world = new ContactCenter(scenario, { engine: options.engine });
  const events: SimEvent[] = [];
  const subscription = world.events$.subscribe((e) => events.push(e));
  world.finish();
  subscription.unsubscribe();
  return { scenario, events, callbacksActiveAtEnd: world.callbacks.active, callsInSystemAtEnd: world.inbound.inSystem };
}

/** The events of one type, typed. */
export function eventsOfType<T extends SimEvent['type']>(events: readonly SimEvent[], type: T): Array<Extract<SimEvent, { type: T }>> {
  return events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}
