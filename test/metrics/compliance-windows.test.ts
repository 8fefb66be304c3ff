import { describe, expect, it } from 'vitest';
import { KpiCollector, type QueueCompliance } from '../../src/metrics/collector.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

type Queue = { id: string; compliance: QueueCompliance };

/** A collector of `queues`, counted from 0 to `horizon`, fed `[queue, time, live answers, of which abandoned]` (abandons 1 s after the answers). */
function run(horizon: number, queues: Queue[], answers: Array<[number, number, number, number]>, machines: Array<[number, number, number]> = []) {
  const collector = new KpiCollector({ queues: queues.map((q) => ({ ...q, serviceLevelThreshold: 20_000 })), agentGroups: [], warmup: 0, horizon, startEpochMs: 0 });
  let callback = 0;
  for (const [q, t, n, abandoned] of answers) {
    for (let i = 0; i < n; i++) {
      collector.callbackAnswered(t, ++callback, q, 0, true);
      if (i < abandoned) collector.callbackComplianceAbandoned(t + 1000, callback, q, 0);
    }
  }
  for (const [q, t, n] of machines) for (let i = 0; i < n; i++) collector.callbackAnswered(t, ++callback, q, 0, false);
  collector.complete();
  return collector.report();
}

const regulators: QueueCompliance = { ceiling: 0.03, denominator: 'liveAnswers' };

describe('compliance windows, by hand on a constructed stream of 62 days', () => {
  // Day 0 01:00 10/1, day 1 12:00 10/0, day 5 10:00 10/0, day 5 23:00 5/3, day 6 01:00 5/3, day 6 12:00 10/0, day 40 4/1, day 61 2/0.
  const report = run(62 * DAY, [{ id: 'q', compliance: regulators }], [
    [0, HOUR, 10, 1],
    [0, DAY + 12 * HOUR, 10, 0],
    [0, 5 * DAY + 10 * HOUR, 10, 0],
    [0, 5 * DAY + 23 * HOUR, 5, 3],
    [0, 6 * DAY + HOUR, 5, 3],
    [0, 6 * DAY + 12 * HOUR, 10, 0],
    [0, 40 * DAY, 4, 1],
    [0, 61 * DAY, 2, 0],
  ]);
  const w = report.complianceWindows.queues.q;

  it('the US measure: each successive 30-day period and the part period at the end, each its own value', () => {
    expect(w.us30d.map((p) => [p.start, p.end, p.answers, p.abandons, p.rate, p.pass])).toEqual([
      [iso(0), iso(30 * DAY), 50, 7, 0.14, false],
      [iso(30 * DAY), iso(60 * DAY), 4, 1, 0.25, false],
      [iso(60 * DAY), iso(62 * DAY), 2, 0, 0, true],
    ]);
    expect(w.us30dWorst).toEqual(w.us30d[1]);
    expect(report.queues.q.complianceAbandonRateMax30d).toBe(0.25);
  });

  it('the UK measure: the worst rolling 24 h (by the minute) straddles midnight, worse than either day', () => {
    expect(w.uk24hDaily[5].rate).toBe(0.2);
    expect(w.uk24hDaily[6].rate).toBe(0.2);
    // From just after the 10:00 answers of day 5 to just before the 12:00 answers of day 6: 10 answers, 6 abandons; the earliest such window.
    expect(w.uk24hWorst).toEqual({ start: iso(5 * DAY + 10 * HOUR + MINUTE), end: iso(6 * DAY + 10 * HOUR + MINUTE), answers: 10, abandons: 6, rate: 0.6, pass: false });
    expect(report.queues.q.complianceAbandonRateMax24h).toBe(0.6);
    expect(w.uk24hDaily).toHaveLength(62);
  });

  it('the whole run, and the verdict against the ceiling', () => {
    expect(w.run).toMatchObject({ answers: 56, abandons: 8, rate: 0.142857, pass: false });
    expect(report.queues.q.complianceAbandonRate).toBe(0.142857);
    expect(w.pass).toBe(false);
    expect(w.ceiling).toBe(0.03);
  });
});

describe('short runs', () => {
  it('under 30 days the US measure is the whole run; under 24 h the UK measure is too', () => {
    const three = run(3 * DAY, [{ id: 'q', compliance: regulators }], [[0, HOUR, 10, 1], [0, 2 * DAY, 10, 3]]);
    expect(three.complianceWindows.queues.q.us30d).toEqual([{ start: iso(0), end: iso(3 * DAY), answers: 20, abandons: 4, rate: 0.2, pass: false }]);
    expect(three.queues.q.complianceAbandonRateMax30d).toBe(0.2);
    expect(three.queues.q.complianceAbandonRateMax24h).toBe(0.3);
    const hours = run(6 * HOUR, [{ id: 'q', compliance: { ceiling: 0.5, denominator: 'liveAnswers' } }], [[0, HOUR, 10, 1], [0, 5 * HOUR, 10, 1]]);
    expect(hours.complianceWindows.queues.q.uk24hWorst).toEqual({ start: iso(0), end: iso(6 * HOUR), answers: 20, abandons: 2, rate: 0.1, pass: true });
    expect(hours.complianceWindows.queues.q.pass).toBe(true);
  });

  it('a queue with no answers has no worst window and passes', () => {
    const none = run(2 * DAY, [{ id: 'q', compliance: regulators }], []);
    const w = none.complianceWindows.queues.q;
    expect(w.uk24hWorst).toBeNull();
    expect(w.us30dWorst).toBeNull();
    expect(w.run.rate).toBeNull();
    expect(w.pass).toBe(true);
    expect(none.queues.q.complianceAbandonRateMax24h).toBeNull();
  });
});

describe('denominator', () => {
  it('reachedQueue divides by every answer that reached the queue, machines transferred included; liveAnswers by live ones only', () => {
    const queues: Queue[] = [
      { id: 'live', compliance: regulators },
      { id: 'reached', compliance: { ceiling: 0.03, denominator: 'reachedQueue' } },
    ];
    const r = run(DAY, queues, [[0, HOUR, 10, 2], [1, HOUR, 10, 2]], [[0, 2 * HOUR, 10], [1, 2 * HOUR, 10]]);
    expect(r.queues.live).toMatchObject({ liveAnswers: 10, complianceAnswers: 10, complianceAbandonRate: 0.2 });
    expect(r.queues.reached).toMatchObject({ liveAnswers: 10, complianceAnswers: 20, complianceAbandonRate: 0.1 });
    expect(r.complianceWindows.queues.reached.run).toMatchObject({ answers: 20, abandons: 2, rate: 0.1 });
    expect(r.complianceWindows.queues.reached.denominator).toBe('reachedQueue');
    // The total adds each queue's own denominator.
    expect(r.total.complianceAbandonRate).toBe(0.133333);
    expect(r.complianceWindows.total.denominator).toBe('mixed');
  });
});

describe('drop groups', () => {
  it('queues naming the same drop group are measured together, against the strictest of their ceilings; a queue in none is not in any group', () => {
    const queues: Queue[] = [
      { id: 'a', compliance: { ceiling: 0.05, denominator: 'liveAnswers', dropGroup: 'spring' } },
      { id: 'b', compliance: { ceiling: 0.03, denominator: 'liveAnswers', dropGroup: 'spring' } },
      { id: 'c', compliance: regulators },
    ];
    // a: 100 answers, 4 abandons (4 %, under its 5 %); b: 100, 2 (2 %); together 6 / 200 = 3 %, at the strictest ceiling; c: 10, 5.
    const r = run(2 * DAY, queues, [[0, HOUR, 100, 4], [1, DAY + HOUR, 100, 2], [2, HOUR, 10, 5]]);
    expect(Object.keys(r.dropGroups)).toEqual(['spring']);
    expect(r.dropGroups.spring).toMatchObject({ liveAnswers: 200, complianceAbandoned: 6, complianceAbandonRate: 0.03, complianceAbandonRateMax24h: 0.04, complianceAbandonRateMax30d: 0.03 });
    const g = r.complianceWindows.dropGroups.spring;
    expect(g.queues).toEqual(['a', 'b']);
    expect(g.ceiling).toBe(0.03);
    expect(g.run.pass).toBe(true);
    expect(g.uk24hWorst).toMatchObject({ answers: 100, abandons: 4, rate: 0.04, pass: false });
    expect(g.pass).toBe(false);
    expect(r.complianceWindows.queues.a.pass).toBe(true);
    expect(r.total.complianceAbandonRate).toBe(0.052381);
  });
});
