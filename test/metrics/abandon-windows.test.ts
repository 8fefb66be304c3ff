import { describe, expect, it } from 'vitest';
import { AbandonWindows, coversDays } from '../../src/metrics/abandon-windows.js';
import { KpiCollector } from '../../src/metrics/collector.js';

const DAY = 86_400_000;

/** A collector of two queues, counted from `warmup` to `horizon`, that saw `[queue, day, answers, abandons]`. */
function collectorWith(warmup: number, horizon: number, days: Array<[number, number, number, number]>) {
  const collector = new KpiCollector({ queues: [{ id: 'a', serviceLevelThreshold: 20_000 }, { id: 'b', serviceLevelThreshold: 20_000 }], agentGroups: [], warmup, horizon, startEpochMs: 0 });
  let callback = 0;
  for (const [q, day, answers, abandons] of days) {
    const t = warmup + day * DAY + 1000;
    for (let i = 0; i < answers; i++) {
      collector.callbackAnswered(t, ++callback, q, warmup, true);
      if (i < abandons) collector.attemptEnded(t + 1000, callback, q, 1, 'abandonedAfterAnswer', 'live', -1, t, warmup);
    }
  }
  collector.complete();
  return collector.report();
}

describe('worst 24 h and 30 days of the abandon-after-answer rate', () => {
  it('the total has its own worst windows: the queues added day by day, not the worst of the queues', () => {
    // Day 0: a 1/10, b 0/10 → total 5 %; day 1: a 0/10, b 3/10 → total 15 %.
    const { queues, total } = collectorWith(0, 3 * DAY, [[0, 0, 10, 1], [1, 0, 10, 0], [0, 1, 10, 0], [1, 1, 10, 3]]);
    expect(queues.a.abandonAfterAnswerRateMax24h).toBe(0.1);
    expect(queues.b.abandonAfterAnswerRateMax24h).toBe(0.3);
    expect(total.abandonAfterAnswerRateMax24h).toBe(0.15);
    expect(total.abandonAfterAnswerRate).toBe(0.1);
  });

  it('a worst 30 days only when the counted run covers 30 days; none (null) for a shorter one', () => {
    const days: Array<[number, number, number, number]> = [[0, 0, 10, 1], [1, 2, 10, 3]];
    const short = collectorWith(DAY, 30 * DAY, days);
    expect(short.total.abandonAfterAnswerRateMax24h).toBe(0.3);
    expect(short.total.abandonAfterAnswerRateMax30d).toBeNull();
    expect(short.queues.b.abandonAfterAnswerRateMax30d).toBeNull();
    const long = collectorWith(DAY, 31 * DAY, days);
    expect(long.total.abandonAfterAnswerRateMax30d).toBe(0.2);
    expect(long.queues.a.abandonAfterAnswerRateMax30d).toBe(0.1);
  });

  it('sum adds the parts and coversDays compares the counted span', () => {
    const a = new AbandonWindows(0);
    const b = new AbandonWindows(0);
    a.answer(0);
    a.abandon(0);
    b.answer(2 * DAY);
    expect(AbandonWindows.sum(0, [a, b]).worstRate(1)).toBe(1);
    expect(AbandonWindows.sum(0, [a, b]).worstRate(3)).toBe(0.5);
    expect(coversDays(DAY, 31 * DAY, 30)).toBe(true);
    expect(coversDays(DAY, 31 * DAY - 1, 30)).toBe(false);
  });
});
