/**
 * Text from a scenario made safe for a terminal: control characters (C0,
 * DEL, C1 — escape sequences start with them) are shown as escapes, so a name
 * cannot clear the screen, move the cursor or set the window title.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character written as `\n`, `\t`, `\r` or `\xHH`. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
