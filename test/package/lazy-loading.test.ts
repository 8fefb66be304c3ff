import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const RECORDER = 'test/fixtures/loader/record-packages.mjs';

/** The npm packages a run of the built `cbsim` with `args` loaded. */
function packagesLoaded(...args: string[]): string[] {
  const run = spawnSync(process.execPath, ['--import', `./${RECORDER}`, 'bin/cbsim.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const line = /packages-loaded (.*)/.exec(run.stderr);
  if (line === null) throw new Error(`no package list from cbsim ${args.join(' ')} (status ${run.status}):\n${run.stderr}`);
  return line[1].split(',').filter((p) => p !== '');
}

describe('a command loads only what it needs', () => {
  it('--help loads the command-line parser and colours only', () => {
    expect(packagesLoaded('--help')).toEqual(['chalk', 'commander']);
  });

  it('validate reads and checks the scenario without the simulator or the charts', () => {
    expect(packagesLoaded('validate', 'scenarios/support-agent-first.yaml')).toEqual(['chalk', 'commander', 'yaml', 'zod']);
  });

  it('run loads the simulator but not the charting library', () => {
    const loaded = packagesLoaded('run', 'scenarios/support-agent-first.yaml', '--duration', '2d', '--no-progress');
    expect(loaded).toContain('xstate');
    expect(loaded.filter((p) => p.startsWith('vega'))).toEqual([]);
  });
});
