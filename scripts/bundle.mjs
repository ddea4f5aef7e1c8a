// `npm run build`'s last step: the command line and its reading thread bundled into one file each
// with esbuild (dist/bin/run.js and dist/bin/scanWorker.js, beside the kernel's .wasm), and the
// command's first module (dist/bin/costcurve.js: it starts the reading threads, then loads run.js).
// Start-up is part of every run: loading some 60 modules took about 0.1 s here, the bundle half
// of that, and a reading thread starts reading sooner. The library (dist/src) stays as tsc wrote it.

import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
await build({
  entryPoints: {
    costcurve: join(dist, 'bin', 'costcurve.js'),
    run: join(dist, 'bin', 'run.js'),
    scanWorker: join(dist, 'src', 'aggregate', 'scanWorker.js'),
  },
  outdir: join(dist, 'bin'),
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS dependencies (commander) require Node's modules.
  banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
  logLevel: 'warning',
  // No comments or indentation: with them the bundle held characters beyond Latin-1 (in comments),
  // so V8 kept its whole source as two bytes a character; ASCII (esbuild escapes non-ASCII in
  // strings; the regular expressions use escapes in the source) is read and scanned as one byte a
  // character. Names are kept. `--version` took 0.150–0.158 s against 0.161–0.167 s (the fastest
  // quarter of 25 runs each).
  minifyWhitespace: true,
  plugins: [lazyChildProcess()],
});
// The bundles look for the kernels next to themselves.
copyFileSync(join(dist, 'src', 'read', 'plainRows.wasm'), join(dist, 'bin', 'plainRows.wasm'));
copyFileSync(join(dist, 'src', 'aggregate', 'lookup.wasm'), join(dist, 'bin', 'lookup.wasm'));

/**
 * commander requires `node:child_process` when it loads, for subcommands that are programs of their
 * own, which costcurve has none of; loading it took some 5 ms of every start. The bundle's copy of
 * commander requires it the first time it would spawn one instead.
 */
function lazyChildProcess() {
  const eager = "const childProcess = require('node:child_process');";
  return {
    name: 'lazy-child-process',
    setup(build) {
      build.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes(eager)) throw new Error(`${args.path}: no '${eager}' to make lazy (a new commander?)`);
        const lazy = "let childProcessModule; const childProcess = { spawn: (...args) => (childProcessModule ??= require('node:child_process')).spawn(...args) };";
        return { contents: source.replace(eager, lazy), loader: 'js' };
      });
    },
  };
}
