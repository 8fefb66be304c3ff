import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('--warmup beside --duration', () => {
  it('overrides the scenario warm-up in run: fewer arrivals counted with a longer warm-up, the same run otherwise', async () => {
    const read = async (warmup: string) => JSON.parse((await cli('run', 'scenarios/support-agent-first.yaml', '--json', '--no-intervals', '--duration', '2d', '--warmup', warmup)).stdout);
    const short = await read('1h');
    const long = await read('1d');
    expect(short.scenario.warmup).toBe('1h');
    expect(long.scenario.warmup).toBe('1d');
    expect(short.kpis.total.offered).toBeGreaterThan(long.kpis.total.offered);
    expect(short.run.events).toBe(long.run.events);
  });

  it('is validated like the scenario field, naming the option', async () => {
    const notShorter = await cli('run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--warmup', '3d');
    expect(notShorter.status).toBe(2);
    expect(notShorter.stderr).toMatch(/--warmup.*3d is not shorter than duration \(2d\)/);
    const notDuration = await cli('compare', 'scenarios/support-agent-first.yaml', '--set', 'agents.tier1.count=24,28', '--warmup', 'soon');
    expect(notDuration.status).toBe(2);
    expect(notDuration.stderr).toContain('--warmup');
    expect(notDuration.stderr).toContain('soon');
  });

  for (const command of ['run', 'compare', 'sweep', 'tune', 'trace']) {
    it(`${command} --help lists --warmup and --no-progress`, async () => {
      const help = (await cli(command, '--help')).stdout;
      expect(help).toMatch(/--warmup <duration>\s+override the scenario's warm-up/);
      expect(help).toMatch(/--no-progress\s+show no progress on stderr/);
    });
  }
});

describe('cbsim trace --callback', () => {
  it("names agents group#n, as scenarios and the Scheduled Callbacks view do, in the table and the JSON", async () => {
    const table = await cli('trace', 'scenarios/every-callback-kind.yaml', '--callback', 'vip-4');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/dial attempt 1 to \+15551230004 with caller ID \+15550100100 by agent tier1#\d+/);
    expect(table.stdout).toMatch(/connected to agent tier1#\d+/);
    expect(table.stdout).not.toMatch(/agent \d/);
    const json = JSON.parse((await cli('trace', 'scenarios/every-callback-kind.yaml', '--callback', 'vip-4', '--json')).stdout);
    expect(json.label).toBe('vip-4');
    const connected = json.events.find((e: { type: string }) => e.type === 'callback.connected');
    expect(connected.agent).toMatch(/^tier1#\d+$/);
  });

  it('refuses, before running, an id that is neither a number nor a listed callback, naming the listed ids', async () => {
    const run = await cli('trace', 'scenarios/every-callback-kind.yaml', '--callback', 'vip-9');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--callback: "vip-9" is neither a callback number (1, 2, … in order of creation) nor a listed callback\'s id; the listed callbacks are vip-1, vip-2, vip-3, vip-4');
  });
});
