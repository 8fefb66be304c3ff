import { z } from 'zod';
import { scenarioFileSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of the scenario file format, generated from the zod schema. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioFileSchema, { io: 'input', target: 'draft-2020-12' });
}
