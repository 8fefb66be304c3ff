import { z } from 'zod';
import { ABANDON_CEILING } from '../model/regulation.js';
import { redialLockoutField } from './dial-permit-fields.js';
import { durationField, probabilityField } from './fields.js';

/**
 * A queue's `compliance` settings: how its Customer First dials are judged
 * the way regulators judge them. A person who answers and is not connected
 * to an agent within `threshold` is a compliance abandon (the US
 * Telemarketing Sales Rule's 2 seconds), whether or not they then hold on.
 */
export const complianceField = z
  .strictObject({
    threshold: durationField('a live answer not connected to an agent within this is a compliance abandon', { min: '0s', max: '60s' }).prefault('2s'),
    ceiling: probabilityField(`the compliance abandon rate the queue may not exceed; default ${ABANDON_CEILING}`).prefault(ABANDON_CEILING),
    redialLockout: redialLockoutField,
    minRing: durationField('an unanswered dial rings at least this long before it is given up: callee.ringTimeout may not be shorter', { min: '0s', max: '120s' }).prefault('15s'),
  })
  .prefault({})
  .meta({ description: 'how Customer First dials are judged as regulators judge them (compliance abandons, ring time)' });
