import type { CallbackMode, DialOutcome } from './scenario.js';

/** How a callback came to be. */
export type CallbackKind = 'inQueue' | 'requested' | 'scheduled' | 'agentOwned' | 'campaign' | 'voicemail';

/** How one dial attempt ended, as the world saw it. */
export type AttemptResult = 'connected' | 'live' | 'machine' | 'noAnswer' | 'busy' | 'invalid' | 'fax' | 'abandonedAfterAnswer';

/** Why a callback waits for its dial permit. */
export type PermitWaitReason = 'hours' | 'lockout' | 'attempts';

/** What a dial shows and calls: the number, and the caller ID and name shown to the customer. */
export interface DialDetails {
  number: string;
  callerId: string;
  callerName: string | null;
}

/**
 * Where the fields that typed calls leave out are looked up, when an event
 * object is built: fixed properties of an entity.
 */
export interface EntityDetails {
  /** The group of agent `agent`. */
  groupOf(agent: number): string;
  /** The number callback `callback` dials, its caller ID and name. */
  dialDetails(callback: number): DialDetails;
}

/**
 * How a field is carried: as it is (`number`, `string`, `boolean`); as a
 * queue (its id in an event object, its index in the scenario's `queues` in
 * a typed call); or as a detail (only in event objects, looked up in
 * `EntityDetails`).
 */
export type FieldKind = 'number' | 'string' | 'boolean' | 'queue' | 'detail';

/** How a detail field is looked up: `details[lookup](event[of])`, then its property `pick` if there is one. */
export interface DetailLookup {
  readonly lookup: keyof EntityDetails;
  readonly of: string;
  readonly pick: string | null;
}

declare const VALUE: unique symbol;

/** The description of one field; `V` is, for the type checker only, its value in an event object. */
export interface Field<V = unknown, K extends FieldKind = FieldKind> {
  readonly kind: K;
  /** Whether the value may be null. */
  readonly nullable: boolean;
  /** For a detail, how it is looked up. */
  readonly detail: DetailLookup | null;
  /** Type only (never set): the field's value in an event object. */
  readonly [VALUE]: V;
}

function field<V, K extends FieldKind>(kind: K, nullable = false, detail: DetailLookup | null = null): Field<V, K> {
  return { kind, nullable, detail } as Field<V, K>;
}

const number = field<number, 'number'>('number');
const string = field<string, 'string'>('string');
const boolean = field<boolean, 'boolean'>('boolean');
const queue = field<string, 'queue'>('queue');

/** A string field whose values are those of `T`. */
function text<T extends string>(): Field<T, 'string'> {
  return string as Field<T, 'string'>;
}

/** `f`, or null. */
function nullable<V, K extends FieldKind>(f: Field<V, K>): Field<V | null, K> {
  return field<V | null, K>(f.kind, true, f.detail);
}

/** The group of the agent in field `of`. */
function groupOf(of: string): Field<string, 'detail'> {
  return field('detail', false, { lookup: 'groupOf', of, pick: null });
}

/** Property `pick` of the dial details of the callback in field `of`. */
function dial<P extends keyof DialDetails>(pick: P, of = 'callback'): Field<DialDetails[P], 'detail'> {
  return field('detail', false, { lookup: 'dialDetails', of, pick });
}

/**
 * One field as `{ name: field }`: a list of these keeps the fields' order
 * (which the parameter lists of typed calls follow) and each name's doc
 * comment (which the event types keep).
 */
export type FieldDecl = { readonly [name: string]: Field };

/** One type of event as declared: the name of its typed call and its fields, in order. */
export interface EventDecl<C extends string = string, F extends readonly FieldDecl[] = readonly FieldDecl[]> {
  readonly call: C;
  readonly fields: F;
}

function event<const C extends string, const F extends readonly FieldDecl[]>(call: C, fields: F): EventDecl<C, F> {
  return { call, fields };
}

/**
 * Every type of event of a run, declared once: by its name, the name of the
 * typed call that stands for it on a `SimEventSink`, and its fields in
 * order (after `type` and `t`, the simulated ms, which every event has). The
 * `SimEvent` union, the `SimEventSink` interface, the `EventChannel`'s
 * methods and the event adapter are all derived from it.
 *
 * An `agent` is an agent index (-1 for none).
 */
export const EVENT_SCHEMA = {
  /** A call reached a queue. */
  'call.arrived': event('callArrived', [{ call: number }, { queue }]),
  /** An agent answered a call. */
  'call.answered': event('callAnswered', [{ call: number }, { queue }, { agent: number }, { arrivedAt: number }]),
  /** A caller hung up while waiting. */
  'call.abandoned': event('callAbandoned', [{ call: number }, { queue }, { arrivedAt: number }]),
  /** A waiting caller accepted a callback and left the line. */
  'call.callbackAccepted': event('callbackAccepted', [{ call: number }, { queue }, { arrivedAt: number }, { callback: number }]),
  /** An answered call ended. */
  'call.ended': event('callEnded', [{ call: number }, { queue }, { agent: number }, { answeredAt: number }, { arrivedAt: number }]),
  /** A callback was created. */
  'callback.created': event('callbackCreated', [
    { callback: number },
    { queue },
    { kind: text<CallbackKind>() },
    { mode: text<CallbackMode>() },
    { position: number },
  ]),
  /** A callback's statechart changed state on an event. */
  'callback.state': event('callbackState', [{ callback: number }, { queue }, { from: string }, { to: string }, { event: string }]),
  /** A callback was dialed (its number and caller ID are details of the callback). */
  'callback.dialed': event('callbackDialed', [
    { callback: number },
    { queue },
    { attempt: number },
    { agent: number },
    { createdAt: number },
    {
      /** When the callback became due: its scheduled time, else its creation. */
      dueAt: number,
    },
    {
      /** The number dialed. */
      number: dial('number'),
    },
    {
      /** Caller ID shown to the customer: the queue's ANI unless a flow's Call Data step set another. */
      callerId: dial('callerId'),
    },
    { callerName: nullable(dial('callerName')) },
  ]),
  /** A dial attempt ended. */
  'callback.attemptEnded': event('attemptEnded', [
    { callback: number },
    { queue },
    { attempt: number },
    { result: text<AttemptResult>() },
    {
      /** What really answered the dial (differs from `result` when detection erred), or null before a dial. */
      outcome: nullable(text<DialOutcome>()),
    },
    { agent: number },
    {
      /** When the agent was engaged for this attempt (Agent First), else -1. */
      agentSince: number,
    },
    { createdAt: number },
  ]),
  /** Customer First: a live person (or a machine taken for one) answered a dial and waits for an agent. */
  'callback.answered': event('callbackAnswered', [
    { callback: number },
    { queue },
    { createdAt: number },
    {
      /** Answer detection took the answer for a person (else a machine the queue transfers). */
      live: boolean,
    },
  ]),
  /** Customer First: a person who answered was not connected to an agent within the queue's compliance threshold (or hung up before it). */
  'callback.complianceAbandoned': event('callbackComplianceAbandoned', [{ callback: number }, { queue }, { createdAt: number }]),
  /** Customer First: the queue's safe-harbour message was played to a live answer that became a compliance abandon. */
  'callback.safeHarbourMessage': event('callbackSafeHarbourMessage', [
    { callback: number },
    { queue },
    { createdAt: number },
    {
      /** ms of the message the person heard (cut short if they hang up during it). */
      length: number,
    },
  ]),
  /** Customer First: a live person that answer detection took for a machine was hung up on, counted as a compliance abandon (compliance.countAmdFalsePositives). */
  'callback.amdFalsePositive': event('callbackAmdFalsePositive', [{ callback: number }, { queue }, { createdAt: number }]),
  /** A callback may not dial yet: it waits for its customer's calling hours, the redial lockout or the attempt cap. */
  'callback.permitWait': event('callbackPermitWait', [
    { callback: number },
    { queue },
    { reason: text<PermitWaitReason>() },
    {
      /** ms it waits (up to the horizon). */
      wait: number,
    },
    {
      /** The callback's first wait for this reason. */
      first: boolean,
    },
    { createdAt: number },
  ]),
  /** A callback dialed outside its customer's calling hours (checked at each dial, apart from the permit). */
  'callback.dialedOutsideHours': event('callbackDialedOutsideHours', [{ callback: number }, { queue }, { createdAt: number }]),
  /** A callback's customer and an agent were connected. */
  'callback.connected': event('callbackConnected', [
    { callback: number },
    { queue },
    { agent: number },
    { createdAt: number },
    {
      /** When the callback became due: its scheduled time, else its creation. */
      dueAt: number,
    },
    { waitedSince: number },
  ]),
  /** A callback ended. */
  'callback.ended': event('callbackEnded', [{ callback: number }, { queue }, { end: string }, { attempts: number }, { createdAt: number }]),
  /** No update within 14 days of creation and no scheduled time: ended in analytics, though it may still be active. */
  'callback.analyticsEnded': event('callbackAnalyticsEnded', [{ callback: number }, { queue }, { createdAt: number }, { state: string }]),
  /** A waiting caller left a voicemail, which became a callback. */
  'call.voicemail': event('callVoicemail', [{ call: number }, { queue }, { arrivedAt: number }, { callback: number }]),
  /** An in-queue flow transferred a waiting call from one queue to another. */
  'call.transferred': event('callTransferred', [{ call: number }, { from: queue }, { to: queue }, { arrivedAt: number }, { flows: number }]),
  /** An in-queue flow error disconnected a waiting call. */
  'call.flowError': event('callFlowError', [{ call: number }, { queue }, { arrivedAt: number }, { flows: number }, { reason: string }]),
  /** An operation of the scenario on one callback, applied or refused. */
  operation: event('operation', [
    { op: string },
    { callback: number },
    { label: nullable(string) },
    { queue },
    { applied: boolean },
    { reason: nullable(string) },
  ]),
  /** An outbound campaign dialed a contact. */
  'campaign.dialed': event('campaignDialed', [{ campaign: string }, { contact: number }, { outcome: string }, { callLater: boolean }]),
  /** An agent's statechart changed state (the agent's group is a detail of the agent). */
  'agent.state': event('agentState', [{ agent: number }, { group: groupOf('agent') }, { from: string }, { to: string }]),
  /** The Customer First dialer started a dial. */
  'dialer.dialed': event('dialerDialed', [
    { queue },
    { callback: number },
    {
      /** Dials in flight on the queue once this one started. */
      inFlight: number,
    },
    {
      /** The policy's bound on dials in flight when it decided. */
      bound: number,
    },
    { policy: string },
    {
      /** The adaptive policy's dial level, else null. */
      level: nullable(number),
    },
  ]),
  /** The dials in flight on a queue changed. */
  'dialer.inFlight': event('dialerInFlight', [{ queue }, { inFlight: number }]),
  /** The lines busy on an outbound route that declares its lines changed (a call was placed on one, or hung up). */
  'route.lines': event('routeLines', [{ route: string }, { busy: number }]),
  /** A dial on an outbound route found no free line and waited for one: it now has one, after `wait` ms. */
  'route.lineWaited': event('routeLineWaited', [{ route: string }, { queue }, { callback: number }, { wait: number }]),
  /** A queue's state sampled every 30 minutes: interactions waiting for an agent, callbacks waiting to be dialed, dials in flight, agents. */
  'queue.sample': event('queueSample', [
    { queue },
    { waiting: number },
    { toDial: number },
    { inFlight: number },
    { idleAgents: number },
    { onlineAgents: number },
  ]),
} satisfies Record<string, EventDecl>;

/** The `type` of every event. */
export type SimEventType = keyof typeof EVENT_SCHEMA;

/** The name of the typed call of event type `T`. */
export type SinkCallName<T extends SimEventType = SimEventType> = (typeof EVENT_SCHEMA)[T]['call'];

/** One field of one type of event, as code reads the schema at run time. */
export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly nullable: boolean;
  /** For a detail, how it is looked up. */
  readonly detail: DetailLookup | null;
}

/** One type of event, as code reads the schema at run time. */
export interface EventSpec {
  readonly type: SimEventType;
  /** The name of its typed call. */
  readonly call: SinkCallName;
  /** Its fields after `type` and `t`, in order. */
  readonly fields: readonly FieldSpec[];
  /** The fields its typed call takes after `t`, in order: every field but the details. */
  readonly params: readonly FieldSpec[];
}

/** A field name that generated code can use as a parameter and a property name as it is. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function eventSpec(type: SimEventType, decl: EventDecl): EventSpec {
  const fields = decl.fields.map((one): FieldSpec => {
    const names = Object.keys(one);
    if (names.length !== 1) throw new Error(`event ${type}: each field is declared as { name: field }, got ${JSON.stringify(names)}`);
    const name = names[0];
    if (!IDENTIFIER.test(name) || name === 'type' || name === 't') throw new Error(`event ${type}: field name ${JSON.stringify(name)} is not allowed`);
    const { kind, nullable, detail } = one[name];
    return { name, kind, nullable, detail };
  });
  const params = fields.filter((f) => f.kind !== 'detail');
  const names = fields.map((f) => f.name);
  if (new Set(names).size !== names.length) throw new Error(`event ${type}: two fields have the same name`);
  for (const f of fields) {
    if (f.detail && !params.some((p) => p.name === f.detail!.of)) {
      throw new Error(`event ${type}: detail ${f.name} is looked up by ${f.detail.of}, which is not a field of its typed call`);
    }
  }
  if (!IDENTIFIER.test(decl.call)) throw new Error(`event ${type}: typed call name ${JSON.stringify(decl.call)} is not an identifier`);
  return { type, call: decl.call as SinkCallName, fields, params };
}

/** Every type of event with its typed call and fields, in the schema's order. */
export const EVENT_SPECS: readonly EventSpec[] = (Object.keys(EVENT_SCHEMA) as SimEventType[]).map((type) => eventSpec(type, EVENT_SCHEMA[type]));

if (new Set(EVENT_SPECS.map((s) => s.call)).size !== EVENT_SPECS.length) throw new Error('two types of event have the same typed call');

/** Every type of event, in the schema's order. */
export const SIM_EVENT_TYPES: readonly SimEventType[] = EVENT_SPECS.map((s) => s.type);
