import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/kernel/simulator.js';

const FC = { seed: 0x5eed, numRuns: 200 };

/** A simulator with one kind whose handler logs `[now, target]`. */
function logging() {
  const sim = new Simulator(16);
  const log: Array<[number, number]> = [];
  const kind = sim.register('log', (target) => log.push([sim.now, target]));
  return { sim, log, kind };
}

describe('Simulator', () => {
  it('run(until) handles events with time ≤ until in (time, schedule) order and leaves now at until', () => {
    const { sim, log, kind } = logging();
    sim.schedule(30, kind, 3);
    sim.schedule(10, kind, 1);
    sim.schedule(50, kind, 5);
    sim.schedule(10, kind, 2);
    sim.schedule(50.5, kind, 6);
    sim.run(50);
    expect(log).toEqual([[10, 1], [10, 2], [30, 3], [50, 5]]);
    expect(sim.now).toBe(50);
    expect(sim.pending).toBe(1);
    sim.run(100);
    expect(log.at(-1)).toEqual([50.5, 6]);
    expect(sim.now).toBe(100);
  });

  it('moves now to until even when nothing is scheduled, and never backwards', () => {
    const { sim } = logging();
    sim.run(1000);
    expect(sim.now).toBe(1000);
    sim.run(500);
    expect(sim.now).toBe(1000);
  });

  it('run(Infinity) drains the heap and leaves now at the last event', () => {
    const { sim, log, kind } = logging();
    sim.schedule(7, kind, 1);
    sim.schedule(42, kind, 2);
    sim.run(Infinity);
    expect(log).toEqual([[7, 1], [42, 2]]);
    expect(sim.now).toBe(42);
  });

  it('handles random schedules in (time, schedule order) order', () => {
    const times = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 100 });
    fc.assert(
      fc.property(times, fc.integer({ min: 0, max: 25 }), (ats, until) => {
        const { sim, log, kind } = logging();
        ats.forEach((at, i) => sim.schedule(at, kind, i));
        sim.run(until);
        const expected = ats
          .map((at, i) => [at, i] as [number, number])
          .filter(([at]) => at <= until)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(log).toEqual(expected);
        expect(sim.eventsHandled).toBe(expected.length);
        expect(sim.now).toBe(until);
      }),
      FC,
    );
  });

  it('runs events scheduled during handling at the same time after those already queued', () => {
    const sim = new Simulator();
    const order: string[] = [];
    const kind = sim.register('step', (target) => {
      order.push(`e${target}`);
      if (target === 1) {
        sim.schedule(sim.now, kind, 3);
        sim.after(0, kind, 4);
      }
    });
    sim.schedule(10, kind, 1);
    sim.schedule(10, kind, 2);
    sim.run(10);
    expect(order).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('cancel prevents a pending event and does not affect others', () => {
    const { sim, log, kind } = logging();
    sim.schedule(5, kind, 1);
    const h = sim.schedule(5, kind, 2);
    sim.schedule(6, kind, 3);
    sim.cancel(h);
    sim.run(10);
    expect(log).toEqual([[5, 1], [6, 3]]);
    expect(sim.eventsHandled).toBe(2);
    expect(sim.pending).toBe(0);
  });

  it('a handler can cancel a later event at the same time', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    let victim = 0;
    const kind = sim.register('k', (target) => {
      seen.push(target);
      if (target === 1) sim.cancel(victim);
    });
    sim.schedule(3, kind, 1);
    victim = sim.schedule(3, kind, 2);
    sim.schedule(3, kind, 3);
    sim.run(3);
    expect(seen).toEqual([1, 3]);
  });

  it('a cancelled random subset is exactly what is not handled', () => {
    const plan = fc.array(fc.record({ at: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), { maxLength: 80 });
    fc.assert(
      fc.property(plan, (events) => {
        const { sim, log, kind } = logging();
        const handles = events.map((e, i) => sim.schedule(e.at, kind, i));
        events.forEach((e, i) => e.cancel && sim.cancel(handles[i]));
        sim.run(50);
        const kept = events.map((e, i) => ({ ...e, i })).filter((e) => !e.cancel);
        expect(log.map(([, t]) => t).sort((a, b) => a - b)).toEqual(kept.map((e) => e.i));
        expect(sim.eventsHandled).toBe(kept.length);
      }),
      FC,
    );
  });

  it('throws a RangeError when scheduling in the past (or at NaN)', () => {
    const { sim, kind } = logging();
    sim.run(100);
    expect(() => sim.schedule(99, kind, 0)).toThrow(RangeError);
    expect(() => sim.after(-1, kind, 0)).toThrow(RangeError);
    expect(() => sim.schedule(Number.NaN, kind, 0)).toThrow(RangeError);
    expect(sim.pending).toBe(0);
    expect(() => sim.schedule(100, kind, 0)).not.toThrow();
  });

  it('names the kind in the RangeError message', () => {
    const sim = new Simulator();
    const kind = sim.register('retry-timer', () => {});
    sim.run(10);
    expect(() => sim.schedule(1, kind, 0)).toThrow(/retry-timer/);
  });

  it('stop() makes run return after the current event, and a later run resumes', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const kind = sim.register('k', (target) => {
      seen.push(target);
      if (target === 2) sim.stop();
    });
    for (let i = 1; i <= 4; i++) sim.schedule(i * 10, kind, i);
    sim.run(100);
    expect(seen).toEqual([1, 2]);
    expect(sim.now).toBe(20);
    expect(sim.pending).toBe(2);
    sim.run(100);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(sim.now).toBe(100);
  });

  it('a stop() outside run does not stop the next run', () => {
    const { sim, log, kind } = logging();
    sim.schedule(1, kind, 1);
    sim.schedule(2, kind, 2);
    sim.stop();
    sim.run(5);
    expect(log).toHaveLength(2);
  });

  it('after(delay) schedules relative to now', () => {
    const { sim, log, kind } = logging();
    const kick = sim.register('kick', () => sim.after(25, kind, 9));
    sim.schedule(100, kick, 0);
    sim.run(1000);
    expect(log).toEqual([[125, 9]]);
  });

  it('eventsHandled counts only handled events', () => {
    const { sim, kind } = logging();
    const a = sim.schedule(1, kind, 0);
    sim.schedule(2, kind, 0);
    sim.schedule(3, kind, 0);
    sim.schedule(30, kind, 0);
    sim.cancel(a);
    sim.run(10);
    expect(sim.eventsHandled).toBe(2);
    sim.run(30);
    expect(sim.eventsHandled).toBe(3);
  });

  it('register returns distinct kinds and kindName gives their names', () => {
    const sim = new Simulator();
    const a = sim.register('arrival', () => {});
    const b = sim.register('departure', () => {});
    expect(a).not.toBe(b);
    expect(sim.kindName(a)).toBe('arrival');
    expect(sim.kindName(b)).toBe('departure');
    expect(sim.kindName(99)).toBe('#99');
  });

  it('dispatches each event to the handler of its kind with its target', () => {
    const sim = new Simulator();
    const calls: string[] = [];
    const a = sim.register('a', (t) => calls.push(`a${t}`));
    const b = sim.register('b', (t) => calls.push(`b${t}`));
    sim.schedule(1, b, 7);
    sim.schedule(2, a, -3);
    sim.run(2);
    expect(calls).toEqual(['b7', 'a-3']);
  });

  it('cancelling a handle twice, or many handles that share low bits, cancels exactly those events', () => {
    const { sim, log, kind } = logging();
    const handles = Array.from({ length: 10_000 }, (_, i) => sim.schedule(i, kind, i));
    // Every 4096th handle shares its low bits with the others of its class.
    const victims = handles.filter((_, i) => i % 4096 === 7 || i % 3 === 0);
    for (const h of victims) sim.cancel(h);
    sim.cancel(victims[0]);
    sim.run(Infinity);
    const cancelled = new Set(victims);
    expect(log.map(([, t]) => t)).toEqual(handles.map((h, i) => (cancelled.has(h) ? -1 : i)).filter((i) => i >= 0));
    expect(sim.pending).toBe(0);
  });
});

describe('Simulator delay lines', () => {
  it('an event on a delay line comes the line\'s delay after it was scheduled', () => {
    const { sim, log, kind } = logging();
    const line = sim.delayLine(1000);
    const kick = sim.register('kick', (target) => sim.scheduleOn(line, kind, target));
    sim.schedule(5, kick, 1);
    sim.schedule(7, kick, 2);
    expect(sim.pending).toBe(2);
    sim.run(Infinity);
    expect(log).toEqual([[1005, 1], [1007, 2]]);
  });

  it('events on delay lines and on the heap come in (time, schedule order) order, as if all were given to after()', () => {
    const step = fc.record({
      at: fc.integer({ min: 0, max: 30 }),
      line: fc.integer({ min: -1, max: 2 }), // -1: after() with a random delay, else that line
      delay: fc.integer({ min: 0, max: 20 }),
      cancel: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.constantFrom(0, 5, 10), (steps, lineDelay) => {
        const delays = [lineDelay, lineDelay + 3, 0];
        // The same schedule twice: with delay lines, and with after() only.
        const run = (useLines: boolean) => {
          const sim = new Simulator(16);
          const log: Array<[number, number]> = [];
          const lines = delays.map((d) => sim.delayLine(d));
          const kind = sim.register('log', (target) => log.push([sim.now, target]));
          const handles: number[] = [];
          const kick = sim.register('kick', (i) => {
            const s = steps[i];
            const delay = s.line < 0 ? s.delay : delays[s.line];
            handles[i] = useLines && s.line >= 0 ? sim.scheduleOn(lines[s.line], kind, i) : sim.after(delay, kind, i);
            // Cancel an earlier step's event, if it is still pending, now and then.
            if (s.cancel && i > 0 && handles[i - 1] !== undefined && !log.some(([, t]) => t === i - 1)) sim.cancel(handles[i - 1]);
          });
          steps.forEach((s, i) => sim.schedule(s.at, kick, i));
          sim.run(40);
          const early = [...log];
          sim.run(Infinity);
          return { early, log, pending: sim.pending, handled: sim.eventsHandled };
        };
        expect(run(true)).toEqual(run(false));
      }),
      FC,
    );
  });

  it('a delay line grows and reuses its room as events come and go', () => {
    const { sim, log, kind } = logging();
    const line = sim.delayLine(50);
    const kick = sim.register('kick', (target) => sim.scheduleOn(line, kind, target));
    for (let i = 0; i < 1000; i++) sim.schedule(i, kick, i);
    sim.run(Infinity);
    expect(log).toEqual(Array.from({ length: 1000 }, (_, i) => [i + 50, i]));
  });

  it('refuses a delay that is negative, not finite or NaN', () => {
    const sim = new Simulator();
    for (const delay of [-1, Infinity, Number.NaN]) expect(() => sim.delayLine(delay)).toThrow(RangeError);
  });
});

describe('Simulator lanes', () => {
  it('events on lanes, delay lines and the heap come in (time, schedule order) order, as if all were given to schedule()', () => {
    // Each of three streams schedules its next event when one fires, at a time that never decreases (as an arrival stream does).
    const stream = fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 25 });
    fc.assert(
      fc.property(fc.array(stream, { minLength: 3, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }), fc.boolean(), (gaps, others, cancelSome) => {
        const run = (useLanes: boolean) => {
          const sim = new Simulator(16);
          const log: Array<[number, number]> = [];
          const lanes = gaps.map(() => sim.lane());
          const line = sim.delayLine(4);
          const next = gaps.map(() => 0);
          const scheduleNext = (s: number) => {
            const i = next[s]++;
            if (i >= gaps[s].length) return;
            const at = sim.now + gaps[s][i];
            const handle = useLanes ? sim.scheduleInLane(lanes[s], at, fire, s) : sim.schedule(at, fire, s);
            if (cancelSome && gaps[s][i] === 7) sim.cancel(handle);
          };
          const fire: number = sim.register('fire', (s) => {
            log.push([sim.now, s]);
            scheduleNext(s);
          });
          const other = sim.register('other', (i) => {
            log.push([sim.now, 100 + i]);
            if (i % 2 === 0) sim.scheduleOn(line, other, i + 1);
          });
          gaps.forEach((_, s) => scheduleNext(s));
          others.forEach((at, i) => sim.schedule(at, other, i * 2));
          sim.run(30);
          const early = [...log];
          sim.run(Infinity);
          return { early, log, handled: sim.eventsHandled, pending: sim.pending };
        };
        expect(run(true)).toEqual(run(false));
      }),
      FC,
    );
  });

  it('refuses an event before now, before the lane\'s last one, or a lane given to scheduleOn', () => {
    const { sim, kind } = logging();
    const lane = sim.lane();
    sim.scheduleInLane(lane, 10, kind, 1);
    expect(() => sim.scheduleInLane(lane, 9, kind, 2)).toThrow(RangeError);
    sim.scheduleInLane(lane, 10, kind, 3);
    sim.run(10);
    expect(() => sim.scheduleInLane(lane, 5, kind, 4)).toThrow(RangeError);
    const line = sim.delayLine(5);
    expect(() => sim.scheduleInLane(line, 20, kind, 5)).toThrow(RangeError);
  });
});

describe('Simulator progress hook', () => {
  it('is called after every n-th event handled, with the count and the clock, across runs', () => {
    const { sim, kind } = logging();
    for (let i = 0; i < 10; i++) sim.schedule(i * 10, kind, i);
    const calls: Array<[number, number]> = [];
    sim.onProgress(3, (events, now) => calls.push([events, now]));
    sim.run(45);
    sim.run(Infinity);
    expect(calls).toEqual([[3, 20], [6, 50], [9, 80]]);
  });

  it('does not count cancelled events, and stops when the hook is removed', () => {
    const { sim, kind } = logging();
    const handles = Array.from({ length: 6 }, (_, i) => sim.schedule(i, kind, i));
    sim.cancel(handles[1]);
    const calls: number[] = [];
    sim.onProgress(2, (events) => calls.push(events));
    sim.run(3);
    sim.onProgress(0, undefined);
    sim.run(Infinity);
    expect(calls).toEqual([2]);
    expect(sim.eventsHandled).toBe(5);
  });

  it('refuses a step that is not a whole number of events', () => {
    expect(() => new Simulator().onProgress(0, () => {})).toThrow(RangeError);
    expect(() => new Simulator().onProgress(1.5, () => {})).toThrow(RangeError);
  });

  it('only observes: the same schedule runs the same with and without it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 80 }), fc.integer({ min: 1, max: 7 }), (ats, every) => {
        const plain = logging();
        const hooked = logging();
        ats.forEach((at, i) => plain.sim.schedule(at, plain.kind, i));
        ats.forEach((at, i) => hooked.sim.schedule(at, hooked.kind, i));
        let calls = 0;
        hooked.sim.onProgress(every, () => calls++);
        plain.sim.run(Infinity);
        hooked.sim.run(Infinity);
        expect(hooked.log).toEqual(plain.log);
        expect(calls).toBe(Math.floor(ats.length / every));
      }),
      FC,
    );
  });
});
