import * as z from 'zod';
import { ABANDON_CEILING } from '../model/regulation.js';
import { redialLockoutField } from './dial-permit-fields.js';
import { distributionField } from './distribution.js';
import { booleanField, durationField, enumField, probabilityField, textField } from './fields.js';

/**
 * A queue's `compliance` settings: how its Customer First dials are judged
 * the way regulators judge them. A person who answers and is not connected
 * to an agent within `threshold` (of the answer, or of the end of their
 * greeting) is a compliance abandon (the US Telemarketing Sales Rule's 2
 * seconds), whether or not they then hold on; the rate is taken over
 * `denominator` and judged per drop group as well as per queue.
 */
export const complianceField = z
  .strictObject({
    threshold: durationField('a live answer not connected to an agent within this is a compliance abandon', { min: '0s', max: '60s' }).prefault('2s'),
    ceiling: probabilityField(`the compliance abandon rate the queue may not exceed; default ${ABANDON_CEILING}`).prefault(ABANDON_CEILING),
    redialLockout: redialLockoutField,
    minRing: durationField('an unanswered dial rings at least this long before it is given up: callee.ringTimeout may not be shorter', { min: '0s', max: '120s' }).prefault('15s'),
    measureFrom: enumField('where the threshold is counted from: the answer, or the end of the person\'s greeting (compliance.greeting)', ['answer', 'greeting'] as const).prefault('answer'),
    greeting: distributionField('how long a person who answers takes to greet (drawn per answer when measureFrom is greeting)').optional(),
    safeHarbourMessage: distributionField('a recorded message played to a live answer that becomes a compliance abandon (they keep waiting); none by default').optional(),
    denominator: enumField('what the compliance abandon rate divides by: live answers (the regulators\') or every answer the queue tried to connect to an agent (reachedQueue: live or a transferred machine)', ['liveAnswers', 'reachedQueue'] as const).prefault('liveAnswers'),
    dropGroup: textField('the campaign (drop group) the queue\'s dials are judged with: queues naming the same group are measured together as well as alone').optional(),
    countAmdFalsePositives: booleanField('a live person that answering-machine detection took for a machine and hung up on counts as a live answer and a compliance abandon').prefault(false),
  })
  .prefault({})
  .meta({ description: 'how Customer First dials are judged as regulators judge them (compliance abandons, ring time)' });
