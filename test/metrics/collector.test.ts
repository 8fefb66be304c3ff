import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ContactCenter } from '../../src/contact-center/world.js';
import { EventStream } from '../../src/kernel/event-stream.js';
import { COUNTED_EVENT_TYPES, KpiCollector } from '../../src/metrics/collector.js';
import { SIM_EVENT_TYPES, type SimEvent, type SimEventType } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { collectorSetup, simulate } from '../../src/runner/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';
import { record } from '../helpers/record.js';

const DAY = 86_400_000;

/** The bundled scenario with every kind of callback, over its first two days. */
function everyKind(): Scenario {
  const file = join(import.meta.dirname, '../../scenarios/every-callback-kind.yaml');
  const { scenario } = parseScenario(readFileSync(file, 'utf8'), file);
  return { ...scenario, duration: 2 * DAY, warmup: DAY / 4 };
}

describe('KpiCollector', () => {
  it('counts every type of event except callback.state and dialer.dialed', () => {
    const all: SimEventType[] = [
      'call.arrived', 'call.answered', 'call.abandoned', 'call.callbackAccepted', 'call.ended', 'call.voicemail', 'call.transferred',
      'call.flowError', 'callback.created', 'callback.state', 'callback.dialed', 'callback.attemptEnded', 'callback.answered', 'callback.complianceAbandoned', 'callback.safeHarbourMessage', 'callback.amdFalsePositive', 'callback.permitWait', 'callback.dialedOutsideHours',
      'callback.connected', 'callback.ended', 'callback.analyticsEnded', 'operation', 'campaign.dialed', 'agent.state', 'dialer.dialed',
      'dialer.inFlight', 'route.lines', 'route.lineWaited', 'queue.sample',
    ];
    expect([...SIM_EVENT_TYPES].sort()).toEqual([...all].sort());
    expect([...COUNTED_EVENT_TYPES].sort()).toEqual(all.filter((t) => t !== 'callback.state' && t !== 'dialer.dialed').sort());
  });

  it('counts agent time by the tags of the agent states, interval by interval', () => {
    const HOUR = 3_600_000;
    const collector = new KpiCollector({
      queues: [{ id: 'q', serviceLevelThreshold: 20_000 }],
      agentGroups: ['a', 'b'],
      warmup: HOUR,
      horizon: 6 * HOUR,
      startEpochMs: 0,
    });
    // Agent 0: idle 0.5 h before the warm-up's end (not counted), then idle 1 h, alerting, busy and
    // wrap-up (working) 1.5 h across interval bounds, not responding 0.5 h, idle to the horizon.
    collector.agentState(0.5 * HOUR, 0, 'offline', 'idle');
    collector.agentState(2 * HOUR, 0, 'idle', 'alerting');
    collector.agentState(2.25 * HOUR, 0, 'alerting', 'busy');
    collector.agentState(3.25 * HOUR, 0, 'busy', 'wrapUp');
    collector.agentState(3.5 * HOUR, 0, 'wrapUp', 'notResponding');
    collector.agentState(4 * HOUR, 0, 'notResponding', 'idle');
    // Agent 1: on queue for one hour only.
    collector.agentState(4 * HOUR, 1, 'offline', 'idle');
    collector.agentState(5 * HOUR, 1, 'idle', 'offline');
    collector.complete();
    const { agents, intervals } = collector.report();
    expect(agents).toMatchObject({ staffedHours: 6, busyHours: 1.5, idleHours: 4, notRespondingHours: 0.5, occupancy: 0.25 });
    expect(agents.groups.a).toMatchObject({ staffedHours: 5, busyHours: 1.5, idleHours: 3 });
    expect(agents.groups.b).toMatchObject({ staffedHours: 1, busyHours: 0, idleHours: 1 });
    expect(intervals.map((i) => i.agents.occupancy)).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(intervals.map((i) => i.agents.staffedHours)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 0.5, 0.5]);
    expect(() => collector.agentState(6 * HOUR, 0, 'idle', 'onBreak')).toThrow(/'onBreak' is not a state of the agent machine/);
  });

  it('listens to an EventStream directly, asking only for the types it counts', () => {
    const stream = new EventStream<SimEvent>();
    const scenario = everyKind();
    const world = new ContactCenter(scenario);
    const collector = new KpiCollector(collectorSetup(scenario, world));
    const subscription = collector.observe(stream);
    expect(stream.observed).toBe(true);
    expect(stream.wants('call.arrived')).toBe(true);
    expect(stream.wants('callback.state')).toBe(false);
    expect(stream.wants('dialer.dialed')).toBe(false);
    subscription.unsubscribe();
    expect(stream.observed).toBe(false);
  });

  it('gives the same report fed through an EventStream, a plain rxjs Subject, or onEvent', () => {
    const scenario = everyKind();
    const { events, world } = record(scenario);
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThan(15);
    const reports = ['stream', 'subject', 'onEvent'].map((how) => {
      const collector = new KpiCollector(collectorSetup(scenario, world));
      if (how === 'onEvent') {
        for (const e of events) collector.onEvent(e);
        collector.close(scenario.duration);
        return collector.report();
      }
      const source = how === 'stream' ? new EventStream<SimEvent>() : new Subject<SimEvent>();
      collector.observe(source);
      for (const e of events) source.next(e);
      source.complete();
      return collector.report();
    });
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });

  it('the KPIs of a run do not depend on whether anyone else watches its events', () => {
    const scenario = everyKind();
    const alone = JSON.stringify(simulate(scenario));
    // A run with an rxjs subscriber besides the collector publishes every event (callback.state too).
    const { events } = record(scenario);
    expect(events.some((e) => e.type === 'callback.state')).toBe(true);
    const world = new ContactCenter(scenario);
    const collector = new KpiCollector(collectorSetup(scenario, world));
    collector.observe(world.events$);
    world.events$.subscribe(() => {});
    world.finish();
    const watched = collector.report();
    expect(watched.total).toEqual(JSON.parse(alone).kpis.total);
    expect(watched.queues).toEqual(JSON.parse(alone).kpis.queues);
  });
});
