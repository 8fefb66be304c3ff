import { EVENT_SPECS, type EventSpec } from './event-schema.js';
import type { SimEvent, SimEventSink } from './events.js';

/** Makes the typed call of `sink` that stands for event `e` (and throws on an unknown type). */
export type EventAdapter = (sink: SimEventSink, e: SimEvent) => void;

/** The call of one type's case: `t`, then the fields its typed call takes, queues turned into indexes. */
function callCode(spec: EventSpec): string {
  const args = ['e.t', ...spec.params.map((f) => (f.kind === 'queue' ? `queueIndex(e.${f.name})` : `e.${f.name}`))];
  return `sink.${spec.call}(${args.join(', ')})`;
}

/** The body of the factory `(queueIndex) => adapter`: one switch over every type of the schema. */
const SOURCE = [
  '"use strict";',
  'return function adapt(sink, e) {',
  '  switch (e.type) {',
  ...EVENT_SPECS.map((spec) => `    case ${JSON.stringify(spec.type)}: ${callCode(spec)}; return;`),
  '  }',
  '  throw new Error("no event type " + JSON.stringify(e.type));',
  '};',
].join('\n');

/**
 * The reverse of an `EventChannel`'s typed path, derived from the schema: an
 * adapter that turns a `SimEvent` object into the typed call of a sink, with
 * each queue id turned into its index by `queueIndex`, and the fields that
 * typed calls leave out dropped. Its code is generated once; each adapter
 * is a function of its own (so that the JIT's feedback is its own).
 */
export function eventAdapter(queueIndex: (id: string) => number): EventAdapter {
  return new Function('queueIndex', SOURCE)(queueIndex) as EventAdapter;
}
