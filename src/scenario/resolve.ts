import type { Scenario } from '../model/scenario.js';
import type { ScenarioFile } from './schema.js';

/**
 * Builds the resolved `Scenario` from a validated file: applies the defaults
 * that depend on other fields (a queue's name is its id, callbacks take the
 * queue's priority) and renames file fields to the model's.
 */
export function resolveScenario(file: ScenarioFile): Scenario {
  return {
    name: file.name,
    ...(file.description !== undefined && { description: file.description }),
    seed: file.seed,
    start: file.start.text,
    startEpochMs: file.start.epochMs,
    ...(file.timeZone !== undefined && { timeZone: file.timeZone }),
    utcOffsetMinutes: file.start.offsetMinutes,
    duration: file.duration,
    warmup: file.warmup,
    queues: file.queues.map((q) => ({
      id: q.id,
      name: q.name ?? q.id,
      ani: q.ani,
      priority: q.priority,
      serviceLevel: { percentage: q.serviceLevel.percentage, threshold: q.serviceLevel.duration },
      callback: { ...q.callback, priority: q.callback.priority ?? q.priority },
    })),
    agents: file.agents.map((a) => ({ ...a })),
    inbound: file.inbound.map(({ arrivals, ...rest }) => ({
      queue: rest.queue,
      perHour: arrivals.poisson.perHour,
      talkTime: rest.talkTime,
      wrapUp: rest.wrapUp,
      ...(rest.patience && { patience: rest.patience }),
      ...(rest.callbackOffer && { callbackOffer: rest.callbackOffer }),
    })),
    callbackRequests: file.callbackRequests.map((r) => ({ queue: r.queue, perHour: r.arrivals.poisson.perHour, talkTime: r.talkTime, wrapUp: r.wrapUp })),
    callee: { ...file.callee, liveByHour: file.callee.liveByHour ?? [] },
  };
}
