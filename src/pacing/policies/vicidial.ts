import * as z from 'zod';
import type { PacingPolicy, PacingView } from '../contract.js';
import { dropsIn, dropsOption } from './options.js';
import type { BuiltinPolicy } from './builtin-policy.js';
import { linesAtLevel } from './lines.js';

/** Samples averaged for the differential (one a second). */
const SAMPLES = 15;
/** Seconds between recomputations of the dial level. */
const RECOMPUTE_EVERY = 15;
/** Seconds between drop checks. */
const DROP_CHECK_EVERY = 60;
/** Minute snapshots kept for the drop windows (the longest window is 60 minutes). */
const MINUTES_KEPT = 61;
const HOUR = 3_600_000;

/** How the level reacts when the drop rate is over its limit. */
export type DropReaction = 'hardLimit' | 'average' | 'tapered';

const optionsSchema = z.strictObject({
  maxLevel: z.number().min(1).max(15).optional().describe('the highest dial level, lines per agent (default 3.0)'),
  startLevel: z.number().min(1).max(15).optional().describe('the dial level at the start of the run (default 1.0)'),
  intensity: z.number().min(-40).max(40).optional().describe('scales every change: a rise by (1 + I/100), a fall by |I/100 − 1| (−40 … 40, default 0)'),
  offset: z.number().min(-100).max(100).optional().describe('added to the differential (ready − waiting) before the change is computed (default 0)'),
  dropLimit: z.number().min(0).max(1).optional().describe('the drop rate (drops / live answers over dropWindow) above which the level is cut (default 0.03)'),
  dropReaction: z.enum(['hardLimit', 'average', 'tapered']).optional().describe('what happens over the limit: hardLimit sets the level to 1, average halves it, tapered multiplies it by the share of the calling day still to come (default average)'),
  dropWindow: z.enum(['today', '60m', '30m', '5m']).optional().describe('the span the drop rate is measured over: since local midnight, or the last 60, 30 or 5 minutes (default today)'),
  minCalls: z.number().int().min(0).max(100_000).optional().describe('live answers the drop window must hold before its rate is judged (default 50)'),
  drops: dropsOption,
  minAgents: z.number().int().min(0).max(10_000).optional().describe('below this many online agents the level is forced to 1.0 (default 0: never)'),
  dayStart: z.number().min(0).max(24).optional().describe('first calling hour of the local day, for the tapered reaction (default 8)'),
  dayEnd: z.number().min(0).max(24).optional().describe('last calling hour of the local day, for the tapered reaction (default 21)'),
});

/** The options of `vicidial`, defaults filled in. */
export interface VicidialSettings {
  readonly maxLevel: number;
  readonly startLevel: number;
  readonly intensity: number;
  readonly offset: number;
  readonly dropLimit: number;
  readonly dropReaction: DropReaction;
  readonly dropWindow: 'today' | '60m' | '30m' | '5m';
  readonly minCalls: number;
  readonly drops: 'compliance' | 'true';
  readonly minAgents: number;
  readonly dayStart: number;
  readonly dayEnd: number;
}

/** `vicidial`'s defaults. */
export const VICIDIAL_DEFAULTS: VicidialSettings = {
  maxLevel: 3,
  startLevel: 1,
  intensity: 0,
  offset: 0,
  dropLimit: 0.03,
  dropReaction: 'average',
  dropWindow: 'today',
  minCalls: 50,
  drops: 'compliance',
  minAgents: 0,
  dayStart: 8,
  dayEnd: 21,
};

/**
 * The adaptive update: from the averages of ready agents, waiting customers
 * and online agents, change = 100 × (ready − waiting + offset) / agents per
 * cent, a rise scaled by (1 + I/100), a fall by |I/100 − 1|; the new level
 * is level × (1 + change/100), at most `maxLevel` and at least 1.
 */
export function nextDialLevel(level: number, ready: number, waiting: number, agents: number, s: Pick<VicidialSettings, 'intensity' | 'offset' | 'maxLevel'>): number {
  if (agents <= 0) return level;
  let change = (100 * (ready - waiting + s.offset)) / agents;
  change *= change > 0 ? 1 + s.intensity / 100 : Math.abs(s.intensity / 100 - 1);
  return Math.min(s.maxLevel, Math.max(1, level * (1 + change / 100)));
}

/**
 * `vicidial`: VICIdial's adaptive predictive method. Every second it samples
 * ready (idle) agents, answered customers waiting and online agents; every
 * 15 s it moves the dial level by `nextDialLevel` over the averages of the
 * last 15 samples; every 60 s it checks drops: over half of more than 20
 * live answers in the last minute halves the level, and a drop rate over
 * `dropLimit` in `dropWindow` (with over `minCalls` answers) triggers
 * `dropReaction` and stops the level from rising until it is back under.
 * Dials in flight ≤ ⌊level × online agents⌋ − busy agents: each busy agent's
 * own call uses one of its lines.
 */
export class VicidialPacing implements PacingPolicy {
  readonly wakeEvery = 1000;
  private current: number;
  private readonly ready = new Float64Array(SAMPLES);
  private readonly waiting = new Float64Array(SAMPLES);
  private readonly agents = new Float64Array(SAMPLES);
  private ticks = 0;
  private overLimit = false;
  private lastTimeOfDay = -1;
  private dayLive = 0;
  private dayDrops = 0;
  private readonly minuteLive = new Float64Array(MINUTES_KEPT);
  private readonly minuteDrops = new Float64Array(MINUTES_KEPT);
  private minutes = 0;

  constructor(private readonly s: VicidialSettings) {
    this.current = Math.min(s.maxLevel, s.startLevel);
  }

  level(): number {
    return this.current;
  }

  bound(view: PacingView): number {
    return linesAtLevel(this.current, view);
  }

  decide(view: PacingView): number {
    return Math.max(0, this.bound(view) - view.inFlight);
  }

  wake(view: PacingView): void {
    if (view.timeOfDay < this.lastTimeOfDay) {
      this.dayLive = view.totals.liveAnswers;
      this.dayDrops = dropsIn(view.totals, this.s.drops);
    }
    this.lastTimeOfDay = view.timeOfDay;
    const slot = this.ticks % SAMPLES;
    this.ready[slot] = view.idleAgents;
    this.waiting[slot] = view.waitingForAgent;
    this.agents[slot] = view.onlineAgents;
    this.ticks++;
    if (this.ticks % DROP_CHECK_EVERY === 0) this.checkDrops(view);
    if (this.ticks % RECOMPUTE_EVERY === 0) this.recompute(view);
  }

  /** The drop rate over `window` (live answers and drops), as of the last minute snapshot. */
  dropRate(window: VicidialSettings['dropWindow'] | '1m'): { live: number; drops: number } {
    const now = (this.minutes - 1 + MINUTES_KEPT) % MINUTES_KEPT;
    const live = this.minuteLive[now];
    const drops = this.minuteDrops[now];
    if (window === 'today') return { live: live - this.dayLive, drops: drops - this.dayDrops };
    const back = window === '1m' ? 1 : Number(window.slice(0, -1));
    if (this.minutes <= back) return { live, drops };
    const then = (this.minutes - 1 - back + MINUTES_KEPT * 2) % MINUTES_KEPT;
    return { live: live - this.minuteLive[then], drops: drops - this.minuteDrops[then] };
  }

  private checkDrops(view: PacingView): void {
    const slot = this.minutes % MINUTES_KEPT;
    this.minuteLive[slot] = view.totals.liveAnswers;
    this.minuteDrops[slot] = dropsIn(view.totals, this.s.drops);
    this.minutes++;
    const minute = this.dropRate('1m');
    if (minute.live > 20 && minute.drops > minute.live / 2) this.current = Math.max(1, this.current / 2);
    const span = this.dropRate(this.s.dropWindow);
    this.overLimit = span.live > this.s.minCalls && span.drops > this.s.dropLimit * span.live;
    if (!this.overLimit) return;
    if (this.s.dropReaction === 'hardLimit') this.current = 1;
    else if (this.s.dropReaction === 'average') this.current = Math.max(1, this.current / 2);
    else {
      const length = (this.s.dayEnd - this.s.dayStart) * HOUR;
      const left = this.s.dayEnd * HOUR - view.timeOfDay;
      this.current = Math.max(1, this.current * (length > 0 ? Math.min(1, Math.max(0, left / length)) : 0));
    }
  }

  private recompute(view: PacingView): void {
    if (view.onlineAgents < this.s.minAgents) {
      this.current = 1;
      return;
    }
    const n = Math.min(this.ticks, SAMPLES);
    let ready = 0;
    let waiting = 0;
    let agents = 0;
    for (let i = 0; i < n; i++) {
      ready += this.ready[i];
      waiting += this.waiting[i];
      agents += this.agents[i];
    }
    const next = nextDialLevel(this.current, ready / n, waiting / n, agents / n, this.s);
    this.current = this.overLimit ? Math.min(this.current, next) : next;
  }
}

/** The `vicidial` built-in. */
export const vicidialPolicy: BuiltinPolicy = {
  factory: (options) => new VicidialPacing({ ...VICIDIAL_DEFAULTS, ...(options as Partial<VicidialSettings>) }),
  optionsSchema,
  summary: "VICIdial's adaptive method: the level follows ready − waiting agents every 15 s, cut when drops pass a limit",
};
