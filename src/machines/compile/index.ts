/**
 * The compiled executor: XState machines read once into a flat transition
 * table and run over typed-array state and columnar context.
 */
export { CompileError } from './compile-error.js';
export { CompiledEngine } from './compiled-engine.js';
export { compileMachine } from './compiler.js';
export type { CompiledMachine } from './table.js';
