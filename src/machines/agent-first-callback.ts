import { callbackSetup, CALLBACK_TAGS, failed, initialContext, placingAndDialing, queuedEdits, sharedStates, toQueued } from './callback-parts.js';
import { dialPermitStates } from './dial-permit-states.js';

const { editable, holdsLine } = CALLBACK_TAGS;

/**
 * The life of one Agent First callback: an agent is reserved first, then
 * dials.
 *
 * queued (waiting for an agent) → offered (an agent is alerted) →
 * agentConnected → previewing (the agent previews, then dials by hand or
 * automatically) → placing (until the route has a free line) → dialing → ringing → connected → wrapUp → completed. An attempt
 * that does not connect frees the agent and goes to waitingRetry while
 * retries remain, else to exhausted (or disconnected for a failure that is
 * not retried). A scheduled callback waits in `scheduled` until it is due;
 * an agent-owned one whose ownership expires goes to the whole queue or
 * ends `expired`; operations cancel, reschedule or reassign it. With a dial
 * permit rule, the callback is queued through `checkingPermit` (see
 * `dialPermitStates`), and an agent whose dial would fall outside the permit
 * hands it back (`DIAL_REFUSED`).
 */
export const agentFirstCallbackMachine = callbackSetup.createMachine({
  id: 'agentFirstCallback',
  initial: 'created',
  context: ({ input }) => initialContext(input),
  states: {
    ...sharedStates(),
    ...dialPermitStates(),
    queued: {
      tags: [editable],
      entry: ['holdReservation', 'enqueueForAgent'],
      exit: 'dequeue',
      // The calling hours close: out of the queue until they open again.
      after: { permitFor: 'checkingPermit' },
      on: {
        OFFER: 'offered',
        ...queuedEdits(),
      },
    },
    offered: {
      on: {
        AGENT_ANSWER: 'agentConnected',
        OFFER_MISSED: toQueued(),
      },
    },
    agentConnected: {
      entry: 'startPreview',
      on: {
        PREVIEWED: { target: 'previewing', actions: 'rememberDialDelay' },
        // The dial after the preview would fall outside the permit: the agent hands the callback back.
        DIAL_REFUSED: { target: 'checkingPermit', actions: 'releaseAgent' },
      },
    },
    previewing: {
      after: { dialDelay: 'placing' },
    },
    ...placingAndDialing([]),
    ringing: {
      tags: [holdsLine],
      after: {
        ringDuration: [
          { guard: { type: 'planIs', params: { answer: 'live' } }, target: 'connected' },
          ...failed('machine', { answer: 'machine' }),
          ...failed('noAnswer'),
        ],
      },
    },
  },
});
