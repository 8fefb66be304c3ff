import { filter, lastValueFrom, map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { EventStream, type DirectObserver } from '../../src/kernel/event-stream.js';

type Item = { type: 'a'; n: number } | { type: 'b'; n: number } | { type: 'c'; n: number };

/** A direct observer that records what it gets. */
function recorder(types?: Array<Item['type']>) {
  const items: Item[] = [];
  let completed = 0;
  const observer: DirectObserver<Item> = {
    next: (item) => items.push(item),
    complete: () => completed++,
    ...(types && { types }),
  };
  return { observer, items, completed: () => completed };
}

describe('EventStream', () => {
  it('is observed by nobody at first: it wants no type', () => {
    const stream = new EventStream<Item>();
    expect(stream.observed).toBe(false);
    expect(stream.wants('a')).toBe(false);
    stream.next({ type: 'a', n: 1 }); // nobody listens: nothing happens
  });

  it('gives every item, in order, to direct observers and rxjs subscribers alike, and completes both', () => {
    const stream = new EventStream<Item>();
    const direct = recorder();
    const viaRx: Item[] = [];
    let rxCompleted = false;
    stream.listen(direct.observer);
    stream.subscribe({ next: (item) => viaRx.push(item), complete: () => (rxCompleted = true) });
    const sent: Item[] = [
      { type: 'a', n: 1 },
      { type: 'b', n: 2 },
      { type: 'c', n: 3 },
    ];
    for (const item of sent) stream.next(item);
    stream.complete();
    expect(direct.items).toEqual(sent);
    expect(viaRx).toEqual(sent);
    expect(direct.items[0]).toBe(sent[0]); // the same objects, not copies
    expect(direct.completed()).toBe(1);
    expect(rxCompleted).toBe(true);
    expect(stream.observed).toBe(false);
  });

  it('works with rxjs operators', async () => {
    const stream = new EventStream<Item>();
    const result = lastValueFrom(
      stream.pipe(
        filter((item) => item.type !== 'b'),
        map((item) => item.n),
        toArray(),
      ),
    );
    [1, 2, 3, 4].forEach((n) => stream.next({ type: n % 2 === 0 ? 'b' : 'a', n }));
    stream.complete();
    expect(await result).toEqual([1, 3]);
  });

  it('several direct observers each get every item, in the order they started listening', () => {
    const stream = new EventStream<Item>();
    const order: string[] = [];
    stream.listen({ next: (i) => order.push(`first ${i.n}`), complete: () => {} });
    stream.listen({ next: (i) => order.push(`second ${i.n}`), complete: () => {} });
    stream.next({ type: 'a', n: 1 });
    stream.next({ type: 'a', n: 2 });
    expect(order).toEqual(['first 1', 'second 1', 'first 2', 'second 2']);
  });

  it('wants only the types its direct observers name, and every type for an observer without types or an rxjs subscriber', () => {
    const stream = new EventStream<Item>();
    const some = stream.listen(recorder(['a', 'b']).observer);
    expect([stream.wants('a'), stream.wants('b'), stream.wants('c')]).toEqual([true, true, false]);
    expect(stream.observed).toBe(true);
    const rx = stream.subscribe(() => {});
    expect(stream.wants('c')).toBe(true);
    rx.unsubscribe();
    expect(stream.wants('c')).toBe(false);
    const all = stream.listen(recorder().observer);
    expect(stream.wants('c')).toBe(true);
    all.unsubscribe();
    some.unsubscribe();
    expect([stream.observed, stream.wants('a')]).toEqual([false, false]);
  });

  it('types are a hint, not a filter: an observer still gets items of other types that are published', () => {
    const stream = new EventStream<Item>();
    const only = recorder(['a']);
    stream.listen(only.observer);
    stream.next({ type: 'c', n: 1 });
    expect(only.items).toEqual([{ type: 'c', n: 1 }]);
  });

  it('stops calling a direct observer once its subscription is unsubscribed', () => {
    const stream = new EventStream<Item>();
    const direct = recorder();
    const subscription = stream.listen(direct.observer);
    stream.next({ type: 'a', n: 1 });
    subscription.unsubscribe();
    stream.next({ type: 'a', n: 2 });
    stream.complete();
    expect(direct.items).toEqual([{ type: 'a', n: 1 }]);
    expect(direct.completed()).toBe(0);
  });
});
