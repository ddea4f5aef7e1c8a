// `npm run bench`: how fast costcurve reads a national-scale export, beside a plain read of the same
// file (the floor for one pass in JavaScript), the csv-parse reader (the reference the byte scanner
// is tested against) and DuckDB (read_csv → GROUP BY → window sums, the fastest peer). Every run
// is a child process, timed whole (start-up included) by this one. Its peak memory (threads
// included) comes from /usr/bin/time (GNU time's %M); without it, from the child's own
// process.resourceUsage().maxRSS at exit, which Linux carries over from the parent at fork, so
// this process stays small: the exports are written by a child too.
//
//   npm run bench                 # 10 M rows / 300 k persons, then 10 M rows / 3 M persons
//   npm run bench -- --runs 5     # more rounds: each runs every engine once (the median is shown)
//
// The exports are generated once into bench-data/ (git-ignored): deterministic, about 300 MB each.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchSpec } from './benchData.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const DATA = join(ROOT, 'bench-data');
const ENGINES = join(import.meta.dirname, 'benchEngines.js');
const BIN = join(ROOT, 'dist', 'bin', 'costcurve.js');
/** Prints the process's peak memory (bytes) on stderr as it exits: the measure for every child. */
const PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\npeak-rss '+process.resourceUsage().maxRSS*1024+'\\n'))`;

const runs = Number(argument('--runs') ?? 5);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Measured {
  label: string;
  wall: number[];
  rss: number[];
  stdout: string;
}

interface Variant {
  spec: BenchSpec;
  /** What this variant is for. */
  purpose: string;
  engines: { label: string; args: string[]; runs?: number }[];
}

const csvParseRuns = 1; // 10–30 s a run; one is enough to show the ratio

const VARIANTS: Variant[] = [
  {
    spec: { rows: 10_000_000, persons: 300_000, seed: 2013 },
    purpose: 'speed',
    engines: [
      { label: 'plain read (read + count newlines)', args: [ENGINES, 'plain'] },
      { label: 'costcurve, 1 thread', args: [BIN, '--json', '--quiet', '--no-progress', '--threads', '1'] },
      { label: 'costcurve, 2 threads', args: [BIN, '--json', '--quiet', '--no-progress', '--threads', '2'] },
      { label: 'csv-parse reader, 1 thread', args: [BIN, '--json', '--quiet', '--no-progress', '--threads', '1', '--reader', 'csv-parse'], runs: csvParseRuns },
      { label: 'DuckDB 1.5, 2 threads', args: [ENGINES, 'duckdb'] },
    ],
  },
  {
    spec: { rows: 10_000_000, persons: 3_000_000, seed: 2013 },
    purpose: 'memory',
    engines: [
      { label: 'plain read (read + count newlines)', args: [ENGINES, 'plain'] },
      { label: 'costcurve, 1 thread', args: [BIN, '--json', '--quiet', '--no-progress', '--threads', '1'] },
      { label: 'costcurve, 2 threads', args: [BIN, '--json', '--quiet', '--no-progress', '--threads', '2'] },
      { label: 'DuckDB 1.5, 2 threads', args: [ENGINES, 'duckdb'] },
    ],
  },
];

console.log(
  `costcurve bench — node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ` +
    `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; peak memory from ${TIME ?? 'process.resourceUsage()'}`,
);
for (const variant of VARIANTS) {
  const file = await exportFor(variant.spec);
  const bytes = statSync(file).size;
  const { rows, persons } = variant.spec;
  console.log(`\n${fmt(rows)} rows, ${fmt(persons)} persons (${variant.purpose}): ${file.slice(ROOT.length + 1)}, ${(bytes / 1e6).toFixed(0)} MB`);
  const results: Measured[] = variant.engines.map((engine) => ({ label: engine.label, wall: [], rss: [], stdout: '' }));
  // In rounds, every engine once a round: this machine's speed drifts over a minute, and engines
  // compared run side by side, not one's runs after the other's.
  for (let round = 0; round < runs; round++) {
    variant.engines.forEach((engine, e) => {
      if (round >= (engine.runs ?? runs)) return;
      const args = [...engine.args];
      // costcurve takes the file first; the engines script after its engine's name.
      if (args[0] === BIN) args.splice(1, 0, file);
      else args.splice(2, 0, file, ...(args[1] === 'duckdb' ? ['2'] : []));
      measure(results[e], args);
    });
  }
  for (const measured of results) print(measured, bytes, rows);
  summarise(variant, results);
}

/** The variant's export, generated when missing. */
async function exportFor(spec: BenchSpec): Promise<string> {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `events-${spec.rows}-${spec.persons}-${spec.seed}-v1.csv`);
  const done = `${file}.done`;
  if (!existsSync(done)) {
    process.stdout.write(`generating ${file} … `);
    const started = performance.now();
    const child = spawnSync(process.execPath, [ENGINES, 'generate', file, String(spec.rows), String(spec.persons), String(spec.seed)], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`generating ${file} failed`);
    writeFileSync(done, JSON.stringify(spec));
    console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return file;
}

/** One run of an engine, added to what `measured` holds. */
function measure(measured: Measured, args: string[]): void {
  const started = performance.now();
  const child =
    TIME === null
      ? spawnSync(process.execPath, ['--import', PEAK, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      : spawnSync(TIME, ['-f', 'peak-rss %M kB', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${measured.label} failed (exit ${child.status}): ${child.stderr}`);
  measured.wall.push(wall);
  // Worker threads run the --import hook too, as they end; the main thread's line comes last.
  const peak = [...child.stderr.matchAll(/peak-rss (\d+)( kB)?/g)].at(-1)!;
  measured.rss.push(Number(peak[1]) * (peak[2] ? 1024 : 1));
  measured.stdout = child.stdout;
}

function print(m: Measured, bytes: number, rows: number): void {
  const wall = median(m.wall);
  console.log(
    `  ${m.label.padEnd(36)} ${wall.toFixed(2).padStart(6)} s  ${(bytes / 1e6 / wall).toFixed(0).padStart(5)} MB/s  ` +
      `${(rows / 1e6 / wall).toFixed(1).padStart(5)} M rows/s  peak ${(median(m.rss) / 2 ** 20).toFixed(0).padStart(4)} MiB` +
      (m.wall.length > 1 ? `   (runs: ${m.wall.map((w) => w.toFixed(2)).join(', ')} s)` : ''),
  );
}

function summarise(variant: Variant, results: Measured[]): void {
  const by = (prefix: string) => results.find((r) => r.label.startsWith(prefix));
  const plain = by('plain');
  const one = by('costcurve, 1');
  const two = by('costcurve, 2');
  const csv = by('csv-parse');
  const duck = by('DuckDB');
  if (one && two && one.stdout !== two.stdout) throw new Error('costcurve printed different JSON on 1 and 2 threads');
  const top10 = two ? (JSON.parse(two.stdout).shares as { top: number; share: number }[]).find((s) => s.top === 0.1)?.share : undefined;
  const duckTop10 = duck ? (JSON.parse(duck.stdout) as { top10: number }).top10 : undefined;
  const ratio = (a?: Measured, b?: Measured) => (a && b ? median(a.wall) / median(b.wall) : NaN);
  // The same ratio in each round (the two runs a few seconds apart), when there was more than one.
  const rounds = (a?: Measured, b?: Measured) => {
    const n = a && b ? Math.min(a.wall.length, b.wall.length) : 0;
    return n > 1 ? `; per round ${Array.from({ length: n }, (_, k) => (a!.wall[k] / b!.wall[k]).toFixed(2)).join(', ')}` : '';
  };
  const mib = (m?: Measured) => (m ? median(m.rss) / 2 ** 20 : NaN);
  console.log('  —');
  if (variant.purpose === 'speed') {
    console.log(`  costcurve (2 threads) ÷ plain read:  ${ratio(two, plain).toFixed(2)} ×   (target ≤ 3.5${rounds(two, plain)})`);
    console.log(`  csv-parse reader ÷ costcurve (2):     ${ratio(csv, two).toFixed(1)} ×   (target ≥ 12)`);
    console.log(`  costcurve (2 threads) ÷ DuckDB (2):   ${ratio(two, duck).toFixed(2)} ×   (target ≤ 1${rounds(two, duck)})`);
    console.log(`  peak memory, costcurve (2 threads):   ${mib(two).toFixed(0)} MiB   (target ≤ 160)`);
  } else {
    console.log(`  peak memory, costcurve: ${mib(one).toFixed(0)} MiB (1 thread), ${mib(two).toFixed(0)} MiB (2 threads)   (target ≤ 320); DuckDB ${mib(duck).toFixed(0)} MiB`);
  }
  console.log(`  top 10 % share: costcurve ${top10}, DuckDB ${duckTop10} (the same persons' sums: a check that both read it all)`);
  console.log(`  1 and 2 threads print the same JSON: ${one && two ? 'yes' : 'not run'}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function fmt(n: number): string {
  return n >= 1e6 ? `${n / 1e6} M` : `${n / 1e3} k`;
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}
