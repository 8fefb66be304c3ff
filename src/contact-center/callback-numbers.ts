import type { CallbackRecord } from './callback-records.js';

/**
 * The number a callback dials. A generated customer's is made from their
 * identity when it is needed, not kept: most callbacks are dialed a few
 * times, and the string would be most of a waiting callback's memory.
 */
export function numberOf(record: CallbackRecord): string {
  return record.number ?? generatedNumber(record.customer, record.customerSource);
}

/** The callee's name (a generated customer's is made when needed, as `numberOf`). */
export function calleeOf(record: CallbackRecord): string {
  return record.callee ?? `Customer ${record.customerSource}-${record.customer + 1}`;
}

/** A deterministic E.164 number for a generated customer. */
export function generatedNumber(customer: number, source: number): string {
  return `+1555${String((source * 1_000_003 + customer) % 100_000_000).padStart(8, '0')}`;
}
