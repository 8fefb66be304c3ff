import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/model/erlang.js';
import { cli } from '../helpers/cli.js';

describe('cbsim validate', () => {
  it('accepts a bundled scenario with a one-line summary', async () => {
    const run = await cli('validate', 'scenarios/customer-first-pacing.yaml');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/✓ scenarios\/customer-first-pacing\.yaml: .*1 queue\(s\), 12 agent\(s\)/);
  });

  it('prints the resolved scenario with --json', async () => {
    const run = await cli('validate', 'scenarios/support-agent-first.yaml', '--json');
    const doc = JSON.parse(run.stdout);
    expect(doc.valid).toBe(true);
    expect(doc.scenario.queues[0].callback.retryDelay).toBe(30 * 60_000);
    expect(doc.scenario.inbound[0].perHour).toHaveLength(24);
  });

  it('exits 2 listing every error with its place', async () => {
    const run = await cli('validate', 'test/fixtures/scenarios/retry-delay-25h.yaml');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/retry-delay-25h\.yaml:12:19: error: queues\[0\]\.callback\.retryDelay: 25h is out of range; allowed 1m to 24h/);
  });
});

describe('cbsim compare', () => {
  it('runs each variant on the same customers and shows differences', async () => {
    const run = await cli('compare', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--set', 'agents.tier1.count=24,28');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('count=24');
    expect(run.stdout).toContain('count=28');
    // Same customers: the same inbound calls are offered in both variants.
    expect(run.stdout).toMatch(/inbound offered\s+([\d,]+)\s+\1 \(=\)/);
    expect(run.stdout).toMatch(/inbound service level\s+[\d.]+%\s+[\d.]+% \(\+[\d.]+pt\)/);
  });

  it('gives every combination of several --set options as JSON', async () => {
    const run = await cli(
      'compare', 'scenarios/customer-first-pacing.yaml', '--duration', '2d', '--json',
      '--set', 'queues.callbacks.callback.mode=AgentFirst,CustomerFirst',
      '--set', 'agents.callback-team.count=10,12',
    );
    const { variants } = JSON.parse(run.stdout);
    expect(variants.map((v: { label: string }) => v.label)).toEqual([
      'mode=AgentFirst count=10', 'mode=AgentFirst count=12', 'mode=CustomerFirst count=10', 'mode=CustomerFirst count=12',
    ]);
    const created = variants.map((v: { result: { kpis: { total: { created: number } } } }) => v.result.kpis.total.created);
    expect(new Set(created).size).toBe(1);
    expect(variants[0].result.kpis.total.customerAnswers).toBe(0);
    expect(variants[2].result.kpis.total.customerAnswers).toBeGreaterThan(0);
  });

  it('rejects a --set without a value', async () => {
    const run = await cli('compare', 'scenarios/support-agent-first.yaml', '--set', 'agents.tier1.count');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not path=value');
  });
});

describe('cbsim erlang', () => {
  it('prints the Erlang C figures for a range of agents', async () => {
    const run = await cli('erlang', '--calls-per-hour', '720', '--aht', '4m', '--agents', '54..56', '--json');
    const { rows } = JSON.parse(run.stdout);
    expect(rows.map((r: { agents: number }) => r.agents)).toEqual([54, 55, 56]);
    const expected = erlangC({ agents: 55, arrivalRate: 0.2, meanServiceTime: 240, serviceLevelThreshold: 20 });
    expect(rows[1].pWait).toBeCloseTo(expected.pWait, 12);
    expect(rows[1].serviceLevel).toBeCloseTo(expected.serviceLevel, 12);
  });

  it('centres the default range on the agents that meet the target', async () => {
    const run = await cli('erlang', '--calls-per-hour', '360', '--aht', '3m', '--json');
    const { rows } = JSON.parse(run.stdout);
    const meeting = rows.filter((r: { serviceLevel: number }) => r.serviceLevel >= 0.8).map((r: { agents: number }) => r.agents);
    expect(Math.min(...meeting)).toBe(22);
  });

  it('uses Erlang A with --patience', async () => {
    const run = await cli('erlang', '--calls-per-hour', '180', '--aht', '4m', '--patience', '5m', '--agents', '15');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Erlang A');
    expect(run.stdout).toContain('P(abandon)');
  });

  it('rejects a bad number naming the option and range', async () => {
    const run = await cli('erlang', '--calls-per-hour', 'lots', '--aht', '4m');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--calls-per-hour: "lots" is not a number');
  });
});

describe('cbsim schema and help', () => {
  it('prints a JSON Schema naming the callback settings', async () => {
    const run = await cli('schema');
    const schema = JSON.parse(run.stdout);
    expect(JSON.stringify(schema)).toContain('pacingModifier');
  });

  for (const command of ['run', 'validate', 'compare', 'erlang', 'schema']) {
    it(`${command} --help explains the options with an example`, async () => {
      const run = await cli(command, '--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Usage: cbsim ${command}`);
      expect(run.stdout).toMatch(/Example/);
    });
  }

  it('an unknown command exits 2', async () => {
    const run = await cli('frobnicate');
    expect(run.status).toBe(2);
  });
});
