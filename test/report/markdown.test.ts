// Markdown: GitHub pipe tables with as many cells as header columns, escaped text, both languages.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analyse.js';
import { numberFormat } from '../../src/report/format.js';
import { labels } from '../../src/report/labels.js';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { reportOf, TEN } from './reports.js';

/** The cells of a pipe-table row, splitting at pipes that are not escaped. */
function cells(line: string): string[] {
  return line.slice(2, -2).split(/(?<!\\) \| /);
}

describe('renderMarkdown', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(TEN);
  });

  it('writes every table with a header, an alignment row and rows of the same width', () => {
    const lines = renderMarkdown(report, numberFormat('en', 0), labels('en')).split('\n');
    const tables = lines.flatMap((line, i) => (/^\|[-:|]+\|$/.test(line) ? [i] : []));
    expect(tables.length).toBe(6); // shares, reach, distribution, deciles, services, data quality (no groups)
    for (const at of tables) {
      const width = cells(lines[at - 1]).length;
      expect(lines[at].split('|').length - 2).toBe(width);
      for (let i = at + 1; lines[i]?.startsWith('| '); i++) expect(cells(lines[i])).toHaveLength(width);
    }
  });

  it('reads as the headline and the tables, in English', () => {
    const md = renderMarkdown(report, numberFormat('en', 0), labels('en'));
    // By hand (reports.ts): the top 10 % bear 82 %, the top 5 % 41 %; total 10 000 €.
    expect(md).toContain('**The top 10 % of residents account for 82.0 % of costs; the top 5 % for 41.0 %.**');
    expect(md).toContain('| 10 % | 82.0 % | 1 | 8,200 | 8,200 |');
    expect(md).toContain('## Top shares');
    expect(md).toContain('|---:|---:|---:|---:|---:|');
  });

  it('uses Finnish labels, decimal commas and no-break-space thousands with --lang fi', () => {
    const md = renderMarkdown(report, numberFormat('fi', 0), labels('fi'));
    expect(md).toContain('**Kalleimmat 10 % asukkaista aiheuttavat 82,0 % kustannuksista; kalleimmat 5 % aiheuttavat 41,0 %.**');
    expect(md).toContain('| 10 % | 82,0 % | 1 | 8\u00a0200 | 8\u00a0200 |');
    expect(md).toContain('| 0,5 % | 4,1 % | 0,1 |');
    expect(md).toContain('## Kalleimpien osuudet');
    expect(md).not.toMatch(/\d\.\d/);
  });

  it('escapes the pipe in a service name so the table keeps its columns', () => {
    const md = renderMarkdown(report, numberFormat('en', 0), labels('en'));
    expect(md).toContain('| Kotihoito \\| ilta | 2,000 |');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['<script>', '\\<script\\>'],
    ['[link](x)', '\\[link\\](x)'],
    ['two\nlines', 'two lines'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});
