import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_UNITS, formatDuration, parseDuration } from '../../src/model/duration.js';

const FC = { seed: 0x5eed, numRuns: 500 };

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['3m', 180_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    ['1w', 604_800_000],
    ['0s', 0],
    ['1m30s', 90_000],
    ['2d3h4m5s6ms', 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5000 + 6],
    ['0.25s', 250],
    ['1.0005s', 1001], // rounded to whole ms
  ])('parses %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['30', '3x', '', '-5s', '1h 30m', 'h', '1.h', '.5s', 's30', '1.5.5s', '3 m', '1hour', 'Infinitys', 'NaNs'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('treats ms as milliseconds, not minutes followed by seconds', () => {
    expect(parseDuration('5ms')).toBe(5);
    expect(parseDuration('5m5s')).toBe(305_000);
  });

  it('sums arbitrary sequences of parts', () => {
    const part = fc.record({ amount: fc.nat({ max: 10_000 }), unit: fc.constantFrom(...Object.keys(DURATION_UNITS)) });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map((p) => `${p.amount}${p.unit}`).join('');
        const expected = parts.reduce((s, p) => s + p.amount * DURATION_UNITS[p.unit], 0);
        expect(parseDuration(text)).toBe(expected);
      }),
      FC,
    );
  });

  it('never returns anything but undefined or a non-negative whole number', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const ms = parseDuration(text);
        if (ms !== undefined) expect(Number.isInteger(ms) && ms >= 0).toBe(true);
      }),
      FC,
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [45_000, '45s'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [172_800_000, '2d'],
    [604_800_000, '7d'],
    [90_061_001, '1d1h1m1s1ms'],
    [-90_000, '-1m30s'],
    [1.4, '1ms'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('passes non-finite values through', () => {
    expect(formatDuration(Infinity)).toBe('Infinity');
    expect(formatDuration(Number.NaN)).toBe('NaN');
  });

  it('round-trips with parseDuration for whole non-negative ms', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
      FC,
    );
  });

  it('parse ∘ format is the identity on formatted strings', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * 604_800_000 }), (ms) => {
        const text = formatDuration(ms);
        expect(formatDuration(parseDuration(text)!)).toBe(text);
      }),
      FC,
    );
  });
});
