/**
 * Problems before they are placed in the file: zod issues and cross-field
 * checks become drafts (a field path and a message template), then each is
 * located — in the YAML, or on the command-line option that set it.
 */
import type * as z from 'zod';
import type { ScenarioIssue } from './issues.js';
import { VALUE, allowedKeys, splitMessage } from './messages.js';
import type { OverrideMark } from './overrides.js';
import { formatPath, spotAt, type PathSegment, type Source } from './source.js';
import { didYouMean, listOr } from './suggest.js';

/** A problem with its field path, not yet located. */
export interface Draft {
  severity: 'error' | 'warning';
  path: PathSegment[];
  /** May contain `VALUE`, replaced by the value as written. */
  message: string;
  suggestion?: string;
  /** The problem is the key at `path`, not its value. */
  atKey?: boolean;
  /** The parsed value, shown when the source text is not at hand. */
  input?: unknown;
  /** What is allowed, in words (names listed with "or"); else read from the message's `allowed …` or `expected …`. */
  allowed?: string;
}

type ZodIssue = z.core.$ZodIssue;

const toPath = (base: readonly PathSegment[], path: readonly PropertyKey[]): PathSegment[] => [
  ...base,
  ...path.map((p) => (typeof p === 'number' ? p : String(p))),
];

/** The branch of a failed union that fits the value's shape; undefined to keep the union's own message. */
function unionBranch(errors: readonly ZodIssue[][]): ZodIssue[] | undefined {
  const mismatch = (b: ZodIssue[]) => {
    const [only] = b;
    if (b.length !== 1 || only.path.length > 0) return false;
    // A literal of another type (`always` for a list) does not fit either.
    return only.code === 'invalid_type' || (only.code === 'invalid_value' && only.values.every((v) => typeof v !== typeof only.input));
  };
  return errors.find((b) => !mismatch(b)) ?? errors.find((b) => splitMessage(b[0].message).suggestion !== undefined);
}

/** Turns zod issues into drafts: unions narrowed to the branch that fits, unknown keys one per key with a suggestion. */
export function draftsFromZod(issues: readonly ZodIssue[], base: readonly PathSegment[] = []): Draft[] {
  const out: Draft[] = [];
  for (const issue of issues) {
    const path = toPath(base, issue.path);
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = unionBranch(issue.errors);
      if (branch) {
        out.push(...draftsFromZod(branch, path));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(issue.message) ?? [];
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, allowed);
        const list = suggestion || allowed.length === 0 ? '' : `; allowed keys are ${listOr(allowed)}`;
        out.push({ severity: 'error', path: [...path, key], atKey: true, message: `unknown key ${VALUE}${list}`, suggestion });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      const { text, suggestion } = splitMessage(issue.issues[0]?.message ?? `${VALUE} is not an allowed key`);
      out.push({ severity: 'error', path, atKey: true, message: text, suggestion, input: issue.input });
      continue;
    }
    const { text, suggestion } = splitMessage(issue.message);
    const params = issue.code === 'custom' ? issue.params : undefined;
    out.push({ severity: 'error', path, message: text, suggestion, atKey: params?.atKey === true, input: issue.input });
  }
  return out;
}

/** A short one-line rendering of a parsed value. */
export function display(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const startsWith = (path: readonly PathSegment[], prefix: readonly PathSegment[]) =>
  prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));

/** Places a draft: on the command-line option that set the value, else at its line:col in the file. */
export function locate(draft: Draft, source: Source, marks: readonly OverrideMark[]): ScenarioIssue {
  const mark = marks
    .filter((m) => startsWith(draft.path, m.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const last = draft.path[draft.path.length - 1];
  const keyText = draft.atKey && last !== undefined ? JSON.stringify(String(last)) : undefined;
  let where: Pick<ScenarioIssue, 'file' | 'line' | 'col'>;
  let text: string | undefined;
  if (mark) {
    where = { file: mark.option };
    text = keyText ?? (mark.path.length === draft.path.length ? mark.text : undefined);
  } else {
    const spot = spotAt(source, draft.path, draft.atKey);
    where = { file: source.file, line: spot.line, col: spot.col };
    text = keyText ?? spot.text;
  }
  text ??= draft.input === undefined ? 'the value' : display(draft.input);
  const issue: ScenarioIssue = {
    severity: draft.severity,
    ...where,
    path: formatPath(draft.path),
    message: draft.message.split(VALUE).join(text),
  };
  if (draft.message.includes(VALUE)) issue.value = text;
  const allowed = draft.allowed ?? ALLOWED_TAIL.exec(draft.message)?.[1];
  if (allowed) issue.allowed = allowed;
  if (draft.suggestion) issue.suggestion = draft.suggestion;
  return issue;
}

/** The `allowed …` or `expected …` part that ends most messages. */
const ALLOWED_TAIL = /(?:^|; )(?:allowed|expected) (.+)$/;
