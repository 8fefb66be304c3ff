/** What the report says about the scenario: its main settings, as escaped HTML. */
import { formatDuration } from '../model/duration.js';
import { describePacing } from '../pacing/describe.js';
import type { Scenario } from '../model/scenario.js';
import { escapeHtml } from './escape.js';

const perHour = (rates: readonly number[]) => {
  const mean = rates.reduce((s, r) => s + r, 0) / Math.max(1, rates.length);
  const flat = rates.every((r) => r === rates[0]);
  return `${Number(mean.toFixed(1))}/h${flat ? '' : ' on average (profile by hour)'}`;
};

/** The scenario's main settings as fact-list entries: time, queues, agents and demand (values escaped). */
export function scenarioFacts(scenario: Scenario): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const e = escapeHtml;
  out.push(['start', `${e(scenario.start)}${scenario.timeZone ? ` (${e(scenario.timeZone)})` : ''}`]);
  out.push(['horizon', `${e(formatDuration(scenario.duration))}, warmup ${e(formatDuration(scenario.warmup))}`]);
  for (const q of scenario.queues) {
    const cb = q.callback;
    const pacing = cb.mode === 'CustomerFirst' ? `, ${e(describePacing(cb.pacing, cb.pacingModifier))}` : '';
    const retries = `up to ${cb.maxRetryCount} retries ${e(formatDuration(cb.retryDelay))} apart`;
    out.push([`queue ${q.id}`, `${e(cb.mode)} callbacks${pacing}, ${retries}; service level ${q.serviceLevel.percentage}% in ${e(formatDuration(q.serviceLevel.threshold))}`]);
  }
  for (const a of scenario.agents) {
    const schedule = a.schedule === 'always' ? 'always on queue' : `${a.schedule.length} shifts a week`;
    out.push([`agents ${a.group}`, `${a.count} on ${e(a.queues.join(', '))}, ${schedule}`]);
  }
  for (const i of scenario.inbound) out.push([`inbound calls to ${i.queue}`, e(perHour(i.perHour))]);
  for (const r of scenario.callbackRequests) out.push([`callback requests to ${r.queue}`, e(perHour(r.perHour))]);
  return out;
}
