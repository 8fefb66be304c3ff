import { fastestNode } from './whole-process.js';

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
    const best = fastestNode(args, label, runs);
    return { label, wallSeconds: best.wallSeconds, peakRssMB: best.peakRssMB };
  });
}

/** The startup line: each command's wall time and peak RSS, beside the target. */
export function startupLine(timings: readonly StartupTiming[], nameWidth: number): string {
  const parts = timings.map((t) => `${t.label} ${t.wallSeconds.toFixed(3)} s ${t.peakRssMB.toFixed(0)} MB`);
  return ['startup'.padEnd(nameWidth), ...parts, 'target < 0.150 s, < 60 MB'].join('   ');
}
