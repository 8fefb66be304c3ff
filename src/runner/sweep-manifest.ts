import { readFileSync } from 'node:fs';
import { sweepCells, type SweepAxis, type SweepManifest } from './sweep-plan.js';

/** A sweep directory that cannot be used as asked (its message says why and what to do). */
export class SweepStoreError extends Error {}

/** One field in which two manifests differ, as text for the user. */
export interface ManifestDifference {
  field: 'scenario content' | 'grid' | 'replications' | 'engine' | 'version';
  was: string;
  now: string;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What is wrong with a parsed `sweep.json`, or null when it is a manifest this cbsim can use. */
function manifestProblem(m: Record<string, unknown>): string | null {
  if (m.format !== 1) return `format is ${JSON.stringify(m.format)}; this cbsim reads format 1`;
  for (const key of ['file', 'scenario', 'engine'] as const) if (typeof m[key] !== 'string') return `${key} is not text`;
  for (const key of ['scenarioHash', 'version'] as const) if (m[key] !== undefined && typeof m[key] !== 'string') return `${key} is not text`;
  if (!Number.isInteger(m.seed)) return 'seed is not a whole number';
  if (m.duration !== null && typeof m.duration !== 'string') return 'duration is neither null nor text';
  if (!Number.isInteger(m.replications) || (m.replications as number) < 1) return 'replications is not a positive whole number';
  if (!Array.isArray(m.seeds) || m.seeds.length !== m.replications || !m.seeds.every(Number.isInteger)) return 'seeds is not one whole number per replication';
  if (!Array.isArray(m.axes) || !m.axes.every((a) => typeof a === 'object' && a !== null && typeof a.path === 'string' && isStringArray(a.values))) {
    return 'axes is not a list of {path, values}';
  }
  if (m.cellsListed === true) {
    if (!Array.isArray(m.cells) || !m.cells.every((c, i) => typeof c === 'object' && c !== null && c.index === i && typeof c.label === 'string' && isStringArray(c.set))) {
      return 'cells are not a list of {index, label, set}';
    }
  } else if (!Array.isArray(m.cells) || JSON.stringify(m.cells) !== JSON.stringify(sweepCells(m.axes as SweepAxis[]))) return 'cells are not the combinations of the axes';
  return null;
}

/**
 * Reads a `sweep.json`; a file that is not JSON (truncated, damaged) or not a
 * sweep manifest is a {@link SweepStoreError} naming the path.
 */
export function readManifest(path: string): SweepManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON (truncated or damaged: ${error.message})` : `cannot be read: ${(error as Error).message}`;
    throw new SweepStoreError(`${path}: ${reason}; restore it, or move the directory away and start the sweep again`);
  }
  const problem = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? manifestProblem(parsed as Record<string, unknown>) : 'not a JSON object';
  if (problem !== null) throw new SweepStoreError(`${path}: not a sweep manifest: ${problem}; restore it, or move the directory away and start the sweep again`);
  return parsed as SweepManifest;
}

const shortHash = (hash: string | undefined) => (hash === undefined ? 'no hash (made by an older cbsim)' : hash.slice(0, 'sha256:'.length + 12));

/** The grid as `path=a,b,c · path=x,y` (long value lists cut short). */
function gridText(axes: readonly SweepAxis[]): string {
  return axes.map((a) => `${a.path}=${a.values.length > 8 ? `${a.values.slice(0, 8).join(',')},… (${a.values.length} values)` : a.values.join(',')}`).join(' · ');
}

/** What of the scenario that a hash stands for differs visibly: its name, seed or horizon override. */
function contentHint(was: SweepManifest, now: SweepManifest): string {
  const hints: string[] = [];
  if (was.scenario !== now.scenario) hints.push(`name "${was.scenario}" vs "${now.scenario}"`);
  if (was.seed !== now.seed) hints.push(`seed ${was.seed} vs ${now.seed}`);
  if (was.duration !== now.duration) hints.push(`--duration ${was.duration ?? '(none)'} vs ${now.duration ?? '(none)'}`);
  return hints.length > 0 ? ` (${hints.join(', ')})` : ' (the scenario file was edited, or is another file)';
}

/**
 * The fields in which manifest `now` differs from `was` such that their rows
 * are not the same work: the resolved scenario's content, the grid,
 * replications, engine and cbsim version. The file's path is not compared
 * (the same scenario may be reached by another path or on another machine).
 */
export function manifestDifferences(was: SweepManifest, now: SweepManifest): ManifestDifference[] {
  const differences: ManifestDifference[] = [];
  if (was.scenarioHash === undefined || was.scenarioHash !== now.scenarioHash) {
    differences.push({ field: 'scenario content', was: shortHash(was.scenarioHash), now: `${shortHash(now.scenarioHash)}${was.scenarioHash === undefined ? '' : contentHint(was, now)}` });
  }
  if (JSON.stringify(was.axes) !== JSON.stringify(now.axes) || JSON.stringify(was.cells) !== JSON.stringify(now.cells)) differences.push({ field: 'grid', was: gridText(was.axes), now: gridText(now.axes) });
  if (was.replications !== now.replications || JSON.stringify(was.seeds) !== JSON.stringify(now.seeds)) {
    const seedsNote = was.replications === now.replications ? ' (with other seeds)' : '';
    differences.push({ field: 'replications', was: String(was.replications), now: `${now.replications}${seedsNote}` });
  }
  if (was.engine !== now.engine) differences.push({ field: 'engine', was: was.engine, now: now.engine });
  if (was.version !== now.version) differences.push({ field: 'version', was: was.version ?? 'no version (made by an older cbsim)', now: now.version ?? 'no version' });
  return differences;
}

/** The differences one per line: `  grid: … (was) → … (now)`, with the two sides named. */
export function describeDifferences(differences: readonly ManifestDifference[], wasName: string, nowName: string): string {
  return differences.map((d) => `  ${d.field}: ${wasName} ${d.was}; ${nowName} ${d.now}`).join('\n');
}
