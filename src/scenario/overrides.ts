/** Command-line overrides (`--seed`, `--duration`, `--warmup`, `--set path=value`) applied to a scenario's data. */
import { parse as parseYaml } from 'yaml';
import type { ScenarioIssue } from './issues.js';
import { isReservedKey, reservedKeyMessage } from './reserved-keys.js';
import { formatPath, type PathSegment } from './source.js';
import { didYouMean, listOr } from './suggest.js';

/** Values given on the command line instead of in the file. */
export interface ScenarioOverrides {
  /** Raw text of `--seed`, e.g. "42". */
  seed?: string;
  /** Raw text of `--duration`, e.g. "7d". */
  duration?: string;
  /** Raw text of `--warmup`, e.g. "1d". */
  warmup?: string;
  /**
   * `--set` assignments such as `queues.support.callback.pacingModifier=4`.
   * List items are named by key (`queues.<id>`, `agents.<group>`,
   * `inbound.<queue>`) or by index; the value is read as a YAML scalar.
   */
  set?: string[];
}

/** A value that came from a command-line option, for placing its problems on that option. */
export interface OverrideMark {
  path: PathSegment[];
  /** `--seed`, `--duration`, `--warmup` or `--set`. */
  option: string;
  /** The value as written on the command line. */
  text: string;
}

/** The field that names an item of each top-level list, and what the items are called. */
const LIST_KEYS: Record<string, { field: string; none: (name: string) => string }> = {
  queues: { field: 'id', none: (name) => `no queue has id "${name}"` },
  agents: { field: 'group', none: (name) => `no agent group is named "${name}"` },
  inbound: { field: 'queue', none: (name) => `no inbound stream is for queue "${name}"` },
};

type Found = { path: PathSegment[] } | { error: string; suggestion?: string };

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a command-line value as YAML (`4` → 4, `true` → true, `30m` stays text); unreadable text stays text. */
function readValue(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return text;
  }
}

/** Finds the list item a `--set` segment names: by key (ids may contain dots, so the longest match wins), then by index. */
function findItem(list: unknown[], listName: string | undefined, segments: string[], at: number): { index: number; used: number } | { error: string; suggestion?: string } {
  const spec = listName === undefined ? undefined : LIST_KEYS[listName];
  if (spec) {
    for (let end = segments.length; end > at; end--) {
      const name = segments.slice(at, end).join('.');
      const hits = list.flatMap((item, i) => (isMapping(item) && item[spec.field] === name ? [i] : []));
      if (hits.length > 1) {
        return { error: `${hits.length} items of ${listName} match "${name}"; name one by index (${hits.map((i) => `${listName}.${i}`).join(' or ')})` };
      }
      if (hits.length === 1) return { index: hits[0], used: end - at };
    }
  }
  const seg = segments[at];
  if (/^\d+$/.test(seg)) {
    const index = Number(seg);
    if (index < list.length) return { index, used: 1 };
    return { error: `index ${index} is past the end; the list has ${list.length} item${list.length === 1 ? '' : 's'}` };
  }
  if (!spec) return { error: `"${seg}" is not an index of this list; use 0 to ${list.length - 1}` };
  const names = list.flatMap((item) => (isMapping(item) && typeof item[spec.field] === 'string' ? [item[spec.field] as string] : []));
  return {
    error: `${spec.none(seg)}; ${names.length ? `the ${spec.field}s are ${listOr(names.map((n) => `"${n}"`))}` : `${listName} is empty`}; or use an index`,
    suggestion: didYouMean(seg, names),
  };
}

/** Resolves a dotted `--set` path against the data, without changing it. Missing mapping keys are fine (they are created). */
function resolvePath(data: Record<string, unknown>, dotted: string): Found {
  const segments = dotted.split('.');
  if (segments.some((s) => s === '')) return { error: `"${dotted}" has an empty segment; use names separated by single dots` };
  const reserved = segments.find(isReservedKey);
  if (reserved !== undefined) return { error: reservedKeyMessage(reserved) };
  const path: PathSegment[] = [];
  let node: unknown = data;
  for (let i = 0; i < segments.length; ) {
    if (node === undefined) {
      path.push(...segments.slice(i));
      break;
    }
    if (Array.isArray(node)) {
      const found = findItem(node, path.length === 1 ? String(path[0]) : undefined, segments, i);
      if ('error' in found) return found;
      path.push(found.index);
      node = node[found.index];
      i += found.used;
      continue;
    }
    if (!isMapping(node)) return { error: `${formatPath(path)} is a single value, not a mapping or list; cannot set "${segments[i]}" inside it` };
    const seg = segments[i];
    if (node[seg] === undefined && path.length === 0 && LIST_KEYS[seg] && i < segments.length - 1) {
      return { error: `the file has no ${seg}; there is nothing to name with "${segments.slice(i + 1).join('.')}"` };
    }
    path.push(seg);
    node = node[seg];
    i++;
  }
  return { path };
}

/** The first reserved key inside a value read from the command line (`{ __proto__: … }`), or undefined. */
function reservedKeyIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = isReservedKey(key) ? key : reservedKeyIn(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether `path` begins with every segment of `prefix` (or is it). */
const startsWith = (path: readonly PathSegment[], prefix: readonly PathSegment[]) => prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);

/** Sets a value at a resolved path, creating mappings that are missing. */
function setAt(data: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let node: Record<string | number, unknown> = data;
  for (const seg of path.slice(0, -1)) {
    if (node[seg] === undefined) node[seg] = {};
    node = node[seg] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/**
 * Applies overrides to the data in place. Returns where each applied value
 * came from (so its problems name the option) and the issues of overrides
 * that could not be applied. The values themselves are validated with the
 * rest of the scenario.
 */
export function applyOverrides(data: Record<string, unknown>, overrides: ScenarioOverrides): { marks: OverrideMark[]; issues: ScenarioIssue[] } {
  const marks: OverrideMark[] = [];
  const issues: ScenarioIssue[] = [];
  const fail = (option: string, path: string, message: string, suggestion?: string) =>
    issues.push({ severity: 'error', file: option, path, message, ...(suggestion ? { suggestion } : {}) });
  for (const [option, field, text] of [['--seed', 'seed', overrides.seed], ['--duration', 'duration', overrides.duration], ['--warmup', 'warmup', overrides.warmup]] as const) {
    if (text === undefined) continue;
    data[field] = readValue(text.trim());
    marks.push({ path: [field], option, text });
  }
  for (const assignment of overrides.set ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      fail('--set', '', `"${assignment}" is not PATH=VALUE; e.g. queues.support.callback.pacingModifier=4`);
      continue;
    }
    const dotted = assignment.slice(0, eq).trim();
    const text = assignment.slice(eq + 1).trim();
    const found = resolvePath(data, dotted);
    if ('error' in found) {
      fail('--set', dotted, found.error, found.suggestion);
      continue;
    }
    const clash = marks.find((m) => startsWith(m.path, found.path) || startsWith(found.path, m.path));
    if (clash) {
      const other = clash.option === '--set' ? `--set ${formatPath(clash.path)}=${clash.text}` : `${clash.option} ${clash.text}`;
      fail('--set', dotted, `${formatPath(found.path)} is already set by ${other}; set each field once (to try several values, list them in one --set of compare or sweep: PATH=a,b,c)`);
      continue;
    }
    const value = readValue(text);
    const reserved = reservedKeyIn(value);
    if (reserved !== undefined) {
      fail('--set', dotted, reservedKeyMessage(reserved));
      continue;
    }
    setAt(data, found.path, value);
    marks.push({ path: found.path, option: '--set', text });
  }
  return { marks, issues };
}
