import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { InboundConfig, Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { ofType, record } from '../helpers/record.js';
import { agents, callbackSettings, inbound, queue, scenario } from '../helpers/scenario.js';
import { always, callee, constant, countIn, HOUR, MINUTE, SECOND, withAgentStates } from './support.js';

/** One queue `q` with `count` always-on agents and one inbound stream. */
function oneQueue(count: number, perHour: number, talk: number, extra: Partial<InboundConfig> = {}, more: Partial<Scenario> = {}): Scenario {
  return scenario({
    duration: 8 * HOUR,
    queues: [queue('q')],
    agents: [agents('a', count, ['q'])],
    inbound: [inbound('q', perHour, constant(talk), extra)],
    callee: callee({ outcomes: always('live') }),
    ...more,
  });
}

function arrivals(events: readonly SimEvent[]): Map<number, number> {
  return new Map(ofType(events, 'call.arrived').map((e) => [e.call, e.t]));
}

describe('inbound calls', () => {
  it('a call that finds an idle agent is answered at once, with wait 0', () => {
    const s = oneQueue(5, 6, 3 * MINUTE, {}, { seed: 3 });
    const { events } = record(s);
    const answered = new Map(ofType(events, 'call.answered').map((e) => [e.call, e]));
    let foundIdle = 0;
    withAgentStates(events, (e, _i, states) => {
      if (e.type !== 'call.arrived' || countIn(states, 'idle') === 0) return;
      foundIdle++;
      const answer = answered.get(e.call);
      expect(answer, `call ${e.call}`).toBeDefined();
      expect(answer!.t).toBe(e.t);
      expect(answer!.arrivedAt).toBe(e.t);
    });
    const offered = ofType(events, 'call.arrived').length;
    expect(foundIdle).toBeGreaterThan(20);
    expect(foundIdle).toBe(offered);
    const kpis = simulate(s).kpis.queues.q;
    expect(kpis.offered).toBe(offered);
    expect(kpis.pWait).toBe(0);
    expect(kpis.asa).toBe(0);
    expect(kpis.serviceLevel).toBe(1);
  });

  it('callers are answered in the order they arrived (FIFO), and only callers at the head of the line are answered', () => {
    const s = oneQueue(2, 40, 5 * MINUTE, {}, { seed: 11 });
    const { events } = record(s);
    const answers = ofType(events, 'call.answered');
    expect(answers.some((a) => a.t - a.arrivedAt > 10 * MINUTE)).toBe(true);
    for (let i = 1; i < answers.length; i++) expect(answers[i].arrivedAt).toBeGreaterThanOrEqual(answers[i - 1].arrivedAt);
    // The answered calls are exactly the first k callers.
    const ids = answers.map((a) => a.call).sort((x, y) => x - y);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(ofType(events, 'call.arrived').length).toBeGreaterThan(answers.length);
  });

  it('a caller whose patience runs out abandons at exactly arrival + patience and is never answered after', () => {
    const patience = 2 * MINUTE;
    const s = oneQueue(1, 30, 10 * MINUTE, { patience: constant(patience) }, { seed: 5 });
    const { events } = record(s);
    const arrived = arrivals(events);
    const abandoned = ofType(events, 'call.abandoned');
    const answered = ofType(events, 'call.answered');
    expect(abandoned.length).toBeGreaterThan(10);
    for (const a of abandoned) {
      expect(a.t - a.arrivedAt).toBe(patience);
      expect(arrived.get(a.call)).toBe(a.arrivedAt);
    }
    const abandonedIds = new Set(abandoned.map((a) => a.call));
    for (const a of answered) {
      expect(abandonedIds.has(a.call)).toBe(false);
      expect(a.t - a.arrivedAt).toBeLessThanOrEqual(patience);
    }
    // Every caller not answered within their patience has abandoned (the queue holds nobody who should have left).
    const answeredIds = new Set(answered.map((a) => a.call));
    for (const [call, t] of arrived) {
      if (t + patience >= s.duration) continue;
      expect(answeredIds.has(call) || abandonedIds.has(call), `call ${call}`).toBe(true);
    }
  });

  // Regression: a caller who found an idle agent used to get no patience timer (nor callback-offer timer), so
  // if that agent let the offer time out the caller could never abandon and blocked the head of the line.
  it('a caller who found an idle agent that missed the offer still abandons at arrival + patience', () => {
    const patience = 15 * SECOND;
    const s = scenario({
      seed: 2,
      duration: 2 * HOUR,
      queues: [queue('q', { callback: callbackSettings({ alertingTimeout: 8 * SECOND }) })],
      agents: [agents('slow', 1, ['q'], { answerTime: constant(20 * SECOND), notRespondingTime: 30 * SECOND })],
      inbound: [inbound('q', 20, constant(MINUTE), { patience: constant(patience) })],
    });
    const { events, world } = record(s);
    const abandoned = new Map(ofType(events, 'call.abandoned').map((e) => [e.call, e.t]));
    const arrived = ofType(events, 'call.arrived').filter((a) => a.t + patience < s.duration);
    expect(arrived.length).toBeGreaterThan(20);
    for (const a of arrived) expect(abandoned.get(a.call), `call ${a.call}`).toBe(a.t + patience);
    expect(world.inbound.inSystem).toBeLessThanOrEqual(1);
  });

  it('wrap-up keeps the agent busy for exactly the wrap time after the talk', () => {
    const wrap = 45 * SECOND;
    const talk = 3 * MINUTE;
    const s = oneQueue(2, 20, talk, { wrapUp: constant(wrap) }, { seed: 8 });
    const { events } = record(s);
    const agentEvents = ofType(events, 'agent.state');
    const ended = ofType(events, 'call.ended').filter((e) => e.t + wrap < s.duration);
    expect(ended.length).toBeGreaterThan(20);
    for (const end of ended) {
      expect(end.t - end.answeredAt).toBe(talk);
      const mine = agentEvents.filter((a) => a.agent === end.agent && a.t >= end.t);
      expect(mine[0]).toMatchObject({ t: end.t, from: 'busy', to: 'wrapUp' });
      expect(mine[1]).toMatchObject({ t: end.t + wrap, from: 'wrapUp', to: 'idle' });
    }
    // No agent is given a call while in wrap-up.
    const busyUntil = new Map<number, number>();
    for (const end of ended) busyUntil.set(end.call, end.t + wrap);
    for (const answer of ofType(events, 'call.answered')) {
      const previous = ended.filter((e) => e.agent === answer.agent && e.t <= answer.t).at(-1);
      if (previous) expect(answer.t).toBeGreaterThanOrEqual(previous.t + wrap);
    }
  });
});

describe('the in-queue callback offer', () => {
  const afterWait = MINUTE;

  function offerScenario(acceptance: number, seed = 4, extra: Partial<InboundConfig> = {}): Scenario {
    return oneQueue(1, 20, 10 * MINUTE, { callbackOffer: { afterWait, acceptance }, ...extra }, { seed });
  }

  it('acceptance 1: every caller still waiting at afterWait leaves the queue and becomes a callback at their arrival position', () => {
    const s = offerScenario(1);
    const { events } = record(s);
    const accepted = new Map(ofType(events, 'call.callbackAccepted').map((e) => [e.call, e]));
    const created = new Map(ofType(events, 'callback.created').map((e) => [e.callback, e]));
    const answered = new Map(ofType(events, 'call.answered').map((e) => [e.call, e]));
    expect(accepted.size).toBeGreaterThan(20);
    for (const [call, t] of arrivals(events)) {
      if (t + afterWait >= s.duration) continue;
      const answer = answered.get(call);
      const acceptance = accepted.get(call);
      if (answer && answer.t < t + afterWait) {
        expect(acceptance).toBeUndefined();
        continue;
      }
      expect(answer, `call ${call} was answered after accepting a callback`).toBeUndefined();
      expect(acceptance, `call ${call}`).toBeDefined();
      expect(acceptance!.t).toBe(t + afterWait);
      expect(acceptance!.arrivedAt).toBe(t);
      const callback = created.get(acceptance!.callback)!;
      expect(callback).toMatchObject({ t: t + afterWait, queue: 'q', kind: 'inQueue', mode: 'AgentFirst', position: t });
    }
    expect(ofType(events, 'call.answered').every((a) => a.t - a.arrivedAt <= afterWait)).toBe(true);
    expect(simulate(s).kpis.queues.q.callbackAccepted).toBe(accepted.size);
  });

  it('acceptance 0: no caller ever accepts, so callers wait past afterWait', () => {
    const { events } = record(offerScenario(0));
    expect(ofType(events, 'call.callbackAccepted')).toEqual([]);
    expect(ofType(events, 'callback.created')).toEqual([]);
    expect(ofType(events, 'call.answered').filter((a) => a.t - a.arrivedAt > afterWait).length).toBeGreaterThan(5);
  });

  it('acceptance 0.5: about half of the offers are accepted; the others keep waiting', () => {
    const s = oneQueue(1, 5, 10 * MINUTE, { callbackOffer: { afterWait, acceptance: 0.5 } }, { seed: 9, duration: 72 * HOUR });
    const { events } = record(s);
    const accepted = ofType(events, 'call.callbackAccepted');
    for (const a of accepted) expect(a.t - a.arrivedAt).toBe(afterWait);
    // Offers: callers still waiting at afterWait (not answered before it).
    const answeredEarly = new Set(ofType(events, 'call.answered').filter((a) => a.t - a.arrivedAt < afterWait).map((a) => a.call));
    const offers = ofType(events, 'call.arrived').filter((a) => a.t + afterWait < s.duration && !answeredEarly.has(a.call)).length;
    const answeredLate = ofType(events, 'call.answered').filter((a) => a.t - a.arrivedAt > afterWait);
    expect(answeredLate.length).toBeGreaterThan(50);
    expect(offers).toBeGreaterThan(150);
    expect(accepted.length / offers).toBeGreaterThan(0.38);
    expect(accepted.length / offers).toBeLessThan(0.62);
  });

  it('the callback is served before callers who arrived after the original caller (original queue position)', () => {
    const s = scenario({
      seed: 6,
      duration: 12 * HOUR,
      queues: [queue('q')],
      agents: [agents('a', 1, ['q'])],
      inbound: [inbound('q', 11, constant(5 * MINUTE), { callbackOffer: { afterWait: 3 * MINUTE, acceptance: 0.5 } })],
      callee: callee({ outcomes: always('live') }),
    });
    const { events } = record(s);
    const positions = new Map(ofType(events, 'callback.created').map((e) => [e.callback, e]));
    const waiting = new Map<string, { key: number; since: number }>();
    let overtakes = 0;
    const serve = (id: string, t: number) => {
      const served = waiting.get(id)!;
      expect(served, id).toBeDefined();
      waiting.delete(id);
      for (const [other, w] of waiting) {
        expect(w.key, `${id} served at ${t} before ${other}`).toBeGreaterThanOrEqual(served.key);
        // A later caller who was already waiting when the callback was created, overtaken thanks to the original position.
        if (id.startsWith('cb') && other.startsWith('call') && w.since < positions.get(Number(id.slice(2)))!.t) overtakes++;
      }
    };
    for (const e of events) {
      if (e.type === 'call.arrived') waiting.set(`call${e.call}`, { key: e.t, since: e.t });
      else if (e.type === 'call.answered') serve(`call${e.call}`, e.t);
      else if (e.type === 'call.abandoned' || e.type === 'call.callbackAccepted') waiting.delete(`call${e.call}`);
      else if (e.type === 'callback.state' && e.to === 'queued') waiting.set(`cb${e.callback}`, { key: positions.get(e.callback)!.position, since: e.t });
      else if (e.type === 'callback.state' && e.from === 'queued') serve(`cb${e.callback}`, e.t);
    }
    expect(overtakes).toBeGreaterThan(0);
    for (const a of ofType(events, 'call.callbackAccepted')) expect(positions.get(a.callback)!.position).toBe(a.arrivedAt);
  });

  // Regression: a call put back in line after a missed alert keeps its callback offer.
  it('a caller whose offer to an agent was missed is still offered the callback', () => {
    const alertingTimeout = 8 * SECOND;
    const s = scenario({
      seed: 3,
      duration: 8 * HOUR,
      queues: [queue('q', { callback: callbackSettings({ alertingTimeout }) })],
      agents: [
        agents('slow', 1, ['q'], { answerTime: { kind: 'uniform', min: 0, max: 16 * SECOND }, notRespondingTime: 30 * SECOND }),
        agents('fast', 1, ['q']),
      ],
      inbound: [inbound('q', 50, constant(2 * MINUTE), { callbackOffer: { afterWait, acceptance: 1 } })],
      callee: callee({ outcomes: always('live') }),
    });
    const { events } = record(s);
    const queuedOnArrival = new Set<number>();
    withAgentStates(events, (e, _i, states) => {
      if (e.type === 'call.arrived' && countIn(states, 'idle') === 0) queuedOnArrival.add(e.call);
    });
    expect(queuedOnArrival.size).toBeGreaterThan(20);
    const late = ofType(events, 'call.answered').filter((a) => queuedOnArrival.has(a.call) && a.t - a.arrivedAt > afterWait + alertingTimeout);
    expect(late).toEqual([]);
  });

  // Regression: a call whose offer to an agent timed out went back through enqueue, which scheduled the ACD
  // voicemail prompt at the absolute time position + afterWait even when that time had passed, and the kernel
  // threw "cannot schedule call.voicemailPrompt at … the clock is already at …", aborting the run.
  it('a missed offer after the ACD voicemail time does not abort the run', () => {
    const s = scenario({
      seed: 3,
      duration: 8 * HOUR,
      queues: [
        queue('q', {
          callback: callbackSettings({ alertingTimeout: 8 * SECOND }),
          voicemail: { afterWait: MINUTE, probability: 0.5, listenTime: constant(10 * SECOND) },
        }),
      ],
      agents: [
        agents('slow', 1, ['q'], { answerTime: { kind: 'uniform', min: 0, max: 16 * SECOND }, notRespondingTime: 30 * SECOND }),
        agents('fast', 1, ['q']),
      ],
      inbound: [inbound('q', 50, constant(2 * MINUTE))],
      callee: callee({ outcomes: always('live') }),
    });
    const { events } = record(s);
    expect(ofType(events, 'callback.created').length).toBeGreaterThan(10);
  });

  it('callbackOffer.queue creates the callback on the named queue, where its agents serve it', () => {
    const s = scenario({
      seed: 12,
      duration: 6 * HOUR,
      queues: [queue('q'), queue('cbq')],
      agents: [agents('front', 1, ['q']), agents('back', 1, ['cbq'])],
      inbound: [inbound('q', 20, constant(10 * MINUTE), { callbackOffer: { afterWait, acceptance: 1, queue: 'cbq' } })],
      callee: callee({ outcomes: always('live') }),
    });
    const { events } = record(s);
    const accepted = ofType(events, 'call.callbackAccepted');
    expect(accepted.length).toBeGreaterThan(5);
    const created = new Map(ofType(events, 'callback.created').map((e) => [e.callback, e]));
    for (const a of accepted) {
      expect(a.queue).toBe('q');
      expect(created.get(a.callback)).toMatchObject({ queue: 'cbq', position: a.arrivedAt, kind: 'inQueue' });
    }
    const dials = ofType(events, 'callback.dialed');
    expect(dials.length).toBeGreaterThan(0);
    for (const d of dials) expect(d).toMatchObject({ queue: 'cbq', agent: 1 });
    for (const a of ofType(events, 'call.answered')) expect(a.agent).toBe(0);
    const kpis = simulate(s).kpis.queues;
    expect(kpis.cbq.created).toBe(accepted.length);
    expect(kpis.q.created).toBe(0);
    expect(kpis.q.callbackAccepted).toBe(accepted.length);
  });

  it('every call has its own id and leaves the system exactly once, however its slot is reused by later calls', () => {
    // Patience, callback offers, wrap-up and missed offers together: calls leave in every way while others arrive.
    const s = scenario({
      seed: 21,
      duration: 12 * HOUR,
      queues: [queue('q')],
      agents: [agents('a', 3, ['q'], { answerTime: { kind: 'uniform', min: SECOND, max: 12 * SECOND } })],
      inbound: [
        inbound('q', 90, { kind: 'exponential', mean: 2 * MINUTE }, {
          wrapUp: { kind: 'uniform', min: 0, max: 20 * SECOND },
          patience: { kind: 'exponential', mean: 3 * MINUTE },
          callbackOffer: { afterWait: 40 * SECOND, acceptance: 0.3 },
        }),
      ],
      callee: callee({ outcomes: always('live') }),
    });
    const { events, world } = record(s);
    const arrived = ofType(events, 'call.arrived').map((e) => e.call);
    expect(arrived).toEqual(Array.from({ length: arrived.length }, (_, i) => i + 1));
    const left = [
      ...ofType(events, 'call.ended').map((e) => e.call),
      ...ofType(events, 'call.abandoned').map((e) => e.call),
      ...ofType(events, 'call.callbackAccepted').map((e) => e.call),
    ];
    expect(new Set(left).size).toBe(left.length);
    expect(ofType(events, 'call.abandoned').length).toBeGreaterThan(20);
    expect(ofType(events, 'call.callbackAccepted').length).toBeGreaterThan(20);
    expect(arrived.length - left.length).toBe(world.inbound.inSystem);
    // Each answered call's events name the same arrival time and queue as its arrival.
    const arrivedAt = new Map(ofType(events, 'call.arrived').map((e) => [e.call, e.t]));
    for (const e of [...ofType(events, 'call.answered'), ...ofType(events, 'call.ended'), ...ofType(events, 'call.abandoned')]) {
      expect(e.arrivedAt).toBe(arrivedAt.get(e.call));
    }
  });
});
