import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.js';

/** What an operating-system error means for a file the user asked for, in words. */
function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'its directory does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return error.message;
  }
}

const isErrno = (error: unknown): error is NodeJS.ErrnoException => error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';

/** Options of {@link checkOutputFile}. */
export interface OutputFileCheck {
  /** Overwrite an existing file (`--force`). */
  force?: boolean;
  /** The file is the command's own default and is replaced each time without `--force`. */
  replaceable?: boolean;
}

/**
 * Checks, before any work starts, that the file `path` given with `option`
 * can be written: not a directory, not an existing file (unless `force` or
 * `replaceable`), in a directory that exists and takes new files (tried by
 * creating and removing an empty file there). A path that fails is a
 * `CliError` (exit status 2) naming the option, the path and the reason.
 */
export function checkOutputFile(option: string, path: string, check: OutputFileCheck = {}): void {
  const fail = (why: string) => new CliError(`${option}: cannot write ${path}: ${why}`);
  if (path === '' || path.endsWith('/')) throw fail('give a file name, not a directory');
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw fail('it is a directory; give a file name');
    if (!check.force && !check.replaceable) throw new CliError(`${option}: ${path} exists; use --force to overwrite it`);
  }
  const dir = dirname(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    if (!isErrno(error)) throw error;
    throw fail(error.code === 'ENOENT' ? `the directory ${dir} does not exist; create it first (mkdir -p ${dir})` : `${dir}: ${reason(error)}`);
  }
  if (!isDirectory) throw fail(`${dir} is not a directory`);
  const probe = join(dir, `.${basename(path)}.${process.pid}.probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    if (!isErrno(error)) throw error;
    throw fail(`cannot create files in ${dir}: ${reason(error)}`);
  }
}

/**
 * Writes `text` to `path` atomically: into a temporary file beside it, then
 * renamed over it, so a reader (or a crash) never sees half a file. A failure
 * of the file system is a `CliError` (exit status 2) naming the option and the
 * path; `afterResults` adds that the results printed above are complete.
 */
export function writeOutputFile(option: string, path: string, text: string, afterResults = false): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    if (!isErrno(error)) throw error;
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The temporary file was never made, or cannot be removed either: the error below says why.
    }
    throw new CliError(`${option}: cannot write ${path}: ${reason(error)}${afterResults ? '; the results printed above are complete, only this file is missing' : ''}`);
  }
}
