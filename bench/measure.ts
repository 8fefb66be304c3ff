/**
 * Measurements taken inside one child process (see one.ts): a whole
 * simulation of a workload, or a memory line (the statechart transition
 * micro-benchmark is in transition-line.ts). Bench code may read the wall clock; src/ may not.
 */
import { ContactCenter, ENGINES, type EngineName } from '../src/contact-center/world.js';
import { KpiCollector } from '../src/metrics/collector.js';
import type { Scenario } from '../src/model/scenario.js';
import { collectorSetup, simulate } from '../src/runner/simulate.js';
import { buildScenario, DAY, HELD_DIALS_PER_HOUR, memoryLine, memoryScenario, workload, type MemoryLine } from './workloads.js';

/** What one child reports; `null` where a figure does not apply. */
export interface Measurement {
  name: string;
  /** The statechart engine that ran (`result.engine`; for the micro-benchmark, the engine it drove). */
  engine: string;
  /** Simulated days of the timed run (null for the micro-benchmark). */
  days: number | null;
  /** Timed runs made; the figures are those of the fastest. */
  runs: number;
  /** Wall time of the fastest timed run, s (micro-benchmark: the time spent in transitions only). */
  wallSeconds: number;
  /** Wall time of every timed run, s. */
  wallSecondsAll: number[];
  /**
   * User + system CPU time of the fastest timed run, s (micro-benchmark: of
   * the transitions only). It counts every thread of the process (the GC's
   * helpers too), so it is a little above wall time when the process had the
   * CPU to itself, and below it when other processes took the CPU.
   */
  cpuSeconds: number;
  /** Wall time of the warm-up run, s. */
  warmupSeconds: number;
  /** Inbound calls offered in the timed run. */
  calls: number | null;
  /** Callbacks created in the timed run. */
  callbacks: number | null;
  /** Simulation events handled (`result.run.events`). */
  events: number | null;
  /** Statechart transitions taken (`result.run.transitions`, or engine transitions for the micro-benchmark). */
  transitions: number;
  callsPerSecond: number | null;
  callbacksPerSecond: number | null;
  eventsPerSecond: number | null;
  /** Wall µs per transition: for a simulation an upper bound that includes all other per-event work. */
  microsPerTransition: number;
  /** Micro-benchmark only: wall µs to start one callback (its initial state; not counted in `microsPerTransition`). */
  startMicros: number | null;
  /** Memory lines only: callbacks alive (created, not ended) when the memory was measured. */
  liveCallbacks: number | null;
  /**
   * Memory lines only: what the run holds per live callback, in bytes — the
   * growth of the JS heap plus array buffers (typed arrays) from the built,
   * not yet started world to the world holding every callback, both after
   * full garbage collections, divided by the live callbacks.
   */
  bytesPerLiveCallback: number | null;
  /** Peak resident set size of the child process (`process.resourceUsage().maxRSS`), MB. */
  peakRssMB: number;
  /** Resident set size when the child started measuring (node + tsx + loaded modules), MB. */
  startRssMB: number;
}

/** Bytes in a mebibyte. */
export const MB = 1024 * 1024;

/** Wall and CPU time of `fn`, in seconds. */
export function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

export function fastest<T extends { wall: number }>(runs: T[]): T {
  return runs.reduce((best, run) => (run.wall < best.wall ? run : best));
}

/** `process.resourceUsage().maxRSS` is in kilobytes. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Simulates workload `name` over `days` simulated days `runs` times, after
 * one warm-up run of at most one simulated day, exactly as `cbsim run` does
 * (`simulate()` with its KPI collector and 30-minute intervals), with the
 * default statechart engine unless `engine` is given.
 */
export function measureWorkload(name: string, days: number | undefined, runs: number, engine?: string): Measurement {
  const startRssMB = process.memoryUsage().rss / MB;
  const w = workload(name);
  const options = engine === undefined ? {} : { engine: engineName(engine) };
  const horizonDays = days ?? w.days;
  const warmup = timed(() => simulate(buildScenario(w, Math.min(1, horizonDays)), options));
  const scenario = buildScenario(w, horizonDays);
  const timedRuns = Array.from({ length: runs }, () => timed(() => simulate(scenario, options)));
  const best = fastest(timedRuns);
  const result = best.value;
  const calls = w.reportsCalls ? result.kpis.total.offered : null;
  const callbacks = w.reportsCallbacks ? result.kpis.total.created : null;
  const perSecond = (n: number | null) => (n === null ? null : n / best.wall);
  return {
    name,
    engine: result.engine,
    days: horizonDays,
    runs,
    wallSeconds: best.wall,
    wallSecondsAll: timedRuns.map((r) => r.wall),
    cpuSeconds: best.cpu,
    warmupSeconds: warmup.wall,
    calls,
    callbacks,
    events: result.run.events,
    transitions: result.run.transitions,
    callsPerSecond: perSecond(calls),
    callbacksPerSecond: perSecond(callbacks),
    eventsPerSecond: perSecond(result.run.events),
    microsPerTransition: (best.wall * 1e6) / result.run.transitions,
    startMicros: null,
    liveCallbacks: null,
    bytesPerLiveCallback: null,
    peakRssMB: peakRssMB(),
    startRssMB,
  };
}

/** `name` if it is a known engine. */
export function engineName(name: string): EngineName {
  if (!(ENGINES as readonly string[]).includes(name)) throw new Error(`--engine: unknown engine ${name} (known: ${ENGINES.join(', ')})`);
  return name as EngineName;
}

/** The garbage collector, exposed by `--expose-gc` (run.ts passes it to memory lines). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('memory lines need node --expose-gc (npm run bench passes it)');
  gc();
  gc();
}

/** Bytes the process holds in JS objects: the V8 heap in use plus array buffers (the data of typed arrays lives outside the heap). */
function heldBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** A world built from `scenario` as `simulate()` builds one: the contact center with the KPI collector listening. */
function simulatedWorld(scenario: Scenario, engine: EngineName): { world: ContactCenter; collector: KpiCollector } {
  const world = new ContactCenter(scenario, { engine });
  const collector = new KpiCollector(collectorSetup(scenario, world));
  world.attach(collector);
  return { world, collector };
}

/** Simulated ms a memory line's run advances at a time while it waits for every callback to be created. */
const HOLD_STEP_MS = 6 * 60_000;

/** Runs a memory line's world until all of its `callbacks` exist (every dial of the campaign has been made). */
function hold(world: ContactCenter, callbacks: number): void {
  const limit = (10 * callbacks * 3_600_000) / HELD_DIALS_PER_HOUR + DAY;
  for (let t = HOLD_STEP_MS; world.callbacks.active < callbacks; t += HOLD_STEP_MS) {
    if (t > limit) throw new Error(`bench: only ${world.callbacks.active} of ${callbacks} callbacks were created`);
    world.runUntil(t);
  }
}

/**
 * A memory line on one engine: the line's scenario (`memoryScenario`) run
 * as `simulate()` runs it (with the KPI collector listening) until all of
 * its callbacks are created and waiting in `scheduled`; then the memory the
 * world holds per live callback. A smaller run of the same scenario (1 % of
 * the callbacks) warms the code up first. The times are those of creating
 * the callbacks (each a campaign dial, a callee plan, a record and a
 * statechart start with its due timer).
 */
export function measureMemory(name: string, engineChoice: string = ENGINES[0]): Measurement {
  const startRssMB = process.memoryUsage().rss / MB;
  const line: MemoryLine | undefined = memoryLine(name);
  if (!line) throw new Error(`unknown memory line ${name}`);
  const engine = engineName(engineChoice);
  const small = Math.max(1000, Math.round(line.callbacks / 100));
  const warmup = timed(() => hold(simulatedWorld(memoryScenario({ ...line, callbacks: small }), engine).world, small));
  const { world, collector } = simulatedWorld(memoryScenario(line), engine);
  collectGarbage();
  const before = heldBytes();
  const run = timed(() => hold(world, line.callbacks));
  collectGarbage();
  const held = heldBytes() - before;
  const live = world.callbacks.active;
  for (const id of [1, live]) {
    const state = world.callbacks.stateOf(id);
    if (state !== 'scheduled') throw new Error(`bench: callback ${id} is ${state}, not scheduled`);
  }
  const events = world.sim.eventsHandled;
  const transitions = world.transitions;
  collector.report(); // keeps the collector (and what it holds) alive until after the measurement
  return {
    name,
    engine: world.engineName,
    days: null,
    runs: 1,
    wallSeconds: run.wall,
    wallSecondsAll: [run.wall],
    cpuSeconds: run.cpu,
    warmupSeconds: warmup.wall,
    calls: null,
    callbacks: live,
    events,
    transitions,
    callsPerSecond: null,
    callbacksPerSecond: live / run.wall,
    eventsPerSecond: events / run.wall,
    microsPerTransition: (run.wall * 1e6) / transitions,
    startMicros: null,
    liveCallbacks: live,
    bytesPerLiveCallback: held / live,
    peakRssMB: peakRssMB(),
    startRssMB,
  };
}

/** Simulated days of a day count given on the command line (fractions allowed). */
export function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isFinite(days) || days <= 0 || days * DAY < 60_000) throw new Error(`--days must be a positive number of days, got ${text}`);
  return days;
}
