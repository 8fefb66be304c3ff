import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream, RandomStreams, hashString } from '../../src/kernel/random.js';

const FC = { seed: 0x5eed, numRuns: 200 };

function take(stream: { next(): number }, n: number): number[] {
  return Array.from({ length: n }, () => stream.next());
}

/** Independent reference: FNV-1a 32 then the murmur3 finaliser, in BigInt arithmetic. */
function referenceHash(text: string): number {
  const M = 0xffffffffn;
  let h = 0x811c9dc5n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x01000193n) & M;
  }
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & M;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & M;
  h ^= h >> 16n;
  return Number(h);
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('hashString', () => {
  it('is FNV-1a followed by a 32-bit mix', () => {
    for (const s of ['', 'a', 'patience', 'talkTime', 'é☃𝄞', 'x'.repeat(300)]) {
      expect(hashString(s)).toBe(referenceHash(s));
    }
  });

  it('returns an unsigned 32-bit integer equal to the reference for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const h = hashString(s);
        expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
        expect(h).toBe(referenceHash(s));
      }),
      FC,
    );
  });
});

describe('RandomStreams', () => {
  it('gives the same sequences for the same seed', () => {
    const a = new RandomStreams(7);
    const b = new RandomStreams(7);
    expect(take(a.stream('patience', 3), 1000)).toEqual(take(b.stream('patience', 3), 1000));
    expect(take(a.stream('talk', 0, 2), 100)).toEqual(take(b.stream('talk', 0, 2), 100));
  });

  it('gives different sequences for a different seed, purpose, id or sub-key', () => {
    const s = new RandomStreams(7);
    const base = take(s.stream('patience', 3, 1), 8);
    const variants = [
      take(new RandomStreams(8).stream('patience', 3, 1), 8),
      take(s.stream('talk', 3, 1), 8),
      take(s.stream('patience', 4, 1), 8),
      take(s.stream('patience', 3, 2), 8),
      take(s.stream('patience', 3 + 2 ** 32, 1), 8), // high bits of the id count too
    ];
    for (const v of variants) expect(v).not.toEqual(base);
    const firsts = new Set([base, ...variants].map((v) => v[0]));
    expect(firsts.size).toBe(6);
  });

  it('gives pairwise different streams over many ids', () => {
    const s = new RandomStreams(1);
    const firstDraws = new Set<number>();
    for (let id = 0; id < 5000; id++) firstDraws.add(s.stream('p', id).nextUint32());
    expect(firstDraws.size).toBe(5000);
  });

  it('string seeds work and differ from each other', () => {
    const a = take(new RandomStreams('alpha').stream('p', 1), 50);
    expect(take(new RandomStreams('alpha').stream('p', 1), 50)).toEqual(a);
    expect(take(new RandomStreams('beta').stream('p', 1), 50)).not.toEqual(a);
  });

  it("a stream does not depend on which other streams were made or drawn first (common random numbers)", () => {
    const fresh = take(new RandomStreams(3).stream('answer', 17), 20);
    const busy = new RandomStreams(3);
    take(busy.stream('answer', 16), 500);
    take(busy.stream('talk', 17), 500);
    busy.purpose('something-else');
    expect(take(busy.stream('answer', 17), 20)).toEqual(fresh);
  });

  it('rekey of a used object gives exactly the sequence of a fresh stream(...)', () => {
    const streams = new RandomStreams(99);
    const reused = new RandomStream();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 50 }),
        (purpose, id, sub, burn) => {
          take(reused, burn); // leave arbitrary state behind
          const got = take(streams.rekey(reused, streams.purpose(purpose), id, sub), 16);
          expect(got).toEqual(take(streams.stream(purpose, id, sub), 16));
        },
      ),
      FC,
    );
  });

  it('rekey returns the object it was given', () => {
    const streams = new RandomStreams(1);
    const obj = new RandomStream();
    expect(streams.rekey(obj, streams.purpose('x'), 1)).toBe(obj);
  });

  it('purpose(name) is the hash of the name', () => {
    const streams = new RandomStreams(1);
    expect(streams.purpose('patience')).toBe(hashString('patience'));
  });
});

describe('RandomStream values', () => {
  it('next() is in [0, 1) and nextUint32() is an unsigned 32-bit integer', () => {
    const streams = new RandomStreams(5);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (id, sub) => {
        const s = streams.stream('range', id, sub);
        for (let i = 0; i < 50; i++) {
          const x = s.next();
          expect(x >= 0 && x < 1).toBe(true);
          const n = s.nextUint32();
          expect(Number.isInteger(n) && n >= 0 && n < 2 ** 32).toBe(true);
        }
      }),
      FC,
    );
  });

  it('next() is nextUint32() / 2^32', () => {
    const a = new RandomStreams(2).stream('q', 1);
    const b = new RandomStreams(2).stream('q', 1);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.nextUint32() / 2 ** 32);
  });

  it('is uniform: chi-square over 20 bins with 100k draws', () => {
    const s = new RandomStreams(2026).stream('uniformity', 1);
    const bins = new Array<number>(20).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(s.next() * 20)]++;
    const expected = n / 20;
    const chi2 = bins.reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: P(chi2 > 60) is about 3e-6.
    expect(chi2).toBeLessThan(60);
  });

  it('the first draws of streams with consecutive ids are uniform and uncorrelated', () => {
    const streams = new RandomStreams(11);
    const n = 20_000;
    const firsts = Array.from({ length: n + 1 }, (_, id) => streams.stream('customer', id).next());
    const r = pearson(firsts.slice(0, n), firsts.slice(1));
    expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
    const bins = new Array<number>(20).fill(0);
    for (const x of firsts) bins[Math.floor(x * 20)]++;
    const e = firsts.length / 20;
    expect(bins.reduce((acc, o) => acc + (o - e) ** 2 / e, 0)).toBeLessThan(60);
  });

  it('streams of consecutive ids are uncorrelated draw by draw', () => {
    const streams = new RandomStreams(12);
    const n = 20_000;
    for (const id of [0, 1, 1000]) {
      const r = pearson(take(streams.stream('talk', id), n), take(streams.stream('talk', id + 1), n));
      expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
    }
  });

  it('successive draws of one stream are uncorrelated', () => {
    const xs = take(new RandomStreams(13).stream('lag'), 50_001);
    expect(Math.abs(pearson(xs.slice(0, -1), xs.slice(1)))).toBeLessThan(5 / Math.sqrt(50_000));
  });
});
