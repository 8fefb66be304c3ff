import { basename, dirname, resolve } from 'node:path';
import { LocalCalendar } from '../model/calendar.js';
import type { CallbackSelector, OperationConfig, PacingSpec, Scenario } from '../model/scenario.js';
import type { PacingFieldValue } from './pacing-field.js';
import type { ScenarioFile } from './schema.js';
import type { MomentText } from './time.js';

const DAY = 86_400_000;

/** Turns a written moment into simulated ms, given the run's start and calendar. */
export function momentToSimTime(moment: MomentText, calendar: LocalCalendar): number {
  switch (moment.kind) {
    case 'instant':
      return moment.epochMs - calendar.startEpochMs;
    case 'offset':
      return moment.ms;
    case 'dayTime': {
      const local = calendar.localMidnight(0) + moment.day * DAY + moment.minute * 60_000;
      return calendar.toSimTime(local, local - calendar.startEpochMs - calendar.offsetAt(0));
    }
  }
}

type FileSelector = { ids: string[] } | { queue?: string; kind?: string; state?: string };
type FileOperation = ScenarioFile['operations'][number];

function resolveOperation(op: FileOperation, at: (m: MomentText) => number): OperationConfig {
  const select = (s: FileSelector): CallbackSelector => s;
  if (op.cancel) return { at: at(op.at), op: 'cancel', select: select(op.cancel) };
  if (op.reschedule) return { at: at(op.at), op: 'reschedule', select: select(op.reschedule.callbacks), dueAt: at(op.reschedule.to) };
  const reassign = op.reassign!;
  return {
    at: at(op.at),
    op: 'reassign',
    select: select(reassign.callbacks),
    ...(reassign.queue !== undefined && { queue: reassign.queue }),
    ...(reassign.agent !== undefined && { agent: reassign.agent }),
  };
}

/** The resolved pacing policy of a queue: `adaptiveTarget`, the older way to set the adaptive policy's target, becomes its `target` option. */
function pacingSpec(pacing: PacingFieldValue, adaptiveTarget: number | undefined, baseDir: string): PacingSpec {
  const name = pacing.module === undefined ? pacing.name! : basename(pacing.module).replace(/\.[^.]*$/, '');
  const options = name === 'adaptive' && adaptiveTarget !== undefined && pacing.options.target === undefined ? { ...pacing.options, target: adaptiveTarget } : pacing.options;
  return { name, module: pacing.module === undefined ? null : resolve(baseDir, pacing.module), options };
}

/**
 * Builds the resolved `Scenario` from a validated file: applies the defaults
 * that depend on other fields (a queue's name is its id, callbacks take the
 * queue's priority) and renames file fields to the model's. A pacing
 * module's path is taken relative to the directory of `path`, the file the
 * scenario was read from (the working directory when it has none).
 */
export function resolveScenario(file: ScenarioFile, path = ''): Scenario {
  const baseDir = dirname(path);
  const calendar = new LocalCalendar(file.start.epochMs, file.start.offsetMinutes, file.timeZone);
  const at = (m: MomentText) => momentToSimTime(m, calendar);
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
      callback: (({ adaptiveTarget, ...callback }) => ({ ...callback, pacing: pacingSpec(callback.pacing, adaptiveTarget, baseDir), priority: callback.priority ?? q.priority }))(q.callback),
      compliance: q.compliance,
      skills: q.skills,
      routing: q.routing,
      preferredAgentRouting: q.preferredAgentRouting,
      ...(q.voicemail && { voicemail: q.voicemail }),
      ...(q.inQueueFlow && { inQueueFlow: q.inQueueFlow }),
    })),
    agents: file.agents.map((a) => ({ ...a })),
    inbound: file.inbound.map(({ arrivals, ...rest }) => ({
      queue: rest.queue,
      perHour: arrivals.poisson.perHour,
      talkTime: rest.talkTime,
      wrapUp: rest.wrapUp,
      ...(rest.patience && { patience: rest.patience }),
      ...(rest.callbackOffer && {
        callbackOffer: {
          afterWait: rest.callbackOffer.afterWait,
          acceptance: rest.callbackOffer.acceptance,
          ...(rest.callbackOffer.queue !== undefined && { queue: rest.callbackOffer.queue }),
          ...(rest.callbackOffer.callData !== undefined && { callData: rest.callbackOffer.callData }),
        },
      }),
      skills: rest.skills,
      ...(rest.priority !== undefined && { priority: rest.priority }),
      ...(rest.scheduleCallback && { scheduleCallback: rest.scheduleCallback }),
    })),
    callbacks: file.callbacks.map((c) => ({
      id: c.id,
      createdAt: c.createdAt ? at(c.createdAt) : 0,
      dueAt: at(c.at),
      queue: c.queue,
      number: c.number,
      ...(c.callee !== undefined && { callee: c.callee }),
      ...(c.owner !== undefined && { owner: c.owner }),
      ...(c.routeToMe !== undefined && { routeToMe: c.routeToMe }),
      talkTime: c.talkTime,
      wrapUp: c.wrapUp,
    })),
    campaigns: file.campaigns.map((c) => ({
      id: c.id,
      queue: c.queue,
      contacts: c.contacts,
      perHour: c.dialRate.perHour,
      callLater: c.callLater,
      skills: c.skills,
      talkTime: c.talkTime,
      wrapUp: c.wrapUp,
    })),
    outboundRoutes: file.outboundRoutes.map((r) => ({ id: r.id, lines: r.lines })),
    operations: file.operations.map((op) => resolveOperation(op, at)),
    callbackRequests: file.callbackRequests.map((r) => ({ queue: r.queue, perHour: r.arrivals.poisson.perHour, talkTime: r.talkTime, wrapUp: r.wrapUp })),
    callee: { ...file.callee, liveByHour: file.callee.liveByHour ?? [] },
  };
}
