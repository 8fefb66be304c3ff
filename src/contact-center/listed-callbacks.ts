import { sampler } from '../kernel/distributions.js';
import type { AgentPool } from './agent-pool.js';
import type { CallbackCenter } from './callbacks.js';
import type { World } from './world-context.js';

/** Customer ids of listed callbacks are kept apart from other customers' by this source number. */
export const LISTED_SOURCE = 0x3000;

/** The scheduled callbacks listed in the scenario, created at their `createdAt`. */
export class ListedCallbacks {
  private readonly kind: number;

  constructor(
    private readonly world: World,
    private readonly callbacks: CallbackCenter,
    private readonly pool: AgentPool,
  ) {
    this.kind = world.sim.register('callback.listed', (i) => this.create(i));
  }

  /** Schedules the creation of every listed callback. */
  start(): void {
    this.world.scenario.callbacks.forEach((c, i) => this.world.sim.schedule(Math.max(0, c.createdAt), this.kind, i));
  }

  private agent(ref: { group: string; index: number } | undefined): number | undefined {
    return ref ? this.pool.membersOf(ref.group)[ref.index] : undefined;
  }

  private create(i: number): void {
    const c = this.world.scenario.callbacks[i];
    const now = this.world.sim.now;
    const owner = this.agent(c.owner);
    const routeToMe = this.agent(c.routeToMe);
    this.callbacks.create({
      kind: owner !== undefined ? 'agentOwned' : 'scheduled',
      queue: this.world.queueIndex(c.queue),
      position: c.dueAt,
      customer: i,
      customerSource: LISTED_SOURCE,
      dueDelay: Math.max(0, c.dueAt - now),
      talk: sampler(c.talkTime),
      wrap: sampler(c.wrapUp),
      number: c.number,
      label: c.id,
      ...(c.callee !== undefined && { callee: c.callee }),
      ...(owner !== undefined && { owner }),
      ...(owner === undefined && routeToMe !== undefined && { firstAgent: { agent: routeToMe, wait: 60_000 } }),
    });
  }
}
