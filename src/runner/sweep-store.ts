import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepManifest, SweepRow } from './sweep-plan.js';

/** A sweep directory that cannot be used as asked (its message says why and what to do). */
export class SweepStoreError extends Error {}

/** The file names of a sweep directory. */
export const SWEEP_FILES = { manifest: 'sweep.json', rows: 'rows.jsonl', summary: 'summary.csv' } as const;

/** The parts of a manifest that must match for rows to belong to the same sweep. */
function identity(m: SweepManifest): string {
  return JSON.stringify({ scenario: m.scenario, seed: m.seed, axes: m.axes, replications: m.replications, seeds: m.seeds, engine: m.engine, duration: m.duration });
}

/** The key of a row: its cell and replication. */
export const rowKey = (row: { cell: number; replication: number }) => `${row.cell}/${row.replication}`;

/** Reads the rows of a `rows.jsonl`; a partial last line (a run killed mid-write) is reported, not parsed. */
export function readRows(path: string): { rows: SweepRow[]; partialBytes: number; completeBytes: number } {
  if (!existsSync(path)) return { rows: [], partialBytes: 0, completeBytes: 0 };
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const rows: SweepRow[] = [];
  text
    .slice(0, end)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        rows.push(JSON.parse(line) as SweepRow);
      } catch {
        throw new SweepStoreError(`${path}:${i + 1}: not a JSON row; the file was edited or damaged`);
      }
    });
  return { rows, partialBytes: Buffer.byteLength(text.slice(end)), completeBytes: Buffer.byteLength(text.slice(0, end)) };
}

/**
 * A sweep's directory: `sweep.json` (what the sweep is), `rows.jsonl` (one
 * line per finished replication, appended as each finishes) and
 * `summary.csv`. Reopening it resumes: finished rows are kept, a partial last
 * line is cut off and redone, and a directory holding a different sweep is
 * refused rather than overwritten.
 */
export class SweepStore {
  private readonly rowsPath: string;
  /** Finished rows by key (cell/replication). */
  readonly done = new Map<string, SweepRow>();
  /** Bytes of a partial last line that were cut off when the store was opened. */
  readonly repairedBytes: number;

  constructor(
    readonly dir: string,
    readonly manifest: SweepManifest,
  ) {
    this.rowsPath = join(dir, SWEEP_FILES.rows);
    const manifestPath = join(dir, SWEEP_FILES.manifest);
    if (existsSync(dir)) {
      if (existsSync(manifestPath)) {
        const existing = JSON.parse(readFileSync(manifestPath, 'utf8')) as SweepManifest;
        if (identity(existing) !== identity(manifest)) {
          throw new SweepStoreError(`${dir} holds a different sweep (${existing.scenario}, ${existing.cells.length} cells × ${existing.replications} replications); choose another --out directory`);
        }
      } else if (readdirSync(dir).length > 0) {
        throw new SweepStoreError(`${dir} is not empty and is not a sweep directory; choose an empty or new --out directory`);
      }
    }
    mkdirSync(dir, { recursive: true });
    if (!existsSync(manifestPath)) writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const { rows, partialBytes, completeBytes } = readRows(this.rowsPath);
    if (partialBytes > 0) truncateSync(this.rowsPath, completeBytes);
    this.repairedBytes = partialBytes;
    for (const row of rows) if (!this.done.has(rowKey(row))) this.done.set(rowKey(row), row);
  }

  /** Appends a finished row (one write, so a kill leaves at most one partial line). */
  append(row: SweepRow): void {
    appendFileSync(this.rowsPath, `${JSON.stringify(row)}\n`);
    this.done.set(rowKey(row), row);
  }

  /** Writes a file of the directory (the summary). */
  write(name: string, text: string): void {
    writeFileSync(join(this.dir, name), text);
  }
}
