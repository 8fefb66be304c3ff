/**
 * Every place a scenario names something it defines elsewhere — a queue, an
 * agent group or agent, a listed callback — in one table, and the checks the
 * table drives. They read the raw data (so they report even when other fields
 * have errors); values of the wrong type are left to the schema.
 */
import type { Draft } from './drafts.js';
import { VALUE } from './messages.js';
import type { PathSegment } from './source.js';
import { didYouMean, listOr } from './suggest.js';

/** What a reference names. */
export type ReferenceTarget =
  /** a queue id */
  | 'queue'
  /** an agent as `group#n`; with `servesQueue`, the group must serve the queue named by that sibling key */
  | 'agent'
  /** listed callback ids: one id or a list of them (a selector's filter form is checked through its own fields) */
  | 'callbackIds'
  /** an outbound route id; checked only when the scenario declares routes (else any name is an undeclared route, with unlimited lines) */
  | 'route';

/** One reference field: its path (`*` for every list item) and what it names. */
export interface ReferenceField {
  path: readonly string[];
  target: ReferenceTarget;
  /** For agents: the sibling key holding the queue the agent must serve. */
  servesQueue?: string;
}

/** Every reference field of the scenario format. A test walks the schema and fails on a reference-like field missing here. */
export const REFERENCE_FIELDS: readonly ReferenceField[] = [
  { path: ['queues', '*', 'inQueueFlow', 'transferTo'], target: 'queue' },
  { path: ['agents', '*', 'queues', '*'], target: 'queue' },
  { path: ['inbound', '*', 'queue'], target: 'queue' },
  { path: ['inbound', '*', 'callbackOffer', 'queue'], target: 'queue' },
  { path: ['inbound', '*', 'scheduleCallback', 'queue'], target: 'queue' },
  { path: ['callbackRequests', '*', 'queue'], target: 'queue' },
  { path: ['callbacks', '*', 'queue'], target: 'queue' },
  { path: ['callbacks', '*', 'owner'], target: 'agent', servesQueue: 'queue' },
  { path: ['callbacks', '*', 'routeToMe'], target: 'agent', servesQueue: 'queue' },
  { path: ['queues', '*', 'callback', 'outboundRoute'], target: 'route' },
  { path: ['campaigns', '*', 'queue'], target: 'queue' },
  { path: ['operations', '*', 'cancel'], target: 'callbackIds' },
  { path: ['operations', '*', 'cancel', 'queue'], target: 'queue' },
  { path: ['operations', '*', 'reschedule', 'callbacks'], target: 'callbackIds' },
  { path: ['operations', '*', 'reschedule', 'callbacks', 'queue'], target: 'queue' },
  { path: ['operations', '*', 'reassign', 'callbacks'], target: 'callbackIds' },
  { path: ['operations', '*', 'reassign', 'callbacks', 'queue'], target: 'queue' },
  { path: ['operations', '*', 'reassign', 'queue'], target: 'queue' },
  { path: ['operations', '*', 'reassign', 'agent'], target: 'agent' },
];

/** The fields that define names, each unique within its list: what references point at. */
export const NAME_FIELDS = [
  { list: 'queues', key: 'id', noun: 'queue id' },
  { list: 'agents', key: 'group', noun: 'group name' },
  { list: 'callbacks', key: 'id', noun: 'callback id' },
  { list: 'campaigns', key: 'id', noun: 'campaign id' },
  { list: 'outboundRoutes', key: 'id', noun: 'route id' },
] as const;

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Every value at a path pattern, with its concrete path and the mapping that holds it. */
function valuesAt(data: unknown, pattern: readonly string[]): Array<{ value: unknown; path: PathSegment[]; parent: unknown }> {
  let found: Array<{ value: unknown; path: PathSegment[]; parent: unknown }> = [{ value: data, path: [], parent: undefined }];
  for (const seg of pattern) {
    found = found.flatMap(({ value, path }) => {
      if (seg === '*') return list(value).map((item, i) => ({ value: item, path: [...path, i], parent: value }));
      return isMapping(value) && value[seg] !== undefined ? [{ value: value[seg], path: [...path, seg], parent: value }] : [];
    });
  }
  return found;
}

/** The names defined by a list's key, in order, without repeats. */
function namesOf(data: Record<string, unknown>, listName: string, key: string): string[] {
  return [...new Set(list(data[listName]).map((item) => text(isMapping(item) ? item[key] : undefined)).filter((n): n is string => n !== undefined))];
}

/** The names defined in a scenario, for references to be checked against. */
interface Names {
  queues: string[];
  groups: Map<string, { count?: number; queues: string[] }>;
  callbacks: string[];
  routes: string[];
}

function names(data: Record<string, unknown>): Names {
  const groups = new Map<string, { count?: number; queues: string[] }>();
  for (const agent of list(data.agents)) {
    if (!isMapping(agent) || text(agent.group) === undefined || groups.has(agent.group as string)) continue;
    const count = typeof agent.count === 'number' && Number.isInteger(agent.count) ? agent.count : undefined;
    groups.set(agent.group as string, { count, queues: list(agent.queues).flatMap((q) => (typeof q === 'string' ? [q] : [])) });
  }
  return { queues: namesOf(data, 'queues', 'id'), groups, callbacks: namesOf(data, 'callbacks', 'id'), routes: namesOf(data, 'outboundRoutes', 'id') };
}

function queueError(value: unknown, path: PathSegment[], n: Names): Draft[] {
  const id = text(value);
  if (id === undefined || n.queues.length === 0 || n.queues.includes(id)) return [];
  return [{ severity: 'error', path, message: `${VALUE} is not a queue id; the queues are ${listOr(n.queues)}`, allowed: listOr(n.queues), suggestion: didYouMean(id, n.queues) }];
}

function routeError(value: unknown, path: PathSegment[], n: Names): Draft[] {
  const id = text(value);
  if (id === undefined || n.routes.length === 0 || n.routes.includes(id)) return [];
  return [{ severity: 'error', path, message: `${VALUE} is not a declared outbound route; the routes under outboundRoutes are ${listOr(n.routes)}`, allowed: listOr(n.routes), suggestion: didYouMean(id, n.routes) }];
}

const AGENT = /^([A-Za-z0-9_.-]+)#(\d+)$/;

function agentError(value: unknown, path: PathSegment[], n: Names, queue: string | undefined): Draft[] {
  const m = typeof value === 'string' ? AGENT.exec(value.trim()) : null;
  if (!m || Number(m[2]) < 1) return []; // the schema words a malformed agent
  const [, groupName, number] = m;
  const groups = [...n.groups.keys()];
  const group = n.groups.get(groupName);
  if (!group) {
    return [{ severity: 'error', path, message: `${VALUE} names group "${groupName}", which does not exist; the groups are ${groups.length ? listOr(groups) : 'none (there are no agents)'}`, allowed: listOr(groups), suggestion: didYouMean(groupName, groups) }];
  }
  if (group.count !== undefined && Number(number) > group.count) {
    const allowed = group.count === 0 ? `none (group "${groupName}" has 0 agents)` : `${groupName}#1 to ${groupName}#${group.count}`;
    return [{ severity: 'error', path, message: `${VALUE} is agent ${number} of group "${groupName}", which has ${group.count}; allowed ${allowed}`, allowed }];
  }
  if (queue !== undefined && n.queues.includes(queue) && !group.queues.includes(queue)) {
    const serving = [...n.groups].filter(([, g]) => g.queues.includes(queue)).map(([name]) => name);
    return [{ severity: 'error', path, message: `${VALUE} is in group "${groupName}", which does not serve queue "${queue}"${serving.length ? `; groups serving it: ${listOr(serving)}` : ''}`, allowed: listOr(serving) }];
  }
  return [];
}

function callbackIdErrors(value: unknown, path: PathSegment[], n: Names): Draft[] {
  const ids = typeof value === 'string' ? [{ id: value, path }] : Array.isArray(value) ? value.map((id, j) => ({ id, path: [...path, j] })) : [];
  return ids.flatMap(({ id, path: at }): Draft[] => {
    if (typeof id !== 'string' || n.callbacks.includes(id)) return [];
    const known = n.callbacks.length > 0 ? `; the listed callbacks are ${listOr(n.callbacks)}` : ' (there are none under callbacks:)';
    return [{ severity: 'error', path: at, message: `${VALUE} is not the id of a listed callback${known}`, allowed: listOr(n.callbacks), suggestion: didYouMean(id, n.callbacks) }];
  });
}

/** Errors for names defined twice in a list. */
function duplicates(data: Record<string, unknown>): Draft[] {
  return NAME_FIELDS.flatMap(({ list: listName, key, noun }) => {
    const seen = new Map<string, number>();
    return list(data[listName]).flatMap((item, i): Draft[] => {
      const name = text(isMapping(item) ? item[key] : undefined);
      if (name === undefined) return [];
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, i);
        return [];
      }
      return [{ severity: 'error', path: [listName, i, key], message: `${VALUE} is already the ${noun} of ${listName}[${first}]; each ${noun} must be unique` }];
    });
  });
}

/** Errors for every reference that names nothing, and for names defined twice. */
export function referenceErrors(data: Record<string, unknown>): Draft[] {
  const n = names(data);
  const out = duplicates(data);
  for (const field of REFERENCE_FIELDS) {
    for (const { value, path, parent } of valuesAt(data, field.path)) {
      if (field.target === 'queue') out.push(...queueError(value, path, n));
      else if (field.target === 'callbackIds') out.push(...callbackIdErrors(value, path, n));
      else if (field.target === 'route') out.push(...routeError(value, path, n));
      else out.push(...agentError(value, path, n, field.servesQueue && isMapping(parent) ? text(parent[field.servesQueue]) : undefined));
    }
  }
  return out;
}
