import type * as z from 'zod';

/**
 * Stands for the value as written in a message template. Messages are built
 * inside zod, which sees only parsed values; the token is replaced with the
 * source text once the issue has been located in the file.
 */
export const VALUE = '\u0001value\u0001';

const SUGGESTION = '\u0000';
const ALLOWED_KEYS = '\u0002allowed-keys:';

/** A zod message carrying a suggestion along with it (split again by `splitMessage`). */
export function message(text: string, suggestion?: string): string {
  return suggestion ? `${text}${SUGGESTION}${suggestion}` : text;
}

/** Splits a message built by `message` into its text and suggestion. */
export function splitMessage(raw: string): { text: string; suggestion?: string } {
  const at = raw.indexOf(SUGGESTION);
  return at < 0 ? { text: raw } : { text: raw.slice(0, at), suggestion: raw.slice(at + 1) };
}

/** The allowed keys that `defaultMessages` recorded in an unknown-key message, or undefined. */
export function allowedKeys(raw: string): string[] | undefined {
  return raw.startsWith(ALLOWED_KEYS) ? (JSON.parse(raw.slice(ALLOWED_KEYS.length)) as string[]) : undefined;
}

const NOUNS: Record<string, string> = {
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** Message for a field that is absent (`undefined`) or written with no value (`null`). */
export function missing(input: null | undefined, expected: string): string {
  return `${input === null ? 'has no value' : 'required but missing'}; expected ${expected}`;
}

/**
 * The per-parse zod error map: messages for issues the field helpers do not
 * word themselves (wrong container types, unknown keys, empty lists).
 */
export const defaultMessages: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type': {
      const noun = NOUNS[iss.expected] ?? iss.expected;
      return iss.input == null ? missing(iss.input, noun) : `${VALUE} is not ${noun}`;
    }
    case 'unrecognized_keys': {
      const def = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def;
      return ALLOWED_KEYS + JSON.stringify(Object.keys(def?.shape ?? {}));
    }
    case 'too_small':
      return iss.origin === 'array' ? `${VALUE} is empty; list at least ${iss.minimum}` : undefined;
    case 'invalid_union':
      return `${VALUE} is not in any of the allowed forms`;
    default:
      return undefined;
  }
};
