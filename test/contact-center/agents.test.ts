import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { ShiftConfig } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, inbound, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, countIn, during, HOUR, MINUTE, requests, SECOND, withAgentStates } from './support.js';

/** 2026-01-05, the helper scenario's start, is a Monday (day 1). */
const MONDAY = 1;

function shift(startHour: number, endHour: number, startMinuteOffset = 0): ShiftConfig {
  return { days: [MONDAY], startMinute: startHour * 60 + startMinuteOffset, endMinute: endHour * 60 };
}

function statesOfAgent(events: readonly SimEvent[], agent: number) {
  return ofType(events, 'agent.state').filter((e) => e.agent === agent);
}

describe('routing to agents', () => {
  it('the agent idle the longest gets the next interaction', () => {
    const { events } = record(
      scenario({
        seed: 17,
        duration: 24 * HOUR,
        queues: [queue('q')],
        agents: [agents('a', 4, ['q'])],
        inbound: [inbound('q', 12, constant(5 * MINUTE), { wrapUp: constant(30 * SECOND) })],
      }),
    );
    let choices = 0;
    let notLowestIndex = 0;
    withAgentStates(events, (e, _i, states, idleSince) => {
      if (e.type !== 'agent.state' || e.from !== 'idle' || (e.to !== 'alerting' && e.to !== 'busy')) return;
      if (countIn(states, 'idle') < 2) return;
      choices++;
      const longest = [...idleSince.entries()].sort((x, y) => x[1] - y[1])[0][0];
      expect(e.agent, `at ${e.t}`).toBe(longest);
      const lowest = Math.min(...[...states.entries()].filter(([, s]) => s === 'idle').map(([a]) => a));
      if (e.agent !== lowest) notLowestIndex++;
    });
    expect(choices).toBeGreaterThan(50);
    expect(notLowestIndex).toBeGreaterThan(10);
  });

  it('an agent serving two queues takes the higher-priority queue first, then the earliest position', () => {
    const { events } = record(
      scenario({
        seed: 23,
        duration: 24 * HOUR,
        queues: [queue('hi', { priority: 5 }), queue('lo', { priority: 0 })],
        agents: [agents('both', 2, ['hi', 'lo'])],
        inbound: [inbound('hi', 8, constant(6 * MINUTE)), inbound('lo', 8, constant(6 * MINUTE))],
      }),
    );
    const waiting = new Map<number, { queue: string; arrivedAt: number }>();
    let overtakes = 0;
    for (const e of events) {
      if (e.type === 'call.arrived') waiting.set(e.call, { queue: e.queue, arrivedAt: e.t });
      else if (e.type === 'call.answered') {
        waiting.delete(e.call);
        for (const [other, w] of waiting) {
          if (e.queue === 'lo') expect(w.queue, `lo call ${e.call} answered while hi call ${other} waited`).toBe('lo');
          if (w.queue === e.queue) expect(w.arrivedAt).toBeGreaterThanOrEqual(e.arrivedAt);
          if (e.queue === 'hi' && w.queue === 'lo' && w.arrivedAt < e.arrivedAt) overtakes++;
        }
      }
    }
    expect(overtakes).toBeGreaterThan(10);
  });

  it("callbacks with a higher callback priority are served before the queue's inbound callers", () => {
    const { events } = record(
      scenario({
        seed: 29,
        duration: 12 * HOUR,
        queues: [queue('q', { priority: 0, callback: callbackSettings({ priority: 3 }) })],
        agents: [agents('a', 1, ['q'])],
        inbound: [inbound('q', 6, constant(6 * MINUTE))],
        callbackRequests: [requests('q', 3, constant(4 * MINUTE))],
        callee: callee({ outcomes: always('live') }),
      }),
    );
    const waitingCalls = new Map<number, number>();
    const waitingCallbacks = new Set<number>();
    let overtakes = 0;
    for (const e of events) {
      if (e.type === 'call.arrived') waitingCalls.set(e.call, e.t);
      else if (e.type === 'call.answered') {
        waitingCalls.delete(e.call);
        expect(waitingCallbacks.size, `call ${e.call} answered while a callback waited`).toBe(0);
      } else if (e.type === 'callback.state' && e.to === 'queued') waitingCallbacks.add(e.callback);
      else if (e.type === 'callback.state' && e.from === 'queued') {
        waitingCallbacks.delete(e.callback);
        const created = ofType(events, 'callback.created').find((c) => c.callback === e.callback)!;
        for (const arrivedAt of waitingCalls.values()) if (arrivedAt < created.position) overtakes++;
      }
    }
    expect(overtakes).toBeGreaterThan(0);
  });
});

describe('shifts', () => {
  const talk = 7 * MINUTE;

  /** One agent on queue `q` Monday 08:00–09:00; callers queue from midnight and never hang up. */
  function morningShift(shifts: ShiftConfig[]) {
    return scenario({
      seed: 13,
      duration: 24 * HOUR,
      queues: [queue('q'), queue('quiet')],
      agents: [agents('day', 1, ['q'], { schedule: shifts }), agents('spare', 1, ['quiet'], { schedule: [shift(8, 9)] })],
      inbound: [inbound('q', 20, constant(talk))],
    });
  }

  it('agents log on at the start of their shift and an idle agent logs off at its end', () => {
    const { events } = record(morningShift([shift(8, 9)]));
    expect(statesOfAgent(events, 1).map((e) => [e.t, e.from, e.to])).toEqual([
      [0, '', 'offline'],
      [8 * HOUR, 'offline', 'idle'],
      [9 * HOUR, 'idle', 'offline'],
    ]);
  });

  it('an agent busy at the end of the shift finishes the call, then goes offline; nobody is answered off shift', () => {
    const s = morningShift([shift(8, 9)]);
    const { events } = record(s);
    const answers = ofType(events, 'call.answered');
    // Back-to-back calls from 08:00: 08:00, 08:07, …, 08:56; the last ends at 09:03.
    expect(answers.map((a) => a.t)).toEqual(Array.from({ length: 9 }, (_, i) => 8 * HOUR + i * talk));
    const day = statesOfAgent(events, 0);
    expect(day[1]).toMatchObject({ t: 8 * HOUR, from: 'offline', to: 'idle' });
    const last = day.at(-1)!;
    expect(last).toMatchObject({ t: 8 * HOUR + 9 * talk, from: 'busy', to: 'offline' });
    expect(ofType(events, 'call.ended').at(-1)!.t).toBe(last.t);
    const kpis = simulate(s).kpis.agents.groups.day;
    expect(kpis.staffedHours).toBe(Math.round(((9 * talk) / HOUR) * 1e4) / 1e4);
    expect(kpis.occupancy).toBe(1);
  });

  // Regression: a LOG_ON of the next shift during work clears the pending log-off.
  it('an agent whose next shift starts before the last call of the previous one ends stays on queue', () => {
    const { events } = record(morningShift([shift(8, 9), shift(9, 10, 1)]));
    const answered = ofType(events, 'call.answered').filter((a) => a.t > 9 * HOUR && a.t < 10 * HOUR);
    expect(answered.length).toBeGreaterThan(5);
    const offlineInShift = statesOfAgent(events, 0).filter((e) => e.to === 'offline' && e.t > 9 * HOUR && e.t < 10 * HOUR);
    expect(offlineInShift).toEqual([]);
  });
});

describe('alerting timeout', () => {
  const alertingTimeout = 8 * SECOND;
  const notRespondingTime = 30 * SECOND;

  function slowAndFast(extra: { callbacks?: boolean } = {}) {
    return scenario({
      seed: 19,
      duration: 24 * HOUR,
      queues: [queue('q', { callback: callbackSettings({ alertingTimeout }) })],
      agents: [
        agents('slow', 1, ['q'], { answerTime: constant(20 * SECOND), notRespondingTime }),
        agents('fast', 1, ['q'], { answerTime: constant(SECOND), notRespondingTime }),
      ],
      inbound: extra.callbacks ? [] : [inbound('q', 3, constant(MINUTE))],
      callbackRequests: extra.callbacks ? [requests('q', 3, constant(MINUTE))] : [],
      callee: callee({ outcomes: always('live') }),
    });
  }

  it('an agent who does not answer within alertingTimeout goes notResponding for notRespondingTime, and the call goes to the next agent', () => {
    const s = slowAndFast();
    const { events } = record(s);
    const slow = statesOfAgent(events, 0);
    const fast = statesOfAgent(events, 1);
    const misses = slow.filter((e) => e.from === 'alerting');
    expect(misses.length).toBeGreaterThan(10);
    for (const miss of misses) {
      expect(miss.to).toBe('notResponding');
      const alerted = slow.filter((e) => e.to === 'alerting' && e.t <= miss.t).at(-1)!;
      expect(miss.t - alerted.t).toBe(alertingTimeout);
      const back = slow.find((e) => e.from === 'notResponding' && e.t > miss.t)!;
      expect(back).toMatchObject({ t: miss.t + notRespondingTime, to: 'idle' });
    }
    // The slow agent never answers; the fast one answers everything, ANSWER ms after being alerted.
    const answers = ofType(events, 'call.answered');
    expect(answers.every((a) => a.agent === 1)).toBe(true);
    for (const a of answers) expect(fast.some((f) => f.t === a.t - SECOND && f.to === 'alerting')).toBe(true);
    // A call first offered to the slow agent reaches the fast agent when the slow one times out (fast was idle).
    const handedOver = misses.filter((m) => fast.some((f) => f.t === m.t && f.from === 'idle' && f.to === 'alerting'));
    expect(handedOver.length).toBeGreaterThan(5);
    for (const m of handedOver) expect(answers.some((a) => a.t === m.t + SECOND)).toBe(true);
    const kpis = simulate(s).kpis.agents;
    expect(kpis.notRespondingHours).toBe(Math.round(((misses.length * notRespondingTime) / HOUR) * 1e4) / 1e4);
  });

  it('an Agent First callback whose offer times out goes back to the queue and is offered to the next agent', () => {
    const { events } = record(slowAndFast({ callbacks: true }));
    const missed = ofType(events, 'callback.state').filter((e) => e.event === 'OFFER_MISSED');
    expect(missed.length).toBeGreaterThan(10);
    for (const m of missed) {
      expect(m).toMatchObject({ from: 'offered', to: 'queued' });
      const path = ofType(events, 'callback.state').filter((e) => e.callback === m.callback);
      const i = path.indexOf(m);
      expect(path[i - 1].to).toBe('offered');
      expect(m.t - path[i - 1].t).toBe(alertingTimeout);
    }
    const dials = ofType(events, 'callback.dialed');
    expect(dials.length).toBeGreaterThan(10);
    expect(dials.every((d) => d.agent === 1)).toBe(true);
    expect(ofType(events, 'callback.ended').every((e) => e.end === 'completed')).toBe(true);
  });
});

describe('occupancy', () => {
  it('equals busy (alerting + talking + wrap-up) time over on-queue time, exactly', () => {
    // One agent on shift 08:00–10:00; N callers arrive before 01:00 and wait; the agent serves them back to back from 08:00.
    const answerTime = 5 * SECOND; // under the default alertingTimeout (8 s)
    const talk = 7 * MINUTE;
    const wrap = 2 * MINUTE;
    const s = scenario({
      seed: 37,
      duration: 24 * HOUR,
      queues: [queue('q')],
      agents: [agents('a', 1, ['q'], { schedule: [shift(8, 10)], answerTime: constant(answerTime) })],
      inbound: [{ ...inbound('q', 0, constant(talk), { wrapUp: constant(wrap) }), perHour: during(0, 1, 6) }],
    });
    const { events } = record(s);
    const n = ofType(events, 'call.arrived').length;
    expect(n).toBeGreaterThan(2);
    expect(n * (answerTime + talk + wrap)).toBeLessThan(2 * HOUR);
    const busy = n * (answerTime + talk + wrap);
    const kpis = simulate(s).kpis.agents;
    expect(kpis.staffedHours).toBe(2);
    expect(kpis.busyHours).toBe(Math.round((busy / HOUR) * 1e4) / 1e4);
    expect(kpis.idleHours).toBe(Math.round(((2 * HOUR - busy) / HOUR) * 1e4) / 1e4);
    expect(kpis.occupancy).toBe(Math.round((busy / (2 * HOUR)) * 1e6) / 1e6);
    expect(kpis.idleShare).toBe(Math.round(((2 * HOUR - busy) / (2 * HOUR)) * 1e6) / 1e6);
  });
});
