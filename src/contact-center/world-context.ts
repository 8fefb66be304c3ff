import type { AnyStateMachine } from 'xstate';
import type { RandomStreams } from '../kernel/random.js';
import type { Simulator } from '../kernel/simulator.js';
import type { Mailbox, MachineEngine, MachineHost } from '../machines/engine.js';
import type { LocalCalendar } from '../model/calendar.js';
import type { SimEvent } from '../model/events.js';
import type { QueueConfig, Scenario } from '../model/scenario.js';
import type { EventChannel } from './event-channel.js';
import type { MachineTimers } from './machine-timers.js';
import type { OnQueuePeriod } from './shifts.js';
import type { WorkQueue } from './work-queue.js';

/** One queue during a run. */
export interface QueueRuntime {
  index: number;
  config: QueueConfig;
  /** Customer First callbacks waiting to be dialed. */
  toDial: WorkQueue;
}

/**
 * Builds the engine that runs one statechart for many entities, queueing
 * events in the run's shared mailbox unless given one of its own.
 */
export type EngineFactory = <TInput, TEvent extends { type: string }, TContext>(
  name: string,
  machine: AnyStateMachine,
  host: MachineHost<TEvent>,
  mailbox?: Mailbox,
) => MachineEngine<TInput, TEvent, TContext>;

/** What the parts of the contact center share: the clock, randomness, queues and the event stream. */
export interface World {
  readonly scenario: Scenario;
  readonly sim: Simulator;
  readonly streams: RandomStreams;
  readonly calendar: LocalCalendar;
  readonly timers: MachineTimers;
  readonly queues: readonly QueueRuntime[];
  /** ms at which the run ends. */
  readonly horizon: number;
  /** Index of the queue with id `id`. */
  queueIndex(id: string): number;
  /** On-queue periods of agent group `group` (index into `scenario.agents`). */
  onQueuePeriods(group: number): OnQueuePeriod[];
  /** Where the frequent events are published as typed calls. */
  readonly channel: EventChannel;
  /** Publishes an event given as an object. */
  emit(event: SimEvent): void;
}
