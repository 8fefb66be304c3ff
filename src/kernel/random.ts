import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export interface Uniform {
  /** The next uniform number in [0, 1). */
  next(): number;
}

const TWO_POW_32 = 4294967296;

/** Outputs of a freshly keyed stream that are thrown away, so that similar keys do not give similar first draws. */
const DISCARDED = 12;

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stable 32-bit hash of a string (FNV-1a over UTF-16 code units, then mixed). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * One random stream: a small fast generator (sfc32) whose 128-bit state is
 * derived from a key. Re-keying an existing object with `reset` costs a few
 * nanoseconds and allocates nothing, which is what lets every customer have
 * streams of their own.
 */
export class RandomStream implements Uniform {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /**
   * Sets the state from four key words and discards the first outputs (run on
   * locals, so that re-keying touches the object's fields once).
   */
  reset(k0: number, k1: number, k2: number, k3: number): this {
    let a = k0 | 0;
    let b = k1 | 0;
    let c = k2 | 0;
    let d = k3 | 0;
    for (let i = 0; i < DISCARDED; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return this;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** The next uniform number in [0, 1), with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }
}

/**
 * The seeded random streams of one run, keyed by `(purpose, entity id, sub-key)`.
 *
 * The scenario seed goes through seedrandom (ARC4) once to make the root key;
 * every stream's state is then a hash of the root key with its purpose and
 * ids. Two runs with the same seed hand the same numbers to the same entity
 * for the same purpose, whatever else differs between them (common random
 * numbers).
 */
export class RandomStreams {
  private readonly r0: number;
  private readonly r1: number;
  private readonly r2: number;
  private readonly r3: number;
  private readonly purposeKeys = new Map<string, number>();

  constructor(seed: number | string) {
    const arc4 = seedrandom(String(seed));
    this.r0 = arc4.int32() >>> 0;
    this.r1 = arc4.int32() >>> 0;
    this.r2 = arc4.int32() >>> 0;
    this.r3 = arc4.int32() >>> 0;
  }

  /** The numeric key of a purpose name, for the allocation-free `rekey`. */
  purpose(name: string): number {
    let key = this.purposeKeys.get(name);
    if (key === undefined) {
      key = hashString(name);
      this.purposeKeys.set(name, key);
    }
    return key;
  }

  /** A new stream for `(purpose, id, sub)`. */
  stream(purpose: string, id = 0, sub = 0): RandomStream {
    return this.rekey(new RandomStream(), this.purpose(purpose), id, sub);
  }

  /** Re-keys an existing stream object to `(purposeKey, id, sub)`; returns it. */
  rekey(stream: RandomStream, purposeKey: number, id: number, sub = 0): RandomStream {
    const idLow = id >>> 0;
    const idHigh = Math.floor(id / TWO_POW_32) >>> 0;
    const k0 = mix32(this.r0 ^ purposeKey);
    const k1 = mix32(this.r1 ^ mix32(idLow ^ k0));
    const k2 = mix32(this.r2 ^ mix32((sub >>> 0) ^ Math.imul(idHigh, 0x9e3779b9) ^ k1));
    const k3 = mix32(this.r3 ^ k0 ^ k1 ^ k2);
    return stream.reset(k0, k1, k2, k3);
  }
}
