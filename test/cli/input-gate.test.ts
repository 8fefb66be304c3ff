import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenarioInput } from '../../src/cli/scenario-input.js';
import { cli, ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cbsim-gate-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const flood = (perHour: number) => `name: flood
duration: 1d
queues: [{ id: q, ani: "+15550100100" }]
agents: [{ group: g, count: 10, queues: [q] }]
inbound: [{ queue: q, arrivals: { poisson: { perHour: ${perHour} } }, talkTime: 4m }]
`;
const stdin = (args: string[], input: string) => {
  const r = spawnSync(process.execPath, ['bin/cbsim.js', ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('the input size cap', () => {
  it('reads no more than the cap and one byte from an endless input (/dev/zero)', () => {
    // An unbounded read of /dev/zero never ends; this returns.
    expect(() => readScenarioInput('/dev/zero', 1000)).toThrow(/larger than the input size limit \(1000 bytes\); raise it with --max-input-size/);
  });

  it('validate /dev/zero is refused with the limit and how to raise it (exit 2)', async () => {
    const run = await cli('validate', '/dev/zero');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('/dev/zero: the scenario is larger than the input size limit (16 MB); raise it with --max-input-size SIZE');
    expect(run.stderr).toContain('CBSIM_MAX_INPUT_SIZE');
  });

  it('--max-input-size and CBSIM_MAX_INPUT_SIZE set the cap', async () => {
    const file = write('small.yaml', readFileSync(join(ROOT, 'scenarios/support-agent-first.yaml'), 'utf8'));
    expect((await cli('validate', file, '--max-input-size', '100')).stderr).toContain('larger than the input size limit (100 bytes)');
    expect((await cli('validate', file, '--max-input-size', '1MB')).status).toBe(0);
    expect((await cli('validate', file, '--max-input-size', 'lots')).stderr).toContain('--max-input-size: "lots" is not a size');
    process.env.CBSIM_MAX_INPUT_SIZE = '1KB';
    try {
      expect((await cli('validate', file)).stderr).toContain('larger than the input size limit (1 KB)');
    } finally {
      delete process.env.CBSIM_MAX_INPUT_SIZE;
    }
  });
});

describe('- reads the scenario from stdin', () => {
  it('validates and runs a scenario piped in, and names <stdin> in errors', () => {
    const text = readFileSync(join(ROOT, 'scenarios/support-agent-first.yaml'), 'utf8');
    expect(stdin(['validate', '-'], text)).toMatchObject({ status: 0, stdout: expect.stringContaining('✓ <stdin>:') });
    expect(stdin(['run', '-', '--duration', '1h', '--set', 'warmup=0s', '--json'], text).status).toBe(0);
    const bad = stdin(['validate', '-'], text.replace('count: 26', 'count: -3'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^<stdin>:\d+:\d+: error: agents\[0\]\.count: -3 is out of range/m);
  });
});

describe('the work estimate', () => {
  it('refuses 10⁹ calls per hour before simulating, in run and validate alike, with the estimate and the option', async () => {
    const file = write('flood.yaml', flood(1e9));
    for (const command of ['run', 'validate', 'compare', 'trace']) {
      const args = command === 'compare' ? ['--set', 'agents.g.count=10,11'] : command === 'trace' ? ['--callback', '1'] : [];
      const run = await cli(command, file, ...args);
      expect(run.status, command).toBe(2);
      expect(run.stderr).toMatch(/a run is estimated at 4\.80e10 events \(2\.40e10 arrivals.*more than the limit of 1\.00e9 events \(raise it with --max-events N\)/);
    }
  });

  it('refuses a sweep cell beyond the budget before any cell runs', async () => {
    const file = write('cells.yaml', flood(10));
    const run = await cli('sweep', file, '--set', 'inbound.0.arrivals.poisson.perHour=10,1000000000', '--replications', '2', '--workers', '1');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file} (cell perHour=1000000000): error: a run is estimated at`);
    expect(run.stdout).toBe('');
  });

  it('--max-events raises the budget', async () => {
    const file = write('busy.yaml', flood(2000));
    expect((await cli('validate', file, '--max-events', '1000')).status).toBe(2);
    expect((await cli('validate', file, '--max-events', '1e6')).status).toBe(0);
    expect((await cli('run', file, '--max-events', '10', '--duration', '1h')).stderr).toContain('raise it with --max-events N');
  });
});

describe('validate --json', () => {
  it('prints errors as JSON (file, line, col, path, value, message, allowed) and exits 2', async () => {
    const file = write('bad.yaml', readFileSync(join(ROOT, 'scenarios/support-agent-first.yaml'), 'utf8').replace('count: 26', 'count: -3'));
    const run = await cli('validate', file, '--json');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.errors).toEqual([
      { severity: 'error', file, line: expect.any(Number), col: expect.any(Number), path: 'agents[0].count', value: '-3', message: '-3 is out of range; allowed 0 to 100000', allowed: '0 to 100000', suggestion: null },
    ]);
  });

  it('prints a refusal that has no line (the size cap) as JSON too, and a valid scenario with its warnings and estimate', async () => {
    const big = await cli('validate', '/dev/zero', '--json');
    expect(big.status).toBe(2);
    expect(JSON.parse(big.stdout).errors[0]).toMatchObject({ file: '/dev/zero', line: null, message: expect.stringContaining('input size limit') });
    const ok = JSON.parse((await cli('validate', 'scenarios/every-callback-kind.yaml', '--json')).stdout);
    expect(ok).toMatchObject({ valid: true, errors: [], work: { events: expect.any(Number) } });
  });
});

describe('names are printed with control characters escaped', () => {
  it('in validate and run', async () => {
    const file = write('ctl.yaml', flood(10).replace('name: flood', 'name: "evil\\e]0;pwned\\a\\e[2J"'));
    for (const args of [['validate', file], ['run', file, '--duration', '1h']]) {
      const run = await cli(...args);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J');
      expect(run.stdout.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });
});
