import { describe, expect, it } from 'vitest';
import { num, pct, seconds } from '../../src/cli/table.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('table formats', () => {
  it('seconds never show 60 seconds or 60 minutes', () => {
    expect(seconds(12.34)).toBe('12.3s');
    expect(seconds(59.97)).toBe('1m00s');
    expect(seconds(119.6)).toBe('2m00s');
    expect(seconds(3599.6)).toBe('1h00m');
    expect(seconds(2 * 3600 + 59 * 60 + 45)).toBe('3h00m');
    expect(seconds(47 * 60 + 59.5)).toBe('48m00s');
    expect(plain(seconds(null))).toBe('—');
    expect(seconds(Infinity)).toBe('∞');
  });

  it('percentages and numbers', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(0.03, 2)).toBe('3.00%');
    expect(num(1234567)).toBe('1,234,567');
    expect(num(1.5, 2)).toBe('1.50');
    expect(plain(num(null))).toBe('—');
  });
});
