/**
 * A small JSON Schema (draft 2020-12) validator for the keywords the scenario
 * schema uses, to test that the published schema rejects what cbsim rejects.
 * An unknown keyword throws, so the schema cannot grow a keyword this checker
 * silently ignores.
 */
type Schema = boolean | Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', 'description', 'default', 'title', 'format', 'examples', 'readOnly']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Whether `value` is valid against `schema`. */
export function jsonSchemaAccepts(schema: Schema, value: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  for (const [key, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    const t = typeOf(value);
    const obj = value as Record<string, unknown>;
    const ok = (() => {
      switch (key) {
        case 'type': {
          const types = Array.isArray(arg) ? arg : [arg];
          return types.some((want) => want === t || (want === 'number' && t === 'integer'));
        }
        case 'properties':
          return t !== 'object' || Object.entries(arg as Record<string, Schema>).every(([k, s]) => !(k in obj) || jsonSchemaAccepts(s, obj[k]));
        case 'required':
          return t !== 'object' || (arg as string[]).every((k) => k in obj);
        case 'additionalProperties': {
          if (t !== 'object') return true;
          const known = Object.keys((schema.properties as object | undefined) ?? {});
          return Object.keys(obj).filter((k) => !known.includes(k)).every((k) => jsonSchemaAccepts(arg as Schema, obj[k]));
        }
        case 'propertyNames':
          return t !== 'object' || Object.keys(obj).every((k) => jsonSchemaAccepts(arg as Schema, k));
        case 'minProperties':
          return t !== 'object' || Object.keys(obj).length >= (arg as number);
        case 'maxProperties':
          return t !== 'object' || Object.keys(obj).length <= (arg as number);
        case 'items':
          return t !== 'array' || (value as unknown[]).every((item) => jsonSchemaAccepts(arg as Schema, item));
        case 'minItems':
          return t !== 'array' || (value as unknown[]).length >= (arg as number);
        case 'maxItems':
          return t !== 'array' || (value as unknown[]).length <= (arg as number);
        case 'minLength':
          return t !== 'string' || [...(value as string)].length >= (arg as number);
        case 'maxLength':
          return t !== 'string' || [...(value as string)].length <= (arg as number);
        case 'pattern':
          return t !== 'string' || new RegExp(arg as string, 'u').test(value as string);
        case 'minimum':
          return typeof value !== 'number' || value >= (arg as number);
        case 'maximum':
          return typeof value !== 'number' || value <= (arg as number);
        case 'exclusiveMinimum':
          return typeof value !== 'number' || value > (arg as number);
        case 'exclusiveMaximum':
          return typeof value !== 'number' || value < (arg as number);
        case 'enum':
          return (arg as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(value));
        case 'const':
          return JSON.stringify(arg) === JSON.stringify(value);
        case 'anyOf':
          return (arg as Schema[]).some((s) => jsonSchemaAccepts(s, value));
        case 'oneOf':
          return (arg as Schema[]).filter((s) => jsonSchemaAccepts(s, value)).length === 1;
        case 'allOf':
          return (arg as Schema[]).every((s) => jsonSchemaAccepts(s, value));
        case 'not':
          return !jsonSchemaAccepts(arg as Schema, value);
        default:
          throw new Error(`json-schema-check: keyword "${key}" is not supported`);
      }
    })();
    if (!ok) return false;
  }
  return true;
}
