import { ABANDON_CEILING } from '../model/regulation.js';
import { ComplianceMinutes } from './compliance-minutes.js';
import { complianceWindows, type ComplianceDenominator, type ComplianceWindows, type CountedRun } from './compliance-windows.js';
import { queueKpis, type QueueKpis } from './kpis.js';
import { QueueTally } from './tally.js';

/** How one queue's dials are judged (the collector's view of its `compliance` settings). */
export interface QueueCompliance {
  ceiling: number;
  denominator: 'liveAnswers' | 'reachedQueue';
  dropGroup?: string;
}

/** The compliance settings of a queue that names none: the regulators' ceiling, over live answers, in no drop group. */
export const DEFAULT_COMPLIANCE: QueueCompliance = { ceiling: ABANDON_CEILING, denominator: 'liveAnswers' };

/** The compliance KPIs of a drop group: a queue's, over the group's queues together. */
export type DropGroupKpis = Pick<
  QueueKpis,
  | 'liveAnswers'
  | 'complianceAnswers'
  | 'complianceAbandoned'
  | 'complianceAbandonRate'
  | 'complianceAbandonRateMax24h'
  | 'complianceAbandonRateMax30d'
  | 'safeHarbourMessages'
  | 'safeHarbourMessageMean'
  | 'amdFalsePositiveAbandons'
>;

/** The compliance windows of every queue, drop group (with its queues) and all queues together. */
export interface ComplianceReport {
  queues: Record<string, ComplianceWindows>;
  dropGroups: Record<string, ComplianceWindows & { queues: string[] }>;
  total: ComplianceWindows;
}

/**
 * The minute-by-minute compliance counts of every queue (in its own
 * denominator), and the rule windows, drop-group KPIs and worst rates made
 * from them.
 */
export class ComplianceCounts {
  private readonly minutes: ComplianceMinutes[];
  private readonly groups = new Map<string, number[]>();

  constructor(
    private readonly queues: ReadonlyArray<{ id: string; compliance: QueueCompliance }>,
    private readonly run: CountedRun,
  ) {
    this.minutes = queues.map(() => new ComplianceMinutes(run.origin));
    queues.forEach((q, i) => {
      const group = q.compliance.dropGroup;
      if (group !== undefined) this.groups.set(group, [...(this.groups.get(group) ?? []), i]);
    });
  }

  /** Whether queue `q` counts every answer that reached it (else only live ones). */
  countsEveryAnswer(q: number): boolean {
    return this.queues[q].compliance.denominator === 'reachedQueue';
  }

  /** Counts an answer of queue `q`'s denominator at `t`. */
  answer(q: number, t: number): void {
    this.minutes[q].answer(t);
  }

  /** Counts a compliance abandon of queue `q` at `t`. */
  abandon(q: number, t: number): void {
    this.minutes[q].abandon(t);
  }

  /** The windows of queue `q`. */
  queueWindows(q: number): ComplianceWindows {
    const c = this.queues[q].compliance;
    return complianceWindows(this.minutes[q], this.run, c.ceiling, c.denominator);
  }

  /** The windows of queues `members` together, judged against the strictest of their ceilings. */
  groupWindows(members: readonly number[]): ComplianceWindows {
    const settings = members.map((i) => this.queues[i].compliance);
    const ceiling = settings.length === 0 ? ABANDON_CEILING : Math.min(...settings.map((c) => c.ceiling));
    const kinds = new Set(settings.map((c) => c.denominator));
    const denominator: ComplianceDenominator = kinds.size > 1 ? 'mixed' : (settings[0]?.denominator ?? 'liveAnswers');
    return complianceWindows(ComplianceMinutes.sum(this.run.origin, members.map((i) => this.minutes[i])), this.run, ceiling, denominator);
  }

  /** Every queue's, drop group's and the total's windows. */
  report(): ComplianceReport {
    const queues: ComplianceReport['queues'] = {};
    this.queues.forEach((q, i) => (queues[q.id] = this.queueWindows(i)));
    const dropGroups: ComplianceReport['dropGroups'] = {};
    for (const [name, members] of this.groups) dropGroups[name] = { ...this.groupWindows(members), queues: members.map((i) => this.queues[i].id) };
    return { queues, dropGroups, total: this.groupWindows(this.queues.map((_, i) => i)) };
  }

  /** The compliance KPIs of each drop group, from the queues' tallies and the group's windows. */
  dropGroupKpis(tallies: readonly QueueTally[], report: ComplianceReport): Record<string, DropGroupKpis> {
    const out: Record<string, DropGroupKpis> = {};
    for (const [name, members] of this.groups) {
      const sum = new QueueTally();
      for (const i of members) sum.add(tallies[i]);
      const k = queueKpis(sum, { max24h: null, max30d: null, compliance: worstRates(report.dropGroups[name]) });
      out[name] = {
        liveAnswers: k.liveAnswers,
        complianceAnswers: k.complianceAnswers,
        complianceAbandoned: k.complianceAbandoned,
        complianceAbandonRate: k.complianceAbandonRate,
        complianceAbandonRateMax24h: k.complianceAbandonRateMax24h,
        complianceAbandonRateMax30d: k.complianceAbandonRateMax30d,
        safeHarbourMessages: k.safeHarbourMessages,
        safeHarbourMessageMean: k.safeHarbourMessageMean,
        amdFalsePositiveAbandons: k.amdFalsePositiveAbandons,
      };
    }
    return out;
  }
}

/** The worst 24 h (UK) and worst 30-day period (US) rates of a set of windows. */
export function worstRates(w: ComplianceWindows): { max24h: number | null; max30d: number | null } {
  return { max24h: w.uk24hWorst?.rate ?? null, max30d: w.us30dWorst?.rate ?? null };
}
