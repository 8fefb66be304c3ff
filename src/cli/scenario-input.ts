/**
 * Reading a scenario's text from a file or from stdin (`-`), never more than
 * the size cap: a bounded read stops one byte past the cap, so `/dev/zero` or
 * an endless pipe is refused at once instead of filling memory.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CliError } from './errors.js';

/** The name errors give to a scenario read from stdin. */
export const STDIN_NAME = '<stdin>';

/** The size cap when neither `--max-input-size` nor `CBSIM_MAX_INPUT_SIZE` is given: 16 MB. */
export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** The environment variable that sets the size cap (overridden by `--max-input-size`). */
export const MAX_INPUT_SIZE_ENV = 'CBSIM_MAX_INPUT_SIZE';

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Parses a size such as `16MB`, `512kb` or `1000000` (bytes; KB, MB, GB are powers of 1024); undefined if it is not one. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*$/i.exec(text);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2].toLowerCase()]);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** Formats a byte count as `16 MB`, `1.5 KB` or `200 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['TB', 1024 ** 4], ['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}

/**
 * Reads the text of `file` (`-` for stdin), at most `maxBytes` bytes; a
 * longer input is refused (status 2) with the cap and how to raise it.
 * Returns the name errors should give the input (`<stdin>` for `-`).
 */
export function readScenarioInput(file: string, maxBytes: number): { name: string; text: string } {
  const stdin = file === '-';
  const name = stdin ? STDIN_NAME : file;
  let fd: number;
  try {
    fd = stdin ? 0 : openSync(file, 'r');
  } catch (error) {
    throw new CliError(`${name}: cannot read scenario: ${reason(error)}`);
  }
  const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, Math.min(buffer.length, maxBytes + 1 - total), null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw error;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      total += n;
      if (total > maxBytes) {
        throw new CliError(
          `${name}: the scenario is larger than the input size limit (${formatSize(maxBytes)}); ` +
            `raise it with --max-input-size SIZE (e.g. --max-input-size 64MB) or ${MAX_INPUT_SIZE_ENV}=64MB`,
        );
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${name}: cannot read scenario: ${reason(error)}`);
  } finally {
    if (!stdin) closeSync(fd);
  }
  return { name, text: Buffer.concat(chunks).toString('utf8') };
}
