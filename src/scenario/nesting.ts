/**
 * Bounded nesting. A scenario is a few levels deep; a file nested thousands
 * of levels deep is refused before the YAML parser sees it (a quick scan of
 * the text that may count a level or two too many, never too few for
 * brackets and indentation), then the parsed data is held to the exact limit.
 */
import type { PathSegment } from './source.js';

/** The deepest nesting of mappings and lists a scenario may have. */
export const MAX_NESTING = 64;

/** Levels the text scan allows before refusing (its count may run a little high). */
const SCAN_LIMIT = 2 * MAX_NESTING;

/** Where a text scan found nesting beyond the limit. */
export interface DeepSpot {
  line: number;
  col: number;
}

/**
 * Scans YAML or JSON text for nesting deeper than the scan limit: open flow
 * brackets (outside quotes and comments), indentation levels and compact
 * `- ` / `? ` entries. Returns the first place past the limit, or undefined.
 */
export function scanNesting(text: string): DeepSpot | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    if (flow === 0 && quote === undefined) {
      while (i < end && text[i] === ' ') i++;
      const blank = i === end || text[i] === '#' || text[i] === '\r';
      if (!blank) {
        const indent = i - start;
        while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
        if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
        let compact = 0;
        while ((text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
          compact++;
          i += 2;
          while (text[i] === ' ' || text[i] === '\t') i++;
        }
        if (indents.length + compact > SCAN_LIMIT) return { line, col: i - start + 1 };
      }
    }
    for (; i < end; i++) {
      const c = text[i];
      if (quote !== undefined) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      const before = i === start ? ' ' : text[i - 1];
      if (c === '#' && (before === ' ' || before === '\t')) break;
      if ((c === '"' || c === "'") && /[\s[{,:]/.test(before)) quote = c;
      else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + flow > SCAN_LIMIT) return { line, col: i - start + 1 };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    line++;
    start = end + 1;
  }
  return undefined;
}

/** The path of the first value nested deeper than `MAX_NESTING` in parsed data, or undefined. */
export function tooDeep(data: unknown): PathSegment[] | undefined {
  const stack: Array<{ value: unknown; path: PathSegment[] }> = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_NESTING) return path;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
  }
  return undefined;
}
