import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { isTemporaryFile, writeAll, writeFileAtomic } from './atomic-file.js';
import { LOCK_FILE, lockDirectory, removeLockLeftovers, type DirLock, type LockOwner } from './dir-lock.js';
import { describeDifferences, manifestDifferences, readManifest, SweepStoreError } from './sweep-manifest.js';
import type { SweepManifest, SweepRow } from './sweep-plan.js';

export { SweepStoreError } from './sweep-manifest.js';

/** The file names of a sweep directory. */
export const SWEEP_FILES = { manifest: 'sweep.json', rows: 'rows.jsonl', summary: 'summary.csv' } as const;

/** The key of a row: its cell and replication. */
export const rowKey = (row: { cell: number; replication: number }) => `${row.cell}/${row.replication}`;

/** Why a parsed row is not a row of `manifest`, or null. */
function rowProblem(row: SweepRow, manifest: SweepManifest): string | null {
  if (typeof row !== 'object' || row === null || typeof row.kpis !== 'object' || row.kpis === null) return 'not a sweep row';
  const cell = manifest.cells[row.cell];
  if (!Number.isInteger(row.cell) || cell === undefined) return `cell ${JSON.stringify(row.cell)} is not a cell of the sweep (0 to ${manifest.cells.length - 1})`;
  if (!Number.isInteger(row.replication) || row.replication < 0 || row.replication >= manifest.replications) {
    return `replication ${JSON.stringify(row.replication)} is not one of the sweep's (0 to ${manifest.replications - 1})`;
  }
  if (row.seed !== manifest.seeds[row.replication]) return `seed ${JSON.stringify(row.seed)} is not replication ${row.replication}'s seed ${manifest.seeds[row.replication]}`;
  if (JSON.stringify(row.set) !== JSON.stringify(cell.set)) return `its settings ${JSON.stringify(row.set)} are not cell ${row.cell}'s (${cell.set.join(' ')})`;
  return null;
}

/**
 * Reads the rows of a `rows.jsonl`, each key once; a partial last line (a
 * run killed mid-write) is reported, not parsed. With `manifest`, every row
 * must be one of that sweep's tasks, and a key found twice must hold the same row.
 */
export function readRows(path: string, manifest?: SweepManifest): { rows: SweepRow[]; partialBytes: number; completeBytes: number } {
  if (!existsSync(path)) return { rows: [], partialBytes: 0, completeBytes: 0 };
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  const rows = new Map<string, { row: SweepRow; line: string }>();
  text
    .slice(0, end)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: SweepRow;
      try {
        row = JSON.parse(line) as SweepRow;
      } catch {
        throw new SweepStoreError(`${path}:${i + 1}: not a JSON row; the file was edited or damaged`);
      }
      const problem = manifest ? rowProblem(row, manifest) : null;
      if (problem !== null) throw new SweepStoreError(`${path}:${i + 1}: not a row of this sweep: ${problem}; the file was edited or mixes sweeps`);
      const seen = rows.get(rowKey(row));
      if (seen === undefined) rows.set(rowKey(row), { row, line });
      else if (seen.line !== line) {
        throw new SweepStoreError(`${path}:${i + 1}: a second, different row for cell ${row.cell} replication ${row.replication}; the file was edited or mixes sweeps`);
      }
    });
  return { rows: [...rows.values()].map((r) => r.row), partialBytes: Buffer.byteLength(text.slice(end)), completeBytes: Buffer.byteLength(text.slice(0, end)) };
}

/** Rows in task order: by cell, then replication. */
const byTask = (a: SweepRow, b: SweepRow) => a.cell - b.cell || a.replication - b.replication;

/** A file-system error as a few words (`permission denied`), for messages that name the path. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file of that name exists',
  };
  return (code && words[code]) ?? (error as Error).message;
}

/** Makes sure `dir` is a directory (creating it if absent); anything else is a {@link SweepStoreError} naming it. */
function prepareDirectory(dir: string): void {
  let isDirectory: boolean | null = null;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new SweepStoreError(`${dir}: cannot use it as the sweep directory: ${reason(error)}`);
  }
  if (isDirectory === false) throw new SweepStoreError(`${dir} exists and is not a directory; give a directory (new, empty, or holding the same sweep)`);
  if (isDirectory === null) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new SweepStoreError(`${dir}: cannot create the sweep directory: ${reason(error)}`);
    }
  }
}

/** Files of a directory that are not the lock or a temporary file of a writer. */
const ownFiles = (dir: string) => readdirSync(dir).filter((name) => !name.startsWith(LOCK_FILE) && !isTemporaryFile(name));

/**
 * A sweep's directory: `sweep.json` (what the sweep is), `rows.jsonl` (one
 * line per finished replication, appended and flushed as each finishes) and
 * `summary.csv`. Opening it takes the directory's lock (a second writer is
 * refused) and resumes: finished rows are kept, a partial last line is cut
 * off to be redone, and a directory holding a different sweep (another
 * scenario content, grid, replications, engine or cbsim version) is refused,
 * saying what differs, rather than mixed. Call {@link SweepStore.close} to
 * release the lock.
 */
export class SweepStore {
  private readonly rowsPath: string;
  private readonly lock: DirLock;
  private fd: number;
  private closed = false;
  /** Finished rows by key (cell/replication). */
  readonly done = new Map<string, SweepRow>();
  /** Bytes of a partial last line that were cut off when the store was opened. */
  readonly repairedBytes: number;
  /** The owner of a stale lock (a killed writer) that was taken over, if any. */
  readonly recoveredLock: LockOwner | null;

  constructor(
    readonly dir: string,
    readonly manifest: SweepManifest,
  ) {
    prepareDirectory(dir);
    try {
      this.lock = lockDirectory(dir);
    } catch (error) {
      if (error instanceof SweepStoreError) throw error;
      throw new SweepStoreError(`${dir}: cannot write into the sweep directory: ${reason(error)}`);
    }
    this.recoveredLock = this.lock.recovered;
    this.rowsPath = join(dir, SWEEP_FILES.rows);
    try {
      this.repairedBytes = this.openFiles();
      this.fd = openSync(this.rowsPath, 'a');
    } catch (error) {
      this.lock.release();
      if (error instanceof SweepStoreError) throw error;
      throw new SweepStoreError(`${dir}: cannot write into the sweep directory: ${reason(error)}`);
    }
  }

  /** Checks or writes the manifest and reads the finished rows; returns the bytes of a partial last line cut off. */
  private openFiles(): number {
    const names = Object.values(SWEEP_FILES) as string[];
    for (const name of readdirSync(this.dir)) {
      if (isTemporaryFile(name) && names.some((n) => name.startsWith(`.${n}.`))) rmSync(join(this.dir, name), { force: true });
    }
    removeLockLeftovers(this.dir);
    const manifestPath = join(this.dir, SWEEP_FILES.manifest);
    if (existsSync(manifestPath)) {
      const differences = manifestDifferences(readManifest(manifestPath), this.manifest);
      if (differences.length > 0) {
        throw new SweepStoreError(
          `${this.dir} holds a different sweep; its rows and this one's cannot be mixed:\n${describeDifferences(differences, `${SWEEP_FILES.manifest} has`, 'this run has')}\nrun it with the same scenario and options to resume it, or choose another directory`,
        );
      }
    } else {
      if (ownFiles(this.dir).length > 0) throw new SweepStoreError(`${this.dir} is not empty and is not a sweep directory; choose an empty or new directory`);
      writeFileAtomic(manifestPath, `${JSON.stringify(this.manifest, null, 2)}\n`);
    }
    const { rows, partialBytes, completeBytes } = readRows(this.rowsPath, this.manifest);
    if (partialBytes > 0) truncateSync(this.rowsPath, completeBytes);
    for (const row of rows) this.done.set(rowKey(row), row);
    return partialBytes;
  }

  /** Appends a finished row and flushes it to disk (one write, so a kill leaves at most one partial line). A row already kept is not written again. */
  append(row: SweepRow): void {
    if (this.done.has(rowKey(row))) return;
    writeAll(this.fd, `${JSON.stringify(row)}\n`);
    fdatasyncSync(this.fd);
    this.done.set(rowKey(row), row);
  }

  /** Rewrites `rows.jsonl` atomically in task order (cell, then replication), so that how a sweep was run, killed or resumed leaves the same bytes. */
  compact(): void {
    closeSync(this.fd);
    writeFileAtomic(this.rowsPath, [...this.done.values()].sort(byTask).map((row) => `${JSON.stringify(row)}\n`).join(''));
    this.fd = openSync(this.rowsPath, 'a');
  }

  /** Writes a file of the directory (the summary) atomically. */
  write(name: string, text: string): void {
    writeFileAtomic(join(this.dir, name), text);
  }

  /** Closes `rows.jsonl` and releases the directory's lock. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    this.lock.release();
  }
}
