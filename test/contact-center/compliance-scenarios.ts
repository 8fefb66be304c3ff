import type { Distribution } from '../../src/kernel/distributions.js';
import type { QueueConfig, Scenario } from '../../src/model/scenario.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, HOUR, MINUTE, requests, SECOND } from './support.js';

/** Shared scenarios of the compliance tests (not a test file). */

/** The regulators' compliance settings, with `changes`. */
export function compliance(changes: Partial<QueueConfig['compliance']> = {}): QueueConfig['compliance'] {
  return { threshold: 2 * SECOND, ceiling: 0.03, minRing: 15 * SECOND, measureFrom: 'answer', denominator: 'liveAnswers', countAmdFalsePositives: false, ...changes };
}

/** A Customer First queue `id` that over-dials (ratio pacing ×3), judged by `settings`. */
export function pressedQueue(id: string, settings: Partial<QueueConfig['compliance']> = {}, machineReaction: 'HangUp' | 'TransferToQueue' = 'HangUp'): QueueConfig {
  const callback = callbackSettings({ mode: 'CustomerFirst', pacing: 'ratio', pacingModifier: 3, maxRetryCount: 2, retryDelay: 10 * MINUTE, answeringMachineReactionType: machineReaction });
  return { ...queue(id, { callback }), compliance: compliance(settings) };
}

/** Customer First callbacks on a team too small for them, every dial answered by a person who waits for an agent as long as `patience`. */
export function pressed(settings: Partial<QueueConfig['compliance']> = {}, patience: Distribution = constant(10 * HOUR)): Scenario {
  return scenario({
    seed: 4,
    duration: 8 * HOUR,
    queues: [pressedQueue('q', settings)],
    agents: [agents('a', 4, ['q'])],
    inbound: [],
    callbackRequests: [requests('q', 120, constant(4 * MINUTE))],
    callee: callee({ outcomes: always('live'), patienceAfterAnswer: patience }),
  });
}
