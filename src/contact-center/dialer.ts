import type { AgentPool } from './agent-pool.js';
import type { DialerHooks } from './callback-effects.js';
import type { CallbackRecords } from './callback-records.js';
import type { FlightAccounting } from './flight-accounting.js';
import { ABANDON_CEILING } from '../model/regulation.js';
import { pacingPolicy, type PacingPolicy, type PacingView } from './pacing.js';
import type { World } from './world-context.js';

const DIAL = Object.freeze({ type: 'DIAL' as const });

/** Default abandon-after-answer target of the adaptive policy: the regulatory ceiling. */
export const DEFAULT_ADAPTIVE_TARGET = ABANDON_CEILING;

/**
 * The Customer First dialer: whenever something relevant happens on a queue
 * (an agent becomes idle or comes online, a dial ends, a callback becomes
 * due, a customer starts waiting), it asks the queue's pacing policy how many
 * dials to start and dials that many callbacks from the front of the queue.
 * Decisions run as their own event at the current time, after whatever
 * prompted them has settled.
 */
export class Dialer implements DialerHooks {
  private readonly policies: Array<PacingPolicy | null>;
  private readonly pending: Uint8Array;
  /** The view a decision fills in (policies read it while deciding, and keep nothing of it). */
  private readonly scratch: PacingView = { onlineAgents: 0, idleAgents: 0, inFlight: 0, waitingForAgent: 0 };
  private readonly decideKind: number;
  /** Decisions are made at once (after what is already due now): a delay line of delay 0 (-1 without Customer First queues). */
  private readonly decideLine: number;

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly records: CallbackRecords,
    private readonly flight: FlightAccounting,
  ) {
    this.policies = world.queues.map((q) => {
      const settings = q.config.callback;
      if (settings.mode !== 'CustomerFirst') return null;
      return pacingPolicy(settings.pacing, settings.pacingModifier, {
        target: settings.adaptiveTarget ?? DEFAULT_ADAPTIVE_TARGET,
        window: 100,
      });
    });
    this.pending = new Uint8Array(world.queues.length);
    this.decideKind = world.sim.register('dialer.decide', (q) => this.decide(q));
    const customerFirst = this.policies.some((p) => p !== null);
    this.decideLine = customerFirst ? world.sim.delayLine(0) : -1;
  }

  /** The policy of a queue (null for Agent First queues). */
  policyOf(queue: number): PacingPolicy | null {
    return this.policies[queue];
  }

  poke(queue: number): void {
    if (this.policies[queue] === null || this.pending[queue]) return;
    this.pending[queue] = 1;
    this.world.sim.scheduleOn(this.decideLine, this.decideKind, queue);
  }

  answerResolved(queue: number, abandoned: boolean): void {
    this.policies[queue]?.observeAnswer?.(abandoned);
  }

  /** What the policy of `queue` sees now. */
  view(queue: number): PacingView {
    return this.see(queue, { onlineAgents: 0, idleAgents: 0, inFlight: 0, waitingForAgent: 0 });
  }

  /** Fills `view` with what the policy of `queue` sees now; returns it. */
  private see(queue: number, view: PacingView): PacingView {
    view.onlineAgents = this.pool.onlineOn(queue);
    view.idleAgents = this.pool.idleOn(queue);
    view.inFlight = this.flight.inFlight[queue];
    view.waitingForAgent = this.flight.waitingForAgent[queue];
    return view;
  }

  private decide(queue: number): void {
    this.pending[queue] = 0;
    const policy = this.policies[queue]!;
    const toDial = this.world.queues[queue].toDial;
    if (toDial.size === 0) return;
    const view = this.see(queue, this.scratch);
    const count = policy.dialsToStart(view);
    const bound = policy.bound(view);
    for (let i = 0; i < count; i++) {
      const id = toDial.shift();
      if (id < 0) break;
      const record = this.records.get(id);
      record.place.line = null;
      record.chart.send(id, DIAL);
      if (!this.world.wants('dialer.dialed')) continue;
      this.world.emit({
        type: 'dialer.dialed',
        t: this.world.sim.now,
        queue: this.world.queues[queue].config.id,
        callback: id,
        inFlight: this.flight.inFlight[queue],
        bound,
        policy: policy.name,
        level: policy.level?.() ?? null,
      });
    }
  }
}
