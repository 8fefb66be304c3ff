/** Every field path of a zod schema, `*` for list items and record values (for tests that walk the scenario format). */
import type { z } from 'zod';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The paths of every field under `schema`, as dotted strings (`queues.*.inQueueFlow.transferTo`). */
export function schemaPaths(schema: z.ZodType): string[] {
  const out = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown, path: string[]) => {
    const key = `${path.join('.')}|${String(node === undefined ? '' : '')}`;
    if (seen.has(node) && path.length > 8) return;
    seen.add(node);
    void key;
    const def = defOf(node);
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
          out.add([...path, k].join('.'));
          walk(v, [...path, k]);
        }
        return;
      case 'array':
        out.add([...path, '*'].join('.'));
        return walk(def.element, [...path, '*']);
      case 'record':
        out.add([...path, '*'].join('.'));
        return walk(def.valueType, [...path, '*']);
      case 'union':
        for (const option of def.options as unknown[]) walk(option, path);
        return;
      case 'pipe':
        walk(def.in, path);
        return walk(def.out, path);
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return walk(def.innerType, path);
      case 'lazy':
        return walk((def.getter as () => unknown)(), path);
      default:
        return;
    }
  };
  walk(schema, []);
  return [...out].sort();
}
