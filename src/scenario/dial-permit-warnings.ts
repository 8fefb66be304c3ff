import type { Scenario } from '../model/scenario.js';
import type { Draft } from './drafts.js';

/** Dial permit settings that are valid but do nothing: a redial lockout on an Agent First queue, customer zones without calling hours. */
export function dialPermitWarnings(s: Scenario): Draft[] {
  const lockouts = s.queues.flatMap((q, i): Draft[] =>
    q.compliance.redialLockout !== undefined && q.callback.mode === 'AgentFirst'
      ? [{
          severity: 'warning', path: ['queues', i, 'compliance', 'redialLockout'], atKey: true,
          message: `redialLockout has no effect on queue "${q.id}": its mode is AgentFirst, whose dials have an agent reserved first and are not locked out`,
          suggestion: 'remove redialLockout, or set mode: CustomerFirst',
        }]
      : [],
  );
  const zones: Draft[] =
    s.callee.timeZones !== undefined && !s.queues.some((q) => q.callback.callingHours)
      ? [{ severity: 'warning', path: ['callee', 'timeZones'], atKey: true, message: 'timeZones has no effect: no queue has callback.callingHours, which are checked in the customer\'s zone', suggestion: 'give a queue callingHours, or remove timeZones' }]
      : [];
  return [...lockouts, ...zones];
}
