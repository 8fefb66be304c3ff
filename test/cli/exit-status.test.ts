import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkOutputFile, writeOutputFile } from '../../src/cli/output-file.js';
import { CliError } from '../../src/cli/errors.js';
import { planSweep } from '../../src/runner/sweep.js';
import { cli } from '../helpers/cli.js';
import { scenario } from '../helpers/scenario.js';
import { VERSION } from '../../src/runner/version.js';

const scratch = mkdtempSync(join(tmpdir(), 'cbsim-exit-'));
afterAll(() => {
  chmodSync(scratch, 0o755);
  rmSync(scratch, { recursive: true, force: true });
});
const isRoot = process.getuid?.() === 0;
const ANSI = /\x1b\[[0-9;]*m/g;

/** A scenario path that does not exist: a command that complains about its output path instead checked the path first, before reading (let alone simulating) the scenario. */
const NO_SCENARIO = join(scratch, 'no-such-scenario.yaml');

/** A sweep directory with a manifest and no rows (enough for `report` to get past reading the manifest). */
function emptySweepDir(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const manifest = planSweep({ file: 'scenarios/customer-first-pacing.yaml', scenario: scenario({ name: 'x', queues: [], agents: [], inbound: [] }), version: VERSION, axes: [{ path: 'seed', values: ['1'] }], replications: 1, engine: 'compiled', duration: '1d' });
  writeFileSync(join(dir, 'sweep.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'rows.jsonl'), '');
  return dir;
}

describe('output paths are checked before any work (exit 2, naming the path)', () => {
  const missingDir = join(scratch, 'missing', 'x.html');
  const cases: Array<[string, string[], RegExp]> = [
    ['run --report into a missing directory', ['run', NO_SCENARIO, '--report', missingDir], /--report: cannot write .*missing\/x\.html: the directory .*missing does not exist; create it first/],
    ['run --report naming a directory', ['run', NO_SCENARIO, '--report', scratch, '--force'], /--report: cannot write .*: it is a directory; give a file name/],
    ['run --report ending in a slash', ['run', NO_SCENARIO, '--report', `${scratch}/`], /--report: cannot write .*: give a file name, not a directory/],
    ['run --report under a file', ['run', NO_SCENARIO, '--report', join(__filename, 'x.html')], /--report: cannot write .*exit-status\.test\.ts\/x\.html: .*exit-status\.test\.ts is not a directory/],
    ['run --report where files cannot be created', ['run', NO_SCENARIO, '--report', '/sys/x.html'], /--report: cannot write \/sys\/x\.html: cannot create files in \/sys: permission denied/],
    ['sweep --report into a missing directory', ['sweep', NO_SCENARIO, '--set', 'seed=1', '--report', missingDir], /--report: cannot write .*missing\/x\.html/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const run = await cli(...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('no-such-scenario');
      expect(run.stdout).toBe('');
    });
  }

  it.skipIf(isRoot)('run --report into a read-only directory', async () => {
    const readOnly = join(scratch, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    const run = await cli('run', NO_SCENARIO, '--report', join(readOnly, 'x.html'));
    chmodSync(readOnly, 0o755);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--report: cannot write .*read-only\/x\.html: cannot create files in .*read-only: permission denied/);
  });

  it('report --out into a missing directory is refused before the rows are read; the default DIR/report.html needs no --force', async () => {
    const dir = emptySweepDir('sweep-empty');
    const out = await cli('report', dir, '--out', missingDir);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/--out: cannot write .*missing\/x\.html: the directory .* does not exist/);
    expect(out.stderr).not.toContain('no finished rows');
    // The default report path is replaced each time (no --force needed), but must still be writable.
    writeFileSync(join(dir, 'report.html'), 'old');
    const replaced = await cli('report', dir);
    expect(replaced.stderr).toContain('no finished rows');
  });

  it('the probe file leaves nothing behind', () => {
    const dir = join(scratch, 'probe');
    mkdirSync(dir);
    checkOutputFile('--report', join(dir, 'x.html'));
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a run prints its KPIs before writing any file', () => {
  it('a directory that vanishes after the run: KPIs on stdout, then exit 2 naming the path (not an internal error)', async () => {
    const dir = join(scratch, 'vanishing');
    mkdirSync(dir);
    const report = join(dir, 'run.html');
    let stdout = '';
    let stderr = '';
    const status = await main(['node', 'cbsim', 'run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--report', report], {
      print: (text) => {
        stdout += text;
        rmSync(dir, { recursive: true, force: true });
      },
      error: (text) => (stderr += `${text}\n`),
      stderrIsTTY: false,
      clock: () => 0,
    });
    stderr = stderr.replace(ANSI, '');
    expect(status).toBe(2);
    expect(stdout.replace(ANSI, '')).toMatch(/service level\s+\d+\.\d%/);
    expect(stderr).toContain(`--report: cannot write ${report}: its directory does not exist; the results printed above are complete`);
    expect(stderr).not.toContain('internal error');
  });

  it('run --report writes the report after the KPIs, and --no-intervals leaves the JSON without intervals', async () => {
    const report = join(scratch, 'one.html');
    const run = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--json', '--no-intervals', '--report', report);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).intervals).toBeUndefined();
    expect(readFileSync(report, 'utf8')).toContain('<svg');
    expect(run.stderr).toContain(`report: ${report}`);
  });
});

describe('atomic writes', () => {
  it('replaces a file in one step and leaves no temporary file; a failure is a CliError naming the option and path', () => {
    const dir = join(scratch, 'atomic');
    mkdirSync(dir);
    const path = join(dir, 'r.html');
    writeFileSync(path, 'old');
    writeOutputFile('--out', path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['r.html']);
    let error: unknown;
    try {
      writeOutputFile('--out', join(dir, 'gone', 'r.html'), 'x', true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as Error).message).toBe(`--out: cannot write ${join(dir, 'gone', 'r.html')}: its directory does not exist; the results printed above are complete, only this file is missing`);
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });
});

describe('exit status 1 is a bug, and says so', () => {
  it('an unexpected failure prints the internal error and a line asking for a report, with the CBSIM_DEBUG hint', async () => {
    let stderr = '';
    const status = await main(['node', 'cbsim', 'schema'], {
      print: () => {
        throw new Error('boom');
      },
      error: (text) => (stderr += `${text}\n`),
      stderrIsTTY: false,
    });
    expect(status).toBe(1);
    expect(stderr.replace(ANSI, '')).toMatch(/^cbsim: internal error: boom\nthis is a bug in cbsim; please report it with the command you ran and the scenario file \(run again with CBSIM_DEBUG=1 to print the stack trace\)\n$/);
  });
});

describe('exit status 3: ran, but the goal was not met', () => {
  it('tune with no setting under the ceiling prints its table and exits 3; --json too', async () => {
    const args = ['tune', 'scenarios/customer-first-pacing.yaml', '--queue', 'callbacks', '--max-abandon', '0.001%', '--modifiers', '10', '--replications', '2', '--duration', '2d', '--workers', '1'];
    const run = await cli(...args);
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('No setting keeps the abandon rate under the ceiling');
    expect(run.stdout).toContain('pacingModifier=10');
    expect(run.stderr).toContain('tune: no setting keeps the compliance abandon (worst 30d) rate under 0.0% with 95% confidence');
    const json = await cli(...args, '--json');
    expect(json.status).toBe(3);
    expect(JSON.parse(json.stdout).best).toBeNull();
  }, 60_000);
});

describe('tune --measure true --window 30d needs a run that counts 30 days', () => {
  it('is refused (exit 2) before any run when the counted period is shorter', async () => {
    const run = await cli('tune', 'scenarios/customer-first-pacing.yaml', '--queue', 'callbacks', '--measure', 'true', '--window', '30d', '--out', join(scratch, 'never'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--window 30d: the run counts 6d (duration 7d minus warm-up 1d), less than 30 days, so the abandon-after-answer rate (--measure true) has no 30-day rate');
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  });
});
