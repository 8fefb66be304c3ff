import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'cbsim-sweep-guards-'));
const scratch = [work];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A small Customer First scenario (4 agents, 60 requests an hour) whose runs take a fraction of a second. */
function smallScenario(name: string, edit: (text: string) => string = (t) => t): string {
  const text = readFileSync(join(ROOT, 'scenarios/customer-first-pacing.yaml'), 'utf8')
    .replace(/^warmup: 1d$/m, 'warmup: 1h')
    .replace('perHour: 200', 'perHour: 60')
    .replace('count: 12', 'count: 4');
  const path = join(work, name);
  writeFileSync(path, edit(text));
  return path;
}

const AXIS = 'queues.callbacks.callback.pacingModifier';
const grid = (values = '1,2', replications = '2', duration = '3h') => ['--set', `${AXIS}=${values}`, '--replications', replications, '--duration', duration, '--workers', '1'];
const scenario = smallScenario('small.yaml');
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('a sweep directory holds one piece of work', () => {
  const dir = join(work, 'base');

  it('records the hash of the resolved scenario and the cbsim version in sweep.json', async () => {
    const run = await cli('sweep', scenario, ...grid(), '--out', dir);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(read(dir, 'sweep.json'));
    expect(manifest.scenarioHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(readdirSync(dir).sort()).toEqual(['rows.jsonl', 'summary.csv', 'sweep.json']);
  });

  it('refuses to resume after the scenario file was edited, and says the content differs', async () => {
    const edited = join(work, 'edited-dir');
    const file = smallScenario('edited.yaml');
    expect((await cli('sweep', file, ...grid(), '--out', edited)).status).toBe(0);
    const rows = read(edited, 'rows.jsonl');
    smallScenario('edited.yaml', (t) => t.replace('count: 4', 'count: 5'));
    const run = await cli('sweep', file, ...grid(), '--out', edited);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${edited} holds a different sweep`);
    expect(run.stderr).toMatch(/scenario content: sweep\.json has sha256:[0-9a-f]{12}; this run has sha256:[0-9a-f]{12} \(the scenario file was edited/);
    expect(read(edited, 'rows.jsonl')).toBe(rows);
  });

  it('names every field that differs: scenario (horizon), grid, replications, engine', async () => {
    const run = await cli('sweep', scenario, ...grid('1,2,3', '3', '4h'), '--engine', 'xstate', '--out', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--duration 3h vs 4h');
    expect(run.stderr).toContain(`grid: sweep.json has ${AXIS}=1,2; this run has ${AXIS}=1,2,3`);
    expect(run.stderr).toContain('replications: sweep.json has 2; this run has 3');
    expect(run.stderr).toContain('engine: sweep.json has compiled; this run has xstate');
    expect(run.stderr).not.toContain('version:');
  });

  it('refuses a directory made by another cbsim version', async () => {
    const other = join(work, 'other-version');
    mkdirSync(other);
    const manifest = JSON.parse(read(dir, 'sweep.json'));
    writeFileSync(join(other, 'sweep.json'), JSON.stringify({ ...manifest, version: '0.0.1' }));
    const run = await cli('sweep', scenario, ...grid(), '--out', other);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/version: sweep\.json has 0\.0\.1; this run has \d/);
    expect(existsSync(join(other, 'rows.jsonl'))).toBe(false);
  });

  it('refuses a directory of a cbsim that recorded no hash', async () => {
    const older = join(work, 'older');
    mkdirSync(older);
    const { scenarioHash: _hash, version: _version, ...manifest } = JSON.parse(read(dir, 'sweep.json'));
    writeFileSync(join(older, 'sweep.json'), JSON.stringify(manifest));
    const run = await cli('sweep', scenario, ...grid(), '--out', older);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/scenario content: sweep\.json has no hash \(made by an older cbsim\); this run has sha256:[0-9a-f]{12}\n/);
    expect(run.stderr).toContain('version: sweep.json has no version (made by an older cbsim)');
  });

  it('counts the code of a pacing module the scenario names as part of its content', async () => {
    // Inside the repository (its tmp/ is ignored by git), so that the module finds the packages it imports.
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const pacers = mkdtempSync(join(ROOT, 'tmp', 'sweep-pacers-'));
    scratch.push(pacers);
    for (const name of ['custom-pacer.yaml', 'fixed-ratio.mjs']) writeFileSync(join(pacers, name), readFileSync(join(ROOT, 'test/fixtures/pacers', name)));
    const out = join(work, 'pacer-sweep');
    const args = ['sweep', join(pacers, 'custom-pacer.yaml'), ...grid('1,2', '1', '3h'), '--out', out];
    expect((await cli(...args)).status).toBe(0);
    writeFileSync(join(pacers, 'fixed-ratio.mjs'), `${read(pacers, 'fixed-ratio.mjs')}\n// edited\n`);
    const run = await cli(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('scenario content: sweep.json has sha256:');
  });

  it('refuses a rows.jsonl holding a row of another sweep, naming the line', async () => {
    const foreign = join(work, 'foreign-row');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'sweep.json'), read(dir, 'sweep.json'));
    const [first, second] = read(dir, 'rows.jsonl').split('\n');
    writeFileSync(join(foreign, 'rows.jsonl'), `${first}\n${JSON.stringify({ ...JSON.parse(second), seed: 12345 })}\n`);
    const run = await cli('sweep', scenario, ...grid(), '--out', foreign);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(foreign, 'rows.jsonl')}:2: not a row of this sweep: seed 12345`);
  });
});

describe('the output path is checked before any simulation', () => {
  it('refuses --out onto an existing file, and leaves the file alone', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'mine');
    const run = await cli('sweep', scenario, ...grid(), '--out', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file} exists and is not a directory`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('refuses a directory that cannot be made, naming it', async () => {
    const path = join(work, 'a-file', 'sub');
    const run = await cli('sweep', scenario, ...grid(), '--out', path);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${path}: cannot use it as the sweep directory: a part of the path is a file`);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, 80), /not valid JSON \(truncated or damaged/],
    ['not a manifest', () => '{"format":1,"axes":"x"}', /not a sweep manifest: file is not text/],
    ['cells edited', (text: string) => text.replace('"index": 1', '"index": 7'), /not a sweep manifest: cells are not the combinations of the axes/],
  ])('refuses a %s sweep.json, naming it, without writing anything', async (_name, damage, message) => {
    const damaged = join(work, `damaged-${_name.replace(/ /g, '-')}`);
    mkdirSync(damaged);
    const text = damage(read(join(work, 'base'), 'sweep.json'));
    writeFileSync(join(damaged, 'sweep.json'), text);
    const run = await cli('sweep', scenario, ...grid(), '--out', damaged);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(damaged, 'sweep.json')}: `);
    expect(run.stderr).toMatch(message);
    expect(readdirSync(damaged)).toEqual(['sweep.json']);
    expect(read(damaged, 'sweep.json')).toBe(text);
  });
});

describe('the writer lock', () => {
  /** The pid of a process that has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  function lockedCopy(name: string, owner: object): string {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'sweep.json'), read(join(work, 'base'), 'sweep.json'));
    writeFileSync(join(dir, 'sweep.lock'), JSON.stringify(owner));
    return dir;
  }

  it('takes over a lock left by a process that is no longer running, with a note', async () => {
    const pid = deadPid();
    const dir = lockedCopy('stale-lock', { pid, host: hostname() });
    const run = await cli('sweep', scenario, ...grid(), '--out', dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`note: ${dir} was locked by pid ${pid} on ${hostname()}, which is no longer running`);
    expect(readdirSync(dir).sort()).toEqual(['rows.jsonl', 'summary.csv', 'sweep.json']);
    expect(read(dir, 'rows.jsonl')).toBe(read(join(work, 'base'), 'rows.jsonl'));
  });

  it.each([
    ['a running process', () => ({ pid: process.ppid, host: hostname() }), `pid ${process.ppid} on host ${hostname()}`],
    ['another host', () => ({ pid: 1, host: 'elsewhere.example' }), 'pid 1 on host elsewhere.example'],
  ])('refuses a lock held by %s, and keeps it', async (name, owner, who) => {
    const dir = lockedCopy(`live-lock-${name.replace(/ /g, '-')}`, owner());
    const run = await cli('sweep', scenario, ...grid(), '--out', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${dir} is being written by another cbsim (${who})`);
    expect(run.stderr).toContain(`delete ${join(dir, 'sweep.lock')}`);
    expect(JSON.parse(read(dir, 'sweep.lock'))).toEqual(owner());
    expect(existsSync(join(dir, 'rows.jsonl'))).toBe(false);
  });
});

describe('cbsim merge', () => {
  const shard = (name: string, i: number, ...extra: string[]) => {
    const dir = join(work, name);
    return cli('sweep', scenario, ...grid(), ...extra, '--out', dir, '--shard', `${i}/2`).then((run) => {
      expect(run.status).toBe(0);
      return dir;
    });
  };

  it('refuses shards of different sweeps, listing the differences, and writes nothing', async () => {
    const a = await shard('m-a', 1);
    const b = await shard('m-b', 2, '--duration', '4h');
    const out = join(work, 'm-mixed');
    const run = await cli('merge', a, b, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${b} is not the sweep of ${a}`);
    expect(run.stderr).toContain(`scenario content: ${a} has sha256:`);
    expect(run.stderr).toContain('(--duration 3h vs 4h)');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 3 when rows are missing, 0 with --allow-partial, saying how many', async () => {
    const a = join(work, 'm-a');
    const partial = await cli('merge', a, '--out', join(work, 'm-partial'));
    expect(partial.status).toBe(3);
    expect(partial.stderr).toContain('merge: 2 of 4 rows are missing');
    expect(partial.stderr).toContain('--allow-partial');
    const allowed = await cli('merge', a, '--out', join(work, 'm-allowed'), '--allow-partial');
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toContain('2 of 4 rows are missing');
    expect(allowed.stdout).toContain('2 of 4 rows (2 missing)');
  });

  it('joins the shards into the bytes of the whole sweep', async () => {
    const b = await shard('m-b2', 2);
    const out = join(work, 'm-whole');
    const run = await cli('merge', join(work, 'm-a'), b, '--out', out);
    expect(run.status).toBe(0);
    for (const file of ['rows.jsonl', 'summary.csv']) expect(read(out, file)).toBe(read(join(work, 'base'), file));
  });
});

describe('what a grid may be', () => {
  it('refuses a seed axis and says to use --replications or --seed', async () => {
    const run = await cli('sweep', scenario, '--set', 'seed=1,2', '--duration', '3h');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--set: seed cannot be an axis');
    expect(run.stderr).toContain('use --replications N for more seeds, or --seed');
  });

  it('refuses a field given twice, and one inside another swept field', async () => {
    const twice = await cli('sweep', scenario, '--set', `${AXIS}=1,2`, '--set', `${AXIS}=3`, '--duration', '3h');
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain(`--set: ${AXIS} is given twice; give all its values in one --set, e.g. --set ${AXIS}=1,2,3`);
    const inside = await cli('sweep', scenario, '--set', 'queues.callbacks.callback={mode: AgentFirst}', '--set', `${AXIS}=3`, '--duration', '3h');
    expect(inside.status).toBe(2);
    expect(inside.stderr).toContain(`${AXIS} is inside queues.callbacks.callback, which is also swept`);
    const alias = await cli('sweep', scenario, '--set', `${AXIS}=1,2`, '--set', 'queues.0.callback.pacingModifier=3', '--duration', '3h');
    expect(alias.status).toBe(2);
    expect(alias.stderr).toContain('queues[0].callback.pacingModifier is already set by --set queues[0].callback.pacingModifier=1; set each field once');
  });

  it('refuses a run that sets a field twice, e.g. --seed and --set seed', async () => {
    const run = await cli('run', scenario, '--seed', '3', '--set', 'seed=4', '--duration', '3h');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('seed is already set by --seed 3');
  });

  it('refuses a 10⁶-cell grid from its axis lengths, with the count, the limit and --max-runs', async () => {
    const axes = ['queues.callbacks.callback.pacingModifier', 'agents.callback-team.count', 'queues.callbacks.callback.maxRetryCount'].flatMap((p) => ['--set', `${p}=1..100`]);
    const run = await cli('sweep', scenario, ...axes, '--replications', '1', '--duration', '3h');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the grid is 100 × 100 × 100 cells × 1 replications = 1,000,000 runs; at most 100,000 (--max-runs)');
    expect(run.stderr).toContain('raise the limit with --max-runs 1000000');
  });

  it('caps tune’s grid of settings × replications the same way', async () => {
    const run = await cli('tune', scenario, '--queue', 'callbacks', '--modifiers', '1..10:0.01', '--replications', '200', '--duration', '3h');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--modifiers: the grid is 901 cells × 200 replications = 180,200 runs; at most 100,000 (--max-runs)');
  });

  it('applies --max-runs to cells × replications', async () => {
    const refused = await cli('sweep', scenario, ...grid('1,2', '2'), '--max-runs', '3');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('= 4 runs; at most 3');
    const allowed = await cli('sweep', scenario, ...grid('1,2', '2'), '--max-runs', '4', '--json');
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout).cells).toHaveLength(2);
  });
});
