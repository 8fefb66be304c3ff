import type { RandomStream, RandomStreams } from '../kernel/random.js';

/**
 * Every customer's own random draws, by purpose: the same customer talks as
 * long, waits as long and decides the same way whether they call in or are
 * called back, whatever else happens in the run. A draw is keyed by
 * (purpose, customer, source), so its value does not depend on when it is
 * made.
 */
export class CustomerStreams {
  /** Purpose keys of the customers' draws. */
  readonly patience: number;
  readonly talk: number;
  readonly wrapUp: number;
  readonly callbackOffer: number;
  readonly voicemail: number;
  readonly voicemailListen: number;
  readonly scheduleCallback: number;
  readonly preferredAgent: number;
  private readonly stream: RandomStream;

  constructor(private readonly streams: RandomStreams) {
    this.stream = streams.stream('customer');
    this.patience = streams.purpose('customer.patience');
    this.talk = streams.purpose('customer.talkTime');
    this.wrapUp = streams.purpose('customer.wrapUp');
    this.callbackOffer = streams.purpose('customer.callbackOffer');
    this.voicemail = streams.purpose('customer.voicemail');
    this.voicemailListen = streams.purpose('customer.voicemailListen');
    this.scheduleCallback = streams.purpose('customer.scheduleCallback');
    this.preferredAgent = streams.purpose('customer.preferredAgent');
  }

  /** The draws of customer `(customer, source)` for `purpose` (one stream object, re-keyed: use it before the next call). */
  of(purpose: number, customer: number, source: number): RandomStream {
    return this.streams.rekey(this.stream, purpose, customer, source);
  }
}
