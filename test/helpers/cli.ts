import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

/** What a CLI invocation printed and returned. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs the CLI in this process (fast); output is captured, colour codes removed. */
export async function cli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(['node', 'cbsim', ...args], {
    print: (text) => (stdout += `${text}\n`),
    error: (text) => (stderr += `${text}\n`),
    stderrIsTTY: false,
    // A clock that never moves: no plain progress line is due, so stderr holds only what the command says.
    clock: () => 0,
  });
  return { status, stdout: stdout.replace(ANSI, ''), stderr: stderr.replace(ANSI, '') };
}

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `bin/cbsim.js` as a real child process. */
export function cbsimProcess(...args: string[]): CliRun {
  const result = spawnSync(process.execPath, ['bin/cbsim.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
