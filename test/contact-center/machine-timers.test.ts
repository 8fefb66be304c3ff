import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MachineTimers } from '../../src/contact-center/machine-timers.js';
import { Simulator } from '../../src/kernel/simulator.js';

const FC = { seed: 0x71e5, numRuns: 200 };

describe('MachineTimers', () => {
  it('delivers each timer once at its time, unless cancelled or restarted; a restart replaces the pending one', () => {
    const op = fc.record({
      at: fc.integer({ min: 0, max: 50 }),
      engine: fc.integer({ min: 0, max: 1 }),
      entity: fc.integer({ min: 0, max: 4 }),
      id: fc.constantFrom('a', 'b', 'c'),
      cancel: fc.boolean(),
      delay: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const sim = new Simulator(16);
        const timers = new MachineTimers(sim);
        const got: string[] = [];
        const engines = [0, 1].map((e) => timers.forEngine<number>((entity, event) => got.push(`${sim.now} ${e}/${entity} ${event}`)));
        const kick = sim.register('kick', (i) => {
          const o = ops[i];
          if (o.cancel) engines[o.engine].cancelDelay(o.entity, o.id);
          else engines[o.engine].delay(o.entity, o.id, o.delay, i);
        });
        ops.forEach((o, i) => sim.schedule(o.at, kick, i));
        // The model: the pending timer of each (engine, entity, id), replayed in time order. The kicks were
        // scheduled first, so a timer due at a kick's time fires after the kick.
        const expected: string[] = [];
        const byTime = ops.map((o, i) => ({ o, i })).sort((x, y) => x.o.at - y.o.at || x.i - y.i);
        const pending = new Map<string, { due: number; event: number; order: number }>();
        let order = 0;
        const fireUntil = (t: number, inclusive: boolean) => {
          for (;;) {
            let next: [string, { due: number; event: number; order: number }] | undefined;
            for (const entry of pending) if ((inclusive ? entry[1].due <= t : entry[1].due < t) && (!next || entry[1].due < next[1].due || (entry[1].due === next[1].due && entry[1].order < next[1].order))) next = entry;
            if (!next) return;
            pending.delete(next[0]);
            const [e, entity] = next[0].split('/');
            expected.push(`${next[1].due} ${e}/${entity} ${next[1].event}`);
          }
        };
        for (const { o, i } of byTime) {
          fireUntil(o.at, false);
          const key = `${o.engine}/${o.entity}/${o.id}`;
          if (o.cancel) pending.delete(key);
          else pending.set(key, { due: o.at + o.delay, event: i, order: order++ });
        }
        fireUntil(Infinity, true);
        sim.run(Infinity);
        expect(got).toEqual(expected);
        expect(timers.pending).toBe(0);
      }),
      FC,
    );
  });

  it('counts pending timers and refuses entity ids that are not non-negative integers', () => {
    const sim = new Simulator();
    const timers = new MachineTimers(sim);
    const engine = timers.forEngine<string>(() => {});
    engine.delay(1000, 'x', 5, 'e');
    engine.delay(1000, 'y', 5, 'e');
    engine.delay(3, 'x', 5, 'e');
    expect(timers.pending).toBe(3);
    engine.cancelDelay(1000, 'x');
    engine.cancelDelay(1000, 'x');
    expect(timers.pending).toBe(2);
    expect(() => engine.delay(-1, 'x', 5, 'e')).toThrow(RangeError);
    expect(() => engine.delay(1.5, 'x', 5, 'e')).toThrow(RangeError);
    sim.run(Infinity);
    expect(timers.pending).toBe(0);
  });
});
