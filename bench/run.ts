/**
 * `npm run bench`: throughput, memory and scaling of the simulator, one line
 * per workload and engine, in a fixed format meant to be compared between
 * commits (see bench/README.md). Each line is measured in its own child
 * process (one.ts).
 *
 *   npm run bench
 *   npm run bench -- --only erlang-c,transition --days 3 --runs 3
 *   npm run bench -- --engine compiled  # one engine only
 *   npm run bench -- --scaling          # adds Erlang C at 30 vs 300 simulated days (long)
 *   npm run bench -- --sweep            # adds the 300-run sweep of the built CLI (minutes)
 *   npm run bench -- --json > bench.json
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINES } from '../src/contact-center/world.js';
import { parseDays, type Measurement } from './measure.js';
import { MEMORY_LINES, memoryLine, NAMES, PROCESS, STARTUP, TRANSITION, WORKLOADS, workload } from './workloads.js';
import { measureStartup, startupLine, type StartupTiming } from './startup.js';
import { measureProcess, PROCESS_DAYS, processLine, type ProcessRun } from './process.js';
import { measureSweep, SWEEP_REPLICATIONS, SWEEP_WORKERS, sweepLine, type SweepMeasurement } from './sweep-line.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ONE = fileURLToPath(new URL('./one.ts', import.meta.url));
/** The opt-in sweep line's name for `--only`. */
const SWEEP = 'sweep';
/** The scaling line compares the Erlang C workload at D and SCALE × D simulated days. */
const SCALE = 10;
const SCALING_WORKLOAD = 'erlang-c';

const HELP = `usage: npm run bench -- [options]

  --only NAMES    comma-separated lines to run (repeatable): ${NAMES.join(', ')}; or ${SWEEP} (the same as --sweep)
  --days N        simulated days of every workload (default: ${WORKLOADS.map((w) => `${w.name} ${w.days}`).join(', ')}; not the memory lines,
                  nor ${PROCESS} (always ${PROCESS_DAYS} d) or the sweep line)
  --runs N        timed runs per line after the warm-up; the fastest is reported (default 1; memory lines run once;
                  startup and ${PROCESS} at least 3; the sweep line runs once, no warm-up)
  --engine NAMES  comma-separated statechart engines (repeatable): ${ENGINES.join(', ')}; default all, each line once per engine
  --scaling       add the scaling line: ${SCALING_WORKLOAD} at D and ${SCALE}×D days (D = --days or ${workload(SCALING_WORKLOAD).days}) on the first engine; long
  --sweep         add the sweep line: cbsim sweep of the built CLI, pacing 1..10 × ${SWEEP_REPLICATIONS} replications on ${SWEEP_WORKERS} workers; minutes
  --sweep-check   with --sweep: run the sweep again on 1 worker and compare the output files byte for byte (doubles the time)
  --sweep-replications N  replications per cell of the sweep line (default ${SWEEP_REPLICATIONS}; fewer for a quick try)
  --json          print one JSON document instead of the lines
  --help          this text
`;

interface Options {
  only: string[];
  days: number | undefined;
  runs: number;
  engines: string[];
  scaling: boolean;
  sweep: boolean;
  sweepCheck: boolean;
  sweepReplications: number;
  json: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      days: { type: 'string' },
      runs: { type: 'string', default: '1' },
      engine: { type: 'string', multiple: true },
      scaling: { type: 'boolean', default: false },
      sweep: { type: 'boolean', default: false },
      'sweep-check': { type: 'boolean', default: false },
      'sweep-replications': { type: 'string', default: String(SWEEP_REPLICATIONS) },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  for (const name of only) {
    if (!NAMES.includes(name) && name !== SWEEP) throw new Error(`--only: unknown line ${name} (known: ${[...NAMES, SWEEP].join(', ')})`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const sweepReplications = Number(values['sweep-replications']);
  if (!Number.isInteger(sweepReplications) || sweepReplications < 1) {
    throw new Error(`--sweep-replications must be a positive integer, got ${values['sweep-replications']}`);
  }
  const sweep = values.sweep || only.includes(SWEEP);
  if (values['sweep-check'] && !sweep) throw new Error('--sweep-check needs --sweep');
  const engines = (values.engine ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  for (const engine of engines) {
    if (!(ENGINES as readonly string[]).includes(engine)) throw new Error(`--engine: unknown engine ${engine} (known: ${ENGINES.join(', ')})`);
  }
  return {
    only: only.length > 0 ? NAMES.filter((n) => only.includes(n)) : [...NAMES],
    days: values.days === undefined ? undefined : parseDays(values.days),
    runs,
    engines: engines.length > 0 ? ENGINES.filter((e) => engines.includes(e)) : [...ENGINES],
    scaling: values.scaling,
    sweep,
    sweepCheck: values['sweep-check'],
    sweepReplications,
    json: values.json,
  };
}

/** What the lines were measured on. */
interface Environment {
  commit: string | null;
  /** Uncommitted or untracked changes under src/ or scenarios/ (what the workloads run). */
  dirty: boolean;
  node: string;
  xstate: string | null;
  cpu: string;
  cpus: number;
  platform: string;
}

function git(args: string[]): string | null {
  const out = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : null;
}

function environment(): Environment {
  let xstate: string | null = null;
  try {
    xstate = (JSON.parse(readFileSync(new URL('../node_modules/xstate/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    // not installed where expected: leave it out
  }
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--', 'src', 'scenarios']);
  return {
    commit,
    dirty: status !== null && status !== '',
    node: process.version,
    xstate,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: cpus().length,
    platform: `${platform()} ${arch()}`,
  };
}

/** Runs one line in a child process; null (with the reason on stderr) if the child failed. */
function measure(name: string, days: number | undefined, runs: number, engine: string, quiet: boolean): Measurement | null {
  const label = `${days === undefined ? name : `${name} (${days} d)`} on ${engine}`;
  if (!quiet && process.stderr.isTTY) process.stderr.write(`running ${label}…`);
  const memory = memoryLine(name) !== undefined;
  const args = [...(memory ? ['--expose-gc'] : []), '--import', 'tsx', ONE, name, '--engine', engine];
  if (!memory) args.push('--runs', String(runs));
  if (days !== undefined && !memory) args.push('--days', String(days));
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  if (!quiet && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    process.stderr.write(`${label}: child process failed (status ${child.status ?? child.signal})\n${child.stderr}`);
    return null;
  }
  if (child.stderr.trim() !== '') process.stderr.write(child.stderr);
  return JSON.parse(last) as Measurement;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `label value`, the value right-aligned in `width` characters, `-` when absent. */
function column(label: string, value: string | null, width: number): string {
  return `${label} ${(value ?? '-').padStart(width)}`;
}

const NAME_WIDTH = Math.max(...NAMES.map((n) => n.length), 'scaling'.length, 'sweep'.length);
/** Wide enough for `xstate` and `compiled`. */
const ENGINE_WIDTH = 8;

/** One benchmark line; the columns are always the same, in the same order. */
function line(m: Measurement): string {
  const count = (n: number | null) => (n === null ? null : int.format(n));
  const fixed = (n: number | null, digits: number) => (n === null ? null : n.toFixed(digits));
  const columns = [
    m.name.padEnd(NAME_WIDTH),
    m.engine.padEnd(ENGINE_WIDTH),
    column('calls/s', count(m.callsPerSecond), 9),
    column('callbacks/s', count(m.callbacksPerSecond), 7),
    column('events/s', count(m.eventsPerSecond), 9),
    column('µs/transition', m.microsPerTransition.toFixed(3), 7),
    column('transitions', count(m.transitions), 11),
    `${column('peak RSS', int.format(m.peakRssMB), 5)} MB`,
    `${column('wall', m.wallSeconds.toFixed(2), 6)} s`,
    `${column('cpu', m.cpuSeconds.toFixed(2), 6)} s`,
    column('µs/start', fixed(m.startMicros, 2), 6),
    column('live callbacks', count(m.liveCallbacks), 9),
    column('B/live callback', count(m.bytesPerLiveCallback), 5),
  ];
  return columns.join('   ');
}

/** Erlang C at D and SCALE × D days: the wall-time ratio should stay near SCALE. */
interface Scaling {
  workload: string;
  short: Measurement;
  long: Measurement;
  /** long wall / short wall. */
  ratio: number;
  /** long CPU / short CPU. */
  cpuRatio: number;
}

function scalingLine(s: Scaling): string {
  return [
    'scaling'.padEnd(NAME_WIDTH),
    s.short.engine.padEnd(ENGINE_WIDTH),
    `${s.workload} ${s.short.days} d ${s.short.wallSeconds.toFixed(2)} s`,
    `${s.long.days} d ${s.long.wallSeconds.toFixed(2)} s`,
    `ratio ${s.ratio.toFixed(2)} (cpu ${s.cpuRatio.toFixed(2)}, ideal ${SCALE})`,
    `µs/transition ${s.short.microsPerTransition.toFixed(3)} → ${s.long.microsPerTransition.toFixed(3)}`,
    `peak RSS ${int.format(s.short.peakRssMB)} → ${int.format(s.long.peakRssMB)} MB`,
  ].join('   ');
}

function main(): void {
  let opts: Options;
  try {
    opts = options();
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${HELP}`);
    process.exit(2);
  }
  const env = environment();
  const say = (text: string) => {
    if (!opts.json) process.stdout.write(`${text}\n`);
  };
  say(`commit  ${env.commit ?? 'unknown'}${env.dirty ? ' (+ uncommitted changes in src/ or scenarios/)' : ''}`);
  say(`node    ${env.node}   xstate ${env.xstate ?? 'unknown'}`);
  say(`cpu     ${env.cpu} (${env.cpus} logical CPUs, ${env.platform})`);
  const daysNote = opts.days === undefined ? WORKLOADS.map((w) => `${w.name} ${w.days} d`).join(', ') : `${opts.days} d each`;
  const heldNote = MEMORY_LINES.map((m) => `${m.name} ${int.format(m.callbacks)} callbacks`).join(', ');
  say(`runs    ${opts.runs === 1 ? '1 timed run' : `fastest of ${opts.runs} timed runs`} after 1 warm-up, one child process per line; ${daysNote}; ${heldNote}`);
  say(`engines ${opts.engines.join(', ')}`);
  say('');

  const results: Measurement[] = [];
  let startup: StartupTiming[] | null = null;
  let processRuns: ProcessRun[] | null = null;
  let failed = false;
  /** Takes a line measured apart from the workloads: prints it, or the reason it failed (after `settle`, which runs either way). */
  const attempt = <T>(label: string, take: () => T, print: (taken: T) => string, settle = () => {}): T | null => {
    try {
      const taken = take();
      settle();
      say(print(taken));
      return taken;
    } catch (error) {
      settle();
      process.stderr.write(`${label}: ${(error as Error).message}\n`);
      failed = true;
      return null;
    }
  };
  for (const name of opts.only) {
    if (name === STARTUP) {
      startup = attempt('startup', () => measureStartup(Math.max(opts.runs, 3)), (t) => startupLine(t, NAME_WIDTH));
      continue;
    }
    if (name === PROCESS) {
      processRuns = attempt('process', () => measureProcess(Math.max(opts.runs, 3)), (r) => processLine(r, NAME_WIDTH));
      continue;
    }
    for (const engine of opts.engines) {
      const m = measure(name, name === TRANSITION ? undefined : opts.days, opts.runs, engine, opts.json);
      if (m === null) {
        failed = true;
        continue;
      }
      results.push(m);
      say(line(m));
    }
  }

  let scaling: Scaling | null = null;
  if (opts.scaling) {
    const engine = opts.engines[0];
    const shortDays = opts.days ?? workload(SCALING_WORKLOAD).days;
    const short =
      results.find((m) => m.name === SCALING_WORKLOAD && m.days === shortDays && m.engine === engine) ??
      measure(SCALING_WORKLOAD, shortDays, opts.runs, engine, opts.json);
    const long = short === null ? null : measure(SCALING_WORKLOAD, shortDays * SCALE, opts.runs, engine, opts.json);
    if (short === null || long === null) failed = true;
    else {
      scaling = {
        workload: SCALING_WORKLOAD,
        short,
        long,
        ratio: long.wallSeconds / short.wallSeconds,
        cpuRatio: long.cpuSeconds / short.cpuSeconds,
      };
      say(scalingLine(scaling));
    }
  }

  let sweep: SweepMeasurement | null = null;
  if (opts.sweep) {
    const spinner = !opts.json && process.stderr.isTTY;
    if (spinner) process.stderr.write('running the sweep line (minutes)…');
    const clearSpinner = () => {
      if (spinner) process.stderr.write('\r\x1b[K');
    };
    sweep = attempt('sweep', () => measureSweep(opts.sweepReplications, opts.sweepCheck), (m) => sweepLine(m, NAME_WIDTH), clearSpinner);
  }

  const document = { environment: env, runs: opts.runs, engines: opts.engines, results, scaling, startup, process: processRuns, sweep };
  if (opts.json) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  if (failed) process.exitCode = 1;
}

main();
