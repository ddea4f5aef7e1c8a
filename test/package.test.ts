// The library as a user gets it: the package is packed (npm pack), unpacked into a scratch
// folder's node_modules, and imported by its name, 'costcurve' — from JavaScript, from TypeScript
// through its .d.ts, and in the README's example.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './e2e/run.js';

let dir: string;
let files: string[];

function node(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'costcurve-package-'));
  // `npm test` has just built dist/; pack it as it is (no prepare script).
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  files = packed.files.map((f) => f.path);
  mkdirSync(join(dir, 'node_modules'));
  const tar = spawnSync('tar', ['-xzf', join(dir, packed.filename), '-C', join(dir, 'node_modules')], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  renameSync(join(dir, 'node_modules', 'package'), join(dir, 'node_modules', 'costcurve'));
  // Its dependencies as npm would install them (offline: the ones this repository has installed).
  const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', 'costcurve', 'package.json'), 'utf8'));
  for (const dependency of Object.keys(manifest.dependencies)) {
    symlinkSync(join(ROOT, 'node_modules', dependency), join(dir, 'node_modules', dependency), 'dir');
  }
  symlinkSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module', private: true }));
}, 60_000);

const SAMPLE = ['fixtures/sample/costs/erikoissairaanhoito.csv', 'fixtures/sample/costs/vanhuspalvelut.csv'];

describe("the packed package, imported as 'costcurve'", () => {
  it('ships the compiled library, its types and the binary, and no tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/src/index.js',
        'dist/src/index.d.ts',
        'dist/src/library.d.ts',
        // The command's first module, the bundled command line, its bundled reading thread and the
        // kernels beside them (the library's own in dist/src).
        'dist/bin/costcurve.js',
        'dist/bin/run.js',
        'dist/bin/scanWorker.js',
        'dist/bin/plainRows.wasm',
        'dist/bin/lookup.wasm',
        'dist/src/aggregate/scanWorker.js',
        'dist/src/read/plainRows.wasm',
        'dist/src/aggregate/lookup.wasm',
        'package.json',
        'README.md',
      ]),
    );
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('dist/test/') || f.startsWith('src/'))).toEqual([]);
  });

  it('ships bundles of ASCII only (V8 reads a source with a character beyond Latin-1 as two bytes a character)', () => {
    for (const bundle of ['costcurve.js', 'run.js', 'scanWorker.js']) {
      const bytes = readFileSync(join(dir, 'node_modules', 'costcurve', 'dist', 'bin', bundle));
      expect(bytes.findIndex((byte) => byte >= 0x80), bundle).toBe(-1);
    }
  });

  it('starts without loading what only some runs need: child_process (commander spawns no program here) and crypto (files written)', () => {
    writeFileSync(join(dir, 'loaded.mjs'), "process.on('exit', () => process.stderr.write(process.moduleLoadList.join('\\n')));\n");
    const bin = join(dir, 'node_modules', 'costcurve', 'dist', 'bin', 'costcurve.js');
    const started = node(['--import', './loaded.mjs', bin, ...SAMPLE, '--json', '--quiet']);
    expect(started.code).toBe(0);
    const loaded = started.stderr.split('\n');
    // The hook sees the modules: fs is always there.
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((name) => /child_process|crypto/.test(name))).toEqual([]);
  });

  it('the packed binary reads a file large enough to be split on two threads as on one', () => {
    // 12 MiB: over the 9 MiB from which a second thread reads part of a file, with the bundled
    // thread (dist/bin/scanWorker.js) and the kernel beside it.
    const rows = ['id;palvelu;kustannus'];
    for (let i = 0; i < 600_000; i++) rows.push(`P${(i * 7919) % 40_000};S${i % 5};${(i % 9973) + 1},${String(i % 100).padStart(2, '0')}`);
    writeFileSync(join(dir, 'large.csv'), rows.join('\n') + '\n');
    const bin = join(dir, 'node_modules', 'costcurve', 'dist', 'bin', 'costcurve.js');
    const [one, two] = ['1', '2'].map((threads) => node([bin, 'large.csv', '--threads', threads, '--json', '--quiet']));
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout)).toStrictEqual(JSON.parse(one.stdout));
    expect(JSON.parse(two.stdout).input.rows).toBe(600_000);
  });

  it('analyse() resolves to exactly the object --format json prints', () => {
    const options = { roster: 'fixtures/sample/register.csv', top: [1, 5, 10], minCell: 3, ci: 95, bootstrap: 50, seed: 3, expect: ['gini < 0.99'] };
    writeFileSync(
      join(dir, 'analyse.mjs'),
      `import { analyse } from 'costcurve';\nprocess.stdout.write(JSON.stringify(await analyse(${JSON.stringify(SAMPLE)}, ${JSON.stringify(options)})));\n`,
    );
    const library = node(['analyse.mjs']);
    expect(library.stderr).toBe('');
    const cli = run([...SAMPLE, '--roster', 'fixtures/sample/register.csv', '--top', '1,5,10', '--min-cell', '3', '--ci', '95', '--bootstrap', '50', '--seed', '3', '--expect', 'gini < 0.99', '--json', '--quiet'], { cwd: dir });
    expect(cli.code).toBe(0);
    expect(JSON.parse(library.stdout)).toStrictEqual(JSON.parse(cli.stdout));
  });

  it('compare() resolves to exactly the object compare --format json prints', () => {
    writeFileSync(
      join(dir, 'compare.mjs'),
      `import { compare } from 'costcurve';\nprocess.stdout.write(JSON.stringify(await compare([${JSON.stringify(SAMPLE[0])}], [${JSON.stringify(SAMPLE[1])}], { top: '5,10', noHeader: false })));\n`,
    );
    const library = node(['compare.mjs']);
    expect(library.stderr).toBe('');
    const cli = run(['compare', '--from', SAMPLE[0], '--to', SAMPLE[1], '--top', '5,10', '--json', '--quiet'], { cwd: dir });
    expect(JSON.parse(library.stdout)).toStrictEqual(JSON.parse(cli.stdout));
  });

  it('throws a CostcurveError for a misspelt option, a bad value and a missing file', () => {
    writeFileSync(
      join(dir, 'errors.mjs'),
      `import { analyse, CostcurveError } from 'costcurve';
for (const [inputs, options] of [[['x.csv'], { 'min-cell': 0 }], [['x.csv'], { top: 'ten' }], [['missing.csv'], {}]]) {
  try { await analyse(inputs, options); console.log('no error'); }
  catch (error) { console.log(error instanceof CostcurveError, error.kind, error.message); }
}\n`,
    );
    expect(node(['errors.mjs']).stdout.trim().split('\n')).toEqual([
      "true usage analyse: unknown option 'min-cell'; write minCell",
      expect.stringMatching(/^true usage --top 'ten' is not a percentage/),
      expect.stringMatching(/^true data .*missing\.csv/),
    ]);
  });

  it('type-checks a TypeScript consumer against the shipped .d.ts', () => {
    writeFileSync(
      join(dir, 'consumer.ts'),
      `import { analyse, compare, type Report, type CompareReport } from 'costcurve';
const report: Report = await analyse(['costs.csv'], { roster: 'register.csv', top: [1, 10], minCell: 0, expect: ['top10 > 50%'] });
const share: number | null = report.shares[0].share;
const periods: CompareReport = await compare(['a.csv'], ['b.csv'], { top: '10' });
const stayed: number | null = periods.persistence[0].stayed;
// @ts-expect-error: options are camelCase
await analyse(['costs.csv'], { 'min-cell': 0 });
// @ts-expect-error: compare takes no confidence intervals
await compare(['a.csv'], ['b.csv'], { ci: 95 });
export { share, stayed };
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['consumer.ts'] }),
    );
    const tsc = node([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it("runs the README's example", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- library example[^\n]*\n```js\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    writeFileSync(join(dir, 'example.mjs'), block![1]);
    const r = node(['example.mjs']);
    expect(r.stderr).toBe('');
    // The bundled sample's top 10 % share is 81.5 % (fixtures/sample/README.md, computed independently).
    expect(r.stdout).toMatch(/^top 10 %: 81\.5 % of costs \(95 % CI \d+\.\d % to \d+\.\d %\)\nexpectation top10 >= 80%: met\nof the top 10 % in specialised care, \d+\.\d % are in the top 10 % of elderly care\n$/);
  });
});
