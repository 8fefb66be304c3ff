/**
 * Keys that name parts of JavaScript's object machinery. No scenario field is
 * called so, and setting one could reach `Object.prototype`, so they are
 * refused wherever a key is written: in files and in `--set` paths.
 */

/** The refused keys. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Whether `key` is one of `RESERVED_KEYS`. */
export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.includes(key);
}

/** The message for a reserved key, naming it and why it is refused. */
export function reservedKeyMessage(key: string): string {
  return `${JSON.stringify(key)} is not allowed as a key (${RESERVED_KEYS.join(', ')} are reserved); no scenario field has this name`;
}
