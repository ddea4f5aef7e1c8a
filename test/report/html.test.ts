// The HTML report: one file that needs nothing else — no script, stylesheet, font or image to
// fetch — with the headline, the chart, every table, the definitions, and A4 print rules.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analyse.js';
import { numberFormat } from '../../src/report/format.js';
import { renderHtml } from '../../src/report/html.js';
import { labels } from '../../src/report/labels.js';
import { reportOf, TEN, TEN_AREAS } from './reports.js';
import { parseSvg, pathPoints } from './svgRead.js';

const html = (report: Report, lang: 'en' | 'fi' = 'en') => renderHtml(report, { format: numberFormat(lang, 0), labels: labels(lang) });

describe('renderHtml', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(TEN);
  });

  it('refers to nothing outside itself', () => {
    const page = html(report);
    for (const banned of ['<script', '<link', '<img', '<iframe', 'src=', 'href=', '@import', 'url(']) expect(page).not.toContain(banned);
    // The only address is the SVG namespace, a name that is never fetched.
    expect(page.match(/https?:\/\/[^\s"'<>]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('holds the headline, the chart and every section', () => {
    const page = html(report);
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<p class="headline">The top 10 % of residents account for 82.0 % of costs; the top 5 % for 41.0 %.</p>');
    for (const id of ['shares', 'reach', 'summary', 'deciles', 'services', 'files', 'definitions']) expect(page).toContain(`<section id="section-${id}">`);
    expect(page).not.toContain('section-groups');
    // The inline chart is well-formed XML whose curve passes through the report's 10 % point.
    const svg = page.slice(page.indexOf('<svg '), page.indexOf('</svg>') + 6);
    const points = pathPoints(parseSvg(svg).getElementById('curve')!.getAttribute('d')!);
    expect(points.some(([p, c]) => Math.abs(p - 0.1) < 3e-5 && Math.abs(c - 0.82) < 3e-5)).toBe(true);
  });

  it('prints on A4', () => {
    expect(html(report)).toMatch(/@page \{ size: A4;/);
    expect(html(report)).toContain('@media print');
  });

  it('escapes text from the data', async () => {
    const tricky = await reportOf(['id;palvelu;kustannus', 'a;<b>Koti</b> & "ilta";10', 'b;x;20'].join('\n'));
    const page = html(tricky);
    expect(page).toContain('&lt;b&gt;Koti&lt;/b&gt; &amp; &quot;ilta&quot;');
    expect(page).not.toContain('<b>Koti');
  });

  it('is Finnish throughout with --lang fi', () => {
    const page = html(report, 'fi');
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="fi">')).toBe(true);
    expect(page).toContain('Kalleimmat 10 % asukkaista aiheuttavat 82,0 % kustannuksista');
    expect(page).toContain('<h2>Määritelmät</h2>');
    expect(page).toContain('<td class="right">8\u00a0200</td>');
    expect(page).toContain('0,5 % → 4 %');
  });

  it('shows the groups side by side when the report has them', async () => {
    const grouped = await reportOf(TEN_AREAS, {}, 'kunta.csv', { group: 'alue' });
    const page = html(grouped);
    const section = page.slice(page.indexOf('<section id="section-groups">'), page.indexOf('<section id="section-files">'));
    expect(section).toContain('<h2>Groups by alue (focus: the top 10 %)</h2>');
    expect(section).toContain('<th class="right" scope="col">Itä</th><th class="right" scope="col">Länsi</th>');
    // By hand (reports.ts): the top 10 % is all in Itä; means 1 800 € and 200 €; Itä's own top 10 % bears 4 100 / 9 000.
    expect(section).toContain('<td>share of the top 10 %</td><td class="right">100.0 %</td><td class="right">0.0 %</td>');
    expect(section).toContain('<td>mean €</td><td class="right">1,800</td><td class="right">200</td>');
    expect(section).toContain('<td>top 10 % of the group</td><td class="right">45.6 %</td><td class="right">10.0 %</td>');
    const fi = html(grouped, 'fi');
    expect(fi).toContain('<h2>Ryhmät sarakkeen alue mukaan (tarkastelussa kalleimmat 10 %)</h2>');
    expect(fi).toContain('<td>keskiarvo €</td><td class="right">1\u00a0800</td><td class="right">200</td>');
  });
});
