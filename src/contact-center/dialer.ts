import type { AgentPool } from './agent-pool.js';
import type { CallbackCenter, DialerHooks } from './callbacks.js';
import { pacingPolicy, type PacingPolicy, type PacingView } from './pacing.js';
import type { World } from './world-context.js';

/** Default abandon-after-answer target of the adaptive policy. */
export const DEFAULT_ADAPTIVE_TARGET = 0.03;

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
  private readonly decideKind: number;

  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly callbacks: CallbackCenter,
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
    callbacks.setDialer(this);
    pool.onAvailable((queue) => this.poke(queue));
  }

  /** The policy of a queue (null for Agent First queues). */
  policyOf(queue: number): PacingPolicy | null {
    return this.policies[queue];
  }

  poke(queue: number): void {
    if (this.policies[queue] === null || this.pending[queue]) return;
    this.pending[queue] = 1;
    this.world.sim.after(0, this.decideKind, queue);
  }

  answerResolved(queue: number, abandoned: boolean): void {
    this.policies[queue]?.observeAnswer?.(abandoned);
  }

  /** What the policy of `queue` sees now. */
  view(queue: number): PacingView {
    return {
      onlineAgents: this.pool.onlineOn(queue),
      idleAgents: this.pool.idleOn(queue),
      inFlight: this.callbacks.inFlight[queue],
      waitingForAgent: this.callbacks.waitingForAgent[queue],
    };
  }

  private decide(queue: number): void {
    this.pending[queue] = 0;
    const policy = this.policies[queue]!;
    const toDial = this.world.queues[queue].toDial;
    if (toDial.size === 0) return;
    const view = this.view(queue);
    const count = policy.dialsToStart(view);
    const bound = policy.bound(view);
    for (let i = 0; i < count; i++) {
      const ref = toDial.shift();
      if (ref < 0) break;
      const id = ref >> 1;
      this.callbacks.takenByDialer(id);
      this.callbacks.dial(id);
      if (!this.world.wants('dialer.dialed')) continue;
      this.world.emit({
        type: 'dialer.dialed',
        t: this.world.sim.now,
        queue: this.world.queues[queue].config.id,
        callback: id,
        inFlight: this.callbacks.inFlight[queue],
        bound,
        policy: policy.name,
        level: policy.level?.() ?? null,
      });
    }
  }
}
