import { closeSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { temporaryFileOf, writeAll } from './atomic-file.js';
import { SweepStoreError } from './sweep-manifest.js';

/** Who holds a lock: a process on a host. */
export interface LockOwner {
  pid: number;
  host: string;
}

/** An exclusive lock on a directory, held until {@link DirLock.release}. */
export interface DirLock {
  /** The lock file. */
  path: string;
  /** The owner of a stale lock (a process that is no longer running) that was taken over, if any. */
  recovered: LockOwner | null;
  /** Removes the lock file, if it is still this lock's. */
  release(): void;
}

/** The name of the lock file in a locked directory. */
export const LOCK_FILE = 'sweep.lock';

const ownerText = (owner: LockOwner) => `${JSON.stringify(owner)}\n`;

/** Creates `path` holding `text` only if it does not exist; false if it does. The file never exists half-written. */
function createExclusive(path: string, text: string): boolean {
  const temporary = temporaryFileOf(path);
  const fd = openSync(temporary, 'w');
  try {
    writeAll(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The text of a lock file, or null if it is gone. */
function readLock(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/** Whether process `pid` of this host is running (a process of another user counts). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a lock's owner is certainly gone: a process of this host that is no longer running. */
const isStale = (owner: LockOwner | null) => owner !== null && owner.host === hostname() && owner.pid !== process.pid && !isRunning(owner.pid);

/**
 * Removes the stale lock file whose text is `staleText`, under a second lock
 * so that two processes recovering it at once cannot remove a fresh lock the
 * other has just taken.
 */
function removeStale(path: string, staleText: string, me: string): void {
  const breaker = `${path}.break`;
  if (!createExclusive(breaker, me)) {
    const text = readLock(breaker);
    if (text !== null && isStale(parseOwner(text))) rmSync(breaker, { force: true });
    return;
  }
  try {
    if (readLock(path) === staleText) rmSync(path, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

/**
 * Takes the exclusive lock of directory `dir` (a file holding this process's
 * pid and host, created only if absent). A lock left by a process of this
 * host that is no longer running is taken over; a live one, or one of
 * another host, is a {@link SweepStoreError} saying who holds it.
 */
export function lockDirectory(dir: string): DirLock {
  const path = join(dir, LOCK_FILE);
  const me = ownerText({ pid: process.pid, host: hostname() });
  let recovered: LockOwner | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, me)) {
      return {
        path,
        recovered,
        release: () => {
          if (readLock(path) === me) rmSync(path, { force: true });
        },
      };
    }
    const text = readLock(path);
    if (text === null) continue;
    const owner = parseOwner(text);
    if (!isStale(owner)) {
      const who = owner ? `pid ${owner.pid} on host ${owner.host}${owner.pid === process.pid && owner.host === hostname() ? ', this very process' : ''}` : 'an unknown process (the lock file is not readable as pid and host)';
      throw new SweepStoreError(
        `${dir} is being written by another cbsim (${who}); wait for it to finish or choose another --out directory. If no cbsim is running there, delete ${path} and run again`,
      );
    }
    removeStale(path, text, me);
    recovered = owner;
  }
  throw new SweepStoreError(`${dir}: could not take the lock ${path} (other processes keep taking it); try again`);
}

/** Removes the temporary files of lock attempts in `dir` whose process is no longer running (a writer killed while taking the lock). */
export function removeLockLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = /^\.sweep\.lock(?:\.break)?\.(\d+)\.tmp$/.exec(name);
    if (match && Number(match[1]) !== process.pid && !isRunning(Number(match[1]))) rmSync(join(dir, name), { force: true });
  }
}
