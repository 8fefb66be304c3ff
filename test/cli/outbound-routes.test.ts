import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** The bundled Agent First support line over 12 hours, on route east-edge, written with `routes` as its outboundRoutes section. */
function scenarioFile(routes: string, route = 'east-edge'): string {
  const text = `name: routes
seed: 7
start: 2026-03-02T08:00:00-05:00
duration: 12h
queues:
  - id: support
    ani: "+15550100100"
    callback: { mode: AgentFirst, maxRetryCount: 3, retryDelay: 30m, outboundRoute: ${route} }
agents:
  - { group: tier1, count: 26, queues: [support] }
inbound:
  - queue: support
    arrivals: { poisson: { perHour: 320 } }
    talkTime: { exponential: { mean: 4m } }
    patience: { exponential: { mean: 5m } }
    callbackOffer: { afterWait: 45s, acceptance: 0.5 }
${routes}`;
  const file = join(mkdtempSync(join(tmpdir(), 'cbsim-routes-')), 'routes.yaml');
  writeFileSync(file, text);
  return file;
}

const FOUR_LINES = 'outboundRoutes:\n  - { id: east-edge, lines: 4 }\n';

describe('outbound routes on the command line', () => {
  it('cbsim run shows the Outbound routes table, and --json the route KPIs', async () => {
    const file = scenarioFile(FOUR_LINES);
    const table = await cli('run', file);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^east-edge +4 +\d+\.\d% +4 +[\d,]+ /m);
    const json = JSON.parse((await cli('run', file, '--json', '--no-intervals')).stdout);
    expect(Object.keys(json.kpis.routes['east-edge'])).toEqual(['lines', 'lineOccupancy', 'peakLinesBusy', 'dialsWaitedForLine', 'lineWaitMean', 'lineWaitMax']);
  });

  it('cbsim compare over the lines shows the route rows beside the queue', async () => {
    const run = await cli('compare', scenarioFile(FOUR_LINES), '--set', 'outboundRoutes.0.lines=4,30');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/route east-edge line occupancy +\d+\.\d% +\d+\.\d% \(-/);
    expect(run.stdout).toMatch(/route east-edge dials that waited for a line +[\d,]+ /);
  });

  it('cbsim validate refuses a queue on a route that is not declared (exit 2, with the place and a did-you-mean)', async () => {
    const file = scenarioFile(FOUR_LINES, 'east-egde');
    const run = await cli('validate', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:8:`);
    expect(run.stderr).toContain('queues[0].callback.outboundRoute: east-egde is not a declared outbound route; the routes under outboundRoutes are east-edge (did you mean "east-edge"?)');
  });
});
