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

/**
 * Where an interaction waits, for taking it out again: a holder that the
 * interaction's owner keeps (one per interaction, reused) and that `push`
 * and `AgentPool.place` fill in.
 */
export interface Place {
  /** The line it waits in, or null when it waits in none. */
  line: WorkQueue | null;
  /** Its ticket in that line. */
  ticket: number;
}

/** A place that is in no line. */
export function nowhere(): Place {
  return { line: null, ticket: 0 };
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

  constructor(queueCount: number, agentCount: number) {
    this.open = Array.from({ length: queueCount }, () => []);
    this.openSets = Array.from({ length: queueCount }, () => []);
    this.reserved = new Array(agentCount);
  }

  /** Puts `ref` in the line `routing` calls for, and where it is into `place`. */
  push(ref: number, routing: Routing, place: Place): void {
    const line = routing.reservedFor >= 0 ? this.reservedLine(routing.reservedFor) : this.openLine(routing.queue, routing.skills);
    place.ticket = line.push(ref, routing.priority, routing.position);
    place.line = line;
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
