// With --group and --weight the pipeline keeps its promise: the same residents give the same JSON,
// byte for byte, whatever the order of rows, files, or how rows are split into files.

import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFiles, type AnalyseOptions } from '../src/analyse.js';
import { renderJson } from '../src/report/json.js';

const options: AnalyseOptions = {
  read: { header: true, noId: false, columns: { group: 'alue', weight: 'paino' } },
  strict: false,
  maxRejected: 0.01,
  roster: null,
  population: null,
  negatives: 'clip',
  figures: { top: [0.01, 0.1, 0.5], focus: 0.1, minCell: 3, reach: [0.5, 0.8], bottom: [0.5], curveStep: 0.05 },
};

const AREAS = ['Itä', 'Länsi', 'Etelä', '10-19', '2-9'];

/** Rows of 60 persons; each person has one area and one weight (some 0), on all of its rows. */
function rows(seed: number, n: number): string[] {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const person = (p: number) => ({ area: AREAS[p % AREAS.length], weight: p % 11 === 0 ? '0' : `${(p % 7) + 1},25` });
  return Array.from({ length: n }, () => {
    const p = Math.floor(next() * 60);
    const cents = next() < 0.03 ? -Math.floor(next() * 900) : Math.floor(next() ** 3 * 300_000);
    const service = next() < 0.5 ? 'Kotihoito' : 'Päivystys';
    return `P${p};${person(p).area};${person(p).weight};${service};${Math.trunc(cents / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
  });
}

function write(dir: string, name: string, lines: string[]): string {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, ['asiakas_id;alue;paino;palvelu;kustannus_eur', ...lines, ''].join('\n'));
  return path;
}

async function figures(paths: string[]): Promise<string> {
  const { input, ...rest } = JSON.parse(renderJson(await analyseFiles(paths, options)));
  return JSON.stringify(rest);
}

describe('groups and weights do not depend on order', () => {
  it('shuffled rows split into 1–4 files in any order give byte-identical figures', async () => {
    const data = rows(5, 300);
    const dir = mkdtempSync(join(tmpdir(), 'costcurve-gw-'));
    const reference = await figures([write(dir, 'all', data)]);
    expect(JSON.parse(reference).groups.map((g: any) => g.group)).toEqual(['2-9', '10-19', 'Etelä', 'Itä', 'Länsi']);
    expect(JSON.parse(reference).population.outOfScope).toBeGreaterThan(0);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(data, { minLength: data.length, maxLength: data.length }),
        fc.array(fc.integer({ min: 1, max: data.length - 1 }), { maxLength: 3 }),
        async (shuffled, cuts) => {
          const bounds = [0, ...[...new Set(cuts)].sort((a, b) => a - b), shuffled.length];
          const paths = bounds.slice(1).map((end, k) => write(dir, `run${run}-part${k}`, shuffled.slice(bounds[k], end)));
          run++;
          expect(await figures(paths.reverse())).toBe(reference);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('persons whose files disagree get the same group and weight whatever the order of the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'costcurve-gw-'));
    const a = write(dir, 'a', rows(1, 150));
    // b gives every person another area and weight than a does
    const b = write(dir, 'b', rows(2, 150).map((line) => line.replace(/;([^;]*);([^;]*);/, ';Muu;9;')));
    const shown = { ...options, figures: { ...options.figures, minCell: 0 } };
    const forward = JSON.parse(renderJson(await analyseFiles([a, b], shown)));
    const backward = JSON.parse(renderJson(await analyseFiles([b, a], shown)));
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(forward.population.groupConflicts).toBeGreaterThan(0);
    expect(forward.population.weightConflicts).toBe(forward.population.groupConflicts);
    // a.csv comes first by name, so only persons that a.csv lacks are in group Muu
    const onlyInB = new Set(rows(2, 150).map((l) => l.split(';')[0]));
    for (const id of rows(1, 150).map((l) => l.split(';')[0])) onlyInB.delete(id);
    expect(onlyInB.size).toBeGreaterThan(0);
    const muu = forward.groups.find((g: any) => g.group === 'Muu');
    expect(muu?.persons ?? 0).toBe(onlyInB.size);
  });
});
