import type { AnyStateMachine } from 'xstate';
import { CALLBACK_TAGS } from '../machines/callback-parts.js';
import { stateTags } from '../machines/state-tags.js';
import type { World } from './world-context.js';

/** A state's counted tags as bits. */
const IN_FLIGHT = 1;
const WAITING_FOR_AGENT = 2;
const TALKING = 4;
const HOLDS_LINE = 8;

/** Whether a state with counted-tag bits `bits` holds a line of its route (tag `holdsLine`). */
export const holdsLine = (bits: number): boolean => (bits & HOLDS_LINE) !== 0;

/** What a callback's state change did to the counts: bits of `FlightChange`. */
export const FlightChange = {
  /** A dial stopped being in flight (it ended, or an agent took the customer): a slot may have freed up. */
  landed: 1,
  /** A customer who answered stopped waiting for an agent. */
  stoppedWaiting: 2,
  /** ... by hanging up (else an agent took the call). */
  abandoned: 4,
  /** A dial was answered, and the customer now waits for an agent. */
  startedWaiting: 8,
  /** A dial ended without the customer waiting for an agent (no answer, a signal, or an answer the queue did not keep). */
  endedUnheld: 16,
} as const;

/**
 * The Customer First dialer's counts per queue — dials in flight (placed,
 * ringing, or answered and waiting for an agent) and customers who answered
 * and wait for an agent — kept in one place from the tags of the states
 * callbacks move between. Every change of the in-flight count is published.
 */
export class FlightAccounting {
  /** Dials in flight per queue. */
  readonly inFlight: Int32Array;
  /** Customers per queue who answered and wait for an agent. */
  readonly waitingForAgent: Int32Array;
  /** Per machine id, per state name: the counted tags as bits. */
  private readonly bits = new Map<string, ReadonlyMap<string, number>>();

  constructor(
    private readonly world: World,
    machines: readonly AnyStateMachine[],
  ) {
    this.inFlight = new Int32Array(world.queues.length);
    this.waitingForAgent = new Int32Array(world.queues.length);
    for (const machine of machines) this.bits.set(machine.id, countedTags(machine));
  }

  /** The counted-tag bits of each state of the machine with id `machineId`. */
  tagsOf(machineId: string): ReadonlyMap<string, number> {
    const bits = this.bits.get(machineId);
    if (!bits) throw new Error(`flight accounting: unknown machine ${machineId}`);
    return bits;
  }

  /**
   * A callback on `queue` moved from a state with counted tags `from` to one
   * with `to`: counts it, and returns what changed (bits of `FlightChange`).
   */
  changed(queue: number, from: number, to: number): number {
    if ((from & ~HOLDS_LINE) === (to & ~HOLDS_LINE)) return 0;
    let change = 0;
    const waiting = (to & WAITING_FOR_AGENT) - (from & WAITING_FOR_AGENT);
    if (waiting !== 0) {
      this.waitingForAgent[queue] += waiting > 0 ? 1 : -1;
      if (waiting > 0) change |= FlightChange.startedWaiting;
      else change |= to & TALKING ? FlightChange.stoppedWaiting : FlightChange.stoppedWaiting | FlightChange.abandoned;
    }
    const flight = (to & IN_FLIGHT) - (from & IN_FLIGHT);
    if (flight !== 0) {
      this.inFlight[queue] += flight;
      this.world.channel.dialerInFlight(this.world.sim.now, queue, this.inFlight[queue]);
      if (flight < 0) change |= from & WAITING_FOR_AGENT ? FlightChange.landed : FlightChange.landed | FlightChange.endedUnheld;
    }
    return change;
  }
}

/** Bits of the counted tags of every state of `machine` ('' — before the start — counts nothing). */
function countedTags(machine: AnyStateMachine): ReadonlyMap<string, number> {
  const out = new Map<string, number>([['', 0]]);
  for (const [state, tags] of stateTags(machine)) {
    const bits = (tags.has(CALLBACK_TAGS.inFlight) ? IN_FLIGHT : 0) | (tags.has(CALLBACK_TAGS.waitingForAgent) ? WAITING_FOR_AGENT : 0);
    out.set(state, bits | (tags.has(CALLBACK_TAGS.talking) ? TALKING : 0) | (tags.has(CALLBACK_TAGS.holdsLine) ? HOLDS_LINE : 0));
  }
  return out;
}
