// Bundles the CLI after tsc has written dist/: `cbsim.js` (what bin/cbsim.js runs), `sweep-worker.js`
// (the sweep pool's thread entry) and the chunks they share, all flat in dist/bundle/. The bundle sits
// two directories below the package root, as dist/<dir>/<file>.js does, so the URLs the code builds
// from import.meta.url (package.json, scenarios/battery/, ./sweep-worker.js) find the same files.
// Commands and the HTML report stay dynamic imports, so each is a chunk loaded only when used.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** rxjs resolves to its CommonJS build under node, which cannot be tree-shaken: take its ES module build. */
const rxjsAsModules = {
  name: 'rxjs-esm',
  setup(build) {
    const entry = join(dirname(require.resolve('rxjs/package.json')), 'dist/esm/index.js');
    build.onResolve({ filter: /^rxjs$/ }, () => ({ path: entry }));
  },
};

/**
 * seedrandom requires node's crypto only to seed itself when it is given no seed; cbsim always gives
 * one, and loading crypto costs a process a few ms. Its require('crypto') gets an empty module.
 */
const seedrandomWithoutCrypto = {
  name: 'seedrandom-without-crypto',
  setup(build) {
    build.onResolve({ filter: /^crypto$/ }, (args) => (/[\\/]seedrandom[\\/]/.test(args.importer) ? { path: 'crypto', namespace: 'no-crypto' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'no-crypto' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// Chunk names carry a content hash: drop the previous build's chunks.
rmSync('dist/bundle', { recursive: true, force: true });

const result = await build({
  entryPoints: { cbsim: 'dist/cli/main.js', 'sweep-worker': 'dist/runner/sweep-worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  treeShaking: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  sourcemap: false,
  // Bundled CommonJS packages (commander, yaml, seedrandom) call require() for node's own modules.
  banner: { js: "import { createRequire as __cbsimCreateRequire } from 'node:module'; const require = __cbsimCreateRequire(import.meta.url);" },
  external: ['playwright-core'],
  plugins: [rxjsAsModules, seedrandomWithoutCrypto],
  metafile: true,
  logLevel: 'warning',
});

/** The npm package a bundled input file came from, if any. */
const packageOf = (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];

// Which npm packages each bundle file holds: what a test reads to tell which packages a command loaded.
const packages = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  packages[basename(file)] = [...new Set(Object.keys(output.inputs).map(packageOf).filter(Boolean))].sort();
}
writeFileSync('dist/bundle/packages.json', `${JSON.stringify(packages, null, 2)}\n`);

const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/bundle: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KB`);
