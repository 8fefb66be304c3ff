import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Progress, progressFor, runDetail, PLAIN_PROGRESS_EVERY_MS } from '../../src/cli/progress.js';
import { simulate } from '../../src/runner/simulate.js';
import { runPool } from '../../src/runner/worker-pool.js';
import { parseScenario } from '../../src/scenario/index.js';

const ANSI = /\x1b\[[0-9;]*m/g;

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

/** A progress display of `mode` on a fake clock, recording what it writes. */
function recorded(mode: 'live' | 'plain' | 'off') {
  const clock = fakeClock();
  const lines: string[] = [];
  const raw: string[] = [];
  const progress = new Progress(mode, 'simulating x', { clock: clock.read, line: (t) => lines.push(t), raw: (t) => raw.push(t), columns: 80 });
  return { clock, lines, raw, progress };
}

describe('Progress on a non-terminal: plain lines every few seconds of wall time', () => {
  it('writes nothing before the first interval has passed, then one line an interval, then says it finished', () => {
    const { clock, lines, raw, progress } = recorded('plain');
    progress.update(0.1, 'day 1');
    clock.advance(PLAIN_PROGRESS_EVERY_MS - 1);
    progress.update(0.2, 'day 2');
    expect(lines).toEqual([]);
    clock.advance(1);
    progress.update(0.25, '1d of 4d simulated, 1.2M events');
    expect(lines).toEqual([`simulating x: 25% (1d of 4d simulated, 1.2M events) · 5s elapsed, about 15s left`]);
    clock.advance(1000);
    progress.update(0.5);
    expect(lines).toHaveLength(1);
    clock.advance(PLAIN_PROGRESS_EVERY_MS);
    progress.update(0.6);
    expect(lines[1]).toBe('simulating x: 60% · 11s elapsed, about 7s left');
    clock.advance(500);
    progress.done();
    expect(lines[2]).toBe('simulating x: done in 12s');
    expect(raw).toEqual([]);
  });

  it('a run shorter than one interval writes nothing at all, not even the closing line', () => {
    const { clock, lines, progress } = recorded('plain');
    for (let i = 1; i <= 10; i++) {
      clock.advance(100);
      progress.update(i / 10);
    }
    progress.done();
    expect(lines).toEqual([]);
  });
});

describe('Progress on a terminal: the live bar', () => {
  it('redraws in place at most every 100 ms (always at 100 %), and clears the line when done', () => {
    const { clock, lines, raw, progress } = recorded('live');
    progress.update(0.5, 'half');
    clock.advance(50);
    progress.update(0.6);
    clock.advance(50);
    progress.update(1);
    progress.done();
    expect(lines).toEqual([]);
    expect(raw).toHaveLength(3);
    expect(raw[0]).toMatch(/^\r\x1b\[2Ksimulating x █{12}░{12}  50%  half  ETA 0s$/);
    expect(raw[1]).toContain('100%');
    expect(raw[2]).toBe('\r\x1b[2K');
  });

  it('cuts the line to the terminal width, so that it redraws in place', () => {
    const raw: string[] = [];
    const progress = new Progress('live', 'x'.repeat(100), { clock: () => 0, raw: (t) => raw.push(t), columns: 40 });
    progress.update(0.5);
    expect(raw[0]).toBe(`\r\x1b[2K${'x'.repeat(39)}`);
  });
});

describe('progressFor', () => {
  it('is live on a terminal, plain lines through the error stream otherwise, and off with --no-progress', () => {
    const clock = fakeClock();
    const errors: string[] = [];
    const out = { stderrIsTTY: false, error: (t: string) => errors.push(t), clock: clock.read };
    expect(progressFor(out, 'x').mode).toBe('plain');
    expect(progressFor({ ...out, stderrIsTTY: true }, 'x').mode).toBe('live');
    expect(progressFor(out, 'x', false).mode).toBe('off');
    const plain = progressFor(out, 'x');
    clock.advance(PLAIN_PROGRESS_EVERY_MS);
    plain.update(0.5);
    expect(errors).toEqual(['x: 50% · 5s elapsed, about 5s left']);
    const off = progressFor(out, 'x', false);
    clock.advance(PLAIN_PROGRESS_EVERY_MS);
    off.update(0.5);
    off.done();
    expect(errors).toHaveLength(1);
  });

  it('runDetail names the simulated time reached, the horizon and the events', () => {
    expect(runDetail(90_061_000, 7 * 86_400_000, 1_234_567)).toBe('1d1h1m of 7d simulated, 1.23M events');
    expect(runDetail(0, 3_600_000, 950)).toBe('0s of 1h simulated, 950 events');
  });
});

describe('run progress is driven by events handled', () => {
  const text = readFileSync('scenarios/support-agent-first.yaml', 'utf8');

  it('a run of one simulated day reports many times along the day, at every n-th event, then once at the end', () => {
    const { scenario } = parseScenario(text, 'support.yaml', { duration: '1d', warmup: '1h' });
    const calls: Array<[number, number]> = [];
    const result = simulate(scenario, { intervals: false, progressEvery: 2000, onProgress: (t, horizon, events) => calls.push([t, events]) });
    const events = result.run.events;
    expect(calls).toHaveLength(Math.floor(events / 2000) + 1);
    expect(calls.length).toBeGreaterThan(5);
    calls.slice(0, -1).forEach(([, n], i) => expect(n).toBe((i + 1) * 2000));
    expect(calls.at(-1)).toEqual([scenario.duration, events]);
    const times = calls.map(([t]) => t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeLessThan(scenario.duration / 2);
    // Observing does not change the run.
    expect(simulate(scenario, { intervals: false }).kpis).toEqual(result.kpis);
  });

  it('cbsim run on a non-terminal prints plain progress lines on stderr, never on stdout, and none with --no-progress', async () => {
    const invoke = async (...extra: string[]) => {
      let t = 0;
      let stdout = '';
      let stderr = '';
      const status = await main(['node', 'cbsim', 'run', 'scenarios/customer-first-pacing.yaml', '--duration', '3d', '--json', '--no-intervals', ...extra], {
        print: (s) => (stdout += `${s}\n`),
        error: (s) => (stderr += `${s}\n`),
        stderrIsTTY: false,
        // Each reading of the clock is 6 s later: a plain line is due at every progress call (every 65,536 events).
        clock: () => (t += 6000),
      });
      return { status, stdout, stderr: stderr.replace(ANSI, '') };
    };
    const shown = await invoke();
    expect(shown.status).toBe(0);
    expect(() => JSON.parse(shown.stdout)).not.toThrow();
    const lines = shown.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toMatch(/^simulating .+: \d+% \(\S+ of 3d simulated, 65\.5k events\) · 6s elapsed, about \d+s left$/);
    expect(lines[1]).toMatch(/ \(\S+ of 3d simulated, 131\.1k events\) · 12s elapsed/);
    expect(lines.at(-1)).toMatch(/: done in \d+s$/);
    const quiet = await invoke('--no-progress');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(shown.stdout);
  });

  it('a sweep worker reports how far its running task has got, before the row arrives', async () => {
    const job = { text: readFileSync('scenarios/customer-first-pacing.yaml', 'utf8'), file: 'cf.yaml', duration: '3d', engine: 'compiled' as const };
    const heard: string[] = [];
    await runPool(job, [{ cell: 0, replication: 0, seed: 5, set: [] }], 1, (row) => heard.push(`row ${row.cell}/${row.replication}`), (task, fraction) => heard.push(`${task.cell}/${task.replication} ${fraction > 0 && fraction <= 1}`));
    expect(heard.length).toBeGreaterThan(1);
    expect(heard.slice(0, -1).every((h) => h === '0/0 true')).toBe(true);
    expect(heard.at(-1)).toBe('row 0/0');
  });
});
