import type { OperationConfig } from '../model/scenario.js';
import type { AgentPool } from './agent-pool.js';
import type { CallbackEdits, OperationResult } from './callback-edits.js';
import type { World } from './world-context.js';

/**
 * The scenario's timeline of operations on callbacks (cancel, reschedule,
 * reassign), applied at their moments. Each callback an operation selects is
 * reported as applied or refused, with the reason.
 */
export class Operations {
  private readonly kind: number;

  constructor(
    private readonly world: World,
    private readonly callbacks: CallbackEdits,
    private readonly pool: AgentPool,
  ) {
    this.kind = world.sim.register('operation', (i) => this.apply(world.scenario.operations[i]));
  }

  /** Schedules every operation within the horizon. */
  start(): void {
    this.world.scenario.operations.forEach((op, i) => {
      if (op.at <= this.world.horizon) this.world.sim.schedule(Math.max(0, op.at), this.kind, i);
    });
  }

  private apply(op: OperationConfig): void {
    for (const id of this.callbacks.select(op.select)) {
      const { label, queue } = this.callbacks.describe(id);
      const result = this.applyTo(op, id);
      this.world.emit({
        type: 'operation',
        t: this.world.sim.now,
        op: op.op,
        callback: id,
        label,
        queue,
        applied: result.applied,
        reason: result.applied ? null : result.reason,
      });
    }
  }

  private applyTo(op: OperationConfig, id: number): OperationResult {
    switch (op.op) {
      case 'cancel':
        return this.callbacks.cancel(id);
      case 'reschedule':
        return this.callbacks.reschedule(id, op.dueAt);
      case 'reassign':
        return this.callbacks.reassign(id, {
          ...(op.queue !== undefined && { queue: this.world.queueIndex(op.queue) }),
          ...(op.agent !== undefined && { agent: this.pool.membersOf(op.agent.group)[op.agent.index] }),
        });
    }
  }
}
