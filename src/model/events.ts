import type { EVENT_SCHEMA, Field, FieldDecl, SimEventType } from './event-schema.js';

export { SIM_EVENT_TYPES } from './event-schema.js';
export type { AttemptResult, CallbackKind, SimEventType } from './event-schema.js';

type Schema = typeof EVENT_SCHEMA;

/** The declared fields of event type `T`. */
type FieldsOf<T extends SimEventType> = Schema[T]['fields'];

/** The value of a field in an event object. */
type ObjectValue<F> = F extends Field<infer V> ? V : never;

/** The value of a field in a typed call: a queue is its index. */
type CallValue<F> = F extends Field<unknown, 'queue'> ? number : ObjectValue<F>;

/** The one-field declarations of a list, as one object type (each name keeps its doc comment). */
type Merged<L> = L extends readonly [infer Head, ...infer Rest] ? Head & Merged<Rest> : unknown;

/** The fields of a list as the properties of an event object. */
type ObjectFields<L extends readonly FieldDecl[]> = { -readonly [K in keyof Merged<L>]: ObjectValue<Merged<L>[K]> };

/** The fields of a list that a typed call takes, as its parameter types in order (details are left out). */
type CallFields<L> = L extends readonly [infer Head, ...infer Rest]
  ? Head[keyof Head] extends Field<unknown, 'detail'>
    ? CallFields<Rest>
    : [CallValue<Head[keyof Head]>, ...CallFields<Rest>]
  : [];

/** Flattens an intersection into one object type. */
type Flat<T> = { [K in keyof T]: T[K] };

/** The event of type `T` as an object. */
export type SimEventOf<T extends SimEventType> = Flat<
  {
    type: T;
    /** Simulated ms. */
    t: number;
  } & ObjectFields<FieldsOf<T>>
>;

/**
 * What happens in a run, in simulated time order: the stream that metrics,
 * traces and tests consume. Each type and its fields are declared in
 * `EVENT_SCHEMA`; `t` is simulated ms, a queue is a queue id, an `agent` is
 * an agent index (-1 for none).
 */
export type SimEvent = { [T in SimEventType]: SimEventOf<T> }[SimEventType];

/** The parameters of the typed call of event type `T`: `t`, then its fields in order (queues as indexes, details left out). */
export type SimEventArgs<T extends SimEventType> = [t: number, ...fields: CallFields<FieldsOf<T>>];

/** One typed call per type of event, named as the schema says. */
export type SimEventCalls = { [T in SimEventType as Schema[T]['call']]: (...args: SimEventArgs<T>) => void };

/**
 * A consumer that takes the events of a run as typed calls with their
 * fields, instead of as `SimEvent` objects: nothing is allocated per event.
 * Each call stands for the event type of `EVENT_SCHEMA` that names it, with
 * its fields in the same order, except that a queue is given by its index
 * in the scenario's `queues` (not its id), and fields that are fixed
 * properties of the entity are left out (an agent's `group`; a dial's
 * `number`, `callerId` and `callerName`). Publishers make every call.
 */
export interface SimEventSink extends SimEventCalls {
  /** The run has ended. */
  complete(): void;
}
