import type { InboundSource } from './inbound-sources.js';
import { nowhere, type AgentRequester, type Place } from './waiting-lines.js';

/**
 * One inbound call, as the world keeps it beside its statechart: who the
 * customer is, where the call waits and which agent has it. Its lifecycle
 * is the call machine's (src/machines/call.ts); this record holds only what
 * the world needs to perform the machine's actions.
 */
export interface Call {
  /** The call's id, as events report it. */
  id: number;
  /** Index in the call pool: the entity id of its machine, and what kernel events and agents' work refs name. */
  slot: number;
  source: InboundSource;
  /** Index of the caller within their inbound stream: with the stream index, the customer's identity. */
  customer: number;
  arrivedAt: number;
  /** The queue the call is on now (an in-queue flow may transfer it). */
  queue: number;
  /** Position in the current queue (arrival, or transfer time). */
  position: number;
  /** Where the call waits for an agent (its line is null when it waits in none). */
  readonly place: Place;
  /** The agent alerted with or talking to the call, or -1. */
  agent: number;
  answeredAt: number;
}

/**
 * The calls in the system, by slot. Call objects are pooled: a slot holds
 * one for the life of a call and is reused by a later call, so that calls
 * that wait or talk for simulated minutes do not pile up as garbage.
 */
export class CallPool {
  private readonly calls: Call[] = [];
  private readonly freeSlots: number[] = [];
  private live = 0;

  /** @param requester who the calls' requests for agents are for */
  constructor(private readonly requester: AgentRequester) {}

  /** Number of calls in the system. */
  get size(): number {
    return this.live;
  }

  /** A record for a new call from `source` arriving `now`: a free slot's, or a new one. */
  add(id: number, source: InboundSource, now: number): Call {
    this.live++;
    if (this.freeSlots.length > 0) {
      const call = this.calls[this.freeSlots.pop()!];
      call.id = id;
      call.source = source;
      call.customer = source.count++;
      call.arrivedAt = now;
      call.queue = source.queue;
      call.position = now;
      call.place.line = null;
      call.agent = -1;
      call.answeredAt = -1;
      return call;
    }
    const call: Call = {
      id,
      slot: this.calls.length,
      source,
      customer: source.count++,
      arrivedAt: now,
      queue: source.queue,
      position: now,
      place: nowhere(this.requester),
      agent: -1,
      answeredAt: -1,
    };
    call.place.id = call.slot;
    this.calls.push(call);
    return call;
  }

  /** The call in `slot` (which must hold one). */
  get(slot: number): Call {
    return this.calls[slot];
  }

  /** The call has left the system: its slot is free for a later call. */
  remove(call: Call): void {
    call.place.line = null;
    call.agent = -1;
    this.live--;
    this.freeSlots.push(call.slot);
  }
}
