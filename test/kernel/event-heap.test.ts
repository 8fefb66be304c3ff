import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../src/kernel/event-heap.js';

/** Fixed seed so property runs are reproducible. */
const FC = { seed: 0x5eed, numRuns: 300 };

interface Entry {
  time: number;
  seq: number;
  kind: number;
  target: number;
}

function byTimeThenSeq(a: Entry, b: Entry): number {
  return a.time - b.time || a.seq - b.seq;
}

function popEntry(heap: EventHeap): Entry | undefined {
  if (!heap.pop()) return undefined;
  return { time: heap.time, seq: heap.seq, kind: heap.kind, target: heap.target };
}

function drain(heap: EventHeap): Entry[] {
  const out: Entry[] = [];
  for (let e = popEntry(heap); e; e = popEntry(heap)) out.push(e);
  return out;
}

// Few distinct small times make ties common; doubles exercise the general order.
const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 8 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
);
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
type Op = { op: 'push'; time: number; kind: number; target: number } | { op: 'pop' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('push' as const), time: timeArb, kind: int32, target: int32 }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
);

describe('EventHeap', () => {
  it('matches a sorted-array model for interleaved pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const heap = new EventHeap(1); // minimum capacity (16): growth is exercised
        const model: Entry[] = [];
        let seq = 1;
        for (const op of ops) {
          if (op.op === 'push') {
            const entry = { time: op.time, seq: seq++, kind: op.kind, target: op.target };
            heap.push(entry.time, entry.seq, entry.kind, entry.target);
            model.push(entry);
            model.sort(byTimeThenSeq);
          } else {
            const expected = model.shift();
            const got = popEntry(heap);
            expect(got).toEqual(expected);
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peekTime()).toBe(model.length > 0 ? model[0].time : Infinity);
          if (model.length > 0) {
            expect(heap.peekSeq()).toBe(model[0].seq);
            expect(heap.peekTarget()).toBe(model[0].target);
          }
        }
        expect(drain(heap)).toEqual(model);
      }),
      FC,
    );
  });

  it('orders by (time, seq) whatever order the sequence numbers are pushed in', () => {
    const entries = fc.uniqueArray(
      fc.record({ time: fc.integer({ min: 0, max: 5 }), seq: fc.integer({ min: 1, max: 1e6 }), kind: int32, target: int32 }),
      { selector: (e) => e.seq, maxLength: 200 },
    );
    fc.assert(
      fc.property(entries, (list) => {
        const heap = new EventHeap(16);
        for (const e of list) heap.push(e.time, e.seq, e.kind, e.target);
        expect(drain(heap)).toEqual([...list].sort(byTimeThenSeq));
      }),
      FC,
    );
  });

  it('pops entries with equal times in push order', () => {
    const heap = new EventHeap();
    for (let i = 1; i <= 50; i++) heap.push(i % 2 === 0 ? 10 : 20, i, 0, i);
    const targets = drain(heap).map((e) => e.target);
    const evens = Array.from({ length: 25 }, (_, i) => 2 * (i + 1));
    const odds = Array.from({ length: 25 }, (_, i) => 2 * i + 1);
    expect(targets).toEqual([...evens, ...odds]);
  });

  it('grows beyond its initial capacity and keeps every payload', () => {
    const heap = new EventHeap(16);
    const n = 5000;
    for (let i = 0; i < n; i++) heap.push(n - i, i + 1, -i - 1, i * 7);
    expect(heap.size).toBe(n);
    const out = drain(heap);
    expect(out).toHaveLength(n);
    for (let k = 0; k < n; k++) {
      const i = n - 1 - k; // the last pushed has the smallest time
      expect(out[k]).toEqual({ time: k + 1, seq: i + 1, kind: -i - 1, target: i * 7 });
    }
  });

  it('keeps extreme Int32 payloads intact', () => {
    const heap = new EventHeap();
    heap.push(1, 1, 2 ** 31 - 1, -(2 ** 31));
    expect(heap.pop()).toBe(true);
    expect([heap.kind, heap.target]).toEqual([2 ** 31 - 1, -(2 ** 31)]);
  });

  it('exposes the earliest entry through the peek accessors without removing it', () => {
    const heap = new EventHeap();
    expect(heap.peekTime()).toBe(Infinity);
    heap.push(30, 1, 0, 300);
    heap.push(10, 2, 0, 100);
    heap.push(20, 3, 0, 200);
    expect(heap.peekTime()).toBe(10);
    expect(heap.peekSeq()).toBe(2);
    expect(heap.peekTarget()).toBe(100);
    expect(heap.size).toBe(3);
    heap.pop();
    expect([heap.peekTime(), heap.peekSeq(), heap.peekTarget()]).toEqual([20, 3, 200]);
  });

  it('returns false from pop when empty and leaves the last popped fields alone', () => {
    const heap = new EventHeap();
    expect(heap.pop()).toBe(false);
    heap.push(5, 9, 3, 4);
    expect(heap.pop()).toBe(true);
    expect(heap.pop()).toBe(false);
    expect([heap.time, heap.seq, heap.kind, heap.target]).toEqual([5, 9, 3, 4]);
  });

  it('clear empties the heap and the heap stays usable', () => {
    const heap = new EventHeap(16);
    for (let i = 0; i < 40; i++) heap.push(i, i + 1, 0, i);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.peekTime()).toBe(Infinity);
    expect(heap.pop()).toBe(false);
    heap.push(7, 100, 1, 70);
    heap.push(3, 101, 1, 30);
    expect(drain(heap).map((e) => e.target)).toEqual([30, 70]);
  });
});
