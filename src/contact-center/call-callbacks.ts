import { sampleWhole } from '../kernel/distributions.js';
import type { AgentPool } from './agent-pool.js';
import type { Call } from './calls.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../model/scenario.js';
import type { CallbackCenter, NewCallback } from './callbacks.js';
import type { CustomerStreams } from './customer-streams.js';
import type { World } from './world-context.js';

/**
 * The callbacks an inbound call leaves behind: the in-queue callback the
 * caller accepted (at their original position, to a preferred agent first
 * when the queue routes to one), the voicemail they left, and the callback
 * an agent schedules at the end of a conversation.
 */
export class CallCallbacks {
  constructor(
    private readonly world: World,
    private readonly pool: AgentPool,
    private readonly callbacks: CallbackCenter,
    private readonly customers: CustomerStreams,
  ) {}

  /** The in-queue callback of a caller who accepted the offer; returns its id. */
  accepted(call: Call): number {
    const offer = call.source.config.callbackOffer!;
    const queue = call.source.callbackQueue;
    const firstAgent = this.preferredAgent(call, queue);
    return this.callbacks.create({
      ...fromCall(call, 'inQueue', queue),
      ...(firstAgent && { firstAgent }),
      ...(offer.callData?.callerId !== undefined && { callerId: offer.callData.callerId }),
      ...(offer.callData?.callerName !== undefined && { callerName: offer.callData.callerName }),
    });
  }

  /** The callback made from the voicemail the caller left on their current queue; returns its id. */
  voicemail(call: Call): number {
    return this.callbacks.create(fromCall(call, 'voicemail', call.queue));
  }

  /** At the end of a conversation, `agent` may schedule one callback for the customer: scheduled, routed to them, or owned (docs/rules.md, *Kinds of callback*). */
  maybeSchedule(call: Call, agent: number): void {
    const config = call.source.config.scheduleCallback;
    if (!config) return;
    const u = this.customers.customerStream(this.customers.schedulePurposeKey, call.customer, call.source.index);
    if (u.next() >= config.probability) return;
    const lead = Math.min(sampleWhole(call.source.leadTime!, u), MAX_SCHEDULE_AHEAD_MS);
    const routeToMe = u.next() < config.routeToMe;
    const owned = u.next() < config.owned;
    const queue = config.queue ? this.world.queueIndex(config.queue) : call.queue;
    const reachable = this.pool.serves(agent, queue);
    this.callbacks.create({
      kind: owned && reachable ? 'agentOwned' : 'scheduled',
      queue,
      position: this.world.sim.now + lead,
      customer: call.customer,
      customerSource: call.source.index,
      dueDelay: lead,
      talk: call.source.talk,
      wrap: call.source.wrap,
      origin: origin(call),
      ...(owned && reachable ? { owner: agent } : routeToMe && reachable ? { firstAgent: { agent, wait: config.routeToMeWait } } : {}),
    });
  }

  /** The agent an inbound callback of this customer goes to first, when the queue has a preferred-agent rule. */
  private preferredAgent(call: Call, queue: number): { agent: number; wait: number } | undefined {
    const rule = this.world.queues[queue].config.preferredAgentRouting;
    if (!rule.enabled) return undefined;
    const u = this.customers.customerStream(this.customers.preferencePurposeKey, call.customer, call.source.index);
    if (u.next() >= rule.share) return undefined;
    const agents = this.pool.servingQueue(queue);
    if (agents.length === 0) return undefined;
    return { agent: agents[Math.floor(u.next() * agents.length)], wait: rule.timeout };
  }
}

/** The origin of a callback made from `call` (its skills and priority). */
function origin(call: Call) {
  return { skills: call.source.skills, priority: call.source.priority };
}

/** A callback of `kind` on `queue` for the caller of `call`: at the call's position, with the customer's own talk and wrap-up, keeping the call's skills and priority. */
function fromCall(call: Call, kind: 'inQueue' | 'voicemail', queue: number): NewCallback {
  return {
    kind,
    queue,
    position: call.arrivedAt,
    customer: call.customer,
    customerSource: call.source.index,
    talk: call.source.talk,
    wrap: call.source.wrap,
    origin: origin(call),
  };
}
