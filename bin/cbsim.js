#!/usr/bin/env node
// Launcher: runs the bundled CLI in dist/bundle/ (`npm run build`; `npm ci` builds it through `prepare`).
import { existsSync } from 'node:fs';

// A reader that stops early (`cbsim schema | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const entry = new URL('../dist/bundle/cbsim.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('cbsim: the built command line (dist/bundle/) is missing; run `npm run build` in the cbsim directory\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
