// `costcurve inspect` end to end: the JSON shape DESIGN.md names, the table, exit codes, and that
// no resident id of the bundled sample reaches the output.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from './run.js';

const COSTS = readdirSync(join(ROOT, 'fixtures/sample/costs')).map((f) => `fixtures/sample/costs/${f}`);

describe('costcurve inspect', () => {
  it('gives the documented JSON fields for every file', () => {
    const r = run(['inspect', '--json', ...COSTS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const { files } = JSON.parse(r.stdout);
    expect(files.map((f: any) => f.path)).toEqual(COSTS);
    for (const file of files) {
      for (const key of ['path', 'delimiter', 'decimal', 'encoding', 'bom', 'lineEnding', 'columns', 'rows', 'rejectedRows', 'sample']) expect(file).toHaveProperty(key);
      for (const column of file.columns) expect(Object.keys(column)).toEqual(['name', 'role', 'why']);
      expect(file.sample).toHaveLength(5);
    }
    const byName = Object.fromEntries(files.map((f: any) => [f.path.split('/').pop(), f]));
    // The sample's dialects (fixtures/sample/README.md), and its row counts as analyse reports them.
    expect(byName['vanhuspalvelut.csv']).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',', lineEnding: 'CRLF' });
    expect(byName['sosiaalipalvelut.csv']).toMatchObject({ encoding: 'utf-8', delimiter: ',', decimal: '.', bom: false });
    expect(byName['erikoissairaanhoito.csv']).toMatchObject({ bom: true, lineEnding: 'CRLF' });
    const analysed = JSON.parse(run(['--json', ...COSTS]).stdout).input.files;
    for (const f of analysed) expect([byName[f.path.split('/').pop()].rows, byName[f.path.split('/').pop()].rejectedRows]).toEqual([f.rows, f.rejected]);
  });

  it('prints a table with the roles and the records, ids masked', () => {
    const r = run(['inspect', 'fixtures/sample/costs/sosiaalipalvelut.csv', '--rows', '2']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('fixtures/sample/costs/sosiaalipalvelut.csv');
    expect(lines[1]).toBe("  dialect  ',' delimiter, '.' decimal mark, utf-8, LF line endings");
    expect(r.stdout).toMatch(/ client_id +id +alias 'client_id'\n/);
    expect(r.stdout).toMatch(/ date +ignored +no flag or alias\n/);
    expect(r.stdout).toContain('the first 2 records as parsed (ids are shown as •••):');
    // The file's first data line: A89242552,Aikuissosiaalityö,2024-01-01,249.92
    expect(r.stdout).toMatch(/ 2 +••• +Aikuissosiaalityö +2024-01-01 +249\.92 +→ +Aikuissosiaalityö +249\.92\n/);
  });

  it('never prints a resident id of the sample', () => {
    const ids = new Set<string>();
    for (const path of COSTS) {
      let bytes = readFileSync(join(ROOT, path));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      for (const line of bytes.toString('latin1').split(/\r?\n/).slice(1)) {
        const id = line.split(/[;,]/)[0];
        if (/^A\d{8}$/.test(id)) ids.add(id);
      }
    }
    expect(ids.size).toBeGreaterThan(1000);
    const out = run(['inspect', '--rows', '1000', ...COSTS]).stdout + run(['inspect', '--json', '--rows', '1000', ...COSTS]).stdout;
    expect(out).not.toMatch(/A\d{8}/);
  });

  it('prints what it could, then exits with the problem’s code and one line on stderr', () => {
    const r = run(['inspect', 'fixtures/read/kotihoito-fi.csv', 'fixtures/sample/register.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('fixtures/read/kotihoito-fi.csv\n');
    expect(r.stdout).toContain('  problem  fixtures/sample/register.csv:1: no cost column found');
    expect(r.stderr).toBe('costcurve: fixtures/sample/register.csv:1: no cost column found; header is: asiakas_id;ikaryhma;alue — name it with --cost COL\n');
    const json = run(['inspect', '--json', 'fixtures/read/unclosed.csv']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).files[0].problem).toEqual({ message: expect.stringContaining('never closed'), exitCode: 3 });
  });

  it.each([
    [['inspect', 'fixtures/read/no-such.csv'], 3, /cannot open 'fixtures\/read\/no-such.csv': no such file/],
    [['inspect', '--rows', 'x', 'fixtures/read/kotihoito-fi.csv'], 2, /--rows 'x' is not a whole number/],
    [['inspect', '--rows', '5000', 'fixtures/read/kotihoito-fi.csv'], 2, /more than 1000/],
  ])('%j exits %i', (args, code, message) => {
    const r = run(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('reads stdin', () => {
    const r = run(['inspect', '--json', '-'], { input: readFileSync(join(ROOT, 'fixtures/read/tab.tsv')) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ path: '-', delimiter: '\t', rows: 3 });
  });
});
