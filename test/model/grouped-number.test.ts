import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedNumber } from '../../src/model/grouped-number.js';

const FC = { seed: 0x5eed, numRuns: 5000 };

/** What the formatter stands in for: Intl's en-US number format with exactly `digits` decimals. */
const intl = (x: number, digits: number) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

describe('groupedNumber writes what en-US toLocaleString writes, without Intl', () => {
  it('groups thousands and rounds halves of the shortest decimal away from zero', () => {
    expect(groupedNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(groupedNumber(1.005, 2)).toBe('1.01');
    expect(groupedNumber(2.5, 0)).toBe('3');
    expect(groupedNumber(-2.5, 0)).toBe('-3');
    expect(groupedNumber(999.95, 1)).toBe('1,000.0');
    expect(groupedNumber(-0.0004, 3)).toBe('-0.000');
    expect(groupedNumber(1e21, 0)).toBe('1,000,000,000,000,000,000,000');
    expect(groupedNumber(5e-7, 4)).toBe('0.0000');
    expect(groupedNumber(Infinity, 1)).toBe('∞');
  });

  it('agrees with toLocaleString on any double and 0 to 4 decimals', () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 0, max: 4 }), (x, digits) => {
        expect(groupedNumber(x, digits)).toBe(intl(x, digits));
      }),
      FC,
    );
  });

  it('agrees on the numbers KPI tables hold: counts, hours and ties at the rounding digit', () => {
    const tie = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 })).map(([n, d]) => ({ x: (n + 0.5) / 10 ** d, digits: d }));
    const plain = fc.record({ x: fc.double({ min: -1e12, max: 1e12, noNaN: true }), digits: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.oneof(tie, plain), ({ x, digits }) => {
        expect(groupedNumber(x, digits)).toBe(intl(x, digits));
      }),
      FC,
    );
  });
});
