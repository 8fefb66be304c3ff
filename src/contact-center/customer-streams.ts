import { NO_RANDOM, sampleWhole, type Sampler } from '../kernel/distributions.js';
import type { RandomStream, RandomStreams } from '../kernel/random.js';

/**
 * The customers' own random streams. A customer is named by their index
 * within their stream of calls or requests and that stream's index; every
 * draw for one customer and one purpose comes from a stream keyed by the
 * three, so an inbound call and the callbacks made for the same customer
 * see the same numbers (common random numbers across variants).
 */
export class CustomerStreams {
  private readonly stream: RandomStream;
  /** Purpose key of patience draws (how long a caller waits before hanging up). */
  readonly patiencePurposeKey: number;
  /** Purpose key of talk-time draws (shared with callbacks, so a customer talks as long either way). */
  readonly talkPurposeKey: number;
  /** Purpose key of wrap-up draws. */
  readonly wrapPurposeKey: number;
  /** Purpose key of the answer to the in-queue callback offer. */
  readonly offerPurposeKey: number;
  /** Purpose key of the answer to a queue's voicemail prompt. */
  readonly voicemailPurposeKey: number;
  /** Purpose key of the time an agent listens to the customer's voicemail. */
  readonly listenPurposeKey: number;
  /** Purpose key of the callback an agent schedules at the end of a call. */
  readonly schedulePurposeKey: number;
  /** Purpose key of the preferred agent of an inbound callback. */
  readonly preferencePurposeKey: number;
  /** Purpose key of the customer's time zone (drawn only when the callees have several). */
  readonly timeZonePurposeKey: number;
  /** Purpose key of whether the customer's number is on the do-not-call list (drawn only for a share above 0). */
  readonly doNotCallPurposeKey: number;

  constructor(private readonly streams: RandomStreams) {
    this.stream = streams.stream('customer');
    this.patiencePurposeKey = streams.purpose('customer.patience');
    this.talkPurposeKey = streams.purpose('customer.talkTime');
    this.wrapPurposeKey = streams.purpose('customer.wrapUp');
    this.offerPurposeKey = streams.purpose('customer.callbackOffer');
    this.voicemailPurposeKey = streams.purpose('customer.voicemail');
    this.listenPurposeKey = streams.purpose('customer.voicemailListen');
    this.schedulePurposeKey = streams.purpose('customer.scheduleCallback');
    this.preferencePurposeKey = streams.purpose('customer.preferredAgent');
    this.timeZonePurposeKey = streams.purpose('customer.timeZone');
    this.doNotCallPurposeKey = streams.purpose('customer.doNotCall');
  }

  /** The stream of customer `(customer, source)` for `purpose`, from its start (one shared object, re-keyed: read it before the next call). */
  customerStream(purpose: number, customer: number, source: number): RandomStream {
    return this.streams.rekey(this.stream, purpose, customer, source);
  }

  /** A whole-ms draw of `s` from the customer's stream for `purpose` (a constant needs no stream). */
  draw(s: Sampler, purpose: number, customer: number, source: number): number {
    return sampleWhole(s, s.constant !== null ? NO_RANDOM : this.customerStream(purpose, customer, source));
  }
}
