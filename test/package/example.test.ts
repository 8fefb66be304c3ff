import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The proof that a stranger can use the package: pack cbsim, install the
 * tarball into a fresh copy of examples/custom-pacer, build the example's
 * TypeScript policy, run its property test (written against cbsim/testing)
 * and a `cbsim run` of its scenario.
 */
const work = mkdtempSync(join(tmpdir(), 'cbsim-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string): { status: number; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', npm_config_audit: 'false', npm_config_fund: 'false' } });
  return { status: result.status ?? -1, output: `${result.stdout}\n${result.stderr}` };
}

describe('the packed package, used by another project', () => {
  it('installs, builds the example policy, passes its property test, runs its scenario and scores it beside the built-ins', () => {
    const pack = run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
    expect(pack.status, pack.output).toBe(0);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const example = join(work, 'example');
    cpSync(join(ROOT, 'examples/custom-pacer'), example, { recursive: true, filter: (src) => !/node_modules|[\\/]dist$/.test(src) });
    const manifest = JSON.parse(readFileSync(join(example, 'package.json'), 'utf8'));
    manifest.dependencies.cbsim = `file:${join(work, tarball!)}`;
    writeFileSync(join(example, 'package.json'), JSON.stringify(manifest, null, 2));

    const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], example);
    expect(install.status, install.output).toBe(0);
    const build = run('npm', ['run', 'build'], example);
    expect(build.status, build.output).toBe(0);
    const test = run('npm', ['test'], example);
    expect(test.status, test.output).toBe(0);
    expect(test.output).toMatch(/2 passed/);
    const simulate = run('npx', ['cbsim', 'run', 'scenario.yaml'], example);
    expect(simulate.status, simulate.output).toBe(0);
    expect(simulate.output).toMatch(/abandon after answer rate/);
    // The policy scored beside the built-ins, as a dialer team would: its own knob, the same customers.
    const scorecard = run('npx', ['cbsim', 'scorecard', 'scenario.yaml', '--policies', 'genesys,dist/pacer.js', '--grid', 'genesys:modifier=1,3', '--grid', 'pacer:ratio=1,2', '--replications', '2', '--duration', '1d', '--no-progress'], example);
    expect(scorecard.status, scorecard.output).toBe(0);
    expect(scorecard.output).toMatch(/^=?[12]\. pacer /m);
    expect(scorecard.output).toMatch(/^=?[12]\. genesys /m);
  }, 600_000);
});
