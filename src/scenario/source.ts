/** The scenario text as a YAML document: syntax errors, plain data, and where each value sits. */
import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import type { ScenarioIssue } from './issues.js';
import { MAX_NESTING, scanNesting, tooDeep } from './nesting.js';
import { isReservedKey, reservedKeyMessage } from './reserved-keys.js';

/** One step of a field path: a mapping key or a list index. */
export type PathSegment = string | number;

/** A parsed scenario file. */
export interface Source {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** A position and the text written there. */
export interface Spot {
  line: number;
  col: number;
  /** The source text of the value (or key), when it fits on one line. */
  text?: string;
}

/** Formats a path as `queues[0].callback.pacingModifier` (odd keys as `perHour["08:00"]`). */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function yamlIssue(source: Source, err: YAMLError, severity: 'error' | 'warning'): ScenarioIssue {
  const { line, col } = source.lines.linePos(err.pos[0]);
  const json = /^\s*[{[]/.test(source.text);
  let message = `syntax error: ${err.message}${json ? '; check the commas, quotes and brackets near here' : ''}`;
  if (err.code === 'DUPLICATE_KEY') {
    const key = /^("[^"]*"|'[^']*'|[^:\n]*?)\s*:/.exec(source.text.slice(err.pos[0]))?.[1];
    const quoted = key === undefined ? 'this key' : /^["']/.test(key) ? key : JSON.stringify(key);
    message = `duplicate key ${quoted}; a key may appear only once in a mapping`;
  } else if (err.code === 'MULTIPLE_DOCS') {
    message = 'the file holds more than one YAML document (---); a scenario is one document';
  }
  return { severity, file: source.file, line, col, path: '', message };
}

/**
 * Parses YAML or JSON text. Returns the syntax errors (with line:col) if any,
 * otherwise the document's plain data; a top level that is not a mapping is
 * an error too.
 */
export function readSource(text: string, file: string): { source: Source; data?: Record<string, unknown>; errors: ScenarioIssue[]; warnings: ScenarioIssue[] } {
  const deep = scanNesting(text);
  if (deep) {
    const source: Source = { file, text, doc: parseDocument(''), lines: new LineCounter() };
    return { source, errors: [{ severity: 'error', file, ...deep, path: '', message: nestingMessage }], warnings: [] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: Source = { file, text, doc, lines };
  const errors = doc.errors.map((e) => yamlIssue(source, e, 'error'));
  const warnings = doc.warnings.map((w) => yamlIssue(source, w, 'warning'));
  if (errors.length > 0) return { source, errors, warnings };
  const top = doc.contents;
  if (!isMap(top)) {
    const at = top?.range ? lines.linePos(top.range[0]) : { line: 1, col: 1 };
    const what = top === null ? 'the file is empty' : `the top level is ${isSeq(top) ? 'a list' : 'a single value'}`;
    errors.push({ severity: 'error', file, ...at, path: '', message: `${what}; a scenario is a mapping of fields such as name, duration and queues` });
    return { source, errors, warnings };
  }
  errors.push(...reservedKeys(source));
  if (errors.length > 0) return { source, errors, warnings };
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (e) {
    const bomb = /alias count/i.test((e as Error).message);
    const message = bomb
      ? `the aliases (*name) expand to too much data (more than ${MAX_ALIAS_COUNT} aliased nodes); write the repeated parts out, or use fewer aliases`
      : e instanceof RangeError
        ? `the aliases (*name) nest too deeply; a scenario is at most ${MAX_NESTING} levels deep`
        : `cannot read the document: ${(e as Error).message}`;
    errors.push({ severity: 'error', file, line: 1, col: 1, path: '', message });
    return { source, errors, warnings };
  }
  const path = tooDeep(data);
  if (path) {
    const { line, col } = spotAt(source, path);
    errors.push({ severity: 'error', file, line, col, path: formatPath(path), message: nestingMessage });
    return { source, errors, warnings };
  }
  return { source, data, errors, warnings };
}

/** Aliased nodes `toJS` may expand before a document counts as an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

const nestingMessage = `the document is nested more than ${MAX_NESTING} levels deep (mappings and lists inside each other); a scenario needs a few`;

/** Errors for keys such as `__proto__` anywhere in the document, at the key. */
function reservedKeys(source: Source): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const stack: Array<{ node: unknown; path: PathSegment[] }> = [{ node: source.doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (key !== undefined && isReservedKey(key)) {
          const { line, col } = source.lines.linePos((pair.key as Node).range?.[0] ?? 0);
          out.push({ severity: 'error', file: source.file, line, col, path: formatPath([...path, key]), message: reservedKeyMessage(key) });
        }
        stack.push({ node: pair.value, path: [...path, key ?? '?'] });
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/**
 * The position of the value at `path` (or of its key, with `atKey`). A path
 * that does not exist in the file resolves to its deepest existing ancestor,
 * without text.
 */
export function spotAt(source: Source, path: readonly PathSegment[], atKey = false): Spot {
  let node: unknown = source.doc.contents;
  let found: Node | undefined = node as Node;
  let exact = true;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(source.doc);
    let next: unknown;
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (pair) {
        keyNode = pair.key as Node;
        next = pair.value ?? pair.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (!next || !(next as Node).range) {
      exact = false;
      break;
    }
    node = next;
    found = next as Node;
  }
  const target = exact && atKey && keyNode ? keyNode : found;
  const range = target?.range ?? [0, 0, 0];
  const { line, col } = source.lines.linePos(range[0]);
  if (!exact) return { line, col };
  const raw = source.text.slice(range[0], range[1]);
  const oneLine = (isScalar(target) || (isCollection(target) && target.flow)) && !raw.includes('\n');
  return { line, col, text: oneLine && raw ? raw : undefined };
}
