import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cbsimProcess } from '../helpers/cli.js';

const DIR = 'test/fixtures/pacers';
const SCENARIO = `${DIR}/custom-pacer.yaml`;
const PACING = 'queues.callbacks.callback.pacing';
const tmp = mkdtempSync(join(tmpdir(), 'cbsim-pacer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The scenario with the queue's pacing set to `pacing` (a YAML flow value). */
function withPacing(pacing: string, warmup = '2h'): string {
  const text = readFileSync(SCENARIO, 'utf8').replace(/pacing: \{ module: .*\}/, `pacing: ${pacing}`).replace('warmup: 2h', `warmup: ${warmup}`);
  const file = join(process.cwd(), DIR, `.with-${Math.abs(hash(pacing + warmup))}.yaml`);
  writeOnce(file, text);
  return file;
}

const written = new Set<string>();
// Scenario files are written beside the fixture modules, so that `./x.mjs` resolves as in the user's own files; all go at the end.
afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});
function writeOnce(file: string, text: string): void {
  if (written.has(file)) return;
  written.add(file);
  writeFileSync(file, text);
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

describe('a pacing policy of the user’s own, as a module', () => {
  it('runs like a built-in: a module that keeps ratio × idle in flight gives the built-in ratio policy’s KPIs to the byte', async () => {
    const own = await cli('run', SCENARIO, '--json', '--no-intervals');
    const builtin = await cli('run', SCENARIO, '--json', '--no-intervals', '--set', `${PACING}=ratio`, '--set', 'queues.callbacks.callback.pacingModifier=1.5');
    expect(own.status, own.stderr).toBe(0);
    expect(builtin.status, builtin.stderr).toBe(0);
    const a = JSON.parse(own.stdout);
    const b = JSON.parse(builtin.stdout);
    expect(a.kpis.total.attempts).toBeGreaterThan(1000);
    expect(a.kpis).toEqual(b.kpis);
  });

  it('takes its options from --set, and compare shows each value', async () => {
    const run = await cli('compare', SCENARIO, '--set', `${PACING}.options.ratio=1,2`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/ratio=1\b/);
    expect(run.stdout).toMatch(/ratio=2\b/);
  });

  it('sweeps its options on two workers with the same rows as on one', () => {
    const grid = ['--set', `${PACING}.options.ratio=1,2`, '--replications', '1', '--duration', '6h'];
    const one = cbsimProcess('sweep', SCENARIO, ...grid, '--out', join(tmp, 'one'), '--workers', '1');
    const two = cbsimProcess('sweep', SCENARIO, ...grid, '--out', join(tmp, 'two'), '--workers', '2');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    const rows = (dir: string) => readFileSync(join(tmp, dir, 'rows.jsonl'), 'utf8').split('\n').filter((l) => l !== '').sort();
    expect(rows('one')).toHaveLength(2);
    expect(rows('two')).toEqual(rows('one'));
    expect(readFileSync(join(tmp, 'two', 'summary.csv'), 'utf8')).toBe(readFileSync(join(tmp, 'one', 'summary.csv'), 'utf8'));
  });

  it('is tuned like a built-in: the modifier it reads from its context is what tune varies', async () => {
    const file = withPacing('{ module: ./fixed-ratio.mjs }');
    const run = await cli('tune', file, '--queue', 'callbacks', '--modifiers', '1,2', '--replications', '2', '--duration', '8h', '--objective', 'occupancy');
    expect([0, 3]).toContain(run.status);
    expect(run.stdout + run.stderr).toMatch(/fixed-ratio|pacingModifier/);
  });

  it('is woken on its clock and told every dial and outcome', async () => {
    // No warm-up, so that the KPIs count every dial the policy was told of.
    const file = withPacing('{ module: ./woken.mjs, options: { every: 60000 } }', '0s');
    const run = await cli('run', file, '--json', '--no-intervals');
    expect(run.status, run.stderr).toBe(0);
    const seen = (globalThis as { __cbsimWoken?: { wakes: number; outcomes: Record<string, number> } }).__cbsimWoken!;
    // One wake a minute over one day, the last at the horizon.
    expect(seen.wakes).toBe(24 * 60);
    const total = JSON.parse(run.stdout).kpis.total;
    expect(seen.outcomes.dialed).toBe(total.attempts);
    expect(seen.outcomes.abandoned).toBeGreaterThan(0);
    expect(seen.outcomes.liveAnswer + seen.outcomes.machineAnswer + seen.outcomes.unanswered).toBeLessThanOrEqual(seen.outcomes.dialed);
  });
});

describe('a bad pacing policy gets a clear error and exit status 2', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a module that does not exist', '{ module: ./nowhere.mjs }', /nowhere\.mjs: cannot load pacing module \(queue "callbacks"\): no such file/],
    ['a module that does not parse', '{ module: ./broken-syntax.mjs }', /broken-syntax\.mjs: cannot load pacing module/],
    ['a module with no factory', '{ module: ./no-factory.mjs }', /no-factory\.mjs: a pacing module needs a default export that is a policy factory/],
    ['options its schema refuses', '{ module: ./fixed-ratio.mjs, options: { ratio: 50 } }', /pacing policy fixed-ratio refuses its options:\n\s+options\.ratio: .*10/],
    ['a policy that throws', '{ module: ./misbehaving.mjs, options: { fault: throw, after: 3 } }', /pacing policy misbehaving of queue "callbacks" at 2026-03-02T\d\d:\d\d-05:00 \(t = \d+ ms\): decide\(\) threw: the pacer lost its way\n\s+view: \{"now":\d+/],
    ['a negative number of dials', '{ module: ./misbehaving.mjs, options: { fault: negative } }', /decide\(\) returned -1; a policy returns the number of dials to start, a non-negative integer/],
    ['a fraction of a dial', '{ module: ./misbehaving.mjs, options: { fault: fraction } }', /decide\(\) returned 1\.5;/],
    ['something that is not a number', '{ module: ./misbehaving.mjs, options: { fault: text } }', /decide\(\) returned string "two";/],
  ];
  for (const [what, pacing, message] of cases) {
    it(what, async () => {
      const run = await cli('run', withPacing(pacing));
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    });
  }

  it('a built-in policy’s options are checked with the scenario, at their line', async () => {
    const run = await cli('validate', withPacing('{ name: adaptive, options: { target: 2 } }'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/:\d+:\d+: .*queues\[0\]\.callback\.pacing\.options\.target: .*pacing policy adaptive/);
  });
});
