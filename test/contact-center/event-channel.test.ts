import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactCenter } from '../../src/contact-center/world.js';
import { KpiCollector } from '../../src/metrics/collector.js';
import { collectorSetup } from '../../src/runner/simulate.js';
import { TYPED_EVENT_TYPES, type SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { parseScenario } from '../../src/scenario/index.js';

const DAY = 86_400_000;

/** The bundled scenario with every kind of callback (and every type of event), over its first two days. */
function everyKind(): Scenario {
  const file = join(import.meta.dirname, '../../scenarios/every-callback-kind.yaml');
  const { scenario } = parseScenario(readFileSync(file, 'utf8'), file);
  return { ...scenario, duration: 2 * DAY, warmup: DAY / 4 };
}

/** A run with the collector fed as `how` says, and, if `watch`, an rxjs subscriber that records every event. */
function run(how: 'typed' | 'objects', watch: boolean) {
  const scenario = everyKind();
  const world = new ContactCenter(scenario);
  const collector = new KpiCollector(collectorSetup(scenario, world));
  if (how === 'typed') world.attach(collector);
  else collector.observe(world.events$);
  const events: SimEvent[] = [];
  if (watch) world.events$.subscribe((e) => events.push(e));
  world.finish();
  return { report: collector.report(), events, world };
}

describe('EventChannel', () => {
  it('a collector given typed calls counts exactly what it counts from event objects', () => {
    const typed = run('typed', false);
    const objects = run('objects', false);
    expect(typed.report).toEqual(objects.report);
    expect(typed.report.total.created).toBeGreaterThan(0);
  });

  it('subscribers get the same event objects whether or not a typed sink is attached', () => {
    const withSink = run('typed', true);
    const without = run('objects', true);
    expect(withSink.events.length).toBeGreaterThan(1000);
    expect(new Set(withSink.events.map((e) => e.type))).toEqual(new Set(without.events.map((e) => e.type)));
    expect(JSON.stringify(withSink.events)).toBe(JSON.stringify(without.events));
    expect(withSink.report).toEqual(without.report);
    // Every typed type was published as objects too.
    for (const type of TYPED_EVENT_TYPES) expect(withSink.events.some((e) => e.type === type), type).toBe(true);
  });

  it('takes one typed sink, which wants every typed type and those it names', () => {
    const scenario = everyKind();
    const world = new ContactCenter(scenario);
    expect(world.wants('call.arrived')).toBe(false);
    const collector = new KpiCollector(collectorSetup(scenario, world));
    world.attach(collector);
    for (const type of TYPED_EVENT_TYPES) expect(world.wants(type)).toBe(true);
    expect(world.wants('queue.sample')).toBe(true);
    expect(world.wants('callback.state')).toBe(false);
    expect(world.wants('dialer.dialed')).toBe(false);
    const subscription = world.events$.subscribe(() => {});
    expect(world.wants('callback.state')).toBe(true);
    subscription.unsubscribe();
    expect(world.wants('callback.state')).toBe(false);
    expect(() => world.attach(new KpiCollector(collectorSetup(scenario, world)))).toThrow(/one typed sink/);
  });
});
