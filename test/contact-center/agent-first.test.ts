import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { AttemptFailure, CalleeConfig, QueueCallbackSettings, Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, endings, enteredAt, HOUR, MINUTE, requests, SECOND, statesOf, transitionsOf, withAgentStates } from './support.js';

const ANSWER = 2 * SECOND;
const DIAL = 7 * SECOND;
const SIGNAL = 3 * SECOND;
const RING = 5 * SECOND;
const RING_TIMEOUT = 30 * SECOND;
const TALK = 4 * MINUTE;
const WRAP = 15 * SECOND;

/** An Agent First queue fed by callback requests, with constant agent and callee times. */
function agentFirst(settings: Partial<QueueCallbackSettings>, calleeOverrides: Partial<CalleeConfig> = {}, more: Partial<Scenario> = {}): Scenario {
  return scenario({
    seed: 21,
    duration: 12 * HOUR,
    queues: [queue('q', { callback: callbackSettings({ mode: 'AgentFirst', ...settings }) })],
    agents: [agents('a', 2, ['q'], { answerTime: constant(ANSWER), dialTime: constant(DIAL) })],
    inbound: [],
    callbackRequests: [requests('q', 6, constant(TALK), constant(WRAP))],
    callee: callee({ outcomes: always('live'), ringTime: constant(RING), signalTime: SIGNAL, ringTimeout: RING_TIMEOUT, ...calleeOverrides }),
    ...more,
  });
}

function dialsOf(events: readonly SimEvent[], callback: number) {
  return ofType(events, 'callback.dialed').filter((d) => d.callback === callback);
}

function attemptsOf(events: readonly SimEvent[], callback: number) {
  return ofType(events, 'callback.attemptEnded').filter((d) => d.callback === callback);
}

describe('Agent First callbacks', () => {
  it('go offered → agentConnected → previewing → placing → dialing → ringing → connected → wrapUp → completed with the configured times', () => {
    const s = agentFirst({});
    const { events } = record(s);
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(30);
    for (const end of ended) {
      expect(end.end).toBe('completed');
      expect(end.attempts).toBe(1);
      const path = transitionsOf(events, end.callback);
      expect(path.map((p) => p.to)).toEqual(['queued', 'offered', 'agentConnected', 'previewing', 'placing', 'dialing', 'ringing', 'connected', 'wrapUp', 'completed']);
      expect(path.map((p) => p.event)).toEqual([
        'xstate.init',
        'OFFER',
        'AGENT_ANSWER',
        'PREVIEWED',
        'xstate.after.dialDelay.agentFirstCallback.previewing',
        'PLACED',
        'xstate.after.signalDelay.agentFirstCallback.dialing',
        'xstate.after.ringDuration.agentFirstCallback.ringing',
        'xstate.after.talk.agentFirstCallback.connected',
        'xstate.after.wrapUp.agentFirstCallback.wrapUp',
      ]);
      const offered = path[1].t;
      expect(path.slice(2).map((p) => p.t - offered)).toEqual([
        ANSWER,
        ANSWER,
        ANSWER + DIAL,
        ANSWER + DIAL,
        ANSWER + DIAL + SIGNAL,
        ANSWER + DIAL + SIGNAL + RING,
        ANSWER + DIAL + SIGNAL + RING + TALK,
        ANSWER + DIAL + SIGNAL + RING + TALK + WRAP,
      ]);
      expect(path[0].t).toBe(end.createdAt);
    }
  });

  it('a callback created while an agent is idle is offered at once', () => {
    const { events } = record(agentFirst({}));
    let checked = 0;
    withAgentStates(events, (e, _i, states) => {
      if (e.type !== 'callback.created' || ![...states.values()].includes('idle')) return;
      checked++;
      expect(enteredAt(events, e.callback, 'offered')).toBe(e.t);
    });
    expect(checked).toBeGreaterThan(20);
  });

  it('with enableAutoDialAndEnd the dial is placed autoDialDelay after the agent connects, whatever the dial time', () => {
    const autoDialDelay = 20 * SECOND;
    const { events } = record(agentFirst({ enableAutoDialAndEnd: true, autoDialDelay }));
    const ended = [...endings(events).keys()];
    expect(ended.length).toBeGreaterThan(30);
    for (const id of ended) expect(enteredAt(events, id, 'dialing')! - enteredAt(events, id, 'agentConnected')!).toBe(autoDialDelay);
  });

  it('with enableAutoAnswer the agent answers the offer at once', () => {
    const { events } = record(agentFirst({ enableAutoAnswer: true }));
    const ended = [...endings(events).keys()];
    expect(ended.length).toBeGreaterThan(30);
    for (const id of ended) expect(enteredAt(events, id, 'agentConnected')).toBe(enteredAt(events, id, 'offered'));
  });

  // Regression: with enableAutoDialAndEnd the callback ends autoEndDelay after the outbound call ends.
  it('with enableAutoDialAndEnd the callback ends autoEndDelay after the outbound call ends', () => {
    const autoEndDelay = 90 * SECOND;
    const s = agentFirst({ enableAutoDialAndEnd: true, autoDialDelay: 10 * SECOND, autoEndDelay }, {}, {
      callbackRequests: [requests('q', 6, constant(TALK), constant(0))],
    });
    const { events } = record(s);
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(10);
    for (const end of ended) expect(end.t - enteredAt(events, end.callback, 'wrapUp')!).toBe(autoEndDelay);
  });

  it('the dial is placed by the agent reserved when the callback was offered, who stays busy until the wrap-up ends', () => {
    const { events } = record(agentFirst({}));
    const agentEvents = ofType(events, 'agent.state');
    const dials = ofType(events, 'callback.dialed');
    expect(dials.length).toBeGreaterThan(30);
    for (const d of dials) {
      const offered = enteredAt(events, d.callback, 'offered')!;
      const completed = enteredAt(events, d.callback, 'completed')!;
      const alerted = agentEvents.filter((a) => a.t === offered && a.from === 'idle' && a.to === 'alerting');
      expect(alerted.map((a) => a.agent)).toContain(d.agent);
      // Between the offer and the end of the wrap-up the reserved agent only moves alerting → busy → wrapUp → idle.
      const path = agentEvents.filter((a) => a.agent === d.agent && a.t > offered && a.t <= completed).map((a) => `${a.from}>${a.to}@${a.t - offered}`);
      const work = ANSWER + DIAL + SIGNAL + RING + TALK;
      expect(path.slice(0, 3)).toEqual([`alerting>busy@${ANSWER}`, `busy>wrapUp@${work}`, `wrapUp>idle@${work + WRAP}`]);
    }
  });

  it('an unanswered attempt is retried exactly maxRetryCount times, each dial at least retryDelay later, then the callback is exhausted', () => {
    const maxRetryCount = 3;
    const retryDelay = 10 * MINUTE;
    const s = agentFirst({ maxRetryCount, retryDelay }, { outcomes: always('noAnswer') });
    const { events } = record(s);
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(20);
    for (const end of ended) {
      expect(end.end).toBe('exhausted');
      expect(end.attempts).toBe(maxRetryCount + 1);
      const dials = dialsOf(events, end.callback);
      expect(dials.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
      const attempts = attemptsOf(events, end.callback);
      expect(attempts.map((a) => a.result)).toEqual(['noAnswer', 'noAnswer', 'noAnswer', 'noAnswer']);
      for (let i = 0; i < dials.length; i++) {
        expect(attempts[i].t - dials[i].t).toBe(SIGNAL + RING_TIMEOUT);
        if (i > 0) expect(dials[i].t - dials[i - 1].t).toBeGreaterThanOrEqual(retryDelay + SIGNAL + RING_TIMEOUT + ANSWER + DIAL);
        if (i > 0) expect(dials[i].t - attempts[i - 1].t).toBeGreaterThanOrEqual(retryDelay);
      }
      expect(end.t).toBe(attempts[3].t);
      // waitingRetry lasts exactly retryDelay.
      const path = transitionsOf(events, end.callback);
      for (const p of path.filter((x) => x.from === 'waitingRetry')) {
        const entered = path.find((x) => x.to === 'waitingRetry' && x.t <= p.t && p.t - x.t === retryDelay);
        expect(entered, `callback ${end.callback} left waitingRetry at ${p.t}`).toBeDefined();
        expect(p).toMatchObject({ to: 'queued', event: 'xstate.after.retryDelay.agentFirstCallback.waitingRetry' });
      }
    }
    const kpis = simulate(s).kpis.queues.q;
    expect(kpis.exhausted).toBe(ended.length);
    expect(kpis.completed).toBe(0);
    expect(kpis.connectRate).toBe(0);
  });

  it('maxRetryCount 0 makes a single attempt', () => {
    const { events } = record(agentFirst({ maxRetryCount: 0 }, { outcomes: always('busy') }));
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(20);
    for (const end of ended) {
      expect(end).toMatchObject({ end: 'exhausted', attempts: 1 });
      expect(statesOf(events, end.callback)).toEqual(['queued', 'offered', 'agentConnected', 'previewing', 'placing', 'dialing', 'exhausted']);
    }
  });

  it('an invalid number ends the callback disconnected after one attempt (not retried by default)', () => {
    const { events } = record(agentFirst({ maxRetryCount: 5 }, { outcomes: always('invalid') }));
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(20);
    for (const end of ended) {
      expect(end).toMatchObject({ end: 'disconnected', attempts: 1 });
      const [attempt] = attemptsOf(events, end.callback);
      expect(attempt.result).toBe('invalid');
      expect(attempt.t - dialsOf(events, end.callback)[0].t).toBe(SIGNAL);
    }
  });

  describe('retryOn decides which failures are retried', () => {
    const cases: Array<{ outcome: 'invalid' | 'noAnswer' | 'busy' | 'fax'; retryOn: AttemptFailure[]; end: string; attempts: number }> = [
      { outcome: 'invalid', retryOn: ['invalid'], end: 'exhausted', attempts: 3 },
      { outcome: 'noAnswer', retryOn: [], end: 'disconnected', attempts: 1 },
      { outcome: 'noAnswer', retryOn: ['busy'], end: 'disconnected', attempts: 1 },
      { outcome: 'busy', retryOn: ['busy'], end: 'exhausted', attempts: 3 },
      { outcome: 'fax', retryOn: ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'], end: 'disconnected', attempts: 1 },
      { outcome: 'fax', retryOn: ['fax'], end: 'exhausted', attempts: 3 },
    ];
    for (const c of cases) {
      it(`${c.outcome} with retryOn [${c.retryOn.join(', ')}] ends ${c.end} after ${c.attempts} attempt(s)`, () => {
        const { events } = record(agentFirst({ maxRetryCount: 2, retryDelay: 5 * MINUTE, retryOn: c.retryOn }, { outcomes: always(c.outcome) }));
        const ended = [...endings(events).values()];
        expect(ended.length).toBeGreaterThan(20);
        for (const end of ended) expect(end).toMatchObject({ end: c.end, attempts: c.attempts });
      });
    }
  });

  it('a machine answering an Agent First dial is a failed attempt (retried like any other)', () => {
    const { events } = record(agentFirst({ maxRetryCount: 1 }, { outcomes: always('machine') }));
    const ended = [...endings(events).values()];
    expect(ended.length).toBeGreaterThan(20);
    for (const end of ended) {
      expect(end).toMatchObject({ end: 'exhausted', attempts: 2 });
      expect(attemptsOf(events, end.callback).map((a) => a.result)).toEqual(['machine', 'machine']);
    }
  });

  it('a failed attempt frees the agent at once (no wrap-up), and the agent time of failed attempts is reported', () => {
    const s = agentFirst({ maxRetryCount: 1, retryDelay: 5 * MINUTE }, { outcomes: always('noAnswer') });
    const { events } = record(s);
    const failed = ofType(events, 'callback.attemptEnded').filter((a) => a.result !== 'connected');
    expect(failed.length).toBeGreaterThan(40);
    const agentEvents = ofType(events, 'agent.state');
    for (const f of failed) {
      // The agent answered the offer ANSWER ms after it, then dialled and rang out.
      expect(f.t - f.agentSince).toBe(DIAL + SIGNAL + RING_TIMEOUT);
      expect(agentEvents.some((a) => a.agent === f.agent && a.t === f.t && a.from === 'busy' && a.to === 'idle')).toBe(true);
    }
    const kpis = simulate(s).kpis.queues.q;
    const expectedHours = Math.round(((failed.length * (DIAL + SIGNAL + RING_TIMEOUT)) / HOUR) * 1e4) / 1e4;
    expect(kpis.failedAttemptAgentHours).toBe(expectedHours);
    expect(kpis.failedAttemptAgentHours).toBeGreaterThan(0);
  });

  it('connected attempts add no failed-attempt agent time', () => {
    const kpis = simulate(agentFirst({})).kpis.queues.q;
    expect(kpis.completed).toBeGreaterThan(30);
    expect(kpis.failedAttemptAgentHours).toBe(0);
    expect(kpis.connectRate).toBe(1);
  });
});
