// `npm run build`'s second step: assembles every src/**/*.wat into dist/src/**/*.wasm with wabt
// (the WebAssembly Binary Toolkit's wat2wasm, compiled to JavaScript: no native build). The .wat is
// the source; the .wasm is made here, never committed.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wabt = await initWabt();
for (const source of find(join(root, 'src'))) {
  // threads: a memory may be shared (lookup.wat's, which a thread hands over whole).
  const module = wabt.parseWat(source, readFileSync(source, 'utf8'), { threads: true });
  module.validate({ threads: true });
  const target = join(root, 'dist', relative(root, source)).replace(/\.wat$/, '.wasm');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, module.toBinary({}).buffer);
  module.destroy();
}

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? find(join(dir, entry.name)) : entry.name.endsWith('.wat') ? [join(dir, entry.name)] : [],
  );
}
