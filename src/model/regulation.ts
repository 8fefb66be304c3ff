/** Regulatory limits that the simulator's KPIs are judged against. */

/**
 * The ceiling of the abandon-after-answer rate: the share of live answers to
 * outbound dials that may be abandoned (the person answers and no agent
 * takes the call in time). 3 % is the ceiling of the US Telemarketing Sales
 * Rule, measured over 30 days of a campaign, and of the UK's Ofcom, measured
 * over 24 hours.
 */
export const ABANDON_CEILING = 0.03;
