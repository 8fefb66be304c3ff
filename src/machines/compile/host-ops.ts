/** The host ops of a macrostep in progress (ops as the table encodes them), with the delays their timers resolved to. */
export class HostOps {
  ops = new Int32Array(16);
  delays = new Float64Array(16);
  count = 0;

  /** Appends `op` (with `delay`, for a timer). */
  push(op: number, delay: number): void {
    const n = this.count++;
    if (n >= this.ops.length) {
      const ops = new Int32Array(n * 2);
      ops.set(this.ops);
      this.ops = ops;
      const delays = new Float64Array(n * 2);
      delays.set(this.delays);
      this.delays = delays;
    }
    this.ops[n] = op;
    this.delays[n] = delay;
  }

  /** Replaces the ops with `ops` and `delays` (of equal length). */
  replay(ops: Int32Array, delays: Float64Array): void {
    this.count = 0;
    for (let i = 0; i < ops.length; i++) this.push(ops[i], delays[i]);
  }
}
