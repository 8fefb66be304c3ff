import type { MachineEngine } from '../machines/engine.js';
import { reservationMachine, type ReservationEvent, type ReservationInput } from '../machines/reservation.js';
import type { AgentPool } from './agent-pool.js';
import { routingOf, type CallbackRecord, type CallbackRecords } from './callback-records.js';
import type { Routing } from './waiting-lines.js';
import type { EngineFactory, World } from './world-context.js';

const EXPIRE = Object.freeze({ type: 'EXPIRE' as const });
const DROP: ReservationEvent = Object.freeze({ type: 'DROP' });

/**
 * The callbacks kept for one agent — an owner's, or the agent a callback
 * goes to first — each run by a reservation chart (entity: the callback's
 * id) that times the hold and names what its end does.
 */
export class Reservations {
  private readonly engine: MachineEngine<ReservationInput, ReservationEvent, ReservationInput>;
  /** See `routingOf`. */
  private readonly routing: Routing = { queue: 0, priority: 0, position: 0, skills: 0, reservedFor: -1 };

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly records: CallbackRecords,
    createEngine: EngineFactory,
  ) {
    const timers = world.timers.forEngine<ReservationEvent>((id, e) => this.engine.send(id, e));
    this.engine = createEngine('reservation', reservationMachine, {
      perform: (id, action) => this.perform(id, action),
      delay: timers.delay,
      cancelDelay: timers.cancelDelay,
      changed: () => {},
    });
  }

  /** Transitions taken so far by reservation charts. */
  get transitions(): number {
    return this.engine.transitions;
  }

  /** Starts the callback's reservation the first time it waits for an agent: its ownership, or its first-agent wait. */
  hold(record: CallbackRecord): void {
    const now = this.world.sim.now;
    if (record.owner >= 0 && !record.ownershipStarted) {
      record.ownershipStarted = true;
      const maxOwnership = record.queue.config.callback.agentOwnedCallbacks.maxOwnership;
      this.start(record, Math.max(now, record.scheduledAt) + maxOwnership - now, true);
    }
    if (record.reservationWait > 0) {
      this.start(record, record.reservationWait, false);
      record.reservationWait = 0;
    }
  }

  /** The callback has ended: its reservation, if it holds one, is dropped. */
  drop(record: CallbackRecord): void {
    if (record.reserved) this.engine.send(record.id, DROP);
  }

  private start(record: CallbackRecord, holdTime: number, ownership: boolean): void {
    record.reserved = true;
    this.engine.start(record.id, { holdTime, ownership });
  }

  private perform(id: number, action: string): void {
    const record = this.records.find(id);
    switch (action) {
      case 'expireOwnership':
        if (record) record.chart.send(id, EXPIRE);
        return;
      case 'openToQueue':
        if (record && record.owner < 0) this.openToQueue(record);
        return;
      case 'release':
        if (record) record.reserved = false;
        this.engine.release(id);
        return;
      default:
        throw new Error(`reservation machine: unknown action ${action}`);
    }
  }

  /** Routes a waiting callback to anyone on its queue from now on. */
  private openToQueue(record: CallbackRecord): void {
    if (record.reservedFor < 0) return;
    record.reservedFor = -1;
    const place = record.place;
    if (place.line !== null && place.line !== record.queue.toDial) {
      this.pool.withdraw(place);
      this.pool.request(place, routingOf(record, record.position, this.routing));
    }
  }
}
