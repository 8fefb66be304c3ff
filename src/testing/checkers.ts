import type { SimEvent } from '../model/events.js';
import type { RecordedRun } from './recorder.js';

/** What a check of a dialing rule found: the rule held over `checked` cases, or the first case that broke it. */
export type RuleCheck =
  | { readonly ok: true; readonly rule: string; readonly checked: number }
  | { readonly ok: false; readonly rule: string; readonly message: string; readonly event: SimEvent | null };

function held(rule: string, checked: number): RuleCheck {
  return { ok: true, rule, checked };
}

function broken(rule: string, message: string, event: SimEvent | null = null): RuleCheck {
  const at = event === null ? '' : ` (t = ${event.t} ms, ${event.type})`;
  return { ok: false, rule, message: `${rule}: ${message}${at}`, event };
}

function retriesOf(run: RecordedRun, queue: string): { maxRetryCount: number; retryDelay: number } {
  const q = run.scenario.queues.find((x) => x.id === queue);
  if (q === undefined) throw new Error(`the recorded run has no queue "${queue}"`);
  return q.callback;
}

/** No callback makes more than its queue's maxRetryCount + 1 attempts. */
export function checkAttemptLimit(run: RecordedRun): RuleCheck {
  const rule = 'attempts ≤ maxRetryCount + 1';
  let checked = 0;
  for (const e of run.events) {
    if (e.type !== 'callback.dialed') continue;
    checked++;
    const limit = retriesOf(run, e.queue).maxRetryCount + 1;
    if (e.attempt > limit) return broken(rule, `callback ${e.callback} on queue "${e.queue}" made attempt ${e.attempt}, more than ${limit}`, e);
  }
  return held(rule, checked);
}

/** Consecutive attempts of a callback are at least retryDelay apart, counted from the end of the attempt that did not connect. */
export function checkRetrySpacing(run: RecordedRun): RuleCheck {
  const rule = 'attempts at least retryDelay apart';
  const lastDial = new Map<number, number>();
  const lastEnd = new Map<number, number>();
  let checked = 0;
  for (const e of run.events) {
    if (e.type === 'callback.attemptEnded') lastEnd.set(e.callback, e.t);
    if (e.type !== 'callback.dialed') continue;
    const { retryDelay } = retriesOf(run, e.queue);
    const previous = lastDial.get(e.callback);
    const ended = lastEnd.get(e.callback);
    if (previous !== undefined) {
      checked++;
      if (e.t - previous < retryDelay) return broken(rule, `callback ${e.callback} dialed ${e.t - previous} ms after its previous dial; retryDelay is ${retryDelay} ms`, e);
    }
    if (ended !== undefined && e.t - ended < retryDelay) return broken(rule, `callback ${e.callback} dialed ${e.t - ended} ms after its last attempt ended; retryDelay is ${retryDelay} ms`, e);
    lastDial.set(e.callback, e.t);
  }
  return held(rule, checked);
}

/**
 * Customer First dials in flight, counted from the lifecycle events alone
 * (a dial is in flight from `callback.dialed` until its attempt ends, the
 * customer reaches an agent or the callback ends), never exceed the bound
 * the policy reported when it started a dial, and every dial the dialer
 * started is reported once with the in-flight count this check counts.
 */
export function checkDialsInFlight(run: RecordedRun): RuleCheck {
  const rule = 'dials in flight within the policy bound';
  const inFlight = new Map<string, Set<number>>();
  const flying = (queue: string) => {
    let set = inFlight.get(queue);
    if (set === undefined) inFlight.set(queue, (set = new Set()));
    return set;
  };
  const allowed = new Map<string, number>();
  let unreported: { callback: number; event: SimEvent } | null = null;
  let checked = 0;
  for (const e of run.events) {
    switch (e.type) {
      case 'callback.dialed': {
        if (e.agent >= 0) break; // an agent's own dial (Agent First), not the dialer's
        if (unreported !== null) return broken(rule, `the dial of callback ${unreported.callback} was not reported by the dialer`, unreported.event);
        const set = flying(e.queue);
        if (set.has(e.callback)) return broken(rule, `callback ${e.callback} dialed while its dial is in flight`, e);
        set.add(e.callback);
        unreported = { callback: e.callback, event: e };
        break;
      }
      case 'dialer.dialed': {
        if (unreported === null || unreported.callback !== e.callback) return broken(rule, `reports callback ${e.callback}, which was not the last dial`, e);
        const count = flying(e.queue).size;
        if (e.inFlight !== count) return broken(rule, `the dialer reports ${e.inFlight} dials in flight, the events show ${count}`, e);
        if (count > e.bound) return broken(rule, `${count} dials in flight > the bound ${e.bound} the policy ${e.policy} reported`, e);
        allowed.set(e.queue, e.bound);
        unreported = null;
        checked++;
        break;
      }
      case 'callback.attemptEnded':
      case 'callback.connected':
      case 'callback.ended':
        flying(e.queue).delete(e.callback);
        break;
    }
  }
  if (unreported !== null) return broken(rule, `the dial of callback ${unreported.callback} was not reported by the dialer`, unreported.event);
  return held(rule, checked);
}

/** Every callback created ends once, or is still active at the horizon; none ends that was not created. */
export function checkNoCallbackLost(run: RecordedRun): RuleCheck {
  const rule = 'no callback lost';
  const created = new Set<number>();
  const ended = new Set<number>();
  for (const e of run.events) {
    if (e.type === 'callback.created') created.add(e.callback);
    if (e.type !== 'callback.ended') continue;
    if (!created.has(e.callback)) return broken(rule, `callback ${e.callback} ended without being created`, e);
    if (ended.has(e.callback)) return broken(rule, `callback ${e.callback} ended twice`, e);
    ended.add(e.callback);
  }
  if (created.size !== ended.size + run.callbacksActiveAtEnd) {
    return broken(rule, `${created.size} created, ${ended.size} ended and ${run.callbacksActiveAtEnd} still active: ${created.size - ended.size - run.callbacksActiveAtEnd} unaccounted for`);
  }
  return held(rule, created.size);
}

/** The callback KPIs of a run's total add up: completed + exhausted + cancelled + expired + disconnected + active = created. */
export function checkCountsAddUp(total: { created: number; completed: number; exhausted: number; cancelled: number; expired: number; disconnected: number; active: number }): RuleCheck {
  const rule = 'callback counts add up';
  const sum = total.completed + total.exhausted + total.cancelled + total.expired + total.disconnected + total.active;
  if (sum !== total.created) {
    return broken(rule, `completed ${total.completed} + exhausted ${total.exhausted} + cancelled ${total.cancelled} + expired ${total.expired} + disconnected ${total.disconnected} + active ${total.active} = ${sum}, but ${total.created} were created`);
  }
  return held(rule, total.created);
}

/** States a callback that holds a line reaches at its hang-up: after-call work, a wait to retry, or an end. */
const HUNG_UP = new Set(['wrapUp', 'waitingRetry', 'completed', 'exhausted', 'cancelled', 'expired', 'disconnected']);

/**
 * Calls on an outbound route that declares its lines never outnumber them,
 * counted from the lifecycle events alone: a call holds a line from its
 * `callback.dialed` until its callback's state reaches after-call work, a
 * wait to retry or an end (`callback.state`). Every report of the route's
 * busy lines (`route.lines`) is within its lines too.
 */
export function checkRouteLines(run: RecordedRun): RuleCheck {
  const rule = 'calls on a route ≤ its lines';
  const lines = new Map(run.scenario.outboundRoutes.map((r) => [r.id, r.lines]));
  const routeOf = new Map(run.scenario.queues.flatMap((q) => (lines.has(q.callback.outboundRoute ?? '') ? [[q.id, q.callback.outboundRoute!]] : [])));
  const holding = new Map([...lines.keys()].map((id) => [id, new Set<number>()]));
  let checked = 0;
  for (const e of run.events) {
    if (e.type === 'route.lines' && e.busy > lines.get(e.route)!) return broken(rule, `route "${e.route}" reports ${e.busy} lines busy, more than its ${lines.get(e.route)}`, e);
    if (e.type !== 'callback.dialed' && e.type !== 'callback.state') continue;
    const route = routeOf.get(e.queue);
    if (route === undefined) continue;
    const calls = holding.get(route)!;
    if (e.type === 'callback.state') {
      if (HUNG_UP.has(e.to)) calls.delete(e.callback);
      continue;
    }
    calls.add(e.callback);
    checked++;
    if (calls.size > lines.get(route)!) return broken(rule, `callback ${e.callback} dialed on route "${route}" while ${calls.size - 1} calls hold its ${lines.get(route)} lines`, e);
  }
  return held(rule, checked);
}

/** Every check of a recorded run that needs no KPIs, in one list. */
export function checkDialingRules(run: RecordedRun): RuleCheck[] {
  return [checkAttemptLimit(run), checkRetrySpacing(run), checkDialsInFlight(run), checkNoCallbackLost(run), checkRouteLines(run)];
}
