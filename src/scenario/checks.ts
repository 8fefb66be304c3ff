/**
 * Checks that span fields: unique names and references (references.ts), a
 * queue listed twice, warmup shorter than duration. They read the raw data, so they run (and report) even when
 * other fields have errors; values of the wrong type are left to the schema.
 */
import { formatDuration, parseDuration } from '../model/duration.js';
import type { Draft } from './drafts.js';
import { VALUE } from './messages.js';
import { referenceErrors } from './references.js';

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Cross-field errors of a scenario's raw data. */
export function crossChecks(data: Record<string, unknown>): Draft[] {
  const out: Draft[] = referenceErrors(data);
  list(data.agents).forEach((agent, i) => {
    const served = list(field(agent, 'queues'));
    served.forEach((id, j) => {
      if (text(id) !== undefined && served.indexOf(id) < j) {
        out.push({ severity: 'error', path: ['agents', i, 'queues', j], message: `${VALUE} is listed twice` });
      }
    });
  });
  const duration = parseDuration(text(data.duration) ?? '');
  const warmup = parseDuration(text(data.warmup) ?? '');
  if (duration !== undefined && warmup !== undefined && duration > 0 && warmup >= duration) {
    out.push({ severity: 'error', path: ['warmup'], message: `${VALUE} is not shorter than duration (${formatDuration(duration)}); warmup must be less than duration` });
  }
  return out;
}
