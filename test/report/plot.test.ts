// The terminal plot: plain characters, at most 100 columns, the curve, the markers and the legend.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analyse.js';
import { numberFormat } from '../../src/report/format.js';
import { labels } from '../../src/report/labels.js';
import { interpolate, PLOT, renderPlot } from '../../src/report/plot.js';
import { reportOf, TEN } from './reports.js';

describe('renderPlot', () => {
  let report: Report;
  let lines: string[];
  beforeAll(async () => {
    report = await reportOf(TEN);
    lines = renderPlot(report, numberFormat('en', 0), labels('en')).split('\n');
  });

  it('fits in 100 columns, without colour codes', () => {
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(PLOT.maxWidth);
    expect(lines.join('\n')).not.toContain('\x1b');
  });

  it('puts the markers where the shares are', () => {
    // The plot's rows: "100 % +", then 20 more rows down to "  0 % +"; a row is 5 % of costs and
    // a column 1/70 of residents. By hand: 10 % → 82 % is column 7, row round(0.18 × 20) = 4.
    const top = lines.findIndex((line) => line.startsWith('100 % +'));
    const origin = lines[top].indexOf('+') + 1;
    const at = (row: number, col: number) => lines[top + row][origin + col];
    expect(at(4, 7)).toBe('o');
    // 50 % → 90 %: column 35, row 2; 20 % → 84 %: column 14, row round(3.2) = 3.
    expect(at(2, 35)).toBe('o');
    expect(at(3, 14)).toBe('o');
    // The line of equal costs at 80 % of residents: row 4, column 56.
    expect(at(4, 56)).toBe('.');
    // The curve reaches the top right corner: 100 % of residents bear 100 % of costs.
    expect(at(0, 70)).toBe('*');
  });

  it('says which cut each marker is', () => {
    // Six entries are wider than 100 columns together, so they wrap between entries, never inside one.
    const legend = lines.filter((line) => line.startsWith('o '));
    expect(legend.join('   ')).toBe('o 0.5 % → 4.1 %   o 1 % → 8.2 %   o 5 % → 41.0 %   o 10 % → 82.0 %   o 20 % → 84.0 %   o 50 % → 90.0 %');
    expect(legend.length).toBe(2);
  });

  it('is Finnish with --lang fi', () => {
    const fi = renderPlot(report, numberFormat('fi', 0), labels('fi'));
    expect(fi).toContain('o 0,5 % → 4,1 %');
    expect(fi).toContain('Kertynyt osuus kustannuksista');
    expect(fi).toContain('Kalleimmat 10 % asukkaista aiheuttavat 82,0 % kustannuksista');
  });
});

describe('interpolate', () => {
  it.each([
    [0, 0],
    [0.05, 0.41],
    [0.15, 0.83],
    [1, 1],
  ])('C(%s) = %s on the curve through (0, 0), (0.1, 0.82), (0.2, 0.84), (1, 1)', (p, c) => {
    expect(interpolate([[0, 0], [0.1, 0.82], [0.2, 0.84], [1, 1]], p)).toBeCloseTo(c, 12);
  });
});
