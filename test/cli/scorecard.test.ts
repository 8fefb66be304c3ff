import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import type { ScorecardDocument } from '../../src/runner/scorecard.js';

const work = mkdtempSync(join(tmpdir(), 'cbsim-scorecard-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SITUATION = 'test/fixtures/scenarios/scorecard-small.yaml';
const MODULE = 'test/fixtures/pacers/fixed-ratio.mjs';
const ARGS = [SITUATION, '--policies', `genesys,progressive,${MODULE}`, '--grid', 'genesys:modifier=1,2', '--grid', 'progressive:modifier=1,1.5', '--grid', 'fixed-ratio:ratio=1,3', '--replications', '3', '--no-progress'];

describe('cbsim scorecard', () => {
  it('scores built-ins and a module of the user on a situation, prints the league tables and writes JSON, CSV and the report', async () => {
    const dir = join(work, 'full');
    const run = await cli('scorecard', ...ARGS, '--out', dir, '--workers', '2');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^scorecard-small {2}Scorecard test situation/m);
    expect(run.stdout).toMatch(/^overall {2}1 situation$/m);
    for (const policy of ['genesys', 'progressive', 'fixed-ratio']) expect(run.stdout).toMatch(new RegExp(`^=?\\d\\. ${policy}`, 'm'));
    const doc = JSON.parse(readFileSync(join(dir, 'scorecard.json'), 'utf8')) as ScorecardDocument;
    expect(doc.kind).toBe('cbsim scorecard');
    const results = doc.situations[0].results;
    expect(results[0].rank).toBe(1);
    expect(results.map((r) => r.rank)).toEqual([...results.map((r) => r.rank)].sort((a, b) => a - b));
    expect(results.map((r) => r.points.length).sort()).toEqual([2, 2, 2]);
    for (const r of results) {
      for (const p of r.points) expect(p.replications).toBe(3);
      // The best setting is the busiest of those whose upper bound is under the ceiling.
      const under = r.points.filter((p) => p.complianceUpper <= doc.situations[0].ceiling);
      if (under.length === 0) expect(r.best).toBeNull();
      else expect(r.best!.occupancy.mean).toBe(Math.max(...under.map((p) => p.occupancy.mean)));
    }
    // A ratio of 3 dials per idle agent overdials: its compliance abandons exceed those at a ratio of 1.
    const fixed = results.find((r) => r.policy === 'fixed-ratio')!;
    expect(fixed.points[1].complianceAbandonRate.mean).toBeGreaterThan(fixed.points[0].complianceAbandonRate.mean);
    expect(readFileSync(join(dir, 'scorecard.csv'), 'utf8').split('\n')).toHaveLength(1 + 6 + 1);
    const html = readFileSync(join(dir, 'scorecard.html'), 'utf8');
    expect(html).toContain('id="chart-frontier-0"');
    expect(html).toContain('fixed-ratio');
    expect(existsSync(join(dir, 'scorecard-small', 'sweep.json'))).toBe(true);
  }, 120_000);

  it('resumes a directory (a run cut short leaves the same files), and gives the same bytes on one worker as on two', async () => {
    const dir = join(work, 'resumed');
    expect((await cli('scorecard', ...ARGS, '--out', dir, '--workers', '1')).status).toBe(0);
    const rowsPath = join(dir, 'scorecard-small', 'rows.jsonl');
    const rows = readFileSync(rowsPath, 'utf8').split('\n');
    // As a kill would leave it: some rows finished, the last one half written.
    writeFileSync(rowsPath, `${rows.slice(0, 7).join('\n')}\n${rows[7].slice(0, 40)}`);
    const again = await cli('scorecard', ...ARGS, '--out', dir, '--workers', '2');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/resuming .*scorecard-small: 7 row\(s\) kept, a partial last line/);
    for (const file of ['scorecard.json', 'scorecard.csv', 'scorecard.html', 'scorecard-small/rows.jsonl']) {
      expect(readFileSync(join(dir, file), 'utf8'), file).toBe(readFileSync(join(work, 'full', file), 'utf8'));
    }
    const json = await cli('scorecard', ...ARGS, '--json', '--workers', '1');
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(readFileSync(join(dir, 'scorecard.json'), 'utf8')));
  }, 120_000);

  it('refuses bad policies, options and situations with status 2, before running', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[SITUATION, '--policies', 'genesis'], /"genesis" is not a built-in pacing policy/],
      [[SITUATION, '--policies', './nowhere.mjs'], /\.\/nowhere\.mjs: no such file/],
      [[SITUATION, '--replications', '1'], /--replications/],
      [[SITUATION, '--policies', 'genesys', '--grid', 'genesys:modifier=0,1'], /cell genesys modifier=0/],
      [['scenarios/erlang-c-55-agents.yaml'], /no queue is Customer First/],
    ];
    for (const [args, message] of cases) {
      const run = await cli('scorecard', ...args, '--no-progress');
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const foreign = join(work, 'foreign');
    await cli('scorecard', SITUATION, '--policies', 'genesys', '--grid', 'genesys:modifier=1', '--replications', '2', '--out', foreign, '--no-progress');
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const refused = await cli('scorecard', SITUATION, '--policies', 'genesys', '--out', foreign, '--no-progress');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/holds files a scorecard did not write \(notes\.txt\)/);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  }, 120_000);
});
