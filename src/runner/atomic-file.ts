import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The temporary file {@link writeFileAtomic} writes before renaming it over `path`. */
export const temporaryFileOf = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/** Whether a file name is a temporary file of {@link writeFileAtomic} (left behind when a writer was killed). */
export const isTemporaryFile = (name: string) => /^\..+\.\d+\.tmp$/.test(name);

/** Writes all of `data` at the descriptor's position (a write may take several calls). */
export function writeAll(fd: number, data: string | Buffer): void {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data;
  for (let at = 0; at < buffer.length; ) at += writeSync(fd, buffer, at, buffer.length - at);
}

/** Flushes a directory's entries (a rename) to disk; some file systems cannot, which is not an error. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here (e.g. some network or Windows file systems): the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces `path` with `data` so that a reader, or a writer killed at any
 * moment, sees either the old file or the whole new one: the text goes to a
 * temporary file in the same directory, is flushed to disk, then renamed over `path`.
 */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  const temporary = temporaryFileOf(path);
  const fd = openSync(temporary, 'w');
  try {
    writeAll(fd, data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}
