import { WorkQueue } from './work-queue.js';

/** How an interaction is routed: its queue, order in line, required skills and any agent it is reserved for. */
export interface Routing {
  queue: number;
  priority: number;
  /** Position in line (ms): the enqueue time, or the original one. */
  position: number;
  /** Id of the set of skills required (SkillBook), 0 for none. */
  skills: number;
  /** Agent index the interaction waits for (owner, preferred agent, route-to-me), or -1 for anyone. */
  reservedFor: number;
}

/** An interaction that asks for an agent, told what becomes of its request (see `AgentPool.request`). */
export interface AgentRequester {
  /** `agent` is alerted with interaction `id`; returns whether the interaction is answered automatically. */
  offered(id: number, agent: number): boolean;
  /** The offer of `id` rings at `agent` (an offer answered at once never does). */
  alerted(id: number, agent: number): void;
  /** `agent` answered the offer of `id`. */
  answered(id: number, agent: number): void;
  /** The offer of `id` to `agent` timed out: the interaction needs another agent. */
  missed(id: number, agent: number): void;
}

/**
 * One interaction's request for an agent: who asks (the requester and the
 * interaction's id), and where it waits, for taking it out again. The
 * interaction's owner keeps one per interaction (reused) and the lines fill
 * in where it waits.
 */
export interface Place {
  /** Who is told what becomes of the request. */
  requester: AgentRequester;
  /** The interaction's id, as the requester knows it. */
  id: number;
  /** The line it waits in, or null when it waits in none. */
  line: WorkQueue | null;
  /** Its ticket in that line. */
  ticket: number;
  /** The queue it was routed on. */
  queue: number;
  /** What its line holds for it (see `WaitingLines`). */
  slot: number;
}

/** A place of `requester`'s that is in no line. */
export function nowhere(requester: AgentRequester): Place {
  return { requester, id: 0, line: null, ticket: 0, queue: 0, slot: -1 };
}

/**
 * The lines interactions wait in: per queue, one line per set of required
 * skills (so an agent looks only at lines it is qualified for), and per agent
 * one line of interactions reserved for that agent, whatever their queue.
 */
export class WaitingLines {
  private readonly open: Array<Array<WorkQueue | undefined>>;
  private readonly openSets: number[][];
  private readonly reserved: Array<WorkQueue | undefined>;
  /** The places waiting in a line, by the slot their line holds. */
  private readonly places: Array<Place | undefined> = [];
  private readonly freeSlots: number[] = [];

  constructor(queueCount: number, agentCount: number) {
    this.open = Array.from({ length: queueCount }, () => []);
    this.openSets = Array.from({ length: queueCount }, () => []);
    this.reserved = new Array(agentCount);
  }

  /** Puts `place` in the line `routing` calls for. */
  push(place: Place, routing: Routing): void {
    const line = routing.reservedFor >= 0 ? this.reservedLine(routing.reservedFor) : this.openLine(routing.queue, routing.skills);
    let slot = this.freeSlots.pop();
    if (slot === undefined) slot = this.places.push(place) - 1;
    else this.places[slot] = place;
    place.slot = slot;
    place.ticket = line.push(slot, routing.priority, routing.position);
    place.line = line;
    place.queue = routing.queue;
  }

  /** Takes `place` out of the line it waits in (it must wait in one); it is then in none. */
  remove(place: Place): void {
    place.line!.remove(place.ticket);
    this.release(place.slot);
    place.line = null;
  }

  /** Takes the front interaction out of `line` (which must not be empty); it is then in none. */
  shift(line: WorkQueue): Place {
    const place = this.release(line.shift());
    place.line = null;
    return place;
  }

  private release(slot: number): Place {
    const place = this.places[slot]!;
    this.places[slot] = undefined;
    this.freeSlots.push(slot);
    place.slot = -1;
    return place;
  }

  /** The open line of `queue` for skill set `skills`. */
  openLine(queue: number, skills: number): WorkQueue {
    let line = this.open[queue][skills];
    if (!line) {
      line = this.open[queue][skills] = new WorkQueue();
      this.openSets[queue].push(skills);
    }
    return line;
  }

  /** The skill sets that have an open line on `queue`. */
  skillSetsOf(queue: number): readonly number[] {
    return this.openSets[queue];
  }

  /** The line of interactions reserved for `agent`. */
  reservedLine(agent: number): WorkQueue {
    let line = this.reserved[agent];
    if (!line) line = this.reserved[agent] = new WorkQueue();
    return line;
  }

  /** The reserved line of `agent` if it has one. */
  reservedFor(agent: number): WorkQueue | undefined {
    return this.reserved[agent];
  }

  /** Number of interactions waiting on `queue`'s open lines. */
  waitingOn(queue: number): number {
    let n = 0;
    for (const set of this.openSets[queue]) n += this.open[queue][set]!.size;
    return n;
  }
}
