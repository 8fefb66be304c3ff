import { CALLBACK_TAGS, end } from './callback-parts.js';

const { editable } = CALLBACK_TAGS;

/** A wait for the dial permit: it asks again when the world's delay has passed, and takes the operations a waiting retry takes. */
function waitForPermit() {
  return {
    tags: [editable],
    after: { permitDelay: 'checkingPermit' },
    on: {
      CANCEL: 'cancelled',
      RESCHEDULE: { target: 'scheduled', actions: 'rememberDueDelay' as const },
      EXPIRE: [{ guard: 'assignsToQueueOnExpiration' as const, actions: 'releaseOwnership' as const }, { target: 'expired' }],
    },
  };
}

/**
 * The states of "when may this customer be dialed", shared by both modes.
 * `checkingPermit` asks the world (`checkPermit`), which answers at once:
 * `PERMITTED` queues the callback (for as long as the permit lasts: the
 * queued state's `permitFor` timer asks again when the calling hours
 * close); `WAIT_FOR_HOURS`, `WAIT_FOR_LOCKOUT` or `WAIT_FOR_ATTEMPTS` waits
 * the world's delay, then asks again; a number on the do-not-call list, or
 * an attempt cap that ends callbacks, ends it.
 */
export function dialPermitStates() {
  return {
    checkingPermit: {
      entry: 'checkPermit' as const,
      on: {
        PERMITTED: { target: 'queued', actions: 'rememberPermit' as const },
        WAIT_FOR_HOURS: { target: 'waitingForHours', actions: 'rememberPermitDelay' as const },
        WAIT_FOR_LOCKOUT: { target: 'waitingForLockout', actions: 'rememberPermitDelay' as const },
        WAIT_FOR_ATTEMPTS: { target: 'waitingForAttempts', actions: 'rememberPermitDelay' as const },
        ON_DO_NOT_CALL_LIST: 'doNotCall',
        ATTEMPTS_CAPPED: 'attemptCapped',
      },
    },
    waitingForHours: waitForPermit(),
    waitingForLockout: waitForPermit(),
    waitingForAttempts: waitForPermit(),
    doNotCall: end('doNotCall'),
    attemptCapped: end('attemptCapped'),
  };
}
