import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));

/** The commands of the startup line: a bare node beside cbsim's lightest commands. */
export const STARTUP_COMMANDS: ReadonlyArray<{ label: string; args: string[] }> = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'cbsim --help', args: ['bin/cbsim.js', '--help'] },
  { label: 'cbsim validate', args: ['bin/cbsim.js', 'validate', 'scenarios/support-agent-first.yaml'] },
];

/** One command's fastest wall time and its peak RSS in that run. */
export interface StartupTiming {
  label: string;
  wallSeconds: number;
  peakRssMB: number;
}

/** Runs each startup command `runs` times (after one warm-up) as a whole process; keeps the fastest. */
export function measureStartup(runs: number): StartupTiming[] {
  return STARTUP_COMMANDS.map(({ label, args }) => {
    let best: StartupTiming | null = null;
    for (let i = 0; i <= runs; i++) {
      const started = process.hrtime.bigint();
      const child = spawnSync(process.execPath, ['--import', PRELOAD, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (child.status !== 0) throw new Error(`${label}: exited with ${child.status ?? child.signal}\n${child.stderr}`);
      const rss = /cbsim-bench-max-rss (\d+)/.exec(child.stderr);
      if (!rss) throw new Error(`${label}: no peak RSS reported`);
      const timing = { label, wallSeconds, peakRssMB: Number(rss[1]) / 1024 };
      if (i > 0 && (best === null || timing.wallSeconds < best.wallSeconds)) best = timing;
    }
    return best!;
  });
}

/** The startup line: each command's wall time and peak RSS, beside the target. */
export function startupLine(timings: readonly StartupTiming[], nameWidth: number): string {
  const parts = timings.map((t) => `${t.label} ${t.wallSeconds.toFixed(3)} s ${t.peakRssMB.toFixed(0)} MB`);
  return ['startup'.padEnd(nameWidth), ...parts, 'target < 0.150 s, < 60 MB'].join('   ');
}
