import { setup } from 'xstate';

/** What a reservation starts from. */
export interface ReservationInput {
  /** ms the reservation holds the callback for its agent. */
  holdTime: number;
  /** An agent-owned callback's ownership (else a first-agent wait: route to me, preferred agent). */
  ownership: boolean;
}

/** Events the world sends to a reservation. */
export type ReservationEvent = { type: 'DROP' };

/** Named actions performed by the world (see callback-parts.ts). */
const performedByTheWorld = () => {};

/**
 * How long a callback is kept for one agent: its owner (agent-owned
 * callbacks) or the agent it goes to first. `held` until the hold time runs
 * out, then `lapsed`: an ownership expires (the callback decides what that
 * means), a first-agent wait opens the callback to the whole queue. A
 * callback that ends first drops its reservation.
 */
export const reservationMachine = setup({
  types: {
    context: {} as ReservationInput,
    events: {} as ReservationEvent,
    input: {} as ReservationInput,
  },
  guards: {
    isOwnership: ({ context }) => context.ownership,
  },
  delays: {
    holdTime: ({ context }) => context.holdTime,
  },
  actions: {
    /** The owner's time is up: tell the callback its ownership expired. */
    expireOwnership: performedByTheWorld,
    /** The first agent's time is up: route the callback to anyone on its queue. */
    openToQueue: performedByTheWorld,
    /** The reservation is over: forget it. */
    release: performedByTheWorld,
  },
}).createMachine({
  id: 'reservation',
  initial: 'held',
  context: ({ input }) => ({ ...input }),
  states: {
    held: {
      after: {
        holdTime: [
          { guard: 'isOwnership', target: 'lapsed', actions: 'expireOwnership' },
          { target: 'lapsed', actions: 'openToQueue' },
        ],
      },
      on: { DROP: 'dropped' },
    },
    lapsed: { type: 'final', entry: 'release' },
    dropped: { type: 'final', entry: 'release' },
  },
});
