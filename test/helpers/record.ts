import { ContactCenter } from '../../src/contact-center/world.js';
import type { SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';

/** Runs a scenario to its horizon and returns every event it published, with the world at the end. */
export function record(scenario: Scenario): { events: SimEvent[]; world: ContactCenter } {
  const world = new ContactCenter(scenario);
  const events: SimEvent[] = [];
  world.events$.subscribe((e) => events.push(e));
  world.finish();
  return { events, world };
}

/** The events of one type, typed. */
export function ofType<T extends SimEvent['type']>(events: readonly SimEvent[], type: T): Array<Extract<SimEvent, { type: T }>> {
  return events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}
