import * as z from 'zod';
import { BUILTIN_POLICIES, BUILTIN_POLICY_NAMES, isBuiltinPolicy } from '../pacing/builtins.js';
import { enumField, textField } from './fields.js';
import { VALUE } from './messages.js';

/** A queue's `pacing` as written: a built-in's name, or `{ name | module, options }`. */
export interface PacingFieldValue {
  name?: string;
  module?: string;
  options: Record<string, unknown>;
}

const policyObject = z
  .strictObject({
    name: enumField('a built-in pacing policy', BUILTIN_POLICY_NAMES).optional(),
    module: textField('a pacing policy module of your own: a JavaScript file whose default export is a policy factory, relative to the scenario file').optional(),
    options: z
      .record(z.string(), z.unknown(), { error: () => `${VALUE} is not a mapping of option names to values` })
      .prefault({})
      .meta({ description: "the policy's options (a built-in's, or those the module's optionsSchema accepts)" }),
  })
  .superRefine((value, ctx) => {
    if ((value.name === undefined) === (value.module === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'names no policy: give either name (a built-in) or module (a file of your own), not both and not neither' });
      return;
    }
    if (value.name === undefined || !isBuiltinPolicy(value.name)) return;
    const result = BUILTIN_POLICIES[value.name].optionsSchema['~standard'].validate(value.options);
    if (result instanceof Promise || result.issues === undefined) return;
    for (const issue of result.issues) {
      const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)) as PropertyKey[];
      ctx.addIssue({ code: 'custom', path: ['options', ...path.map(String)], message: `${issue.message} (pacing policy ${value.name})` });
    }
  });

/**
 * The `pacing` field of a queue's callback settings: a built-in policy's
 * name (`genesys`), or an object naming a built-in or a module with its
 * options. Parses to the object form.
 */
export const pacingField = z
  .preprocess((v) => (typeof v === 'string' ? { name: v } : v), policyObject)
  .meta({ description: `Customer First pacing policy: one of ${BUILTIN_POLICY_NAMES.join(', ')}, or { name | module, options }` });
