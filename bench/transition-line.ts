/**
 * The transition line: the callback statechart alone on one engine, driven
 * by a host that does nothing (see `measureTransition`). Bench code may read
 * the wall clock; src/ may not.
 */
import type { AnyStateMachine } from 'xstate';
import { agentFirstCallbackMachine } from '../src/machines/agent-first-callback.js';
import type { AttemptPlan, CallbackContext, CallbackEvent, CallbackInput } from '../src/machines/callback-parts.js';
import { customerFirstCallbackMachine } from '../src/machines/customer-first-callback.js';
import { CompiledEngine } from '../src/machines/compile/compiled-engine.js';
import { Mailbox, type MachineEngine, type MachineHost } from '../src/machines/engine.js';
import { XStateEngine } from '../src/machines/xstate-engine.js';
import { ENGINES } from '../src/contact-center/world.js';
import { engineName, fastest, MB, peakRssMB, timed, type Measurement } from './measure.js';
import { TRANSITION } from './workloads.js';

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

