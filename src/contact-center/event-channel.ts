import { EventStream } from '../kernel/event-stream.js';
import { TYPED_EVENT_TYPES, type AttemptResult, type CallbackKind, type SimEvent, type SimEventSink, type SimEventType } from '../model/events.js';
import type { CallbackMode, DialOutcome } from '../model/scenario.js';

/** What the channel looks up to build the fields a `SimEventSink` is not given. */
export interface EventDetails {
  /** The id of queue `queue` (an index). */
  queueId(queue: number): string;
  /** The group of agent `agent`. */
  groupOf(agent: number): string;
  /** The number callback `callback` dials, its caller ID and name. */
  dialDetails(callback: number): { number: string; callerId: string; callerName: string | null };
}

/**
 * Where the world publishes what happens, in two forms: typed calls to one
 * attached `SimEventSink` (the KPI collector: no object per event), and
 * `SimEvent` objects on an `EventStream` for anyone else (rxjs subscribers,
 * traces), built only when the stream has someone who wants their type.
 * For each event the sink is called first, then the stream.
 */
export class EventChannel {
  /** The object stream. */
  readonly stream = new EventStream<SimEvent>();
  private sink: SimEventSink | null = null;
  /** Types the sink takes (every typed one, and those of its `types`), by name. */
  private readonly sinkWants = noTypes();

  constructor(private readonly details: EventDetails) {}

  /** Sends every event from now on to `sink` (at most one sink per channel). */
  attach(sink: SimEventSink): void {
    if (this.sink !== null) throw new Error('an event channel takes one typed sink; subscribe to the event stream instead');
    this.sink = sink;
    for (const type of [...TYPED_EVENT_TYPES, ...sink.types]) this.sinkWants[type] = true;
  }

  /** Whether anyone (the sink or the stream) would see an event of type `type`. */
  wants(type: SimEventType): boolean {
    return this.sinkWants[type] || (this.stream.observed && this.stream.wants(type));
  }

  /** Whether the stream would get an object of type `type`. */
  private objects(type: SimEventType): boolean {
    return this.stream.observed && this.stream.wants(type);
  }

  /** Publishes an event given as an object (the types a sink does not take as typed calls). */
  emit(event: SimEvent): void {
    if (this.sink !== null && this.sinkWants[event.type]) this.sink.event(event);
    if (this.stream.observed) this.stream.next(event);
  }

  /** Ends the run for the sink and the stream. */
  complete(): void {
    this.sink?.complete();
    this.stream.complete();
  }

  /** `call.arrived` */
  callArrived(t: number, call: number, queue: number): void {
    if (this.sink !== null) this.sink.callArrived(t, call, queue);
    if (this.objects('call.arrived')) this.stream.next({ type: 'call.arrived', t, call, queue: this.details.queueId(queue) });
  }

  /** `call.answered` */
  callAnswered(t: number, call: number, queue: number, agent: number, arrivedAt: number): void {
    if (this.sink !== null) this.sink.callAnswered(t, call, queue, agent, arrivedAt);
    if (this.objects('call.answered')) this.stream.next({ type: 'call.answered', t, call, queue: this.details.queueId(queue), agent, arrivedAt });
  }

  /** `call.abandoned` */
  callAbandoned(t: number, call: number, queue: number, arrivedAt: number): void {
    if (this.sink !== null) this.sink.callAbandoned(t, call, queue, arrivedAt);
    if (this.objects('call.abandoned')) this.stream.next({ type: 'call.abandoned', t, call, queue: this.details.queueId(queue), arrivedAt });
  }

  /** `call.callbackAccepted` */
  callbackAccepted(t: number, call: number, queue: number, arrivedAt: number, callback: number): void {
    if (this.sink !== null) this.sink.callbackAccepted(t, call, queue, arrivedAt, callback);
    if (this.objects('call.callbackAccepted')) {
      this.stream.next({ type: 'call.callbackAccepted', t, call, queue: this.details.queueId(queue), arrivedAt, callback });
    }
  }

  /** `call.ended` */
  callEnded(t: number, call: number, queue: number, agent: number, answeredAt: number, arrivedAt: number): void {
    if (this.sink !== null) this.sink.callEnded(t, call, queue, agent, answeredAt, arrivedAt);
    if (this.objects('call.ended')) {
      this.stream.next({ type: 'call.ended', t, call, queue: this.details.queueId(queue), agent, answeredAt, arrivedAt });
    }
  }

  /** `callback.created` */
  callbackCreated(t: number, callback: number, queue: number, kind: CallbackKind, mode: CallbackMode, position: number): void {
    if (this.sink !== null) this.sink.callbackCreated(t, callback, queue, kind, mode, position);
    if (this.objects('callback.created')) {
      this.stream.next({ type: 'callback.created', t, callback, queue: this.details.queueId(queue), kind, mode, position });
    }
  }

  /** `callback.dialed` (its number and caller ID are looked up when an object is built) */
  callbackDialed(t: number, callback: number, queue: number, attempt: number, agent: number, createdAt: number, dueAt: number): void {
    if (this.sink !== null) this.sink.callbackDialed(t, callback, queue, attempt, agent, createdAt, dueAt);
    if (this.objects('callback.dialed')) {
      const { number, callerId, callerName } = this.details.dialDetails(callback);
      this.stream.next({
        type: 'callback.dialed',
        t,
        callback,
        queue: this.details.queueId(queue),
        attempt,
        agent,
        createdAt,
        dueAt,
        number,
        callerId,
        callerName,
      });
    }
  }

  /** `callback.attemptEnded` */
  attemptEnded(
    t: number,
    callback: number,
    queue: number,
    attempt: number,
    result: AttemptResult,
    outcome: DialOutcome | null,
    agent: number,
    agentSince: number,
    createdAt: number,
  ): void {
    if (this.sink !== null) this.sink.attemptEnded(t, callback, queue, attempt, result, outcome, agent, agentSince, createdAt);
    if (this.objects('callback.attemptEnded')) {
      this.stream.next({
        type: 'callback.attemptEnded',
        t,
        callback,
        queue: this.details.queueId(queue),
        attempt,
        result,
        outcome,
        agent,
        agentSince,
        createdAt,
      });
    }
  }

  /** `callback.answered` */
  callbackAnswered(t: number, callback: number, queue: number, createdAt: number): void {
    if (this.sink !== null) this.sink.callbackAnswered(t, callback, queue, createdAt);
    if (this.objects('callback.answered')) this.stream.next({ type: 'callback.answered', t, callback, queue: this.details.queueId(queue), createdAt });
  }

  /** `callback.connected` */
  callbackConnected(t: number, callback: number, queue: number, agent: number, createdAt: number, dueAt: number, waitedSince: number): void {
    if (this.sink !== null) this.sink.callbackConnected(t, callback, queue, agent, createdAt, dueAt, waitedSince);
    if (this.objects('callback.connected')) {
      this.stream.next({ type: 'callback.connected', t, callback, queue: this.details.queueId(queue), agent, createdAt, dueAt, waitedSince });
    }
  }

  /** `callback.ended` */
  callbackEnded(t: number, callback: number, queue: number, end: string, attempts: number, createdAt: number): void {
    if (this.sink !== null) this.sink.callbackEnded(t, callback, queue, end, attempts, createdAt);
    if (this.objects('callback.ended')) {
      this.stream.next({ type: 'callback.ended', t, callback, queue: this.details.queueId(queue), end, attempts, createdAt });
    }
  }

  /** `agent.state` (the group is looked up when an object is built) */
  agentState(t: number, agent: number, from: string, to: string): void {
    if (this.sink !== null) this.sink.agentState(t, agent, from, to);
    if (this.objects('agent.state')) this.stream.next({ type: 'agent.state', t, agent, group: this.details.groupOf(agent), from, to });
  }

  /** `callback.state`: built as an object only for whoever wants it (the sink through `event`). */
  callbackState(t: number, callback: number, queue: number, from: string, to: string, event: string): void {
    const toSink = this.sink !== null && this.sinkWants['callback.state'];
    if (!toSink && !this.objects('callback.state')) return;
    this.emit({ type: 'callback.state', t, callback, queue: this.details.queueId(queue), from, to, event });
  }

  /** `dialer.inFlight` */
  dialerInFlight(t: number, queue: number, inFlight: number): void {
    if (this.sink !== null) this.sink.dialerInFlight(t, queue, inFlight);
    if (this.objects('dialer.inFlight')) this.stream.next({ type: 'dialer.inFlight', t, queue: this.details.queueId(queue), inFlight });
  }
}

/** Every type, not wanted: an object of fixed shape, so that looking a type up is a plain property load. */
function noTypes(): Record<SimEventType, boolean> {
  return {
    'call.arrived': false,
    'call.answered': false,
    'call.abandoned': false,
    'call.callbackAccepted': false,
    'call.ended': false,
    'callback.created': false,
    'callback.state': false,
    'callback.dialed': false,
    'callback.attemptEnded': false,
    'callback.answered': false,
    'callback.connected': false,
    'callback.ended': false,
    'callback.analyticsEnded': false,
    'call.voicemail': false,
    'call.transferred': false,
    'call.flowError': false,
    operation: false,
    'campaign.dialed': false,
    'agent.state': false,
    'dialer.dialed': false,
    'dialer.inFlight': false,
    'queue.sample': false,
  };
}
