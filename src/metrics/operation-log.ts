/** One operation on one callback. */
export interface OperationRecord {
  /** Simulated time, ISO 8601 UTC. */
  at: string;
  op: string;
  callback: number;
  label: string | null;
  queue: string;
  applied: boolean;
  reason: string | null;
}

/** Every operation of a run on a callback, applied or refused, in order. */
export class OperationLog {
  /** The operations so far. */
  readonly records: OperationRecord[] = [];

  constructor(
    /** Epoch ms of simulated time 0. */
    private readonly startEpochMs: number,
  ) {}

  /** Records operation `op` at simulated time `t` on callback `callback` of queue `queue` (an id). */
  record(t: number, op: string, callback: number, label: string | null, queue: string, applied: boolean, reason: string | null): void {
    this.records.push({ at: new Date(this.startEpochMs + t).toISOString(), op, callback, label, queue, applied, reason });
  }
}
