import { callbackKindKpis, type CallbackKindKpis } from './kpis.js';
import { QueueTally } from './tally.js';

/** Whether `id` is an integer small enough to index an array by. */
function small(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id < 0x10000000;
}

/**
 * Callback KPIs by kind of callback (in-queue, scheduled, …): one tally per
 * kind, and the kind tally of each counted callback that has not ended, so
 * that its later events are counted there too. Callback ids are small
 * integers handed out in order, so a code per id in a typed array (growing
 * with the ids) stands in for a map; other ids go to a map.
 */
export class CallbackKinds {
  private readonly byKind = new Map<string, QueueTally>();
  private codes = new Uint8Array(1024);
  private readonly tallies: QueueTally[] = [];
  private readonly others = new Map<number, QueueTally>();

  /** Callback `callback` of kind `kind` was created (and counted): its tally, which it is counted in from now on. */
  created(callback: number, kind: string): QueueTally {
    let tally = this.byKind.get(kind);
    if (!tally) this.byKind.set(kind, (tally = new QueueTally()));
    this.set(callback, tally);
    return tally;
  }

  /** The kind tally of callback `callback`, if it is counted and has not ended. */
  get(callback: number): QueueTally | undefined {
    if (!small(callback)) return this.others.get(callback);
    const code = callback < this.codes.length ? this.codes[callback] : 0;
    return code === 0 ? undefined : this.tallies[code - 1];
  }

  /** Callback `callback` ended: it is not counted in its kind any more. */
  ended(callback: number): void {
    if (!small(callback)) this.others.delete(callback);
    else if (callback < this.codes.length) this.codes[callback] = 0;
  }

  /** The KPIs of each kind, by kind name in alphabetical order. */
  report(): Record<string, CallbackKindKpis> {
    const out: Record<string, CallbackKindKpis> = {};
    for (const kind of [...this.byKind.keys()].sort()) out[kind] = callbackKindKpis(this.byKind.get(kind)!);
    return out;
  }

  private set(callback: number, tally: QueueTally): void {
    if (!small(callback)) {
      this.others.set(callback, tally);
      return;
    }
    let code = this.tallies.indexOf(tally) + 1;
    if (code === 0) code = this.tallies.push(tally);
    if (callback >= this.codes.length) {
      let size = this.codes.length * 2;
      while (size <= callback) size *= 2;
      const codes = new Uint8Array(size);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.codes[callback] = code;
  }
}
