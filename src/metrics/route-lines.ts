import { IdIndex } from './id-index.js';
import { ratio, round } from './kpis.js';
import { TimeIntegrator } from './time-integrator.js';

/** The KPIs of one outbound route that declares its lines. */
export interface RouteKpis {
  /** The route's lines. */
  lines: number;
  /** Time-average of the lines busy, as a share of the lines, over the counted period. */
  lineOccupancy: number | null;
  /** The most lines busy at once in the counted period. */
  peakLinesBusy: number;
  /** Dials that found no free line and waited for one (counted when they got it). */
  dialsWaitedForLine: number;
  /** Mean wait of those dials for a line, s (null when none waited). */
  lineWaitMean: number | null;
  /** Longest wait of a dial for a line, s (0 when none waited). */
  lineWaitMax: number;
}

/** What the route tally is told of the routes: their ids and lines. */
export interface RouteSetup {
  id: string;
  lines: number;
}

/**
 * Counts the lines of the outbound routes that declare them, from the
 * `route.lines` and `route.lineWaited` events: the busy lines integrated over
 * the counted period (after warm-up), their peak, and the dials that waited.
 */
export class RouteLineTally {
  private readonly index: IdIndex;
  private readonly busy: TimeIntegrator;
  private readonly area: Float64Array;
  private readonly time: Float64Array;
  private readonly peak: Int32Array;
  private readonly waited: Int32Array;
  private readonly waitSum: Float64Array;
  private readonly waitMax: Float64Array;

  constructor(
    private readonly routes: readonly RouteSetup[],
    private readonly warmup: number,
  ) {
    this.index = new IdIndex(routes.map((r) => r.id), 'outbound route');
    const n = routes.length;
    this.busy = new TimeIntegrator(n, warmup, 0);
    this.area = new Float64Array(n);
    this.time = new Float64Array(n);
    this.peak = new Int32Array(n);
    this.waited = new Int32Array(n);
    this.waitSum = new Float64Array(n);
    this.waitMax = new Float64Array(n);
  }

  /** The busy lines of `route` changed to `busy` at `t`. */
  lines(t: number, route: string, busy: number): void {
    const r = this.index.of(route);
    this.count(r, this.busy.set(r, t, busy));
    if (t >= this.warmup) this.peak[r] = Math.max(this.peak[r], busy);
  }

  /** A dial on `route` got a line at `t` after waiting `wait` ms. */
  waitedForLine(t: number, route: string, wait: number): void {
    if (t < this.warmup) return;
    const r = this.index.of(route);
    this.waited[r]++;
    this.waitSum[r] += wait;
    this.waitMax[r] = Math.max(this.waitMax[r], wait);
  }

  /** Counts every route's busy lines up to `t` (the horizon). */
  close(t: number): void {
    for (let r = 0; r < this.routes.length; r++) this.count(r, this.busy.advance(r, t));
  }

  /** The KPIs of every route, by id. */
  report(): Record<string, RouteKpis> {
    const out: Record<string, RouteKpis> = {};
    this.routes.forEach((route, r) => {
      out[route.id] = {
        lines: route.lines,
        lineOccupancy: ratio(this.area[r], this.time[r] * route.lines, 4),
        peakLinesBusy: this.peak[r],
        dialsWaitedForLine: this.waited[r],
        lineWaitMean: ratio(this.waitSum[r] / 1000, this.waited[r], 3),
        lineWaitMax: round(this.waitMax[r] / 1000, 3),
      };
    });
    return out;
  }

  /** Adds the stretches the integrator hands over (the first is `ms` long) to route `r`'s area and time. */
  private count(r: number, ms: number): void {
    const busy = this.busy;
    for (; ms > 0; ms = busy.next()) {
      this.area[r] += busy.value * ms;
      this.time[r] += ms;
      this.peak[r] = Math.max(this.peak[r], busy.value);
    }
  }
}
