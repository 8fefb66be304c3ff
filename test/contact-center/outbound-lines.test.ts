import { describe, expect, it } from 'vitest';
import type { ListedCallback, QueueCallbackSettings, Scenario } from '../../src/model/scenario.js';
import type { PacingView } from '../../src/pacing/contract.js';
import { registerPacingModule } from '../../src/pacing/library.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, HOUR, MINUTE, requests, SECOND } from './support.js';

const DIAL = 5 * SECOND;
const SIGNAL = 3 * SECOND;
const RING = 5 * SECOND;
const TALK = MINUTE;
/** How long a call that is answered holds its line: ring-back after the signal time, the ringing, the talk. */
const HOLD = SIGNAL + RING + TALK;

/** A listed callback on `queue`, due at `dueAt`. */
function listed(id: string, queueId: string, dueAt = 0): ListedCallback {
  return { id, createdAt: 0, dueAt, queue: queueId, number: '+15550001111', talkTime: constant(TALK), wrapUp: constant(0) };
}

/**
 * Two Agent First queues `qa` and `qb` on route `edge` (one agent each, who
 * answers at once and dials in 5 s), one callback each due at 0; every dial
 * rings back after 3 s, is answered live after 5 s of ringing and talks 1 minute.
 */
function twoQueuesOneLine(more: Partial<Scenario> = {}, settings: Partial<QueueCallbackSettings> = {}): Scenario {
  const onEdge = () => callbackSettings({ mode: 'AgentFirst', outboundRoute: 'edge', ...settings });
  return scenario({
    seed: 3,
    duration: HOUR,
    queues: [queue('qa', { callback: onEdge() }), queue('qb', { callback: onEdge() })],
    agents: [agents('a', 1, ['qa'], { dialTime: constant(DIAL) }), agents('b', 1, ['qb'], { dialTime: constant(DIAL) })],
    inbound: [],
    callbacks: [listed('first', 'qa'), listed('second', 'qb')],
    outboundRoutes: [{ id: 'edge', lines: 1 }],
    callee: callee({ outcomes: always('live'), ringTime: constant(RING), signalTime: SIGNAL }),
    ...more,
  });
}

describe('outbound route lines', () => {
  it('one line, two queues: the second dial waits in placing until the first call hangs up, then dials (first come first served)', () => {
    const { events } = record(twoQueuesOneLine());
    const dialed = ofType(events, 'callback.dialed');
    expect(dialed.map((d) => d.queue)).toEqual(['qa', 'qb']);
    const [first, second] = dialed;
    expect(first.t).toBe(DIAL);
    // The first call holds the line through its talk: the second is placed the moment it ends.
    const talkEnd = ofType(events, 'callback.state').find((e) => e.callback === first.callback && e.from === 'connected')!;
    expect(talkEnd.t).toBe(DIAL + HOLD);
    expect(second.t).toBe(talkEnd.t);
    // Meanwhile the second agent's callback stays in placing (it reached it at 5 s, like the first).
    const secondStates = ofType(events, 'callback.state').filter((e) => e.callback === second.callback);
    const placing = secondStates.find((e) => e.to === 'placing')!;
    expect(placing.t).toBe(DIAL);
    expect(secondStates.find((e) => e.from === 'placing')).toMatchObject({ to: 'dialing', t: talkEnd.t });
    const waited = ofType(events, 'route.lineWaited');
    expect(waited).toEqual([{ type: 'route.lineWaited', t: talkEnd.t, route: 'edge', queue: 'qb', callback: second.callback, wait: talkEnd.t - DIAL }]);
    // The busy lines go 0 → 1 (first dial), stay 1 across the hand-over, and 0 at the second hang-up.
    expect(ofType(events, 'route.lines').map((e) => [e.t, e.busy])).toEqual([
      [DIAL, 1],
      [talkEnd.t + HOLD, 0],
    ]);
  });

  it('the route KPIs of that case, by hand: the line is busy 2 × 68 s of the hour, and the second dial waited 68 s', () => {
    const result = simulate(twoQueuesOneLine());
    const busyMs = 2 * HOLD;
    expect(busyMs).toBe(136_000);
    expect(result.kpis.routes).toEqual({
      edge: {
        lines: 1,
        lineOccupancy: 0.0378, // 136 s / 3600 s
        peakLinesBusy: 1,
        dialsWaitedForLine: 1,
        lineWaitMean: 68,
        lineWaitMax: 68,
      },
    });
    expect(result.kpis.queues.qb.completed).toBe(1);
  });

  it('two lines: both dial at once and nobody waits; occupancy counts both lines', () => {
    const result = simulate(twoQueuesOneLine({ outboundRoutes: [{ id: 'edge', lines: 2 }] }));
    expect(result.kpis.routes!.edge).toMatchObject({ lines: 2, peakLinesBusy: 2, dialsWaitedForLine: 0, lineWaitMean: null, lineWaitMax: 0 });
    expect(result.kpis.routes!.edge.lineOccupancy).toBe(0.0189); // 2 × 68 s over 2 lines × 3600 s
  });

  it('a failed attempt gives its line back at the failure (busy: the tone after the signal time)', () => {
    const { events } = record(twoQueuesOneLine({ callee: callee({ outcomes: always('busy'), signalTime: 3 * SECOND }) }));
    const dialed = ofType(events, 'callback.dialed');
    expect(dialed.map((d) => d.t)).toEqual([DIAL, DIAL + 3 * SECOND]);
    expect(ofType(events, 'route.lineWaited')[0].wait).toBe(3 * SECOND);
  });

  it('a route that is named but not declared has unlimited lines: the run is the same as without the route, and no route KPIs', () => {
    const withRoute = simulate(twoQueuesOneLine({ outboundRoutes: [] }));
    const without = simulate(twoQueuesOneLine({ outboundRoutes: [] }, { outboundRoute: undefined }));
    expect(withRoute.kpis.routes).toBeUndefined();
    expect(withRoute).toEqual(without);
    expect(ofType(record(twoQueuesOneLine({ outboundRoutes: [] })).events, 'callback.dialed').map((d) => d.t)).toEqual([DIAL, DIAL]);
  });

  it('a declared route no queue uses reports its lines idle', () => {
    const result = simulate(twoQueuesOneLine({ outboundRoutes: [{ id: 'spare', lines: 4 }] }, { outboundRoute: undefined }));
    expect(result.kpis.routes).toEqual({ spare: { lines: 4, lineOccupancy: 0, peakLinesBusy: 0, dialsWaitedForLine: 0, lineWaitMean: null, lineWaitMax: 0 } });
  });
});

describe('the Customer First dialer and route lines', () => {
  const RECORDING = '/virtual/recording-pacer.mjs';
  const seen: PacingView[] = [];
  // A policy that asks for every ready callback, keeping a copy of each view it is shown.
  registerPacingModule(RECORDING, { default: () => ({ decide: (view) => (seen.push({ ...view }), view.readyToDial) }) });

  /** A Customer First queue on route `edge` with `lines` lines (declared when given), ten agents and much more demand than lines. */
  function greedy(lines: number | null): Scenario {
    return scenario({
      seed: 5,
      duration: 2 * HOUR,
      queues: [queue('q', { callback: callbackSettings({ mode: 'CustomerFirst', outboundRoute: 'edge', pacing: { name: 'recording', module: RECORDING, options: {} } }) })],
      agents: [agents('a', 10, ['q'])],
      inbound: [],
      callbackRequests: [requests('q', 600, constant(2 * MINUTE))],
      outboundRoutes: lines === null ? [] : [{ id: 'edge', lines }],
      callee: callee({ outcomes: always('live'), ringTime: constant(RING) }),
    });
  }

  it('starts no more dials than free lines, so none of its dials waits; the line count never passes the lines', () => {
    const { events } = record(greedy(3));
    const dials = ofType(events, 'dialer.dialed');
    expect(dials.length).toBeGreaterThan(50);
    for (const d of dials) expect(d.inFlight).toBeLessThanOrEqual(3);
    expect(ofType(events, 'route.lineWaited')).toEqual([]);
    expect(Math.max(...ofType(events, 'route.lines').map((e) => e.busy))).toBe(3);
    const edge = simulate(greedy(3)).kpis.routes!.edge;
    expect(edge).toMatchObject({ lines: 3, peakLinesBusy: 3, dialsWaitedForLine: 0 });
    expect(edge.lineOccupancy).toBeGreaterThan(0.9);
  });

  it('its policy sees lines and freeLines (Infinity on a route without a limit)', () => {
    seen.length = 0;
    simulate(greedy(3));
    expect(seen.length).toBeGreaterThan(10);
    for (const v of seen) {
      expect(v.lines).toBe(3);
      // Every dial in flight here holds a line (none waits), and so do the conversations it led to.
      expect(v.freeLines).toBeGreaterThanOrEqual(0);
      expect(v.freeLines).toBeLessThanOrEqual(3 - v.inFlight);
    }
    expect(seen.some((v) => v.freeLines === 0)).toBe(true);
    seen.length = 0;
    simulate(greedy(null));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((v) => v.lines === Infinity && v.freeLines === Infinity)).toBe(true);
  });
});
