import { CALLBACK_TAGS, type CallbackEvent } from '../machines/callback-parts.js';
import type { CallbackSelector } from '../model/scenario.js';
import type { AgentPool } from './agent-pool.js';
import type { CallbackCenter } from './callbacks.js';
import type { CallbackRecord, CallbackRecords } from './callback-records.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../model/scenario.js';
import type { World } from './world-context.js';

/** What an operation on a callback did. */
export type OperationResult = { applied: true } | { applied: false; reason: string };

/** Editing an owned callback is refused this close to its scheduled time. */
export const OWNED_EDIT_FREEZE_MS = 15 * 60_000;

const CANCEL: CallbackEvent = Object.freeze({ type: 'CANCEL' });
const REASSIGN: CallbackEvent = Object.freeze({ type: 'REASSIGN' });

/**
 * Operations on callbacks — select, cancel, reschedule, reassign — as the
 * Genesys Cloud API offers them. Whether a callback can be edited now is the
 * chart's to say: its state is `editable` and it accepts the event.
 */
export class CallbackEdits {
  constructor(
    private readonly world: World,
    private readonly records: CallbackRecords,
    private readonly callbacks: CallbackCenter,
    private readonly pool: AgentPool,
  ) {}

  /** Ids of the active callbacks an operation selects: named ones, or those matching a filter. */
  select(selector: CallbackSelector): number[] {
    if ('ids' in selector) return selector.ids.map((label) => this.records.byLabel(label)).filter((id): id is number => id !== undefined);
    const out: number[] = [];
    for (const record of this.records.all()) {
      if (selector.queue !== undefined && record.queue.config.id !== selector.queue) continue;
      if (selector.kind !== undefined && record.kind !== selector.kind) continue;
      if (selector.state !== undefined && record.chart.stateOf(record.id) !== selector.state) continue;
      out.push(record.id);
    }
    return out;
  }

  /** The name and queue of a callback, for reports. */
  describe(id: number): { label: string | null; queue: string } {
    const record = this.records.get(id);
    return { label: record.label, queue: record.queue.config.id };
  }

  /** Cancels a callback that is not in a call. */
  cancel(id: number): OperationResult {
    const record = this.records.get(id);
    const refused = this.refused(record, CANCEL);
    if (refused) return refused;
    record.chart.send(id, CANCEL);
    return { applied: true };
  }

  /** Moves a callback that is not in a call to a new due time (at most 30 days ahead). */
  reschedule(id: number, dueAt: number): OperationResult {
    const record = this.records.get(id);
    const now = this.world.sim.now;
    const event: CallbackEvent = { type: 'RESCHEDULE', dueDelay: Math.max(0, dueAt - now) };
    const refused = this.refused(record, event);
    if (refused) return refused;
    if (dueAt - now > MAX_SCHEDULE_AHEAD_MS) return { applied: false, reason: 'a callback can be scheduled at most 30 days ahead' };
    record.scheduledAt = Math.max(now, dueAt);
    record.chart.send(id, event);
    return { applied: true };
  }

  /** Gives an agent-owned callback to another agent (its new owner) or moves it to another queue of the same mode. */
  reassign(id: number, to: { queue?: number; agent?: number }): OperationResult {
    const record = this.records.get(id);
    if (record.owner < 0) return { applied: false, reason: 'only agent-owned callbacks can be reassigned' };
    const refused = this.refused(record, null);
    if (refused) return refused;
    const queue = to.queue !== undefined ? this.world.queues[to.queue] : record.queue;
    if (this.callbacks.chartFor(queue) !== record.chart) {
      return { applied: false, reason: `queue ${queue.config.id} runs its callbacks in the other mode (${queue.config.callback.mode})` };
    }
    if (to.agent !== undefined) {
      if (!this.pool.serves(to.agent, record.queue.index)) {
        return { applied: false, reason: `${this.pool.nameOf(to.agent)} does not serve queue ${record.queue.config.id}` };
      }
      record.owner = to.agent;
      record.reservedFor = to.agent;
    }
    record.queue = queue;
    // Waiting in a line, the callback takes its place again for its new agent or queue.
    if (record.chart.can(id, REASSIGN)) record.chart.send(id, REASSIGN);
    return { applied: true };
  }

  /**
   * Why an edit of a callback is refused now, if it is: a call in progress
   * (its state is not editable, or does not take `event`), or an owned
   * callback within 15 minutes of its time.
   */
  private refused(record: CallbackRecord, event: CallbackEvent | null): OperationResult | null {
    const { chart, id } = record;
    if (!chart.hasTag(id, CALLBACK_TAGS.editable) || (event !== null && !chart.can(id, event))) {
      return { applied: false, reason: `the callback is ${chart.stateOf(id)}, not waiting` };
    }
    if (record.owner >= 0 && record.scheduledAt >= 0 && Math.abs(this.world.sim.now - record.scheduledAt) < OWNED_EDIT_FREEZE_MS) {
      return { applied: false, reason: 'an owned callback cannot be edited within 15 minutes of its scheduled time' };
    }
    return null;
  }
}
