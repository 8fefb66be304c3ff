import { nextArrival, type PiecewiseRate } from '../kernel/arrivals.js';
import { sampler, sampleWhole, type Sampler } from '../kernel/distributions.js';
import type { RandomStream } from '../kernel/random.js';
import type { CampaignConfig } from '../model/scenario.js';
import { hourlyRate } from './arrival-rate.js';
import { Callee } from './callee.js';
import { MAX_SCHEDULE_AHEAD_MS } from '../model/scenario.js';
import type { CallbackCenter } from './callbacks.js';
import type { World } from './world-context.js';

/** Customer ids of campaign contacts are kept apart from other customers' by this offset of the campaign index. */
export const CAMPAIGN_SOURCE_OFFSET = 0x2000;

interface Campaign {
  index: number;
  config: CampaignConfig;
  queue: number;
  rate: PiecewiseRate;
  dials: RandomStream;
  lastDial: number;
  /** The simulator lane its dials wait in (their times never decrease). */
  lane: number;
  dialed: number;
  leadTime: Sampler;
  talk: Sampler;
  wrap: Sampler;
}

/**
 * Outbound campaigns: each dials its contact list at its rate (by hour of
 * day) until the list is done. A contact who answers live may ask to be
 * called later; that becomes a scheduled callback on the campaign's queue.
 * The campaign's own conversations are outside the model (they do not use
 * the scenario's agents).
 */
export class Campaigns {
  private readonly campaigns: Campaign[];
  private readonly dialKind: number;
  private readonly callee: Callee;
  private readonly contact: RandomStream;
  private readonly callLaterPurpose: number;

  constructor(
    private readonly world: World,
    private readonly callbacks: CallbackCenter,
  ) {
    this.dialKind = world.sim.register('campaign.dial', (c) => this.dial(this.campaigns[c]));
    this.callee = new Callee(world.scenario.callee, world.streams, world.calendar);
    this.contact = world.streams.stream('campaign.contact');
    this.callLaterPurpose = world.streams.purpose('campaign.callLater');
    this.campaigns = world.scenario.campaigns.map((config, index) => ({
      index,
      config,
      queue: world.queueIndex(config.queue),
      rate: hourlyRate(config.perHour, world.calendar),
      dials: world.streams.stream('campaign.dials', index),
      lastDial: 0,
      lane: world.sim.lane(),
      dialed: 0,
      leadTime: sampler(config.callLater.leadTime),
      talk: sampler(config.talkTime),
      wrap: sampler(config.wrapUp),
    }));
  }

  /** Schedules every campaign's first dial. */
  start(): void {
    for (const campaign of this.campaigns) this.scheduleNext(campaign);
  }

  private scheduleNext(campaign: Campaign): void {
    if (campaign.dialed >= campaign.config.contacts) return;
    const at = nextArrival(campaign.lastDial, campaign.rate, campaign.dials, this.world.horizon);
    if (at === Infinity) return;
    campaign.lastDial = at;
    this.world.sim.scheduleInLane(campaign.lane, Math.max(this.world.sim.now, Math.round(at)), this.dialKind, campaign.index);
  }

  private dial(campaign: Campaign): void {
    const contact = campaign.dialed++;
    const source = CAMPAIGN_SOURCE_OFFSET + campaign.index;
    const now = this.world.sim.now;
    const plan = this.callee.plan(contact, source, 1, now);
    let callLater = false;
    if (plan.outcome === 'live') {
      const u = this.world.streams.rekey(this.contact, this.callLaterPurpose, contact, source);
      callLater = u.next() < campaign.config.callLater.probability;
      if (callLater) {
        const lead = Math.min(sampleWhole(campaign.leadTime, u), MAX_SCHEDULE_AHEAD_MS);
        this.callbacks.create({
          kind: 'campaign',
          queue: campaign.queue,
          position: now + lead,
          customer: contact,
          customerSource: source,
          dueDelay: lead,
          talk: campaign.talk,
          wrap: campaign.wrap,
          origin: { skills: campaign.config.skills, priority: this.world.queues[campaign.queue].config.priority },
        });
      }
    }
    this.world.emit({ type: 'campaign.dialed', t: now, campaign: campaign.config.id, contact, outcome: plan.outcome, callLater });
    this.scheduleNext(campaign);
  }
}
