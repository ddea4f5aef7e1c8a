// Regenerates fixtures/sample, the default sample (SAMPLE_DEFAULTS). Run from the repository root
// after changing src/sample:
//   npx tsc -p tsconfig.json --outDir /tmp/sample-build && node /tmp/sample-build/scripts/make-fixtures.js
// test/sample checks that the fixture still equals what the generator produces.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SAMPLE_DEFAULTS, writeSample } from '../src/sample/index.js';

const out = join('fixtures', 'sample');

// writeSample never overwrites, so the old data files go first; README.md stays.
await rm(join(out, 'register.csv'), { force: true });
await rm(join(out, 'costs'), { recursive: true, force: true });
const started = performance.now();
const written = await writeSample({ ...SAMPLE_DEFAULTS, out });
const seconds = ((performance.now() - started) / 1000).toFixed(2);
for (const path of written) console.log(path);
console.log(`persons ${SAMPLE_DEFAULTS.persons}, seed ${SAMPLE_DEFAULTS.seed}: ${seconds} s`);
