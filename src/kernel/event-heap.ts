/**
 * A binary min-heap of scheduled events over parallel typed arrays.
 *
 * Order is total: `(time, sequence)`, so two events at the same time come out
 * in the order they were pushed. Each entry carries two Int32 payload fields
 * (`kind` and `target`) that the caller interprets; no objects are allocated
 * per event.
 */
export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private targets: Int32Array;
  private count = 0;

  /** Time of the entry most recently removed by `pop()`. */
  time = 0;
  /** Sequence number of the entry most recently removed by `pop()`. */
  seq = 0;
  /** `kind` payload of the entry most recently removed by `pop()`. */
  kind = 0;
  /** `target` payload of the entry most recently removed by `pop()`. */
  target = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.targets = new Int32Array(capacity);
  }

  /** Number of entries in the heap (cancelled ones included until popped). */
  get size(): number {
    return this.count;
  }

  /** Time of the earliest entry, or `Infinity` when the heap is empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** `target` payload of the earliest entry (undefined behaviour when empty). */
  peekTarget(): number {
    return this.targets[0];
  }

  /** Sequence number of the earliest entry (undefined behaviour when empty). */
  peekSeq(): number {
    return this.seqs[0];
  }

  /** Adds an entry; `seq` must be unique and increasing for ties to be first-in first-out. */
  push(time: number, seq: number, kind: number, target: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      this.kinds[i] = this.kinds[parent];
      this.targets[i] = this.targets[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    this.kinds[i] = kind;
    this.targets[i] = target;
  }

  /**
   * Removes the earliest entry and exposes it through `time`, `seq`, `kind`
   * and `target`. Returns false when the heap is empty.
   */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const targets = this.targets;
    this.time = times[0];
    this.seq = seqs[0];
    this.kind = kinds[0];
    this.target = targets[0];
    const last = --this.count;
    if (last === 0) return true;
    const time = times[last];
    const seq = seqs[last];
    const kind = kinds[last];
    const target = targets[last];
    const half = last >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = times[child];
      let cs = seqs[child];
      const right = child + 1;
      if (right < last) {
        const rt = times[right];
        if (rt < ct || (rt === ct && seqs[right] < cs)) {
          child = right;
          ct = rt;
          cs = seqs[right];
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      kinds[i] = kinds[child];
      targets[i] = targets[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    targets[i] = target;
    return true;
  }

  /** Removes every entry. */
  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const kinds = new Int32Array(capacity);
    const targets = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    kinds.set(this.kinds);
    targets.set(this.targets);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.targets = targets;
  }
}
