import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ContactCenter } from '../../src/contact-center/world.js';
import { EventStream } from '../../src/kernel/event-stream.js';
import { COUNTED_EVENT_TYPES, KpiCollector } from '../../src/metrics/collector.js';
import type { SimEvent, SimEventType } from '../../src/model/events.js';
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
      'call.flowError', 'callback.created', 'callback.state', 'callback.dialed', 'callback.attemptEnded', 'callback.answered',
      'callback.connected', 'callback.ended', 'callback.analyticsEnded', 'operation', 'campaign.dialed', 'agent.state', 'dialer.dialed',
      'dialer.inFlight', 'queue.sample',
    ];
    expect([...COUNTED_EVENT_TYPES].sort()).toEqual(all.filter((t) => t !== 'callback.state' && t !== 'dialer.dialed').sort());
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
