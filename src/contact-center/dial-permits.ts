import type { CallbackEvent } from '../machines/callback-parts.js';
import type { PermitWaitReason } from '../model/event-schema.js';
import { CallingHours, withinHours, zoneCalendars } from './calling-hours.js';
import type { CallbackRecord } from './callback-records.js';
import type { CustomerStreams } from './customer-streams.js';
import type { LocalCalendar } from '../model/calendar.js';
import type { World } from './world-context.js';

const ON_DO_NOT_CALL_LIST: CallbackEvent = Object.freeze({ type: 'ON_DO_NOT_CALL_LIST' });
const ATTEMPTS_CAPPED: CallbackEvent = Object.freeze({ type: 'ATTEMPTS_CAPPED' });
const PERMITTED_FOR_GOOD: CallbackEvent = Object.freeze({ type: 'PERMITTED', permitFor: Infinity });
const WAIT_EVENT = { hours: 'WAIT_FOR_HOURS', lockout: 'WAIT_FOR_LOCKOUT', attempts: 'WAIT_FOR_ATTEMPTS' } as const;
/** The bit of `CallbackRecord.permitWaits` of each reason. */
const WAIT_BIT: Record<PermitWaitReason, number> = { hours: 1, lockout: 2, attempts: 4 };
const TWO_POW_32 = 4_294_967_296;

/**
 * "When may this customer be dialed": the world's answer to a callback
 * chart's `checkPermit`. In order: a number on the do-not-call list is
 * never dialed; after a compliance abandon the customer's next Customer
 * First dial waits out the redial lockout; a dial that would exceed the
 * attempt cap waits for the sliding window (or ends the callback); and a
 * dial waits for the calling hours of the customer's time zone. The
 * customer's zone and do-not-call listing are drawn from their own streams,
 * and only when the scenario asks for them.
 */
export class DialPermits {
  private readonly zoneShares: number[];
  private readonly calendars: LocalCalendar[];
  private readonly hours: Array<CallingHours | undefined>;
  private readonly applies: boolean[];
  private readonly doNotCallShare: number;
  /** By customer key: when their redial lockout ends. */
  private readonly lockedUntil = new Map<number, number>();
  /** By customer key: the times of their latest dials on queues with an attempt cap, oldest first. */
  private readonly dials = new Map<number, number[]>();

  constructor(
    private readonly world: World,
    private readonly customers: CustomerStreams,
  ) {
    const { scenario, calendar } = world;
    const zones = scenario.callee.timeZones;
    this.zoneShares = zones ? Object.values(zones) : [1];
    this.calendars = zoneCalendars(zones ? Object.keys(zones) : [calendar.timeZone ?? ''], calendar);
    this.hours = world.queues.map((q) => (q.config.callback.callingHours ? new CallingHours(q.config.callback.callingHours, this.calendars, world.horizon) : undefined));
    this.doNotCallShare = scenario.callee.doNotCall ?? 0;
    this.applies = world.queues.map(
      (q, i) =>
        this.hours[i] !== undefined ||
        q.config.callback.maxAttempts !== undefined ||
        (q.config.compliance.redialLockout !== undefined && q.config.callback.mode === 'CustomerFirst') ||
        this.doNotCallShare > 0,
    );
  }

  /** Whether callbacks of queue `queue` ask for a permit before they are queued. */
  appliesTo(queue: number): boolean {
    return this.applies[queue];
  }

  /** The answer to `record`'s `checkPermit`, now (also remembered in the record: when the permit lapses). */
  check(record: CallbackRecord): CallbackEvent {
    const now = this.world.sim.now;
    const queue = record.queue;
    record.permitUntil = Infinity;
    if (this.doNotCallShare > 0 && this.onDoNotCallList(record)) return ON_DO_NOT_CALL_LIST;
    const key = customerKey(record);
    if (queue.config.callback.mode === 'CustomerFirst' && queue.config.compliance.redialLockout !== undefined) {
      const until = this.lockedUntil.get(key);
      if (until !== undefined && until > now) return this.wait(record, 'lockout', until - now);
    }
    const cap = queue.config.callback.maxAttempts;
    if (cap !== undefined) {
      const times = this.dials.get(key);
      const inWindow = times ? times.filter((t) => t > now - cap.per) : [];
      if (inWindow.length >= cap.count) {
        if (cap.then === 'end') return ATTEMPTS_CAPPED;
        return this.wait(record, 'attempts', inWindow[inWindow.length - cap.count] + cap.per - now);
      }
    }
    const hours = this.hours[queue.index];
    if (hours === undefined) return PERMITTED_FOR_GOOD;
    const zone = this.zoneOf(record);
    // Not before the end of a window an agent's dial was refused in; and a window in its last millisecond is closed already.
    let from = Math.max(now, record.dialRefusedUntil);
    let answer = hours.at(zone, from);
    if (answer.wait === 0 && answer.closesAt - from <= 1) answer = hours.at(zone, (from = answer.closesAt));
    if (answer.wait > 0 || from > now) return this.wait(record, 'hours', from - now + answer.wait);
    record.permitUntil = answer.closesAt;
    // The permit lapses a millisecond before the window closes, so that no dial falls on its end.
    return { type: 'PERMITTED', permitFor: answer.closesAt === Infinity ? Infinity : answer.closesAt - now - 1 };
  }

  /** Agent First: whether a dial `dialDelay` ms from now, after the agent's preview, would fall outside the callback's permit. */
  refusesDial(record: CallbackRecord, dialDelay: number): boolean {
    if (this.world.sim.now + dialDelay < record.permitUntil) return false;
    record.dialRefusedUntil = record.permitUntil;
    return true;
  }

  /** `record` dials now: counted against the attempt cap, and its local time checked against the calling hours (on its own, apart from the permit). */
  dialed(record: CallbackRecord): void {
    const now = this.world.sim.now;
    const queue = record.queue;
    const cap = queue.config.callback.maxAttempts;
    if (cap !== undefined) {
      const key = customerKey(record);
      let times = this.dials.get(key);
      if (times === undefined) this.dials.set(key, (times = []));
      times.push(now);
      if (times.length > cap.count) times.shift();
    }
    const hours = this.hours[queue.index];
    if (hours !== undefined && !withinHours(hours.hours, this.calendars[this.zoneOf(record)], now)) {
      this.world.channel.callbackDialedOutsideHours(now, record.id, queue.index, record.createdAt);
    }
  }

  /** A compliance abandon on `record`'s queue: the customer's redial lockout starts now. */
  complianceAbandoned(record: CallbackRecord): void {
    const lockout = record.queue.config.compliance.redialLockout;
    if (lockout !== undefined) this.lockedUntil.set(customerKey(record), this.world.sim.now + lockout);
  }

  /** Index of the customer's time zone (drawn from their own stream when the callees have several). */
  zoneOf(record: CallbackRecord): number {
    const shares = this.zoneShares;
    if (shares.length === 1) return 0;
    let u = this.customers.customerStream(this.customers.timeZonePurposeKey, record.customer, record.customerSource).next();
    for (let zone = 0; zone < shares.length - 1; zone++) {
      u -= shares[zone];
      if (u < 0) return zone;
    }
    return shares.length - 1;
  }

  private onDoNotCallList(record: CallbackRecord): boolean {
    return this.customers.customerStream(this.customers.doNotCallPurposeKey, record.customer, record.customerSource).next() < this.doNotCallShare;
  }

  private wait(record: CallbackRecord, reason: PermitWaitReason, delay: number): CallbackEvent {
    const now = this.world.sim.now;
    const bit = WAIT_BIT[reason];
    const first = (record.permitWaits & bit) === 0;
    record.permitWaits |= bit;
    this.world.channel.callbackPermitWait(now, record.id, record.queue.index, reason, Math.min(delay, this.world.horizon - now), first, record.createdAt);
    return { type: WAIT_EVENT[reason], delay };
  }
}

/** One number per customer (their index within their stream, and the stream). */
function customerKey(record: CallbackRecord): number {
  return record.customerSource * TWO_POW_32 + record.customer;
}
