/**
 * What a run of a scenario will cost, estimated from the scenario alone before
 * anything is simulated: expected arrivals over the horizon (from the hourly
 * rates), kernel events, the most entities alive at once, and memory. Rough by
 * design — within a small factor of a real run (the tests hold it to one on
 * the bundled scenarios) — so that a scenario far beyond a budget is refused
 * at once rather than found out after gigabytes.
 */
import { distributionMoments } from '../scenario/distribution.js';
import type { Distribution } from '../kernel/distributions.js';
import { erlangC } from '../model/erlang.js';
import { MAX_SCHEDULE_AHEAD_MS, type Scenario } from '../model/scenario.js';

/** The estimate of one run. */
export interface WorkEstimate {
  /** Expected inbound calls, callback requests, campaign dials and listed callbacks over the horizon. */
  arrivals: number;
  /** Expected callbacks created. */
  callbacks: number;
  /** Expected kernel events handled. */
  events: number;
  /** The most calls, callbacks and agents alive at once. */
  peakEntities: number;
  /** Expected peak memory, in bytes. */
  memoryBytes: number;
}

/** Limits a run must stay within. */
export interface WorkBudget {
  maxEvents: number;
  maxMemoryBytes: number;
}

/** The budget when no option raises it: 10⁹ events (minutes of simulation), 4 GB. */
export const DEFAULT_WORK_BUDGET: WorkBudget = { maxEvents: 1e9, maxMemoryBytes: 4 * 1024 ** 3 };

const HOUR = 3_600_000;
/** Events of an inbound call beyond its optional timers: arrival and talk end. */
const CALL_EVENTS = 2;
/** Events of one callback attempt: signal, ring, answer, talk, wrap-up, retry delay and the dialer's. */
const ATTEMPT_EVENTS = 7;
/** Events of one campaign dial. */
const DIAL_EVENTS = 3;
/** Bytes of one live call or callback (statechart context, records, heap entries), rounded up from the benchmarks. */
const ENTITY_BYTES = 1200;
/** Bytes of one 30-minute interval of one queue or group in the KPI collector. */
const INTERVAL_BYTES = 600;
/** Memory of the process before the first event. */
const BASE_BYTES = 150 * 1024 ** 2;

const mean = (d: Distribution) => distributionMoments(d).mean;
const average = (rates: readonly number[]) => rates.reduce((s, r) => s + r, 0) / Math.max(1, rates.length);

/** P(a call waits longer than `afterMs`) in an M/M/n queue with these agents (Erlang C); 1 when overloaded or unstaffed. */
function waitBeyond(agents: number, ratePerMs: number, handleMs: number, afterMs: number): number {
  if (ratePerMs <= 0) return 0;
  if (agents <= 0 || handleMs <= 0 || ratePerMs * handleMs >= agents) return agents <= 0 || ratePerMs * handleMs >= agents ? 1 : 0;
  const c = erlangC({ agents, arrivalRate: ratePerMs * 1000, meanServiceTime: handleMs / 1000, serviceLevelThreshold: afterMs / 1000 });
  return 1 - c.serviceLevel;
}

/** Agents serving each queue. */
function servers(s: Scenario): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of s.agents) for (const q of g.queues) out.set(q, (out.get(q) ?? 0) + g.count);
  return out;
}

/** Expected attempts of one callback: 1 + each retry while the attempt before failed. */
function attemptsPerCallback(s: Scenario, queue: string): number {
  const retries = s.queues.find((q) => q.id === queue)?.callback.maxRetryCount ?? 0;
  const fail = Math.min(1, Math.max(0, 1 - s.callee.outcomes.live));
  let sum = 0;
  for (let k = 0; k <= retries; k++) sum += fail ** k;
  return sum;
}

/** Estimates the work of one run of `s`. */
export function estimateWork(s: Scenario): WorkEstimate {
  const hours = s.duration / HOUR;
  const serving = servers(s);
  let arrivals = 0;
  let events = 0;
  let callbacks = 0;
  let peakCalls = 0;
  const callbacksOn = new Map<string, number>();
  const addCallbacks = (queue: string, n: number) => {
    callbacks += n;
    callbacksOn.set(queue, (callbacksOn.get(queue) ?? 0) + n);
  };
  for (const stream of s.inbound) {
    const calls = average(stream.perHour) * hours;
    const q = s.queues.find((x) => x.id === stream.queue);
    const handle = mean(stream.talkTime) + mean(stream.wrapUp);
    const agents = serving.get(stream.queue) ?? 0;
    const waits = (afterMs: number) => waitBeyond(agents, average(stream.perHour) / HOUR, handle, afterMs);
    const timers = [stream.patience, q?.voicemail, q?.inQueueFlow].filter(Boolean).length;
    arrivals += calls;
    events += calls * (CALL_EVENTS + (mean(stream.wrapUp) > 0 ? 1 : 0) + timers * waits(0) + (stream.callbackOffer ? waits(stream.callbackOffer.afterWait) : 0));
    const overloaded = waits(0) >= 1;
    const wait = stream.patience ? mean(stream.patience) : overloaded ? s.duration : handle;
    peakCalls += Math.min(calls, (Math.max(...stream.perHour) * (handle + wait)) / HOUR);
    const offered = (stream.callbackOffer?.acceptance ?? 0) * (stream.callbackOffer ? waits(stream.callbackOffer.afterWait) : 0);
    const share = offered + (stream.scheduleCallback?.probability ?? 0) + (q?.voicemail?.probability ?? 0) * (q?.voicemail ? waits(q.voicemail.afterWait) : 0);
    addCallbacks(stream.callbackOffer?.queue ?? stream.queue, calls * Math.min(1, share));
  }
  for (const r of s.callbackRequests) {
    const n = average(r.perHour) * hours;
    arrivals += n;
    addCallbacks(r.queue, n);
  }
  for (const c of s.campaigns) {
    const dials = Math.min(c.contacts, average(c.perHour) * hours);
    arrivals += dials;
    events += dials * DIAL_EVENTS;
    addCallbacks(c.queue, dials * s.callee.outcomes.live * c.callLater.probability);
  }
  arrivals += s.callbacks.length;
  for (const c of s.callbacks) addCallbacks(c.queue, 1);
  for (const [queue, n] of callbacksOn) events += n * (1 + attemptsPerCallback(s, queue) * ATTEMPT_EVENTS);
  const agents = s.agents.reduce((n, g) => n + g.count, 0);
  const shiftsPerDay = (g: Scenario['agents'][number]) => (g.schedule === 'always' ? 0 : g.schedule.length);
  events += s.agents.reduce((n, g) => n + g.count * (1 + 2 * shiftsPerDay(g) * (hours / 24)), 0) + s.operations.length;
  // A callback lives at most about the longest it can be scheduled ahead, plus its retries.
  const lifetime = Math.min(s.duration, MAX_SCHEDULE_AHEAD_MS + 86_400_000);
  const peakEntities = agents + peakCalls + callbacks * (lifetime / s.duration);
  const intervals = Math.ceil(s.duration / (HOUR / 2)) * (s.queues.length + s.agents.length + 1);
  const memoryBytes = BASE_BYTES + peakEntities * ENTITY_BYTES + intervals * INTERVAL_BYTES;
  return { arrivals, callbacks, events, peakEntities, memoryBytes };
}

/** Whether the estimate is within the budget, and if not what exceeds it. */
export function overBudget(e: WorkEstimate, b: WorkBudget): Array<'events' | 'memory'> {
  return [...(e.events > b.maxEvents ? ['events' as const] : []), ...(e.memoryBytes > b.maxMemoryBytes ? ['memory' as const] : [])];
}
