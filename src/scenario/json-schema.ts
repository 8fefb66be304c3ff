import * as z from 'zod';
import { BUILTIN_POLICY_NAMES } from '../pacing/builtins.js';
import { pacingField } from './pacing-field.js';
import { scenarioFileSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of the scenario file format, generated from the zod schema. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioFileSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema }) => {
      // `pacing` is read as a built-in's name or as the object form; zod sees only the object after its preprocessing.
      if (zodSchema !== pacingField) return;
      const { description, ...object } = jsonSchema;
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      Object.assign(jsonSchema, { description, anyOf: [{ type: 'string', enum: [...BUILTIN_POLICY_NAMES] }, object] });
    },
  });
}
