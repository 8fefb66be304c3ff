import { EventStream } from '../kernel/event-stream.js';
import { eventAdapter, type EventAdapter } from '../model/event-adapter.js';
import { EVENT_SPECS, type EntityDetails, type EventSpec } from '../model/event-schema.js';
import type { SimEvent, SimEventCalls, SimEventSink, SimEventType } from '../model/events.js';

/** What the channel looks up to turn queue indexes into ids and back, and to build the fields a `SimEventSink` is not given. */
export interface EventDetails extends EntityDetails {
  /** The id of queue `queue` (an index). */
  queueId(queue: number): string;
  /** The index of the queue with id `id`. */
  queueIndex(id: string): number;
}

/** The channel has one method per typed call of the schema (see `methodSource`). */
export interface EventChannel extends SimEventCalls {}

/**
 * Where the world publishes what happens, in two forms: typed calls to one
 * attached `SimEventSink` (the KPI collector: no object per event), and
 * `SimEvent` objects on an `EventStream` for anyone else (rxjs subscribers,
 * traces), built only when the stream has someone who wants their type.
 * For each event the sink is called first, then the stream.
 *
 * Each typed call of `SimEventSink` is a method of the channel, generated
 * from the event schema: it calls the sink, then, if the stream wants the
 * type, builds the object (queue indexes turned into ids, details looked
 * up). `emit` takes an event as an object and gives it to the sink's typed
 * call (queue ids turned into indexes), then to the stream.
 */
export class EventChannel {
  /** The object stream. */
  readonly stream = new EventStream<SimEvent>();
  private sink: SimEventSink | null = null;
  /** Gives an event object to the sink's typed call. */
  private readonly toSink: EventAdapter;

  constructor(private readonly details: EventDetails) {
    this.toSink = eventAdapter((id) => details.queueIndex(id));
  }

  /** Sends every event from now on to `sink` (at most one sink per channel). */
  attach(sink: SimEventSink): void {
    if (this.sink !== null) throw new Error('an event channel takes one typed sink; subscribe to the event stream instead');
    this.sink = sink;
  }

  /** Whether anyone (the sink, which takes every type, or the stream) would see an event of type `type`. */
  wants(type: SimEventType): boolean {
    return this.sink !== null || (this.stream.observed && this.stream.wants(type));
  }

  /** Publishes an event given as an object. */
  emit(event: SimEvent): void {
    if (this.sink !== null) this.toSink(this.sink, event);
    if (this.stream.observed) this.stream.next(event);
  }

  /** Ends the run for the sink and the stream. */
  complete(): void {
    this.sink?.complete();
    this.stream.complete();
  }
}

/**
 * The body of the factory `() => method` of one typed call: a hand-written
 * method's code (a null check and a call; the object built only when the
 * stream wants it), so that it costs no more. Locals start with `$`, which
 * field names cannot.
 */
function methodSource(spec: EventSpec): string {
  const params = ['t', ...spec.params.map((f) => f.name)].join(', ');
  const type = JSON.stringify(spec.type);
  const lookups: string[] = [];
  const looked = new Map<string, string>();
  const props = [`type: ${type}`, 't'];
  for (const f of spec.fields) {
    if (f.kind === 'queue') props.push(`${f.name}: $details.queueId(${f.name})`);
    else if (f.detail === null) props.push(f.name);
    else {
      const call = `$details.${f.detail.lookup}(${f.detail.of})`;
      let local = looked.get(call);
      if (local === undefined) {
        local = `$${looked.size}`;
        looked.set(call, local);
        lookups.push(`  const ${local} = ${call};`);
      }
      props.push(`${f.name}: ${f.detail.pick === null ? local : `${local}.${f.detail.pick}`}`);
    }
  }
  return [
    '"use strict";',
    `return function ${spec.call}(${params}) {`,
    '  const $sink = this.sink;',
    `  if ($sink !== null) $sink.${spec.call}(${params});`,
    '  const $stream = this.stream;',
    `  if (!$stream.observed || !$stream.wants(${type})) return;`,
    '  const $details = this.details;',
    ...lookups,
    `  $stream.next({ ${props.join(', ')} });`,
    '};',
  ].join('\n');
}

for (const spec of EVENT_SPECS) {
  if (spec.call in EventChannel.prototype) throw new Error(`EventChannel: the typed call ${spec.call} would hide a method of the channel`);
  Object.defineProperty(EventChannel.prototype, spec.call, { value: new Function(methodSource(spec))(), writable: true, configurable: true });
}
