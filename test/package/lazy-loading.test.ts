import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../helpers/cli.js';

const RECORDER = 'test/fixtures/loader/record-packages.mjs';

/** What a run of the built `cbsim` with `args` loaded: npm packages (bundled or not), and the other files. */
function loaded(...args: string[]): { packages: string[]; otherFiles: string[] } {
  const run = spawnSync(process.execPath, ['--import', `./${RECORDER}`, 'bin/cbsim.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const packages = /packages-loaded (.*)/.exec(run.stderr);
  const others = /other-files-loaded (.*)/.exec(run.stderr);
  if (packages === null || others === null) throw new Error(`no package list from cbsim ${args.join(' ')} (status ${run.status}):\n${run.stderr}`);
  const list = (line: string) => line.split(',').filter((p) => p !== '');
  return { packages: list(packages[1]), otherFiles: list(others[1]).map((url) => relative(ROOT, fileURLToPath(url)).replaceAll('\\', '/')) };
}

/** The npm packages a run of the built `cbsim` with `args` loaded. */
function packagesLoaded(...args: string[]): string[] {
  return loaded(...args).packages;
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

describe('the command line runs from its bundle', () => {
  it('loads the launcher and bundle files only: no module of dist/ or node_modules one by one', () => {
    for (const args of [['--help'], ['validate', 'scenarios/support-agent-first.yaml'], ['run', 'scenarios/support-agent-first.yaml', '--duration', '1d', '--no-progress']]) {
      expect(loaded(...args).otherFiles, args.join(' ')).toEqual(['bin/cbsim.js']);
    }
  });
});
