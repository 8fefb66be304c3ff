import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, levenshtein } from '../../src/scenario/suggest.js';

describe('suggestions', () => {
  it('levenshtein counts edits and is symmetric', () => {
    expect(levenshtein('retyDelay', 'retryDelay')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => levenshtein(a, b) === levenshtein(b, a)));
  });

  it('suggests within distance 2, or by case, and nothing otherwise', () => {
    expect(didYouMean('CustomerFrist', ['AgentFirst', 'CustomerFirst'])).toBe('did you mean "CustomerFirst"?');
    expect(closest('customerfirst', ['AgentFirst', 'CustomerFirst'])).toBe('CustomerFirst');
    expect(didYouMean('frobnicate', ['name', 'seed'])).toBeUndefined();
    expect(didYouMean('ab', ['id'])).toBeUndefined();
  });
});
