import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { EventChannel, type EventDetails } from '../../src/contact-center/event-channel.js';
import { ContactCenter } from '../../src/contact-center/world.js';
import { KpiCollector } from '../../src/metrics/collector.js';
import { eventAdapter } from '../../src/model/event-adapter.js';
import { EVENT_SPECS, type EventSpec } from '../../src/model/event-schema.js';
import { SIM_EVENT_TYPES, type AttemptResult, type CallbackKind, type SimEvent, type SimEventArgs, type SimEventSink } from '../../src/model/events.js';
import type { CallbackMode, DialOutcome } from '../../src/model/scenario.js';
import { collectorSetup } from '../../src/runner/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';

const DAY = 86_400_000;

/** The bundled scenario with every kind of callback, over its first two days, its queues on one outbound route of 4 lines (so that every type of event is published). */
function everyKind() {
  const file = join(import.meta.dirname, '../../scenarios/every-callback-kind.yaml');
  const { scenario } = parseScenario(readFileSync(file, 'utf8'), file);
  const queues = scenario.queues.map((q) => ({ ...q, callback: { ...q.callback, outboundRoute: 'edge' } }));
  return { ...scenario, queues, outboundRoutes: [{ id: 'edge', lines: 4 }], duration: 2 * DAY, warmup: DAY / 4 };
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

const QUEUES = ['sales', 'support', 'billing'];

/** Details of a made-up world of three queues. */
const details: EventDetails = {
  queueId: (queue) => QUEUES[queue],
  queueIndex: (id) => {
    const index = QUEUES.indexOf(id);
    if (index < 0) throw new Error(`unknown queue ${id}`);
    return index;
  },
  groupOf: (agent) => `group-${agent}`,
  dialDetails: (callback) => ({ number: `+1555010${callback}`, callerId: '+15550100999', callerName: callback % 2 === 1 ? 'Acme' : null }),
};

/** A sink that records each call it gets, by name, with its arguments. */
function recordingSink(): { sink: SimEventSink; calls: Array<[string, unknown[]]> } {
  const calls: Array<[string, unknown[]]> = [];
  const sink: Record<string, (...args: unknown[]) => void> = { complete: () => calls.push(['complete', []]) };
  for (const spec of EVENT_SPECS) sink[spec.call] = (...args) => calls.push([spec.call, args]);
  return { sink: sink as unknown as SimEventSink, calls };
}

/** An event of type `spec` with a distinct value in every field (`seed` varies them), details as `details` gives them. */
function sample(spec: EventSpec, seed: number): SimEvent {
  const e: Record<string, unknown> = { type: spec.type, t: 1000 * seed + 0.5 };
  spec.fields.forEach((f, i) => {
    if (f.detail !== null) {
      const found = (details[f.detail.lookup] as (x: unknown) => unknown)(e[f.detail.of]);
      e[f.name] = f.detail.pick === null ? found : (found as Record<string, unknown>)[f.detail.pick];
    } else if (f.nullable && seed % 2 === 0) e[f.name] = null;
    else if (f.kind === 'number') e[f.name] = 100 * seed + i;
    else if (f.kind === 'string') e[f.name] = `${f.name}-${seed}`;
    else if (f.kind === 'boolean') e[f.name] = (seed + i) % 2 === 0;
    else e[f.name] = QUEUES[(seed + i) % QUEUES.length];
  });
  return e as SimEvent;
}

/** The arguments of the typed call of `e`: `t`, then the fields the call takes, queues as indexes. */
function callArgs(spec: EventSpec, e: SimEvent): unknown[] {
  const fields = e as unknown as Record<string, unknown>;
  return [e.t, ...spec.params.map((f) => (f.kind === 'queue' ? QUEUES.indexOf(fields[f.name] as string) : fields[f.name]))];
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
    expect(withSink.report.routes!.edge.dialsWaitedForLine).toBeGreaterThan(0);
    // Two days publish every type but callback.analyticsEnded (14 days without an update), those of compliance settings
    // the scenario leaves off, the dial permit's waits (no calling hours, lockout or cap there) and dials outside calling
    // hours (none by construction).
    const published = new Set(withSink.events.map((e) => e.type));
    expect(SIM_EVENT_TYPES.filter((type) => !published.has(type))).toEqual(['callback.safeHarbourMessage', 'callback.amdFalsePositive', 'callback.permitWait', 'callback.dialedOutsideHours', 'callback.analyticsEnded']);
  });

  it('takes one typed sink, which wants every type', () => {
    const scenario = everyKind();
    const world = new ContactCenter(scenario);
    expect(world.wants('call.arrived')).toBe(false);
    const subscription = world.events$.subscribe(() => {});
    expect(world.wants('callback.state')).toBe(true);
    subscription.unsubscribe();
    expect(world.wants('callback.state')).toBe(false);
    world.attach(new KpiCollector(collectorSetup(scenario, world)));
    for (const type of SIM_EVENT_TYPES) expect(world.wants(type), type).toBe(true);
    expect(() => world.attach(new KpiCollector(collectorSetup(scenario, world)))).toThrow(/one typed sink/);
  });

  it('has one method per type of event, named as the schema names its typed call', () => {
    const channel = new EventChannel(details);
    expect(EVENT_SPECS.map((s) => s.type)).toEqual(SIM_EVENT_TYPES);
    for (const spec of EVENT_SPECS) {
      const method = (channel as unknown as Record<string, unknown>)[spec.call];
      expect(typeof method, spec.call).toBe('function');
      expect((method as (...args: unknown[]) => void).length, spec.call).toBe(1 + spec.params.length);
    }
  });

  it('gives an object emitted through emit to the sink as its typed call, with the same field values', () => {
    for (const seed of [1, 2]) {
      for (const spec of EVENT_SPECS) {
        const channel = new EventChannel(details);
        const { sink, calls } = recordingSink();
        channel.attach(sink);
        const e = sample(spec, seed);
        channel.emit(e);
        expect(calls, spec.type).toEqual([[spec.call, callArgs(spec, e)]]);
      }
    }
  });

  it('gives a typed call to the sink and, as the same object, to a stream observer', () => {
    for (const seed of [1, 2]) {
      for (const spec of EVENT_SPECS) {
        const channel = new EventChannel(details);
        const { sink, calls } = recordingSink();
        channel.attach(sink);
        const seen: SimEvent[] = [];
        channel.stream.listen({ next: (e) => seen.push(e), complete: () => {} });
        const e = sample(spec, seed);
        const args = callArgs(spec, e);
        (channel as unknown as Record<string, (...a: unknown[]) => void>)[spec.call](...args);
        expect(calls, spec.type).toEqual([[spec.call, args]]);
        expect(seen, spec.type).toEqual([e]);
        // Fields in the schema's order, as JSON shows them.
        expect(Object.keys(seen[0]), spec.type).toEqual(['type', 't', ...spec.fields.map((f) => f.name)]);
      }
    }
  });

  it('builds an object only for a stream that wants its type, and none without an observer', () => {
    const channel = new EventChannel({ ...details, queueId: () => expect.unreachable('no object is built') });
    channel.callArrived(1, 2, 0);
    const seen: SimEvent[] = [];
    channel.stream.listen({ next: (e) => seen.push(e), complete: () => {}, types: ['call.answered'] });
    channel.callArrived(1, 2, 0);
    expect(seen).toEqual([]);
  });

  it('the event adapter makes the same typed call as emit, and a typed call made from it rebuilds the object', () => {
    const adapt = eventAdapter(details.queueIndex);
    for (const spec of EVENT_SPECS) {
      const e = sample(spec, 3);
      const { sink, calls } = recordingSink();
      adapt(sink, e);
      expect(calls, spec.type).toEqual([[spec.call, callArgs(spec, e)]]);
      const channel = new EventChannel(details);
      const seen: SimEvent[] = [];
      channel.stream.listen({ next: (x) => seen.push(x), complete: () => {} });
      (channel as unknown as Record<string, (...a: unknown[]) => void>)[spec.call](...calls[0][1]);
      expect(seen, spec.type).toEqual([e]);
    }
    expect(() => adapt(recordingSink().sink, { type: 'call.nope', t: 0 } as unknown as SimEvent)).toThrow(/no event type "call.nope"/);
  });

  it('turns queue ids into indexes and leaves details out, as in these hand-written cases', () => {
    const channel = new EventChannel(details);
    const { sink, calls } = recordingSink();
    channel.attach(sink);
    channel.emit({ type: 'call.transferred', t: 5, call: 7, from: 'billing', to: 'sales', arrivedAt: 1, flows: 2 });
    channel.emit({ type: 'agent.state', t: 6, agent: 3, group: 'group-3', from: 'idle', to: 'busy' });
    channel.emit({
      type: 'callback.dialed',
      t: 7,
      callback: 9,
      queue: 'support',
      attempt: 1,
      agent: -1,
      createdAt: 2,
      dueAt: 3,
      number: '+15550109',
      callerId: '+15550100999',
      callerName: 'Acme',
    });
    channel.complete();
    expect(calls).toEqual([
      ['callTransferred', [5, 7, 2, 0, 1, 2]],
      ['agentState', [6, 3, 'idle', 'busy']],
      ['callbackDialed', [7, 9, 1, 1, -1, 2, 3]],
      ['complete', []],
    ]);
  });

  it('keeps the parameter lists of the typed calls', () => {
    expectTypeOf<SimEventArgs<'call.arrived'>>().toEqualTypeOf<[number, number, number]>();
    expectTypeOf<SimEventArgs<'call.answered'>>().toEqualTypeOf<[number, number, number, number, number]>();
    expectTypeOf<SimEventArgs<'call.abandoned'>>().toEqualTypeOf<[number, number, number, number]>();
    expectTypeOf<SimEventArgs<'call.callbackAccepted'>>().toEqualTypeOf<[number, number, number, number, number]>();
    expectTypeOf<SimEventArgs<'call.ended'>>().toEqualTypeOf<[number, number, number, number, number, number]>();
    expectTypeOf<SimEventArgs<'callback.created'>>().toEqualTypeOf<[number, number, number, CallbackKind, CallbackMode, number]>();
    expectTypeOf<SimEventArgs<'callback.dialed'>>().toEqualTypeOf<[number, number, number, number, number, number, number]>();
    expectTypeOf<SimEventArgs<'callback.attemptEnded'>>().toEqualTypeOf<
      [number, number, number, number, AttemptResult, DialOutcome | null, number, number, number]
    >();
    expectTypeOf<SimEventArgs<'callback.answered'>>().toEqualTypeOf<[number, number, number, number, boolean]>();
    expectTypeOf<SimEventArgs<'callback.connected'>>().toEqualTypeOf<[number, number, number, number, number, number, number]>();
    expectTypeOf<SimEventArgs<'callback.ended'>>().toEqualTypeOf<[number, number, number, string, number, number]>();
    expectTypeOf<SimEventArgs<'agent.state'>>().toEqualTypeOf<[number, number, string, string]>();
    expectTypeOf<SimEventArgs<'dialer.inFlight'>>().toEqualTypeOf<[number, number, number]>();
    expectTypeOf<SimEventArgs<'callback.state'>>().toEqualTypeOf<[number, number, number, string, string, string]>();
    expectTypeOf<SimEventArgs<'call.transferred'>>().toEqualTypeOf<[number, number, number, number, number, number]>();
    expectTypeOf<SimEventArgs<'operation'>>().toEqualTypeOf<[number, string, number, string | null, number, boolean, string | null]>();
    expectTypeOf<SimEventSink['attemptEnded']>().parameters.toEqualTypeOf<SimEventArgs<'callback.attemptEnded'>>();
    expectTypeOf<EventChannel['callbackState']>().toEqualTypeOf<SimEventSink['callbackState']>();
  });
});
