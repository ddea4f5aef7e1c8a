// The SVG chart read back as XML: the curve passes through the report's points, the markers say
// what the report says, and nothing in it needs more than SVG 1.1 presentation attributes.

import type { Document } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analyse.js';
import { numberFormat } from '../../src/report/format.js';
import { labels } from '../../src/report/labels.js';
import { CHART, curvePoints, dataName, markerPercent, renderSvg, wrap } from '../../src/report/svg.js';
import { reportOf, TEN } from './reports.js';
import { all, parseSvg, pathPoints } from './svgRead.js';

function svgOf(report: Report, lang: 'en' | 'fi' = 'en', title?: string): Document {
  return parseSvg(renderSvg(report, { format: numberFormat(lang, 0), labels: labels(lang), title, standalone: true }));
}

describe('renderSvg', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(TEN);
  });

  it('is well-formed SVG with an explicit size and viewBox', () => {
    const svg = renderSvg(report, { format: numberFormat('en', 0), labels: labels('en'), standalone: true });
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const root = parseSvg(svg).documentElement!;
    expect(root.getAttribute('width')).toBe(String(CHART.width));
    expect(root.getAttribute('height')).toBe(String(CHART.height));
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${CHART.width} ${CHART.height}`);
  });

  it('draws the curve through every point of the report, and the top cuts on it', () => {
    const doc = svgOf(report);
    const points = pathPoints(doc.getElementById('curve')!.getAttribute('d')!);
    // Coordinates are rounded to 0.01 px on a 400 px high plot: 0.01 / 400 = 2.5e-5.
    const near = (p: number, c: number) => points.some(([x, y]) => Math.abs(x - p) < 3e-5 && Math.abs(y - c) < 3e-5);
    for (const [p, c] of report.curve) expect(near(p, c!), `(${p}, ${c})`).toBe(true);
    for (const s of report.shares) expect(near(s.top, s.share!), `top ${s.top}`).toBe(true);
    // By hand (reports.ts): the curve rises to 0.82 at 10 %, then by 0.02 per 10 % of residents.
    expect(near(0.1, 0.82) && near(0.2, 0.84) && near(0.5, 0.9) && near(1, 1)).toBe(true);
    expect(points.length).toBe(curvePoints(report).length);
    expect(points[0]).toEqual([0, 0]);
    // x never goes back: a curve, not a scribble.
    for (let i = 1; i < points.length; i++) expect(points[i][0]).toBeGreaterThan(points[i - 1][0]);
  });

  it('labels a marker at every top cut with its share', () => {
    const doc = svgOf(report);
    const texts = all(doc, 'text').filter((t) => t.getAttribute('class') === 'marker-label').map((t) => t.textContent);
    // By hand: C = 0.041, 0.082, 0.41, 0.82, 0.84, 0.9 at 0.5, 1, 5, 10, 20, 50 %.
    expect(texts).toEqual(['0.5 % → 4 %', '1 % → 8 %', '5 % → 41 %', '10 % → 82 %', '20 % → 84 %', '50 % → 90 %']);
    const circles = all(doc, 'circle');
    expect(circles.map((c) => Number(c.getAttribute('data-top')))).toEqual([0.005, 0.01, 0.05, 0.1, 0.2, 0.5]);
  });

  it('keeps the marker labels apart and inside the chart', () => {
    const boxes = all(svgOf(report), 'rect')
      .slice(1)
      .map((r) => ['x', 'y', 'width', 'height'].map((k) => Number(r.getAttribute(k))));
    expect(boxes.length).toBe(6);
    for (const [i, [x, y, w, h]] of boxes.entries()) {
      expect(x >= 0 && x + w <= CHART.width && y >= 0 && y + h <= CHART.height).toBe(true);
      for (const [x2, y2, w2, h2] of boxes.slice(i + 1)) expect(x < x2 + w2 && x2 < x + w && y < y2 + h2 && y2 < y + h).toBe(false);
    }
  });

  it('leaves suppressed points out of the curve and unmarked', async () => {
    // --min-cell 5 on ten persons: a point whose top group has fewer than 5 persons is null.
    const suppressed = await reportOf(TEN, { minCell: 5 });
    const doc = svgOf(suppressed);
    const points = pathPoints(doc.getElementById('curve')!.getAttribute('d')!);
    const published = suppressed.curve.filter(([, c]) => c !== null);
    expect(published.length).toBeLessThan(suppressed.curve.length);
    expect(points.length).toBe(curvePoints(suppressed).length);
    expect(all(doc, 'circle').length).toBe(suppressed.shares.filter((s) => s.share !== null).length);
  });

  it('has titles, axes with ticks and the equality line', () => {
    const doc = svgOf(report, 'en', 'Oulu 2024');
    const texts = all(doc, 'text').map((t) => t.textContent);
    expect(texts[0]).toBe('Oulu 2024');
    expect(all(doc, 'title')[0].textContent).toBe('Oulu 2024');
    expect(texts).toContain('Share of residents, ranked from the most expensive');
    expect(texts).toContain('Cumulative share of costs');
    expect(all(doc, 'text').filter((t) => t.getAttribute('class') === 'tick-x').map((t) => t.textContent)).toEqual(
      Array.from({ length: 11 }, (_, i) => `${i * 10} %`),
    );
    const equality = doc.getElementById('equality')!;
    expect([equality.getAttribute('x1'), equality.getAttribute('y2')]).toEqual([String(CHART.left), String(CHART.top)]);
  });

  it('names the data after the input when no title is given', () => {
    expect(all(svgOf(report), 'text')[0].textContent).toBe('Cost concentration: kunta');
  });

  it('writes Finnish labels and decimal commas with --lang fi', () => {
    const doc = svgOf(report, 'fi');
    const texts = all(doc, 'text').map((t) => t.textContent);
    expect(texts).toContain('0,5 % → 4 %');
    expect(texts).toContain('Kertynyt osuus kustannuksista');
    expect(texts).toContain('Osuus asukkaista kalleimmasta alkaen');
    expect(texts[0]).toBe('Kustannusten kasautuminen: kunta');
    expect(texts.join(' ')).toContain('Kalleimmat 10 % asukkaista aiheuttavat 82,0 % kustannuksista');
    // The footer: 10 000 € with a no-break space, and the Gini with a decimal comma.
    expect(texts.at(-1)).toContain('yhteensä 10\u00a0000 €');
    expect(texts.at(-1)).toMatch(/Gini-kerroin 0,\d{3}/);
  });

  it('uses only what word processors render: attributes, font fallbacks, no CSS, scripts or links', () => {
    const svg = renderSvg(report, { format: numberFormat('en', 0), labels: labels('en'), standalone: true });
    for (const banned of ['<style', 'style=', '<script', 'href', 'opacity', 'dominant-baseline', 'foreignObject', 'url(']) {
      expect(svg).not.toContain(banned);
    }
    for (const text of all(parseSvg(svg), 'text')) expect(text.getAttribute('font-family')).toMatch(/Arial.*, sans-serif$/);
  });

  it('shows only the plot when inlined into HTML', () => {
    const inline = renderSvg(report, { format: numberFormat('en', 0), labels: labels('en'), standalone: false });
    expect(inline.startsWith('<svg ')).toBe(true);
    const doc = parseSvg(inline);
    expect(all(doc, 'text').map((t) => t.textContent)).not.toContain('Cost concentration: kunta');
    expect(doc.getElementById('curve')).not.toBeNull();
  });
});

describe('markerPercent', () => {
  it.each([
    [0.82, '82 %'],
    [0.995, '99.5 %'],
    [0.9996, '99.96 %'],
    [1, '100 %'],
    [0.004, '0.4 %'],
    [0, '0 %'],
  ])('%s → %s', (share, text) => {
    expect(markerPercent(share, numberFormat('en', 0))).toBe(text);
  });
});

describe('dataName', () => {
  const named = (...paths: string[]) => dataName({ input: { files: paths.map((path) => ({ path })) } } as unknown as Report, labels('en'));
  it.each([
    [['data/kotihoito.csv.gz'], 'kotihoito'],
    [['fixtures/sample/costs/a.csv', 'fixtures/sample/costs/b.csv'], 'costs (2 files)'],
    [['a.csv', 'b/c.csv'], 'a + 1'],
    [['-'], 'stdin'],
  ])('%j → %s', (paths, name) => {
    expect(named(...paths)).toBe(name);
  });
});

describe('wrap', () => {
  it('breaks between words, never before a percent sign', () => {
    // By textWidth at 10 px: 'aaaa bbbb' is 47.6 px, 'aaaa bbbb 66,4 %' 81.3 px, '66,4 % cccc' 56.1 px.
    expect(wrap('aaaa bbbb 66,4 % cccc', 60, 10)).toEqual(['aaaa bbbb', '66,4 % cccc']);
    expect(wrap('aaaa bbbb 66,4 % cccc', 1000, 10)).toEqual(['aaaa bbbb 66,4 % cccc']);
  });
});
