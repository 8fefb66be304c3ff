import type { CallbackKind } from '../model/events.js';
import type { AgentPool } from './agent-pool.js';
import { calleeOf, numberOf } from './callback-numbers.js';
import type { CallbackRecords } from './callback-records.js';

/** One row of the Scheduled Callbacks view. */
export interface ScheduledCallbackRow {
  id: number;
  label: string | null;
  queue: string;
  kind: CallbackKind;
  /** Simulated ms the callback is (or was) due. */
  scheduledAt: number;
  callee: string;
  number: string;
  /** The callback's state, as its chart names it. */
  state: string;
  /** The owning agent as group#n, or '' when nobody owns it. */
  owner: string;
}

/** The Scheduled Callbacks view: every active callback with a scheduled time, soonest first. */
export function scheduledView(records: CallbackRecords, pool: AgentPool): ScheduledCallbackRow[] {
  const rows: ScheduledCallbackRow[] = [];
  for (const record of records.all()) {
    if (record.scheduledAt < 0) continue;
    rows.push({
      id: record.id,
      label: record.label,
      queue: record.queue.config.id,
      kind: record.kind,
      scheduledAt: record.scheduledAt,
      callee: calleeOf(record),
      number: numberOf(record),
      state: record.chart.stateOf(record.id),
      owner: record.owner >= 0 ? pool.nameOf(record.owner) : '',
    });
  }
  return rows.sort((a, b) => a.scheduledAt - b.scheduledAt || a.id - b.id);
}
