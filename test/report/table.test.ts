// The terminal table in both languages; colour only when asked for.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analyse.js';
import { numberFormat } from '../../src/report/format.js';
import { renderTable } from '../../src/report/table.js';
import { reportOf, TEN, TEN_AREAS } from './reports.js';

describe('renderTable', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(TEN);
  });

  it('reads in English by default', () => {
    const text = renderTable(report, { colour: false, format: numberFormat('en', 0) });
    expect(text).toContain('costcurve — 10 residents, 1 file, total 10,000 €');
    expect(text).toContain('The top 10 % of residents account for 82.0 % of costs; the top 5 % for 41.0 %.');
    expect(text).toMatch(/ 10 % +82\.0 % +1 +8,200 +8,200\n/);
    expect(text).not.toContain('\x1b');
  });

  it('is Finnish with Finnish numbers with --lang fi', () => {
    const text = renderTable(report, { colour: false, format: numberFormat('fi', 0) });
    expect(text).toContain('costcurve — 10 asukasta, 1 tiedosto, yhteensä 10\u00a0000 €');
    expect(text).toContain('Kalleimmat 10 % asukkaista aiheuttavat 82,0 % kustannuksista; kalleimmat 5 % aiheuttavat 41,0 %.');
    expect(text).toMatch(/ 10 % +82,0 % +1 +8\u00a0200 +8\u00a0200\n/);
    expect(text).toMatch(/ 0,5 % +4,1 % +0,1 /);
    for (const heading of ['Kalleimpien osuudet', 'Jakauma', 'Desiilit (1 = kallein kymmenys)', 'Aineiston laatu']) expect(text).toContain(`\n${heading}\n`);
    expect(text).toMatch(/keskiarvo asukasta kohden +1\u00a0000 €/);
  });

  it('shows groups side by side, in Finnish with --lang fi', async () => {
    const grouped = await reportOf(TEN_AREAS, {}, 'kunta.csv', { group: 'alue' });
    const text = renderTable(grouped, { colour: false, format: numberFormat('fi', 0) });
    // By hand (reports.ts): 5 persons each; all of the top 10 % in Itä; means 1 800 € and 200 €.
    expect(text).toMatch(/\nRyhmät sarakkeen alue mukaan \(tarkastelussa kalleimmat 10 %\)\n +Itä +Länsi\n +henkilöitä +5 +5\n/);
    expect(text).toMatch(/ osuus kalleimmista 10 % +100,0 % +0,0 %\n/);
    expect(text).toMatch(/ keskiarvo € +1\u00a0800 +200\n/);
    expect(text).toMatch(/ ryhmän kalleimmat 10 % +45,6 % +10,0 %\n/);
  });

  it('colours headings only when asked', () => {
    expect(renderTable(report, { colour: true, format: numberFormat('en', 0) })).toContain('\x1b[1mTop shares');
  });
});
