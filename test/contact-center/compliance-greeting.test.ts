import { describe, expect, it } from 'vitest';
import type { QueueKpis } from '../../src/metrics/kpis.js';
import type { SimEvent } from '../../src/model/events.js';
import { simulate } from '../../src/runner/simulate.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { ofType, record } from '../helpers/record.js';
import { pressed } from './compliance-scenarios.js';
import { constant, SECOND } from './support.js';

/** The time from each compliance abandon's answer to the abandon, for every compliance abandon. */
function delaysToAbandon(events: readonly SimEvent[]): number[] {
  const answeredAt = new Map<number, number>();
  const delays: number[] = [];
  for (const e of events) {
    if (e.type === 'callback.answered') answeredAt.set(e.callback, e.t);
    if (e.type === 'callback.complianceAbandoned') delays.push(e.t - answeredAt.get(e.callback)!);
  }
  return delays;
}

/** A queue's KPIs without the compliance ones (which the greeting and the message may change). */
function otherKpis(k: QueueKpis): Partial<QueueKpis> {
  const { complianceAbandoned: _a, complianceAbandonRate: _b, complianceAbandonRateMax24h: _c, complianceAbandonRateMax30d: _d, safeHarbourMessages: _e, safeHarbourMessageMean: _f, safeHarbourHours: _g, ...rest } = k;
  return rest;
}

describe('compliance.measureFrom greeting: the threshold counts from the end of the person’s greeting', () => {
  it('a person still waiting is a compliance abandon greeting + threshold after the answer (5 s + 2 s)', () => {
    const delays = delaysToAbandon(record(pressed({ measureFrom: 'greeting', greeting: constant(5 * SECOND) })).events);
    expect(delays.length).toBeGreaterThan(50);
    expect(new Set(delays)).toEqual(new Set([7 * SECOND]));
    expect(new Set(delaysToAbandon(record(pressed()).events))).toEqual(new Set([2 * SECOND]));
  });

  it('a greeting drawn per answer from the customer’s own stream: the delays vary within the distribution, and the same in a second run', () => {
    const s = pressed({ measureFrom: 'greeting', greeting: { kind: 'uniform', min: SECOND, max: 4 * SECOND } });
    const delays = delaysToAbandon(record(s).events);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(3 * SECOND);
    expect(Math.max(...delays)).toBeLessThanOrEqual(6 * SECOND);
    expect(new Set(delays).size).toBeGreaterThan(10);
    expect(delaysToAbandon(record(s).events)).toEqual(delays);
  });

  it('counting from the greeting finds fewer compliance abandons on the same customers, and changes nothing else', () => {
    const answer = simulate(pressed(), { intervals: false }).kpis.total;
    const greeting = simulate(pressed({ measureFrom: 'greeting', greeting: constant(20 * SECOND) }), { intervals: false }).kpis.total;
    expect(greeting.complianceAbandoned).toBeLessThan(answer.complianceAbandoned);
    expect(otherKpis(greeting)).toEqual(otherKpis(answer));
  });

  it('a greeting given while measuring from the answer is not drawn: the run is the default one, event for event', () => {
    const plain = record(pressed()).events;
    const withGreeting = record(pressed({ greeting: constant(20 * SECOND) })).events;
    expect(withGreeting).toEqual(plain);
  });

  it('measureFrom greeting without compliance.greeting is refused, naming the field', () => {
    const yaml = (greeting: string) => `name: g
duration: 2h
queues:
  - id: q
    ani: "+15550100"
    compliance: { measureFrom: greeting${greeting} }
agents: [{ group: a, count: 1, queues: [q] }]
`;
    expect(() => parseScenario(yaml(''), 'g.yaml')).toThrow(/queues\[0\]\.compliance\.measureFrom.*needs queues\[0\]\.compliance\.greeting/s);
    expect(parseScenario(yaml(', greeting: 2s'), 'g.yaml').scenario.queues[0].compliance.greeting).toEqual({ kind: 'constant', value: 2 * SECOND });
  });
});

describe('compliance.safeHarbourMessage: played to a live answer that becomes a compliance abandon', () => {
  it('every person still waiting when the timer runs out hears it, and keeps waiting as before', () => {
    const without = simulate(pressed(), { intervals: false }).kpis.total;
    const k = simulate(pressed({ safeHarbourMessage: constant(8 * SECOND) }), { intervals: false }).kpis.total;
    expect(k.complianceAbandoned).toBeGreaterThan(50);
    expect(k.safeHarbourMessages).toBe(k.complianceAbandoned);
    expect(k.safeHarbourMessageMean).toBe(8);
    expect(k.safeHarbourHours).toBe(Math.round(((k.safeHarbourMessages * 8) / 3600) * 1e4) / 1e4);
    expect(otherKpis(k)).toEqual(otherKpis(without));
    expect(without.safeHarbourMessages).toBe(0);
    expect(without.safeHarbourMessageMean).toBeNull();
  });

  it('a person who hangs up before the threshold hears none; one who hangs up during it hears only part', () => {
    const gone = simulate(pressed({ safeHarbourMessage: constant(8 * SECOND) }, constant(SECOND)), { intervals: false }).kpis.total;
    expect(gone.complianceAbandoned).toBeGreaterThan(50);
    expect(gone.safeHarbourMessages).toBe(0);
    // Patience 5 s, threshold 2 s: 3 s of the 8-second message.
    const part = simulate(pressed({ safeHarbourMessage: constant(8 * SECOND) }, constant(5 * SECOND)), { intervals: false }).kpis.total;
    expect(part.safeHarbourMessages).toBeGreaterThan(50);
    expect(part.safeHarbourMessageMean).toBe(3);
  });

  it('each message is published with the length heard', () => {
    const { events } = record(pressed({ safeHarbourMessage: { kind: 'uniform', min: 5 * SECOND, max: 10 * SECOND } }));
    const messages = ofType(events, 'callback.safeHarbourMessage');
    expect(messages.length).toBe(ofType(events, 'callback.complianceAbandoned').length);
    for (const m of messages) expect(m.length).toBeGreaterThanOrEqual(5 * SECOND), expect(m.length).toBeLessThanOrEqual(10 * SECOND);
    expect(new Set(messages.map((m) => m.length)).size).toBeGreaterThan(10);
  });
});
