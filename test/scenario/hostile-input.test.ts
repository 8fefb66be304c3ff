import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/index.js';
import { MAX_NESTING, scanNesting } from '../../src/scenario/nesting.js';
import { errorsOf, minimal } from './helpers.js';

describe('hostile input is refused with its place', () => {
  it('nesting deeper than the limit, in flow or block style, before the parser sees it', () => {
    const flow = `name: t\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(scanNesting(flow)).toEqual({ line: 2, col: expect.any(Number) });
    const [issue] = errorsOf(flow);
    expect(issue).toMatchObject({ line: 2, message: expect.stringContaining(`nested more than ${MAX_NESTING} levels deep`) });
    const compact = `name: t\nx:\n  ${'- '.repeat(50_000)}1\n`;
    expect(errorsOf(compact)[0]).toMatchObject({ line: 3, message: expect.stringContaining('levels deep') });
  });

  it('nesting just past the exact limit is refused at the deepest value; the bundled depth is fine', () => {
    const deep = `${minimal()}description: ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}\n`;
    const [issue] = errorsOf(deep);
    expect(issue.message).toContain('levels deep');
    expect(issue.line).toBe(12);
    const fine = `${minimal()}description: ${'['.repeat(MAX_NESTING - 2)}${']'.repeat(MAX_NESTING - 2)}\n`;
    expect(errorsOf(fine).some((i) => /levels deep/.test(i.message))).toBe(false);
  });

  it('an alias bomb', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const n of 'bcdefgh') levels.push(`${n}: &${n} [${Array(10).fill(`*${levels.length === 0 ? 'a' : String.fromCharCode(n.charCodeAt(0) - 1)}`).join(', ')}]`);
    const [issue] = errorsOf(`${minimal()}${levels.join('\n')}\n`);
    expect(issue.message).toMatch(/aliases \(\*name\) expand to too much data/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('the key %s, anywhere in the file, at its line:col', (key) => {
    const text = minimal().replace('      mode: AgentFirst', `      mode: AgentFirst\n      ${key}: { polluted: 1 }`);
    const issues = errorsOf(text);
    expect(issues[0]).toMatchObject({ line: 8, col: 7, path: `queues[0].callback.${key}`, message: expect.stringContaining(`"${key}" is not allowed as a key`) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('--set __proto__.polluted=1 and other reserved keys are refused, and Object.prototype is untouched', () => {
    for (const set of ['__proto__.polluted=1', 'constructor.prototype.polluted=1', 'queues.0.__proto__.polluted=1', 'callee={__proto__: {polluted: 1}}']) {
      const issues = errorsOf(minimal(), 'test.yaml', { set: [set] });
      expect(issues[0]).toMatchObject({ file: '--set', message: expect.stringMatching(/is not allowed as a key/) });
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('control characters are escaped in formatted issues', () => {
    const line = formatIssue({ severity: 'error', file: 'x.yaml', line: 1, col: 1, path: 'name', message: 'a\u001b]0;pwned\u0007 b\u009b2J' });
    expect(line).toBe('x.yaml:1:1: error: name: a\\x1b]0;pwned\\x07 b\\x9b2J');
  });
});
