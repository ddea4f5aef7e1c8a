// The README's main job, end to end, against an independent reading of the same files.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sumSample, topShare as referenceTopShare } from '../sample/readSample.js';
import { ROOT, run, runJson } from './run.js';

const SAMPLE = join(ROOT, 'fixtures/sample');
const COSTS = readdirSync(join(SAMPLE, 'costs')).map((f) => `fixtures/sample/costs/${f}`);
const ARGS = ['--roster', 'fixtures/sample/register.csv', ...COSTS];

describe('the bundled sample (npm start)', () => {
  let report: any;
  // Independent: csv-parse with the dialects written out by hand, integer cents, register zeros,
  // negative totals clipped to zero.
  let cents: number[];
  beforeAll(() => {
    report = runJson(ARGS);
    const files = ['register.csv', ...COSTS.map((c) => c.replace('fixtures/sample/', ''))].map((name) => ({
      name,
      bytes: readFileSync(join(SAMPLE, name)),
    }));
    const sums = sumSample(files);
    const ids = new Set([...sums.register.keys(), ...sums.totals.keys()]);
    cents = [...ids].map((id) => Math.max(0, sums.totals.get(id) ?? 0)).sort((a, b) => b - a);
  });

  it('exits 0 with the table on stdout and only a note on stderr', () => {
    const r = run(ARGS);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The top 10 % of residents account for');
    expect(r.stderr).toMatch(/^note: 303 of 144695 rows were skipped as bad rows/);
    expect(run([...ARGS, '--quiet']).stderr).toBe('');
  });

  it('counts the persons: the register plus ids with costs that it lacks', () => {
    expect(report.population.persons).toBe(cents.length);
    expect(report.population.zeroCost).toBe(cents.filter((c) => c === 0).length);
    expect(report.population.notInRoster).toBe(8); // the generator adds 8 such ids
    expect(report.population.clippedNegative).toBe(5); // and 5 persons with net credits
  });

  it('sums the money exactly', () => {
    expect(report.total).toBe(cents.reduce((s, c) => s + c, 0) / 100);
  });

  it.each([0.01, 0.05, 0.1, 0.2, 0.5])('top %s share agrees with the reference', (p) => {
    const share = report.shares.find((s: any) => s.top === p).share;
    expect(share).toBeCloseTo(referenceTopShare(cents, p), 12);
  });

  it('Gini agrees with the sorted-rank formula G = 2Σ i·x₍ᵢ₎ / (n·Σx) − (n + 1)/n', () => {
    const ascending = [...cents].reverse();
    const n = ascending.length;
    const sum = ascending.reduce((s, x) => s + x, 0);
    const ranked = ascending.reduce((s, x, i) => s + (i + 1) * x, 0);
    expect(report.gini).toBeCloseTo((2 * ranked) / (n * sum) - (n + 1) / n, 12);
  });

  it('services add up to the total and ofTop to 1', () => {
    const total = report.services.reduce((s: number, x: any) => s + x.total, 0);
    expect(total).toBeCloseTo(report.total, 6);
    expect(report.services.reduce((s: number, x: any) => s + x.ofTop, 0)).toBeCloseTo(1, 12);
    // The file without a service column is its own service.
    expect(report.services.map((s: any) => s.service)).toContain('suun_terveydenhuolto');
  });

  it('reports the detected dialects', () => {
    const byName = Object.fromEntries(report.input.files.map((f: any) => [f.path.split('/').pop(), f]));
    expect(byName['vanhuspalvelut.csv']).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',' });
    expect(byName['sosiaalipalvelut.csv']).toMatchObject({ encoding: 'utf-8', delimiter: ',', decimal: '.' });
    expect(byName['erikoissairaanhoito.csv']).toMatchObject({ bom: true, lineEnding: 'CRLF' });
    expect(report.input.rejectedRows).toBe(303);
    expect(report.input.examples).toHaveLength(20);
  });

  it('never prints an id', () => {
    const text = run(ARGS).stdout + JSON.stringify(report);
    expect(text).not.toMatch(/A\d{8}/);
  });
});
