import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/runner/content-hash.js';

/** The same object with its keys (at every depth) in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reversed((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const json = fc.jsonValue();

describe('contentHash', () => {
  it('does not depend on the order of keys', () => {
    fc.assert(fc.property(json, (value) => contentHash(reversed(value)) === contentHash(value)), { numRuns: 300 });
  });

  it('reads back as the same data', () => {
    fc.assert(fc.property(json, (value) => {
          expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
        }), { numRuns: 300 });
  });

  it('changes when any value changes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), fc.string(), fc.integer(), (data, key, value) => {
        fc.pre(data[key] !== value);
        return contentHash({ ...data, [key]: value }) !== contentHash(data);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps Infinity apart from null, and leaves undefined fields out', () => {
    expect(contentHash({ a: Infinity })).not.toBe(contentHash({ a: null }));
    expect(contentHash({ a: 1, b: undefined })).toBe(contentHash({ a: 1 }));
    expect(contentHash({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
