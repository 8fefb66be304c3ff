/**
 * Measurements taken inside one child process (see one.ts): a whole
 * simulation of a workload, the statechart transition micro-benchmark, or a
 * memory line. Bench code may read the wall clock; src/ may not.
 */
import type { AnyStateMachine } from 'xstate';
import { agentFirstCallbackMachine } from '../src/machines/agent-first-callback.js';
import type { AttemptPlan, CallbackContext, CallbackEvent, CallbackInput } from '../src/machines/callback-parts.js';
import { customerFirstCallbackMachine } from '../src/machines/customer-first-callback.js';
import { CompiledEngine } from '../src/machines/compile/compiled-engine.js';
import { Mailbox, type MachineEngine, type MachineHost } from '../src/machines/engine.js';
import { XStateEngine } from '../src/machines/xstate-engine.js';
import { ContactCenter, ENGINES, type EngineName } from '../src/contact-center/world.js';
import { KpiCollector } from '../src/metrics/collector.js';
import type { Scenario } from '../src/model/scenario.js';
import { collectorSetup, simulate } from '../src/runner/simulate.js';
import { buildScenario, DAY, HELD_DIALS_PER_HOUR, memoryLine, memoryScenario, TRANSITION, workload, type MemoryLine } from './workloads.js';

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

const MB = 1024 * 1024;

/** Wall and CPU time of `fn`, in seconds. */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function fastest<T extends { wall: number }>(runs: T[]): T {
  return runs.reduce((best, run) => (run.wall < best.wall ? run : best));
}

/** `process.resourceUsage().maxRSS` is in kilobytes. */
function peakRssMB(): number {
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
function engineName(name: string): EngineName {
  if (!(ENGINES as readonly string[]).includes(name)) throw new Error(`--engine: unknown engine ${name} (known: ${ENGINES.join(', ')})`);
  return name as EngineName;
}

/** Callbacks alive at once in the micro-benchmark: each batch starts this many, then drives each to its end. */
const BATCH = 4096;
/** Batches in one timed run of the micro-benchmark (about 10 transitions per callback). */
const BATCHES = 12;
/** Batches of the warm-up. */
const WARMUP_BATCHES = 3;

const RETRY_ON = ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'] as const;

/**
 * The input of a callback in the micro-benchmark. Asserted rather than
 * annotated, so that the bench keeps compiling as `CallbackInput` gains
 * fields (a missing flag reads as false).
 */
function callbackInput(): CallbackInput {
  return {
    maxRetryCount: 1,
    retryDelay: 600_000,
    retryOn: RETRY_ON,
    dueDelay: 0,
    enableAutoDialAndEnd: false,
    autoDialDelay: 0,
    liveVoiceReaction: 'TransferToQueue',
    machineReaction: 'HangUp',
    assignToQueueOnExpiration: false,
    complianceThreshold: 2_000,
    safeHarbourMessage: false,
    countAmdFalsePositives: false,
    checksPermit: false,
  } as CallbackInput;
}

/**
 * A host that does no world work: it only keeps the delayed event each
 * callback last asked for, so that the loop can deliver it as the clock would.
 */
class NoOpHost implements MachineHost<CallbackEvent> {
  readonly pending: Array<CallbackEvent | null> = new Array(BATCH).fill(null);
  perform(): void {}
  delay(entity: number, _id: string, _delay: number, event: CallbackEvent): void {
    this.pending[entity] = event;
  }
  cancelDelay(): void {}
  changed(): void {}
}

type Engine = MachineEngine<CallbackInput, CallbackEvent, CallbackContext>;

/** The two modes, by the parity of an entity: each has its own machine and engine. */
type Mode = 'CustomerFirst' | 'AgentFirst';

// Frozen, as the world's inputs of callbacks due at once are (the compiled engine reuses what it made of one).
const INPUT = Object.freeze(callbackInput());
/** Stands for "the delayed event the machine asked for" in a script. */
const TIMER = null;

const plan = (answer: AttemptPlan['answer']): CallbackEvent => ({
  type: 'PLACED',
  plan: { response: 'ring', answer, signalDelay: 3_000, ringDuration: 15_000, patience: 30_000, talk: 300_000, wrapUp: 60_000, greeting: 0, trulyLive: answer === 'live' },
});

/**
 * The events of one callback's life after its start, by mode. Customer First
 * (14 transitions): placing, dialing, ringing, no answer → waitingRetry,
 * retry → queued, placing, dialing, ringing, live → answered
 * (waitingForAgent), offered, connected, wrapUp, completed. Agent First (9):
 * offered, agentConnected, previewing, placing, dialing, ringing, connected,
 * wrapUp, completed.
 */
const SCRIPTS: Record<Mode, Array<CallbackEvent | typeof TIMER>> = {
  CustomerFirst: [
    { type: 'DIAL' },
    plan('noAnswer'),
    TIMER,
    TIMER,
    TIMER,
    { type: 'DIAL' },
    plan('live'),
    TIMER,
    TIMER,
    { type: 'OFFER' },
    { type: 'AGENT_ANSWER' },
    TIMER,
    TIMER,
  ],
  AgentFirst: [
    { type: 'OFFER' },
    { type: 'AGENT_ANSWER' },
    { type: 'PREVIEWED', dialDelay: 5_000 },
    TIMER,
    plan('live'),
    TIMER,
    TIMER,
    TIMER,
    TIMER,
  ],
};

const modeOf = (entity: number): Mode => (entity % 2 === 0 ? 'CustomerFirst' : 'AgentFirst');

/** The engines of the micro-benchmark, by mode. */
type Engines = Record<Mode, Engine>;

/** Starts BATCH callbacks (alternating modes); returns the wall ms taken. */
function startBatch(engines: Engines): number {
  const t0 = performance.now();
  for (let entity = 0; entity < BATCH; entity++) engines[modeOf(entity)].start(entity, INPUT);
  return performance.now() - t0;
}

/** Drives every callback of the batch through its script, step by step across the batch; returns the wall ms and CPU µs taken. */
function driveBatch(engines: Engines, host: NoOpHost): { ms: number; cpuMicros: number } {
  const longest = Math.max(SCRIPTS.CustomerFirst.length, SCRIPTS.AgentFirst.length);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let step = 0; step < longest; step++) {
    for (let entity = 0; entity < BATCH; entity++) {
      const mode = modeOf(entity);
      const script = SCRIPTS[mode];
      if (step >= script.length) continue;
      const event = script[step] ?? host.pending[entity];
      if (event === null) throw new Error('bench: the callback machine asked for no delayed event');
      engines[mode].send(entity, event);
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMicros: cpu.user + cpu.system };
}

/** Checks that the scripts did what they say (else the figures would measure something else), and forgets the batch. */
function releaseBatch(engines: Engines): void {
  for (let entity = 0; entity < BATCH; entity++) {
    const engine = engines[modeOf(entity)];
    const state = engine.stateOf(entity);
    if (state !== 'completed') throw new Error(`bench: a ${modeOf(entity)} callback ended in ${state}, not completed`);
    engine.release(entity);
  }
}

/** Transitions with the wall and CPU seconds spent in them, and starts with their wall seconds, over `batches` batches. */
function driveBatches(engines: Engines, host: NoOpHost, batches: number) {
  const transitionsOf = () => engines.AgentFirst.transitions + engines.CustomerFirst.transitions;
  let transitionMs = 0;
  let cpuMicros = 0;
  let startMs = 0;
  let transitions = 0;
  for (let b = 0; b < batches; b++) {
    startMs += startBatch(engines);
    const before = transitionsOf();
    const driven = driveBatch(engines, host);
    transitionMs += driven.ms;
    cpuMicros += driven.cpuMicros;
    transitions += transitionsOf() - before;
    releaseBatch(engines);
  }
  return { wall: transitionMs / 1000, cpu: cpuMicros / 1e6, transitions, starts: batches * BATCH, startWall: startMs / 1000 };
}

/**
 * The cost of one transition of the callback machine on one engine, alone:
 * `XStateEngine` (one `machine.transition` with a reused scope) or
 * `CompiledEngine` (the compiled table), driven in a tight loop with a host
 * that does nothing. Callbacks are started in batches (their starts are
 * timed apart, as `startMicros`) and then driven through whole lives in both
 * modes; `runs` times after a warm-up, the fastest run counts.
 */
export function measureTransition(runs: number, engineChoice: string = ENGINES[0]): Measurement {
  const startRssMB = process.memoryUsage().rss / MB;
  const host = new NoOpHost();
  const name = engineName(engineChoice);
  const mailbox = new Mailbox();
  const make = (machine: AnyStateMachine): Engine =>
    name === 'xstate' ? new XStateEngine(machine, host, mailbox) : new CompiledEngine(machine, host, mailbox);
  const engines: Engines = { AgentFirst: make(agentFirstCallbackMachine), CustomerFirst: make(customerFirstCallbackMachine) };
  const engine = engines.AgentFirst;
  const warmup = timed(() => driveBatches(engines, host, WARMUP_BATCHES));
  const timedRuns = Array.from({ length: runs }, () => driveBatches(engines, host, BATCHES));
  const best = fastest(timedRuns);
  return {
    name: TRANSITION,
    engine: engine.name,
    days: null,
    runs,
    wallSeconds: best.wall,
    wallSecondsAll: timedRuns.map((r) => r.wall),
    cpuSeconds: best.cpu,
    warmupSeconds: warmup.wall,
    calls: null,
    callbacks: null,
    events: null,
    transitions: best.transitions,
    callsPerSecond: null,
    callbacksPerSecond: null,
    eventsPerSecond: null,
    microsPerTransition: (best.wall * 1e6) / best.transitions,
    startMicros: (best.startWall * 1e6) / best.starts,
    liveCallbacks: null,
    bytesPerLiveCallback: null,
    peakRssMB: peakRssMB(),
    startRssMB,
  };
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
