// The pipeline's promises: the same residents give the same JSON, byte for byte, whatever the
// dialect, the encoding, the order of rows, or how the rows are split into files.

import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyseFiles, type AnalyseOptions } from '../src/analyse.js';
import { renderJson } from '../src/report/json.js';

const options: AnalyseOptions = {
  read: { header: true, noId: false, columns: {} },
  strict: false,
  maxRejected: 0.01,
  roster: null,
  population: null,
  negatives: 'clip',
  figures: { top: [0.01, 0.05, 0.1, 0.2, 0.5], focus: 0.1, minCell: 0, reach: [0.5, 0.8, 0.9], bottom: [0.5], curveStep: 0.01 },
};

interface Row {
  id: string;
  service: string;
  cents: number;
}

/** Writes rows as one export file in the given style; returns its path. */
function writeFile(dir: string, name: string, rows: Row[], style: Style): string {
  const amount = (cents: number) => {
    const sign = cents < 0 ? '-' : '';
    const abs = Math.abs(cents);
    let euros = String(Math.floor(abs / 100));
    if (style.thousands) euros = euros.replace(/\B(?=(\d{3})+$)/g, style.decimal === ',' ? ' ' : ',');
    return `${sign}${euros}${style.decimal}${String(abs % 100).padStart(2, '0')}`;
  };
  const quote = (f: string) => (f.includes(style.delimiter) || f.includes('"') ? `"${f.replace(/"/g, '""')}"` : f);
  const lines = [['asiakas_id', 'palvelu', 'kustannus_eur'].join(style.delimiter)];
  for (const r of rows) lines.push([quote(r.id), quote(r.service), quote(amount(r.cents))].join(style.delimiter));
  const text = lines.join(style.eol) + style.eol;
  let bytes: Buffer =
    style.encoding === 'windows-1252'
      ? Buffer.from([...text].map((c) => ({ ä: 0xe4, ö: 0xf6, å: 0xe5 })[c] ?? c.charCodeAt(0)))
      : Buffer.from((style.bom ? '\ufeff' : '') + text, 'utf8');
  if (style.gzip) bytes = gzipSync(bytes);
  const path = join(dir, name + (style.gzip ? '.csv.gz' : '.csv'));
  writeFileSync(path, bytes);
  return path;
}

interface Style {
  delimiter: string;
  decimal: '.' | ',';
  thousands: boolean;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  eol: string;
  gzip: boolean;
}

const FINNISH: Style = { delimiter: ';', decimal: ',', thousands: true, encoding: 'utf-8', bom: true, eol: '\r\n', gzip: false };

const SERVICES = ['Päivystys', 'Kotihoito', 'Erikoissairaanhoito', 'Hammashoito', 'Lastensuojelu, avohuolto'];

/** A reproducible set of cost rows: ids reused, some credits, some ties. */
function rows(seed: number, n: number): Row[] {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, () => ({
    id: `P${Math.floor(next() * n * 0.4)}`,
    service: SERVICES[Math.floor(next() * SERVICES.length)],
    cents: next() < 0.05 ? -Math.floor(next() * 5000) : Math.floor(next() ** 4 * 2_000_000),
  }));
}

async function json(paths: string[]): Promise<any> {
  return JSON.parse(renderJson(await analyseFiles(paths, options)));
}

/** The report without the input section, which names the files. */
function figures(report: any): string {
  const { input, ...rest } = report;
  return JSON.stringify(rest);
}

describe('the same data in every dialect and encoding gives identical figures', () => {
  const data = rows(7, 3000);
  const dir = mkdtempSync(join(tmpdir(), 'costcurve-dialects-'));
  it.each<[string, Style]>([
    ['semicolon, decimal comma, thousands, BOM, CRLF', FINNISH],
    ['Windows-1252', { ...FINNISH, encoding: 'windows-1252', bom: false }],
    ['comma, decimal point', { ...FINNISH, delimiter: ',', decimal: '.', thousands: false, bom: false, eol: '\n' }],
    ['comma, decimal point with thousands', { ...FINNISH, delimiter: ',', decimal: '.', thousands: true, eol: '\n' }],
    ['tab', { ...FINNISH, delimiter: '\t', bom: false, eol: '\n' }],
    ['pipe, gzip', { ...FINNISH, delimiter: '|', gzip: true }],
    ['CR line endings', { ...FINNISH, eol: '\r' }],
  ])('%s', async (name, style) => {
    const reference = await json([writeFile(dir, 'reference', data, { ...FINNISH, thousands: false, bom: false, eol: '\n' })]);
    const report = await json([writeFile(dir, name.replace(/\W+/g, '-'), data, style)]);
    expect(figures(report)).toBe(figures(reference));
    expect(report.input.files[0]).toMatchObject({ delimiter: style.delimiter, decimal: style.decimal, encoding: style.encoding });
  });
});

describe('row order, file order and file splits never change the figures', () => {
  it('shuffled rows split into 1–4 files in any order give byte-identical JSON', async () => {
    const data = rows(11, 400);
    const dir = mkdtempSync(join(tmpdir(), 'costcurve-order-'));
    const reference = figures(await json([writeFile(dir, 'all', data, FINNISH)]));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(data, { minLength: data.length, maxLength: data.length }),
        fc.array(fc.integer({ min: 1, max: data.length - 1 }), { maxLength: 3 }),
        async (shuffled, cuts) => {
          const bounds = [0, ...[...new Set(cuts)].sort((a, b) => a - b), shuffled.length];
          const paths = bounds.slice(1).map((end, k) =>
            writeFile(dir, `run${run}-part${k}`, shuffled.slice(bounds[k], end), k % 2 ? { ...FINNISH, delimiter: ',', decimal: '.', thousands: false } : FINNISH),
          );
          run++;
          // The services of files with a service column come from that column, so splits do not add services.
          expect(figures(await json(paths.reverse()))).toBe(reference);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('files large enough to be split between threads give byte-identical JSON on 1, 2 and 3 threads, one file or two', async () => {
    // Two files of 400 k rows (about 12 MB each, over the 9 MiB from which a file is split) whose
    // persons overlap: each split file's threads' tables are merged, one file after the other, and
    // their memory lent to the figures.
    const dir = mkdtempSync(join(tmpdir(), 'costcurve-threads-'));
    const a = writeFile(dir, 'a', rows(7, 400_000), FINNISH);
    const b = writeFile(dir, 'b', rows(8, 400_000), FINNISH);
    const on = async (paths: string[], threads: number) => renderJson(await analyseFiles(paths, { ...options, read: { ...options.read, threads } }));
    for (const paths of [[a], [a, b]]) {
      const one = await on(paths, 1);
      expect(JSON.parse(one).population.persons).toBeGreaterThan(100_000);
      for (const threads of [2, 3]) expect(await on(paths, threads)).toBe(one);
    }
  });

  it('the same files in another order give byte-identical JSON, input section included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'costcurve-files-'));
    const a = writeFile(dir, 'a', rows(1, 200), FINNISH);
    const b = writeFile(dir, 'b', rows(2, 200), { ...FINNISH, encoding: 'windows-1252', bom: false });
    const c = writeFile(dir, 'c', rows(3, 200), { ...FINNISH, gzip: true });
    expect(JSON.stringify(await json([c, a, b]))).toBe(JSON.stringify(await json([a, b, c])));
  });
});

describe('a roster', () => {
  it("keeps an id's first line (its group and weight); a later line of it is a duplicate", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'costcurve-roster-'));
    const costs = join(dir, 'costs.csv');
    writeFileSync(costs, 'henkilo_id;palvelu;kustannus_eur\nA1;Kotihoito;10,00\nA2;Kotihoito;20,00\nA4;Kotihoito;30,00\n');
    const roster = fileURLToPath(new URL('../fixtures/read/roster.csv', import.meta.url));
    const report = await analyseFiles([costs], { ...options, roster, read: { ...options.read, roster: true, columns: { group: 'ikaryhma', weight: 'paino' } } });
    // roster.csv: A1 (0-17, weight 1,5), A2 (80+, 2), A1 again (18-64, 9), A4 (no group, 1), an empty id.
    // The second A1 line is not read at all: no conflict with the first's group or weight.
    expect(report.population).toMatchObject({ rosterDuplicates: 1, groupConflicts: 0, weightConflicts: 0 });
    expect(report.population.weight).toBe(4.5); // 1.5 + 2 + 1: A1's first weight, not its second (9)
    const groups = report.groups.map((g) => g.group);
    expect(groups).toEqual(expect.arrayContaining(['0-17', '80+']));
    expect(groups).not.toContain('18-64');
  });
});
