/**
 * Which timers of each slot the engine has handed to its host and not
 * cancelled since, as bits (one word per 32 timers of the machine). A timer
 * that never fires (an `Infinity` delay) is never handed over, so its
 * cancellation need not be either.
 */
export class ArmedTimers {
  private readonly words: number;
  private bits: Uint32Array;

  /** @param timers the machine's timers; @param capacity slots to make room for */
  constructor(timers: number, capacity: number) {
    this.words = (timers + 31) >>> 5;
    this.bits = new Uint32Array(capacity * this.words);
  }

  /** Makes room for `capacity` slots. */
  grow(capacity: number): void {
    const bits = new Uint32Array(capacity * this.words);
    bits.set(this.bits);
    this.bits = bits;
  }

  /** Forgets every timer of `slot`. */
  clear(slot: number): void {
    // A loop: fill() costs more than the one or two words a slot has.
    const bits = this.bits;
    for (let i = slot * this.words, end = i + this.words; i < end; i++) bits[i] = 0;
  }

  /** Timer `index` of `slot` was handed to the host. */
  arm(slot: number, index: number): void {
    this.bits[slot * this.words + (index >>> 5)] |= 1 << (index & 31);
  }

  /** Forgets timer `index` of `slot`; whether it had been handed to the host. */
  disarm(slot: number, index: number): boolean {
    const word = slot * this.words + (index >>> 5);
    const bit = 1 << (index & 31);
    if ((this.bits[word] & bit) === 0) return false;
    this.bits[word] &= ~bit;
    return true;
  }
}
