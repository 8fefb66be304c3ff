/**
 * Checks that span fields: unique ids, references to queues, warmup shorter
 * than duration. They read the raw data, so they run (and report) even when
 * other fields have errors; values of the wrong type are left to the schema.
 */
import { formatDuration, parseDuration } from '../model/duration.js';
import type { Draft } from './drafts.js';
import { VALUE } from './messages.js';
import { didYouMean, listOr } from './suggest.js';

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Errors for a list whose items must have distinct names. */
function unique(items: unknown[], listName: string, key: string, noun: string): Draft[] {
  const seen = new Map<string, number>();
  const out: Draft[] = [];
  items.forEach((item, i) => {
    const name = text(field(item, key));
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else out.push({ severity: 'error', path: [listName, i, key], message: `${VALUE} is already the ${noun} of ${listName}[${first}]; each ${noun} must be unique` });
  });
  return out;
}

/** An error if a queue reference names no queue. */
function reference(value: unknown, path: (string | number)[], ids: string[]): Draft[] {
  const id = text(value);
  if (id === undefined || ids.length === 0 || ids.includes(id)) return [];
  return [{ severity: 'error', path, message: `${VALUE} is not a queue id; the queues are ${listOr(ids)}`, suggestion: didYouMean(id, ids) }];
}

/** Cross-field errors of a scenario's raw data. */
export function crossChecks(data: Record<string, unknown>): Draft[] {
  const queues = list(data.queues);
  const agents = list(data.agents);
  const inbound = list(data.inbound);
  const ids = [...new Set(queues.map((q) => text(field(q, 'id'))).filter((id): id is string => id !== undefined))];
  const out: Draft[] = [...unique(queues, 'queues', 'id', 'queue id'), ...unique(agents, 'agents', 'group', 'group name')];
  agents.forEach((agent, i) => {
    const served = list(field(agent, 'queues'));
    served.forEach((id, j) => {
      out.push(...reference(id, ['agents', i, 'queues', j], ids));
      if (text(id) !== undefined && served.indexOf(id) < j) {
        out.push({ severity: 'error', path: ['agents', i, 'queues', j], message: `${VALUE} is listed twice` });
      }
    });
  });
  inbound.forEach((stream, i) => {
    out.push(...reference(field(stream, 'queue'), ['inbound', i, 'queue'], ids));
    out.push(...reference(field(field(stream, 'callbackOffer'), 'queue'), ['inbound', i, 'callbackOffer', 'queue'], ids));
  });
  list(data.callbackRequests).forEach((stream, i) => out.push(...reference(field(stream, 'queue'), ['callbackRequests', i, 'queue'], ids)));
  const duration = parseDuration(text(data.duration) ?? '');
  const warmup = parseDuration(text(data.warmup) ?? '');
  if (duration !== undefined && warmup !== undefined && duration > 0 && warmup >= duration) {
    out.push({ severity: 'error', path: ['warmup'], message: `${VALUE} is not shorter than duration (${formatDuration(duration)}); warmup must be less than duration` });
  }
  return out;
}
