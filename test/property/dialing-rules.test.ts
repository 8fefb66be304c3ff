import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABANDON_CEILING } from '../../src/model/regulation.js';
import { BUILTIN_POLICIES, type BuiltinPolicyName } from '../../src/pacing/builtins.js';
import { PACING_CONTRACT_VERSION, type PacingPolicy, type PacingView } from '../../src/pacing/contract.js';
import type { SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { arbitraryScenario, checkAttemptLimit, checkCountsAddUp, checkDialsInFlight, checkNoCallbackLost, checkRetrySpacing, recordRun, type RuleCheck } from '../../src/testing/index.js';


/** The built-in policy `name` with modifier `m`, made as the dialer makes it. */
function builtin(name: BuiltinPolicyName, m: number, options: Record<string, unknown> = {}): PacingPolicy {
  return BUILTIN_POLICIES[name].factory(options, { queue: 'q', modifier: m, ceiling: ABANDON_CEILING, contractVersion: PACING_CONTRACT_VERSION });
}

const NO_COUNTS = { dials: 0, liveAnswers: 0, machineAnswers: 0, unanswered: 0, connected: 0, abandons: 0, complianceAbandons: 0 };

/** A full view from the four numbers the bound policies read. */
function viewOf(v: { onlineAgents: number; idleAgents: number; inFlight: number; waitingForAgent: number }): PacingView {
  return { ...v, now: 0, timeOfDay: 0, busyAgents: v.onlineAgents - v.idleAgents, readyToDial: 1, totals: NO_COUNTS, recent: NO_COUNTS, meanHandleTime: null };
}

/** A random small contact center whose inbound callers turn into callbacks (the testing kit's own). */
const scenarioArb = arbitraryScenario();

/** The policies whose bound this replay recomputes (the others are checked in test/pacing/reference-policies.test.ts). */
const REPLAYED = ['genesys', 'ratio', 'progressive', 'adaptive'] as const;

/** The bound on Customer First dials in flight, recomputed from what the events show (docs/rules.md, *Pacing*), not asked of the dialer. */
function boundFromEvents(policy: (typeof REPLAYED)[number], m: number, online: number, idle: number, waiting: number, level: number): number {
  switch (policy) {
    case 'genesys':
      return Math.ceil((m / 10) * online - 1e-9);
    case 'ratio':
      return Math.floor(m * idle + 1e-9);
    case 'adaptive':
      return Math.floor(level * idle + 1e-9);
    case 'progressive':
      // New dials = floor(m × (ready − waiting − inFlight / m)): after dialing, in flight ≤ floor(m × (ready − waiting)).
      return Math.floor(m * (idle - waiting) + 1e-9);
  }
}

/**
 * Replays a one-queue Customer First run and counts its dials in flight
 * independently of the dialer: a dial is in flight from its
 * `callback.dialed` until the attempt ends (`callback.attemptEnded`, which
 * includes `connected`), the customer reaches an agent
 * (`callback.connected`) or the callback ends (`callback.ended`). Online and
 * idle agents come from `agent.state`, customers waiting for an agent from
 * `callback.answered` until their attempt ends, and the adaptive level from
 * those answers' outcomes. Checks, with the bound recomputed from these:
 * at every dial start, in flight ≤ bound (and `genesys` dials only with an
 * agent idle); after every event, in flight ≤ the bound that let the last
 * dial start (and ≤ the `genesys` bound of the online agents now: agents are
 * always on here); and the dialer's own `dialer.dialed` reports (one per
 * dial, in flight, bound, level) agree with the independent count.
 */
function replayBuiltinBounds(s: Scenario, events: readonly SimEvent[]): { dials: number; atBound: number } {
  const settings = s.queues[0].callback;
  const policy = settings.pacing.name as (typeof REPLAYED)[number];
  const m = settings.pacingModifier;
  const adaptive = builtin('adaptive', m, settings.pacing.options);
  const agentState = new Map<number, string>();
  let online = 0;
  let idle = 0;
  const inFlight = new Set<number>();
  const awaiting = new Set<number>();
  let allowed = 0;
  let unreported = -1;
  let dials = 0;
  let reports = 0;
  let atBound = 0;
  const fail = (e: SimEvent, what: string): never => {
    throw new Error(`${policy} m=${m} t=${e.t} ${e.type}: ${what} (online ${online}, idle ${idle}, waiting ${awaiting.size})`);
  };
  const land = (callback: number, abandoned: boolean) => {
    if (awaiting.delete(callback)) adaptive.observe!({ type: abandoned ? 'abandoned' : 'connected', t: 0 });
    inFlight.delete(callback);
  };
  for (const e of events) {
    switch (e.type) {
      case 'agent.state': {
        const from = agentState.get(e.agent) ?? 'offline';
        if (from !== 'offline') online--;
        if (from === 'idle') idle--;
        if (e.to !== 'offline') online++;
        if (e.to === 'idle') idle++;
        agentState.set(e.agent, e.to);
        break;
      }
      case 'callback.dialed': {
        if (e.agent >= 0) break; // an agent's own dial, not the dialer's
        if (inFlight.has(e.callback)) fail(e, `callback ${e.callback} dialed while its dial is in flight`);
        if (unreported >= 0) fail(e, `the dial of callback ${unreported} was not reported by the dialer`);
        inFlight.add(e.callback);
        const bound = boundFromEvents(policy, m, online, idle, awaiting.size, adaptive.level!());
        if (inFlight.size > bound) fail(e, `${inFlight.size} dials in flight > bound ${bound}`);
        if (policy === 'genesys' && idle === 0) fail(e, 'dial started with no agent idle');
        if (inFlight.size === bound) atBound++;
        allowed = bound;
        unreported = e.callback;
        dials++;
        break;
      }
      case 'dialer.dialed':
        if (e.callback !== unreported) fail(e, `reports callback ${e.callback}, last dial was ${unreported}`);
        if (e.inFlight !== inFlight.size) fail(e, `reports ${e.inFlight} in flight, counted ${inFlight.size}`);
        if (e.bound !== allowed) fail(e, `reports bound ${e.bound}, recomputed ${allowed}`);
        if (policy === 'adaptive' && e.level !== adaptive.level!()) fail(e, `reports level ${e.level}, replayed ${adaptive.level!()}`);
        unreported = -1;
        reports++;
        break;
      case 'callback.answered':
        if (inFlight.has(e.callback)) awaiting.add(e.callback);
        break;
      case 'callback.attemptEnded':
        land(e.callback, e.result === 'abandonedAfterAnswer');
        break;
      case 'callback.connected':
      case 'callback.ended':
        land(e.callback, false);
        break;
    }
    if (inFlight.size > allowed) fail(e, `${inFlight.size} dials in flight > bound ${allowed} of the last dial`);
    if (policy === 'genesys' && inFlight.size > Math.ceil((m / 10) * online - 1e-9)) fail(e, `${inFlight.size} dials in flight > genesys bound of ${online} online`);
  }
  if (reports !== dials) throw new Error(`${dials} Customer First dials, ${reports} dialer.dialed reports`);
  return { dials, atBound };
}

const runs = { numRuns: 25 };

/** Fails with the checker's own message when a rule is broken. */
function expectHeld(check: RuleCheck): void {
  if (!check.ok) throw new Error(check.message);
}

describe('dialing rules hold in random scenarios (checked with cbsim/testing)', () => {
  it('a callback never makes more than maxRetryCount + 1 attempts, and attempts are never closer than retryDelay', () => {
    let attempts = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const run = recordRun(s);
        expectHeld(checkAttemptLimit(run));
        const spacing = checkRetrySpacing(run);
        expectHeld(spacing);
        if (spacing.ok) attempts += spacing.checked;
      }),
      runs,
    );
    // Not vacuous: retries were made and their spacing checked.
    expect(attempts).toBeGreaterThan(100);
  });

  it('Customer First dials in flight never exceed the bound the policy reports, nor the bound recomputed from the events', () => {
    const totals = { dials: 0, atBound: 0 };
    fc.assert(
      fc.property(arbitraryScenario({ modes: ['CustomerFirst'], policies: REPLAYED }), (cf) => {
        const run = recordRun(cf);
        expectHeld(checkDialsInFlight(run));
        const seen = replayBuiltinBounds(cf, run.events);
        totals.dials += seen.dials;
        totals.atBound += seen.atBound;
      }),
      { numRuns: 40 },
    );
    // Not vacuous: dials were checked, and the dialer often filled the bound exactly.
    expect(totals.dials).toBeGreaterThan(500);
    expect(totals.atBound).toBeGreaterThan(100);
  });

  it('no callback is lost: each ends once or is still active, and the counts add up', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expectHeld(checkNoCallbackLost(recordRun(s)));
        expectHeld(checkCountsAddUp(simulate(s, { intervals: false }).kpis.total));
      }),
      runs,
    );
  });

  it('the checkers catch a broken rule and say which, where', () => {
    const s = fc.sample(arbitraryScenario({ modes: ['CustomerFirst'], maxRetryCount: { min: 2, max: 5 }, perHour: { min: 100, max: 200 } }), { numRuns: 1, seed: 4 })[0];
    const run = recordRun(s);
    const dial = run.events.findIndex((e) => e.type === 'callback.dialed' && e.attempt === 2);
    expect(dial).toBeGreaterThan(0);
    const tampered = { ...run, events: run.events.map((e, i) => (i === dial && e.type === 'callback.dialed' ? { ...e, attempt: 99 } : e)) };
    const check = checkAttemptLimit(tampered);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(/^attempts ≤ maxRetryCount \+ 1: callback \d+ on queue "q" made attempt 99, more than \d+ \(t = \d+ ms, callback\.dialed\)$/);
    const lost = { ...run, events: run.events.filter((e) => e.type !== 'callback.ended') };
    expect(checkNoCallbackLost(lost).ok).toBe(false);
  });

  it('the same seed gives the same result', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(JSON.stringify(simulate(s))).toBe(JSON.stringify(simulate(s)));
      }),
      { numRuns: 10 },
    );
  });
});

describe('pacing policy bounds', () => {
  const viewArb = fc.record({
    onlineAgents: fc.integer({ min: 0, max: 500 }),
    idleAgents: fc.integer({ min: 0, max: 500 }),
    inFlight: fc.integer({ min: 0, max: 1000 }),
    waitingForAgent: fc.integer({ min: 0, max: 100 }),
  }).filter((v) => v.idleAgents <= v.onlineAgents && v.waitingForAgent <= v.inFlight);
  const modifierArb = fc.integer({ min: 10, max: 100 }).map((x) => x / 10);

  it('genesys: in flight after dialing ≤ ceil(m/10 × online), and no dial without an idle agent', () => {
    fc.assert(
      fc.property(viewArb, modifierArb, (v, m) => {
        const n = builtin('genesys', m).decide(viewOf(v));
        if (v.idleAgents === 0) expect(n).toBe(0);
        if (n > 0) expect(v.inFlight + n).toBeLessThanOrEqual(Math.ceil((m / 10) * v.onlineAgents));
      }),
    );
  });

  it('ratio: in flight after dialing ≤ m × idle', () => {
    fc.assert(
      fc.property(viewArb, modifierArb, (v, m) => {
        const n = builtin('ratio', m).decide(viewOf(v));
        if (n > 0) expect(v.inFlight + n).toBeLessThanOrEqual(m * v.idleAgents + 1e-9);
      }),
    );
  });

  it('progressive: new dials = floor(m × (ready − waiting − inFlight / m)), never negative', () => {
    fc.assert(
      fc.property(viewArb, modifierArb, (v, m) => {
        const n = builtin('progressive', m).decide(viewOf(v));
        expect(n).toBe(Math.max(0, Math.floor(m * (v.idleAgents - v.waitingForAgent - v.inFlight / m) + 1e-9)));
      }),
    );
  });
});
