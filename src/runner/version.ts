import { readFileSync } from 'node:fs';

/** cbsim's version, read from its package.json (what `cbsim --version` prints and sweep manifests record). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
