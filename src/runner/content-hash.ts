import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys in sorted order, so that equal data gives the
 * same text whatever order its keys were built in. `undefined` fields are
 * left out (as JSON.stringify does); a non-finite number is written as a
 * string (`"Infinity"`) instead of becoming `null`, so it stays distinct.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const v = (value as Record<string, unknown>)[key];
        return v === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJson(v)}`];
      });
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
}

/** `sha256:` and the hex SHA-256 of the canonical JSON of `value`: the identity of its content. */
export function contentHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}
