import type { AgentPool } from './agent-pool.js';
import type { DialerHooks } from './callback-effects.js';
import type { CallbackRecords } from './callback-records.js';
import type { FlightAccounting } from './flight-accounting.js';
import type { OutboundLines } from './outbound-lines.js';
import type { PacingOutcome, PacingPolicy, PacingView } from '../pacing/contract.js';
import { createPolicy, pacingContextOf, PacingError } from '../pacing/library.js';
import { DEFAULT_RECENT_WINDOW, DialerObservations } from '../pacing/observations.js';
import type { World } from './world-context.js';

const DIAL = Object.freeze({ type: 'DIAL' as const });
const DAY = 86_400_000;

/** What the dialer keeps of one Customer First queue's policy. */
interface QueuePacing {
  readonly policy: PacingPolicy;
  readonly name: string;
  readonly observations: DialerObservations;
}

/** A view as the dialer fills it in (policies get it read-only). */
type ViewState = { -readonly [K in keyof PacingView]: PacingView[K] };

/**
 * The Customer First dialer: whenever something relevant happens on a queue
 * (an agent becomes idle or comes online, a dial ends, a callback becomes
 * due, a customer starts waiting), it asks the queue's pacing policy how many
 * dials to start and dials that many callbacks from the front of the queue.
 * Decisions run as their own event at the current time, after whatever
 * prompted them has settled. Policies that ask to be woken on a clock are,
 * and a decision follows each wake.
 */
export class Dialer implements DialerHooks {
  private readonly queues: Array<QueuePacing | null>;
  private readonly pending: Uint8Array;
  /** The view a decision fills in (policies read it while deciding, and keep nothing of it). */
  private readonly scratch: ViewState;
  private readonly decideKind: number;
  private readonly wakeKind: number;
  /** Decisions are made at once (after what is already due now): a delay line of delay 0 (-1 without Customer First queues). */
  private readonly decideLine: number;

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly records: CallbackRecords,
    private readonly flight: FlightAccounting,
    private readonly lines: OutboundLines | null,
  ) {
    this.queues = world.queues.map((q) => {
      const settings = q.config.callback;
      if (settings.mode !== 'CustomerFirst') return null;
      const policy = createPolicy(settings.pacing, pacingContextOf(q.config));
      return { policy, name: settings.pacing.name, observations: new DialerObservations(policy.recentWindow ?? DEFAULT_RECENT_WINDOW) };
    });
    const none = new DialerObservations(1);
    this.scratch = {
      now: 0, timeOfDay: 0, onlineAgents: 0, idleAgents: 0, busyAgents: 0, inFlight: 0, waitingForAgent: 0, readyToDial: 0,
      totals: none.totals, recent: none.recent, meanHandleTime: null, lines: Infinity, freeLines: Infinity,
    };
    this.pending = new Uint8Array(world.queues.length);
    this.decideKind = world.sim.register('dialer.decide', (q) => this.decide(q));
    this.wakeKind = world.sim.register('dialer.wake', (q) => this.wake(q));
    const customerFirst = this.queues.some((p) => p !== null);
    this.decideLine = customerFirst ? world.sim.delayLine(0) : -1;
    this.queues.forEach((q, i) => {
      if (q?.policy.wake !== undefined) world.sim.after(q.policy.wakeEvery!, this.wakeKind, i);
    });
  }

  poke(queue: number): void {
    if (this.queues[queue] === null || this.pending[queue]) return;
    this.pending[queue] = 1;
    this.world.sim.scheduleOn(this.decideLine, this.decideKind, queue);
  }

  observe(queue: number, type: Exclude<PacingOutcome['type'], 'handled'>): void {
    const q = this.queues[queue];
    if (q === null) return;
    q.observations.recordOutcome(type, this.world.sim.now);
    if (q.policy.observe !== undefined) this.tell(queue, q.policy, { type, t: this.world.sim.now });
  }

  handled(queue: number, handleTime: number): void {
    const q = this.queues[queue];
    if (q === null) return;
    q.observations.recordHandled(handleTime);
    if (q.policy.observe !== undefined) this.tell(queue, q.policy, { type: 'handled', t: this.world.sim.now, handleTime });
  }

  /** Tells the policy of `queue` an outcome (its observations have it already). */
  private tell(queue: number, policy: PacingPolicy, outcome: PacingOutcome): void {
    try {
      policy.observe!(outcome);
    } catch (error) {
      throw this.failure(queue, `observe(${JSON.stringify(outcome)}) threw: ${messageOf(error)}`, null);
    }
  }

  /** Fills `view` with what the policy of `queue` sees now; returns it. */
  private see(queue: number, view: ViewState): ViewState {
    const now = this.world.sim.now;
    const q = this.queues[queue]!;
    q.observations.advance(now);
    view.now = now;
    const local = this.world.calendar.localEpoch(now);
    view.timeOfDay = ((local % DAY) + DAY) % DAY;
    view.onlineAgents = this.pool.onlineOn(queue);
    view.idleAgents = this.pool.idleOn(queue);
    view.busyAgents = view.onlineAgents - view.idleAgents;
    view.inFlight = this.flight.inFlight[queue];
    view.waitingForAgent = this.flight.waitingForAgent[queue];
    view.readyToDial = this.world.queues[queue].toDial.size;
    view.totals = q.observations.totals;
    view.recent = q.observations.recent;
    view.meanHandleTime = q.observations.meanHandleTime();
    if (this.lines !== null) {
      view.lines = this.lines.linesOf(queue);
      view.freeLines = this.lines.freeLinesOf(queue);
    }
    return view;
  }

  private wake(queue: number): void {
    const q = this.queues[queue]!;
    const view = this.see(queue, this.scratch);
    try {
      q.policy.wake!(view);
    } catch (error) {
      throw this.failure(queue, `wake() threw: ${messageOf(error)}`, view);
    }
    this.world.sim.after(q.policy.wakeEvery!, this.wakeKind, queue);
    this.poke(queue);
  }

  private decide(queue: number): void {
    this.pending[queue] = 0;
    const q = this.queues[queue]!;
    const toDial = this.world.queues[queue].toDial;
    if (toDial.size === 0) return;
    // A policy that dials only to idle agents, and keeps nothing of a decision, need not be asked while none is.
    if (q.policy.idleGated === true && this.pool.idleOn(queue) === 0) return;
    const view = this.see(queue, this.scratch);
    let count: unknown;
    let bound: unknown;
    try {
      count = q.policy.decide(view);
      bound = q.policy.bound?.(view);
    } catch (error) {
      throw this.failure(queue, `decide() threw: ${messageOf(error)}`, view);
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw this.failure(queue, `decide() returned ${describe(count)}; a policy returns the number of dials to start, a non-negative integer`, view);
    }
    const reportedBound = typeof bound === 'number' ? bound : view.inFlight + count;
    // No more dials than the route has free lines (a dial placed takes one at once).
    const dials = this.lines === null ? count : Math.min(count, this.lines.freeLinesOf(queue));
    for (let i = 0; i < dials; i++) {
      const id = toDial.shift();
      if (id < 0) break;
      const record = this.records.get(id);
      record.place.line = null;
      record.chart.send(id, DIAL);
      this.observe(queue, 'dialed');
      this.world.channel.dialerDialed(this.world.sim.now, queue, id, this.flight.inFlight[queue], reportedBound, q.name, q.policy.level?.() ?? null);
    }
  }

  /** The error that stops a run when a policy fails: names the policy, the simulated time and the view it was given. */
  private failure(queue: number, what: string, view: PacingView | null): PacingError {
    const q = this.queues[queue]!;
    const at = this.world.calendar.formatLocal(this.world.sim.now);
    const seen = view === null ? '' : `\n  view: ${JSON.stringify({ ...linesOf(view), totals: countsOf(view.totals), recent: countsOf(view.recent) })}`;
    return new PacingError(`pacing policy ${q.name} of queue "${this.world.queues[queue].config.id}" at ${at} (t = ${this.world.sim.now} ms): ${what}${seen}`);
  }
}

/** The view as an error shows it: lines only when the route has a limit (JSON has no Infinity). */
function linesOf(view: PacingView): Partial<PacingView> {
  const { lines, freeLines, ...rest } = view;
  return lines === undefined || lines === Infinity ? rest : { ...rest, lines, freeLines };
}

function countsOf(c: PacingView['totals']): PacingView['totals'] {
  return {
    dials: c.dials,
    liveAnswers: c.liveAnswers,
    machineAnswers: c.machineAnswers,
    unanswered: c.unanswered,
    connected: c.connected,
    abandons: c.abandons,
    complianceAbandons: c.complianceAbandons,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : value === undefined ? 'undefined' : `${typeof value} ${JSON.stringify(value)}`;
}
