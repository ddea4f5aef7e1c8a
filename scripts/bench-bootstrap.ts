// What --ci costs: 1 000 bootstrap replicates on 300 000 persons, beside the analysis itself.
//   npm run bench:bootstrap [-- PERSONS REPLICATES]
// Generates a synthetic export (costcurve sample, 300 000 residents) into a temporary folder, runs
// the analysis without and with --ci, and times the bootstrap alone on the same persons.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../src/aggregate/collect.js';
import { applyNegatives } from '../src/aggregate/negatives.js';
import { analyseFiles } from '../src/analyse.js';
import { bootstrapIntervals } from '../src/curve/bootstrap.js';
import { tieBlocks } from '../src/curve/tieBlocks.js';
import { analyseOptions } from '../src/options/analyse.js';
import { writeSample } from '../src/sample/index.js';

const persons = Number(process.argv[2] ?? 300_000);
const replicates = Number(process.argv[3] ?? 1000);
const dir = await mkdtemp(join(tmpdir(), 'costcurve-bench-bootstrap-'));

/** CPU seconds (user + system) of one run: steadier than wall time on a shared machine; wall time beside it. */
const seconds = async (run: () => Promise<unknown> | unknown): Promise<number> => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  lastWall = (performance.now() - wall) / 1000;
  return (used.user + used.system) / 1e6;
};
let lastWall = 0;
const line = (label: string, s: number, note = '') =>
  console.log(`${label.padEnd(66)} ${s.toFixed(2).padStart(6)} s CPU ${lastWall.toFixed(2).padStart(6)} s wall ${note}`);

try {
  await writeSample({ persons, seed: 7, out: dir });
  const register = join(dir, 'register.csv');
  const costs = (await readdir(join(dir, 'costs'))).map((f) => join(dir, 'costs', f));
  const options = analyseOptions({ roster: register });

  // Per-person totals, as a pre-aggregated export would give them (see README: scale beyond one machine).
  const collected = await collect(costs, options);
  const population = applyNegatives(collected.table, 'clip').population;
  const totalsFile = join(dir, 'totals.csv');
  await writeFile(totalsFile, 'id;kustannus\n' + Array.from(population.totals, (x, i) => `P${i};${(x / 100).toFixed(2)}`).join('\n') + '\n');

  const blocks = tieBlocks(population.totals);
  console.log(`${population.totals.length} persons in ${blocks.length} tie blocks; ${collected.rows} event rows in ${costs.length} files; ${replicates} replicates`);
  const events = await seconds(() => analyseFiles(costs, options));
  line('analysis of the event rows', events);
  const totals = await seconds(() => analyseFiles([totalsFile], analyseOptions({})));
  line('analysis of the per-person totals', totals);
  const withCi = await seconds(() => analyseFiles([totalsFile], analyseOptions({ ci: 95, bootstrap: replicates })));
  line(`analysis of the per-person totals with --ci 95 --bootstrap ${replicates}`, withCi);
  const top = [0.01, 0.05, 0.1, 0.2, 0.5, 0.1];
  const alone = await seconds(() => bootstrapIntervals(population.totals, null, { level: 0.95, replicates, seed: 1, top, reach: [0.5, 0.8, 0.9] }));
  line('the bootstrap alone', alone, `(${((alone / replicates / blocks.length) * 1e9).toFixed(1)} ns per tie block and replicate)`);
  console.log(`bootstrap / analysis of the event rows: ${(alone / events).toFixed(2)}; / analysis of the totals: ${(alone / totals).toFixed(2)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
