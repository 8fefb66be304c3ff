import { describe, expect, it } from 'vitest';
import type { CallbackMode, CalleeConfig, QueueCallbackSettings, QueueConfig, Scenario, ShiftConfig } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ContactCenter } from '../../src/contact-center/world.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, DAY, endings, HOUR, MINUTE, requests, SECOND, statesOf } from './support.js';

const DAILY = [0, 1, 2, 3, 4, 5, 6];
/** 09:00 to 17:00 every day. */
const NINE_TO_FIVE: ShiftConfig[] = [{ days: DAILY, startMinute: 9 * 60, endMinute: 17 * 60 }];

/** A day of callback requests around the clock on one queue of `mode` (the scenario's zone is UTC). */
function day(mode: CallbackMode, settings: Partial<QueueCallbackSettings> = {}, people: Partial<CalleeConfig> = {}, compliance: Partial<QueueConfig['compliance']> = {}): Scenario {
  return scenario({
    seed: 7,
    duration: 2 * DAY,
    queues: [{ ...queue('q', { callback: callbackSettings({ mode, pacing: 'ratio', maxRetryCount: 3, retryDelay: 30 * MINUTE, ...settings }) }), compliance: { ...queue('q').compliance, threshold: 2 * SECOND, ceiling: 0.03, minRing: 15 * SECOND, ...compliance } }],
    agents: [agents('a', 6, ['q'])],
    inbound: [],
    callbackRequests: [requests('q', 12, constant(3 * MINUTE))],
    callee: callee({ outcomes: { live: 0.5, machine: 0, noAnswer: 0.5, busy: 0, invalid: 0, fax: 0 }, ...people }),
  });
}

/** UTC hour of simulated time `t` (the helper scenario starts at midnight UTC). */
const utcHour = (t: number) => Math.floor((t % DAY) / HOUR);

describe('calling hours', () => {
  for (const mode of ['AgentFirst', 'CustomerFirst'] as const) {
    it(`${mode}: every dial falls within 09:00–17:00; callbacks due outside wait in waitingForHours`, () => {
      const s = day(mode, { callingHours: NINE_TO_FIVE });
      const { events } = record(s);
      const dials = ofType(events, 'callback.dialed');
      expect(dials.length).toBeGreaterThan(100);
      for (const d of dials) expect(utcHour(d.t), `dial at ${d.t}`).toBeGreaterThanOrEqual(9);
      for (const d of dials) expect(utcHour(d.t), `dial at ${d.t}`).toBeLessThan(17);
      const waited = new Set(ofType(events, 'callback.state').filter((e) => e.to === 'waitingForHours').map((e) => e.callback));
      expect(waited.size).toBeGreaterThan(50);
      const k = simulate(s, { intervals: false }).kpis.total;
      expect(k.callbacksWaitedForHours).toBe(waited.size);
      expect(k.dialsOutsideCallingHours).toBe(0);
      expect(k.hoursWaitMean!).toBeGreaterThan(0);
      expect(k.hoursWaitTotal).toBeGreaterThan(0);
    });
  }

  it('Agent First: an agent whose dial, after a 20-minute preview, would fall after the window closes hands the callback back (DIAL_REFUSED) and is free again', () => {
    const s = day('AgentFirst', { callingHours: NINE_TO_FIVE });
    s.agents = [agents('a', 6, ['q'], { dialTime: constant(20 * MINUTE) })];
    const { events } = record(s);
    const refused = ofType(events, 'callback.state').filter((e) => e.from === 'agentConnected' && e.to === 'checkingPermit');
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) expect(utcHour(e.t + 20 * MINUTE) >= 17 || utcHour(e.t) < 9, `refused at ${e.t}`).toBe(true);
    for (const d of ofType(events, 'callback.dialed')) expect(utcHour(d.t) >= 9 && utcHour(d.t) < 17, `dial at ${d.t}`).toBe(true);
    // The refused callbacks are dialed the next day, within the window.
    const dialed = new Set(ofType(events, 'callback.dialed').map((d) => d.callback));
    expect(refused.filter((e) => dialed.has(e.callback)).length).toBeGreaterThan(0);
  });

  it('the Scheduled Callbacks view shows a callback due at 02:00 as waitingForHours until 09:00, then dialed', () => {
    const s: Scenario = {
      ...day('CustomerFirst', { callingHours: NINE_TO_FIVE }),
      callbackRequests: [],
      callbacks: [{ id: 'night', createdAt: 0, dueAt: 2 * HOUR, queue: 'q', number: '+15550001111', talkTime: constant(MINUTE), wrapUp: constant(0) }],
    };
    const world = new ContactCenter(s);
    world.runUntil(3 * HOUR);
    expect(world.scheduledView().map((row) => [row.label, row.state])).toEqual([['night', 'waitingForHours']]);
    world.runUntil(9 * HOUR + 10 * MINUTE);
    expect(world.scheduledView().map((row) => row.state)).not.toContain('waitingForHours');
  });

  it('without calling hours, the same run dials at night too', () => {
    const dials = ofType(record(day('CustomerFirst')).events, 'callback.dialed');
    expect(dials.some((d) => utcHour(d.t) < 9 || utcHour(d.t) >= 17)).toBe(true);
  });

  it("the window is the customer's local time: a customer in New York (UTC−5 in January) is dialed 14:00–22:00 UTC", () => {
    const { events } = record(day('CustomerFirst', { callingHours: NINE_TO_FIVE }, { timeZones: { 'America/New_York': 1 } }));
    const dials = ofType(events, 'callback.dialed');
    expect(dials.length).toBeGreaterThan(100);
    for (const d of dials) expect(utcHour(d.t) >= 14 && utcHour(d.t) < 22, `dial at UTC hour ${utcHour(d.t)}`).toBe(true);
  });

  it('with customers in two zones, both zones’ windows are used, and no dial is outside its customer’s', () => {
    const s = day('CustomerFirst', { callingHours: NINE_TO_FIVE }, { timeZones: { 'Europe/London': 0.5, 'Asia/Tokyo': 0.5 } });
    const hours = new Set(ofType(record(s).events, 'callback.dialed').map((d) => utcHour(d.t)));
    // London (UTC+0 in January): 9–16 UTC; Tokyo (UTC+9): 0–7 UTC.
    expect([...hours].some((h) => h < 8)).toBe(true);
    expect([...hours].some((h) => h >= 9)).toBe(true);
    for (const h of hours) expect(h < 8 || (h >= 9 && h < 17), `UTC hour ${h}`).toBe(true);
    expect(simulate(s, { intervals: false }).kpis.total.dialsOutsideCallingHours).toBe(0);
  });
});

describe('do-not-call list', () => {
  it('a share of the numbers is never dialed and ends doNotCall; the rest are dialed as before', () => {
    const s = day('CustomerFirst', {}, { doNotCall: 0.3 });
    const { events } = record(s);
    const ended = endings(events);
    const listed = [...ended.values()].filter((e) => e.end === 'doNotCall');
    const created = ofType(events, 'callback.created').length;
    expect(listed.length / created).toBeGreaterThan(0.2);
    expect(listed.length / created).toBeLessThan(0.4);
    const dialed = new Set(ofType(events, 'callback.dialed').map((d) => d.callback));
    for (const e of listed) {
      expect(dialed.has(e.callback)).toBe(false);
      expect(e.attempts).toBe(0);
      expect(statesOf(events, e.callback)).toEqual(['checkingPermit', 'doNotCall']);
    }
    expect(simulate(s, { intervals: false }).kpis.total.doNotCall).toBe(listed.length);
  });

  it('with every number on the list nothing is dialed', () => {
    const k = simulate(day('AgentFirst', {}, { doNotCall: 1 }), { intervals: false }).kpis.total;
    expect(k.attempts).toBe(0);
    expect(k.doNotCall).toBe(k.created - k.active);
  });
});

describe('attempt cap', () => {
  const neverAnswered = { outcomes: always('noAnswer') };

  it('defer: no window of `per` holds more than `count` dials of one customer; the dials beyond wait in waitingForAttempts', () => {
    const cap = { count: 3, per: 4 * HOUR, then: 'defer' as const };
    const s = day('CustomerFirst', { maxRetryCount: 8, retryDelay: 10 * MINUTE, maxAttempts: cap }, neverAnswered);
    const { events } = record(s);
    const byCallback = new Map<number, number[]>();
    for (const d of ofType(events, 'callback.dialed')) byCallback.set(d.callback, [...(byCallback.get(d.callback) ?? []), d.t]);
    let checked = 0;
    for (const times of byCallback.values()) {
      for (let i = 0; i + cap.count < times.length; i++, checked++) expect(times[i + cap.count] - times[i]).toBeGreaterThanOrEqual(cap.per);
    }
    expect(checked).toBeGreaterThan(50);
    const k = simulate(s, { intervals: false }).kpis.total;
    expect(k.callbacksWaitedForAttemptCap).toBeGreaterThan(50);
    expect(k.attemptCapped).toBe(0);
  });

  it('end: a callback that would dial a fourth time within the window ends attemptCapped after three dials', () => {
    const s = day('AgentFirst', { maxRetryCount: 8, retryDelay: 10 * MINUTE, maxAttempts: { count: 3, per: 4 * HOUR, then: 'end' } }, neverAnswered);
    const { events } = record(s);
    const capped = [...endings(events).values()].filter((e) => e.end === 'attemptCapped');
    expect(capped.length).toBeGreaterThan(50);
    for (const e of capped) expect(e.attempts).toBe(3);
    expect(simulate(s, { intervals: false }).kpis.total.attemptCapped).toBe(capped.length);
  });
});

describe('redial lockout after a compliance abandon', () => {
  /** Customer First on too few agents, everyone answering and hanging up at once: many compliance abandons, retried 10 min later. */
  const pressed = (lockout?: number): Scenario => ({
    ...day('CustomerFirst', { pacing: { name: 'ratio', module: null, options: {} }, pacingModifier: 3, maxRetryCount: 3, retryDelay: 10 * MINUTE }, { outcomes: always('live'), patienceAfterAnswer: constant(0) }, lockout === undefined ? {} : { redialLockout: lockout }),
    agents: [agents('a', 2, ['q'])],
  });

  it('the next dial of a customer after their compliance abandon waits out the lockout (waitingForLockout)', () => {
    const lockout = 2 * HOUR;
    const { events } = record(pressed(lockout));
    const abandons = ofType(events, 'callback.complianceAbandoned');
    expect(abandons.length).toBeGreaterThan(10);
    const dials = ofType(events, 'callback.dialed');
    let redials = 0;
    for (const a of abandons) {
      const next = dials.find((d) => d.callback === a.callback && d.t > a.t);
      if (next === undefined) continue;
      redials++;
      expect(next.t - a.t).toBeGreaterThanOrEqual(lockout);
    }
    expect(redials).toBeGreaterThan(5);
    expect(new Set(ofType(events, 'callback.state').filter((e) => e.to === 'waitingForLockout').map((e) => e.callback)).size).toBe(redials);
  });

  it('without a lockout, the same customers are redialed after the retry delay alone', () => {
    const { events } = record(pressed());
    const abandons = ofType(events, 'callback.complianceAbandoned');
    const dials = ofType(events, 'callback.dialed');
    const gaps = abandons.map((a) => dials.find((d) => d.callback === a.callback && d.t > a.t)).filter((d) => d !== undefined);
    expect(gaps.length).toBeGreaterThan(10);
    expect(abandons.some((a) => { const next = dials.find((d) => d.callback === a.callback && d.t > a.t); return next !== undefined && next.t - a.t < HOUR; })).toBe(true);
  });
});
