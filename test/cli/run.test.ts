import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cbsimProcess, cli } from '../helpers/cli.js';

const bundled = readdirSync(new URL('../../scenarios', import.meta.url)).filter((f) => /\.(ya?ml|json)$/.test(f));

describe('cbsim run', () => {
  it('finds bundled scenarios', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of bundled) {
    it(`runs scenarios/${file} and exits 0 with the KPI contract in --json`, async () => {
      const run = await cli('run', `scenarios/${file}`, '--json', '--no-intervals');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout);
      for (const kpis of Object.values<Record<string, unknown>>(result.kpis.queues)) {
        for (const key of ['offered', 'answered', 'abandoned', 'pWait', 'asa', 'serviceLevel', 'abandonRate', 'created', 'completed', 'exhausted', 'cancelled', 'expired', 'active', 'attempts', 'connectRate', 'abandonAfterAnswerRate']) {
          expect(kpis, key).toHaveProperty(key);
        }
      }
      expect(result.kpis.agents.occupancy).toBeGreaterThan(0);
    });
  }

  it('prints a KPI table by default', async () => {
    const run = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '2d');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/service level\s+\d+\.\d%/);
    expect(run.stdout).toMatch(/occupancy\s+\d+\.\d%/);
    expect(run.stdout).toContain('Support line, Agent First callbacks');
  });

  it('gives byte-identical --json for the same seed, in separate processes', () => {
    const args = ['run', 'scenarios/support-agent-first.yaml', '--json', '--duration', '2d', '--seed', '11'];
    const first = cbsimProcess(...args);
    const second = cbsimProcess(...args);
    expect(first.status).toBe(0);
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
  });

  it('--seed and --duration override the file', async () => {
    const a = JSON.parse((await cli('run', 'scenarios/support-agent-first.yaml', '--json', '--no-intervals', '--duration', '2d', '--seed', '1')).stdout);
    const b = JSON.parse((await cli('run', 'scenarios/support-agent-first.yaml', '--json', '--no-intervals', '--duration', '2d', '--seed', '2')).stdout);
    expect(a.scenario.duration).toBe('2d');
    expect(a.scenario.seed).toBe(1);
    expect(b.scenario.seed).toBe(2);
    expect(a.kpis.total.offered).not.toBe(b.kpis.total.offered);
  });

  it('includes 30-minute intervals unless --no-intervals', async () => {
    const result = JSON.parse((await cli('run', 'scenarios/support-agent-first.yaml', '--json', '--duration', '2d')).stdout);
    // 2 days minus the 1-day warmup = 48 intervals of 30 minutes.
    expect(result.intervals).toHaveLength(48);
    const offered = result.intervals.reduce((s: number, i: { queues: { support: { offered: number } } }) => s + i.queues.support.offered, 0);
    expect(offered).toBe(result.kpis.queues.support.offered);
  });
});

describe('cbsim run with a bad scenario', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['pacing-modifier-11.yaml', '12:23', 'queues[0].callback.pacingModifier', /11 is out of range; allowed 1 to 10/],
    ['max-retry-21.yaml', '12:22', 'queues[0].callback.maxRetryCount', /21 is out of range; allowed 0 to 20/],
    ['retry-delay-25h.yaml', '12:19', 'queues[0].callback.retryDelay', /25h is out of range; allowed 1m to 24h/],
  ];
  for (const [file, place, field, range] of cases) {
    it(`${file}: exits 2 naming the field, its line:col and the allowed range`, () => {
      const run = cbsimProcess('run', `test/fixtures/scenarios/${file}`);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`test/fixtures/scenarios/${file}:${place}: error: ${field}:`);
      expect(run.stderr).toContain(field);
      expect(run.stderr).toMatch(range);
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    });
  }

  it('a missing file exits 2 with a plain message', async () => {
    const run = await cli('run', 'no/such/file.yaml');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no/such/file.yaml: cannot read scenario: no such file');
  });

  it('a bad override exits 2 and names the option', async () => {
    const run = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '7x');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--duration');
  });
});
