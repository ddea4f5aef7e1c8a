// Test helper: reports whose figures are known by hand, built by the real pipeline from a small CSV.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseFiles, type AnalyseOptions, type Report } from '../../src/analyse.js';

export const OPTIONS: AnalyseOptions = {
  read: { header: true, noId: false, columns: {} },
  strict: false,
  maxRejected: 0.5,
  roster: null,
  population: null,
  negatives: 'clip',
  figures: { top: [0.005, 0.01, 0.05, 0.1, 0.2, 0.5], focus: 0.1, minCell: 0, reach: [0.5, 0.8, 0.9], bottom: [0.5], curveStep: 0.01 },
};

/**
 * Ten residents: r1 costs 8 200 € (in two services), r2…r10 cost 200 € each; total 10 000 €.
 * By hand: the top 10 % is r1 alone, so C(0.1) = 8200 / 10000 = 0.82; C(0.2) = 8400 / 10000 = 0.84;
 * C(0.5) = 9000 / 10000 = 0.9; C(0.05) = half of r1 = 0.41; C(0.01) = 0.082; C(0.005) = 0.041.
 * Mean 1 000 €, median 200 €.
 */
export const TEN = [
  'asiakas_id;palvelu;kustannus_eur',
  'r1;Vuodeosasto;8000,00',
  'r1;Kotihoito | ilta;200,00',
  ...Array.from({ length: 9 }, (_, i) => `r${i + 2};Kotihoito | ilta;200,00`),
].join('\n');

/**
 * TEN with an area: r1–r5 in Itä (8 200 + 4 × 200 = 9 000 €), r6–r10 in Länsi (5 × 200 = 1 000 €).
 * By hand: the top 10 % overall is r1, so Itä has all of it (ofTop 1) and Länsi none; each is half
 * the population; means 1 800 € and 200 €; within Itä the top 10 % is half of r1: 4 100 / 9 000.
 */
export const TEN_AREAS = [
  'asiakas_id;palvelu;kustannus_eur;alue',
  'r1;Vuodeosasto;8000,00;Itä',
  'r1;Kotihoito | ilta;200,00;Itä',
  ...Array.from({ length: 9 }, (_, i) => `r${i + 2};Kotihoito | ilta;200,00;${i < 4 ? 'Itä' : 'Länsi'}`),
].join('\n');

export async function reportOf(
  csv: string,
  options: Partial<AnalyseOptions['figures']> = {},
  name = 'kunta.csv',
  columns: AnalyseOptions['read']['columns'] = {},
): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'costcurve-report-'));
  const file = join(dir, name);
  writeFileSync(file, csv);
  return analyseFiles([file], { ...OPTIONS, read: { ...OPTIONS.read, columns }, figures: { ...OPTIONS.figures, ...options } });
}
