import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, inbound, queue, scenario } from '../helpers/scenario.js';
import { callee, HOUR, MINUTE, SECOND } from './support.js';

/** A Customer First queue whose waiting callers accept callbacks; every duration is random. */
function base(pacingModifier: number, agentCount: number, seed = 7): Scenario {
  return scenario({
    seed,
    duration: 16 * HOUR,
    queues: [queue('q', { callback: callbackSettings({ mode: 'CustomerFirst', pacing: 'genesys', pacingModifier, maxRetryCount: 3, retryDelay: 15 * MINUTE }) })],
    agents: [agents('a', agentCount, ['q'], { answerTime: { kind: 'uniform', min: SECOND, max: 4 * SECOND } })],
    inbound: [
      inbound('q', 40, { kind: 'exponential', mean: 5 * MINUTE }, {
        wrapUp: { kind: 'uniform', min: 10 * SECOND, max: 40 * SECOND },
        patience: { kind: 'exponential', mean: 4 * MINUTE },
        callbackOffer: { afterWait: 45 * SECOND, acceptance: 0.5 },
      }),
    ],
    callee: callee({
      outcomes: { live: 0.6, machine: 0, noAnswer: 0.25, busy: 0.1, invalid: 0.05, fax: 0 },
      ringTime: { kind: 'uniform', min: 4 * SECOND, max: 20 * SECOND },
      patienceAfterAnswer: { kind: 'exponential', mean: 20 * SECOND },
    }),
  });
}

/** What one run says about each customer (keyed by the id of their inbound call). */
function customers(events: readonly SimEvent[]) {
  const callOfCallback = new Map(ofType(events, 'call.callbackAccepted').map((e) => [e.callback, e.call]));
  const talk = new Map<number, number>();
  const patience = new Map<number, number>();
  for (const e of ofType(events, 'call.ended')) talk.set(e.call, e.t - e.answeredAt);
  for (const e of ofType(events, 'call.abandoned')) patience.set(e.call, e.t - e.arrivedAt);
  const callbackTalk = new Map<number, number>();
  const connectedAt = new Map<number, number>();
  for (const e of ofType(events, 'callback.state')) {
    if (e.to === 'connected') connectedAt.set(e.callback, e.t);
    if (e.from === 'connected' && e.to === 'wrapUp') callbackTalk.set(callOfCallback.get(e.callback)!, e.t - connectedAt.get(e.callback)!);
  }
  // Dial outcome and answer (ring) time of attempt k, keyed `call:k`.
  const dials = new Map<string, { outcome: string | null; rang: number | null }>();
  const dialedAt = new Map<string, number>();
  for (const e of ofType(events, 'callback.dialed')) dialedAt.set(`${e.callback}:${e.attempt}`, e.t);
  for (const e of ofType(events, 'callback.answered')) {
    const attempt = ofType(events, 'callback.dialed').filter((d) => d.callback === e.callback && d.t <= e.t).at(-1)!.attempt;
    dials.set(`${callOfCallback.get(e.callback)}:${attempt}`, { outcome: 'live', rang: e.t - dialedAt.get(`${e.callback}:${attempt}`)! });
  }
  for (const e of ofType(events, 'callback.attemptEnded')) {
    const key = `${callOfCallback.get(e.callback)}:${e.attempt}`;
    if (!dials.has(key)) dials.set(key, { outcome: e.outcome, rang: null });
  }
  return { arrivals: ofType(events, 'call.arrived').map((e) => e.t), talk, patience, callbackTalk, dials };
}

function expectSameOnCommon<K, V>(a: Map<K, V>, b: Map<K, V>, minCommon: number): void {
  let common = 0;
  for (const [key, value] of a) {
    if (!b.has(key)) continue;
    common++;
    expect(b.get(key), `customer ${String(key)}`).toEqual(value);
  }
  expect(common).toBeGreaterThanOrEqual(minCommon);
}

describe('determinism', () => {
  it('the same scenario and seed give identical event streams and identical JSON output', () => {
    const first = record(base(3, 4)).events;
    const second = record(base(3, 4)).events;
    expect(first.length).toBeGreaterThan(1000);
    expect(second).toEqual(first);
    expect(JSON.stringify(simulate(base(3, 4)))).toBe(JSON.stringify(simulate(base(3, 4))));
  });

  it('another seed gives another run', () => {
    const a = record(base(3, 4, 7)).events;
    const b = record(base(3, 4, 8)).events;
    expect(ofType(b, 'call.arrived').map((e) => e.t)).not.toEqual(ofType(a, 'call.arrived').map((e) => e.t));
  });
});

describe('common random numbers', () => {
  it('runs that differ only in pacingModifier see the same customers behave the same way', () => {
    const low = record(base(3, 4)).events;
    const high = record(base(10, 4)).events;
    // The runs really differ…
    expect(ofType(high, 'dialer.dialed').map((e) => e.bound)).not.toEqual(ofType(low, 'dialer.dialed').map((e) => e.bound));
    const a = customers(low);
    const b = customers(high);
    // …but the customers are the same: same arrivals, talk, patience, and answers to the k-th dial.
    expect(b.arrivals).toEqual(a.arrivals);
    expectSameOnCommon(a.talk, b.talk, 50);
    expectSameOnCommon(a.patience, b.patience, 10);
    expectSameOnCommon(a.callbackTalk, b.callbackTalk, 5);
    expectSameOnCommon(a.dials, b.dials, 20);
  });

  it('runs that differ only in agent count see the same customers behave the same way', () => {
    const three = record(base(3, 3)).events;
    const five = record(base(3, 5)).events;
    const a = customers(three);
    const b = customers(five);
    expect(ofType(five, 'call.answered').length).toBeGreaterThan(ofType(three, 'call.answered').length);
    expect(b.arrivals).toEqual(a.arrivals);
    expectSameOnCommon(a.talk, b.talk, 50);
    expectSameOnCommon(a.patience, b.patience, 5);
    expectSameOnCommon(a.callbackTalk, b.callbackTalk, 5);
    expectSameOnCommon(a.dials, b.dials, 10);
  });

  it('a customer talks as long on a callback as they would have on their inbound call', () => {
    const three = customers(record(base(3, 3)).events);
    const five = customers(record(base(3, 5)).events);
    // Customers answered inbound in one run and called back in the other.
    let pairs = 0;
    for (const [runA, runB] of [
      [three, five],
      [five, three],
    ]) {
      for (const [call, talk] of runA.callbackTalk) {
        if (!runB.talk.has(call)) continue;
        pairs++;
        expect(runB.talk.get(call), `customer ${call}`).toBe(talk);
      }
    }
    expect(pairs).toBeGreaterThan(5);
  });
});
