/** One outbound campaign's counts: contacts dialed, live answers, and those who asked to be called later. */
export interface CampaignCounts {
  dialed: number;
  live: number;
  callLater: number;
}

/** The counts of each outbound campaign of a run. */
export class CampaignTally {
  private readonly counts = new Map<string, CampaignCounts>();

  /** Campaign `campaign` dialed a contact, who answered as `outcome` and, if `callLater`, asked to be called later. */
  dialed(campaign: string, outcome: string, callLater: boolean): void {
    let counts = this.counts.get(campaign);
    if (!counts) this.counts.set(campaign, (counts = { dialed: 0, live: 0, callLater: 0 }));
    counts.dialed++;
    if (outcome === 'live') counts.live++;
    if (callLater) counts.callLater++;
  }

  /** The counts of each of `campaigns`, by id (zeros for one that dialed nobody). */
  report(campaigns: readonly string[]): Record<string, CampaignCounts> {
    const out: Record<string, CampaignCounts> = {};
    for (const c of campaigns) out[c] = this.counts.get(c) ?? { dialed: 0, live: 0, callLater: 0 };
    return out;
  }
}
