import type { Scenario } from '../model/scenario.js';
import type { Draft } from './drafts.js';
import { VALUE } from './messages.js';

/** A queue that counts the compliance threshold from the end of the greeting says how long a greeting lasts. */
export function complianceGreeting(s: Scenario): Draft[] {
  const out: Draft[] = [];
  s.queues.forEach((q, i) => {
    if (q.compliance.measureFrom !== 'greeting' || q.compliance.greeting !== undefined) return;
    out.push({
      severity: 'error', path: ['queues', i, 'compliance', 'measureFrom'], input: 'greeting',
      message: `${VALUE} needs queues[${i}].compliance.greeting, how long the person's greeting lasts, which queue "${q.id}" does not give`,
      allowed: 'answer, or greeting together with compliance.greeting',
      suggestion: `add queues[${i}].compliance.greeting (for example { uniform: { min: 1s, max: 3s } }), or set measureFrom: answer`,
    });
  });
  return out;
}
