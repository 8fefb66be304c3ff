import { callbackSetup, CALLBACK_TAGS, failed, initialContext, placingAndDialing, queuedEdits, sharedStates } from './callback-parts.js';
import { dialPermitStates } from './dial-permit-states.js';

const { editable, inFlight, waitingForAgent, holdsLine } = CALLBACK_TAGS;

/**
 * The life of one Customer First callback: the dialer calls the customer
 * first and connects an agent once someone answers.
 *
 * queued (waiting for the dialer) → placing → dialing → ringing → answered
 * (a live person, or a machine the queue transfers: waitingForAgent ⇄
 * offered while an agent is alerted) → connected → wrapUp → completed. The
 * dial is in flight from placing until an agent answers or the customer
 * hangs up; a customer who waits longer than their patience abandons the
 * call (a failed attempt, retried like the others). A live voice or machine
 * sent to a flow completes the callback; one the queue hangs up on
 * disconnects it. A person not connected within the compliance threshold
 * (from the answer or the end of the greeting) is a compliance abandon and
 * may hear the safe-harbour message; a person detection took for a machine
 * may be counted as one too. With a dial permit rule, the callback is
 * queued through `checkingPermit` (see `dialPermitStates`).
 */
export const customerFirstCallbackMachine = callbackSetup.createMachine({
  id: 'customerFirstCallback',
  initial: 'created',
  context: ({ input }) => initialContext(input),
  states: {
    ...sharedStates(),
    ...dialPermitStates(),
    queued: {
      tags: [editable],
      entry: 'enqueueForDialer',
      exit: 'leaveDialerList',
      // The calling hours close: off the dialer's list until they open again.
      after: { permitFor: 'checkingPermit' },
      on: {
        DIAL: 'placing',
        ...queuedEdits(),
      },
    },
    ...placingAndDialing([inFlight]),
    ringing: {
      tags: [inFlight, holdsLine],
      after: {
        ringDuration: [
          { guard: { type: 'planIs', params: { answer: 'live', liveVoice: 'TransferToQueue' } }, target: 'answered' },
          { guard: { type: 'planIs', params: { answer: 'live', liveVoice: 'TransferToFlow' } }, target: 'completed' },
          { guard: { type: 'planIs', params: { answer: 'live' } }, target: 'disconnected' },
          { guard: { type: 'planIs', params: { answer: 'machine', machine: 'TransferToQueue' } }, target: 'answered' },
          { guard: { type: 'planIs', params: { answer: 'machine', machine: 'TransferToFlow' } }, target: 'completed' },
          ...failed('machine', { answer: 'machine', countedFalsePositive: true }, 'amdFalsePositiveAbandon'),
          ...failed('machine', { answer: 'machine' }),
          ...failed('noAnswer'),
        ],
      },
    },
    answered: {
      tags: [inFlight, waitingForAgent, holdsLine],
      entry: 'customerAnswered',
      initial: 'waitingForAgent',
      // The compliance timer comes first: at a tie with patience, the abandon is counted before the person hangs up.
      // A person still waiting when the timer runs out hears the safe-harbour message, if the queue has one.
      after: {
        complianceDelay: [{ guard: 'hearsSafeHarbourMessage', actions: ['complianceAbandon', 'playSafeHarbourMessage'] }, { actions: 'complianceAbandon' }],
        patience: failed('abandonedAfterAnswer'),
      },
      states: {
        waitingForAgent: {
          entry: ['holdReservation', 'enqueueAnswered'],
          exit: 'dequeue',
          on: { OFFER: 'offered' },
        },
        offered: {
          on: {
            AGENT_ANSWER: '#customerFirstCallback.connected',
            OFFER_MISSED: 'waitingForAgent',
          },
        },
      },
    },
  },
});
