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

  for (const command of ['run', 'validate', 'compare', 'callbacks', 'trace', 'erlang', 'schema']) {
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

describe('cbsim callbacks (the Scheduled Callbacks view)', () => {
  it('lists the scheduled callbacks at a moment, with owner blank when nobody owns it', async () => {
    const run = await cli('callbacks', 'scenarios/every-callback-kind.yaml', '--at', '1d09:50', '--json');
    expect(run.status).toBe(0);
    const { at, callbacks } = JSON.parse(run.stdout);
    expect(at).toBe('2026-03-03T09:50-05:00');
    const vip1 = callbacks.find((c: { id: string }) => c.id === 'vip-1');
    expect(vip1).toMatchObject({ queue: 'support', kind: 'agentOwned', scheduled: '2026-03-03T10:00-05:00', callee: 'Ada Lovelace', number: '+15551230001', state: 'scheduled', owner: 'tier1#1' });
    const vip2 = callbacks.find((c: { id: string }) => c.id === 'vip-2');
    // Rescheduled at 09:10 from 11:30 to 14:00.
    expect(vip2).toMatchObject({ scheduled: '2026-03-03T14:00-05:00', owner: '' });
    // vip-3 was cancelled at 09:00.
    expect(callbacks.some((c: { id: string }) => c.id === 'vip-3')).toBe(false);
    for (const c of callbacks) expect(Object.keys(c)).toEqual(['id', 'queue', 'kind', 'scheduled', 'callee', 'number', 'state', 'owner']);
  });

  it('prints CSV with a header', async () => {
    const run = await cli('callbacks', 'scenarios/every-callback-kind.yaml', '--at', '1d09:50', '--csv', '--queue', 'support');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,queue,kind,scheduled,callee,number,state,owner');
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'support')).toBe(true);
    expect(lines).toContain('vip-1,support,agentOwned,2026-03-03T10:00-05:00,Ada Lovelace,+15551230001,scheduled,tier1#1');
  });

  it('rejects a moment outside the run', async () => {
    const run = await cli('callbacks', 'scenarios/every-callback-kind.yaml', '--at', '9d10:00');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--at: 9d10:00 is outside the run');
  });
});

describe('cbsim trace', () => {
  it('prints every state change of one callback in time order, with the dial details', async () => {
    const run = await cli('trace', 'scenarios/every-callback-kind.yaml', '--callback', 'vip-4', '--json');
    expect(run.status).toBe(0);
    const { events } = JSON.parse(run.stdout);
    const times = events.map((e: { t: number }) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const states = events.filter((e: { type: string }) => e.type === 'callback.state').map((e: { to: string }) => e.to);
    expect(states[0]).toBe('scheduled');
    expect(states).toContain('queued');
    expect(events.at(-1).type).toBe('callback.ended');
    const dial = events.find((e: { type: string }) => e.type === 'callback.dialed');
    expect(dial).toMatchObject({ number: '+15551230004', callerId: '+15550100100' });
    const ops = events.filter((e: { type: string }) => e.type === 'operation');
    expect(ops.map((o: { applied: boolean }) => o.applied)).toEqual([true, false]);
  });

  it('fails plainly for a callback that does not exist', async () => {
    const run = await cli('trace', 'scenarios/support-agent-first.yaml', '--callback', '999999', '--duration', '2d');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no callback 999999 in this run');
  });
});

describe('cbsim run --replications', () => {
  it('reports every KPI as mean and 95 % half-width over independent replications', async () => {
    const run = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--replications', '4', '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.replications).toBe(4);
    expect(new Set(result.seeds).size).toBe(4);
    const sl = result.kpis.queues.support.serviceLevel;
    expect(sl.n).toBe(4);
    expect(sl.mean).toBeGreaterThan(0);
    expect(sl.halfWidth).toBeGreaterThan(0);
    expect(result.kpis.agents.occupancy.n).toBe(4);
  });

  it('prints mean ± half-width in the table', async () => {
    const run = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--replications', '3');
    expect(run.stdout).toContain('3 replications, mean ± 95% half-width');
    expect(run.stdout).toMatch(/service level\s+[\d.]+% ± [\d.]+%/);
  });
});
