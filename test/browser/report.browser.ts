// The HTML report and the SVG chart as a person sees them: rendered by headless Chromium, with
// the chart laid out, painted and readable, nothing fetched from anywhere, and the page printing
// on A4.

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, scratch } from '../e2e/run.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The flags that work on this kind of machine: root (no sandbox), no GPU, no network chatter.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const COSTS = readdirSync(join(ROOT, 'fixtures/sample/costs')).map((f) => join(ROOT, 'fixtures/sample/costs', f));
const SAMPLE = ['--roster', join(ROOT, 'fixtures/sample/register.csv'), ...COSTS, '--quiet'];

let browser: Browser;
let dir: string;
/** Every request a page made that was not for the file itself. */
let foreign: string[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM)`);
  dir = scratch();
  for (const [lang, name] of [['en', 'report'], ['fi', 'raportti']]) {
    const r = run([...SAMPLE, '--lang', lang, '--html', join(dir, `${name}.html`), '--svg', join(dir, `${name}.svg`)]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
});

async function open(file: string, viewport = { width: 1000, height: 1400 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(join(dir, file)).href;
  foreign = [];
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  await page.goto(url);
  return page;
}

/** Counts the screenshot's pixels near each colour, in the browser (it decodes the PNG). */
async function countColours(page: Page, png: Buffer, colours: Record<string, [number, number, number]>): Promise<Record<string, number>> {
  return page.evaluate(
    async ({ data, colours }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      // In an SVG document createElement would make an SVG element: ask for HTML's canvas.
      const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas') as HTMLCanvasElement;
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      const counts: Record<string, number> = {};
      for (const [name, [r, g, b]] of Object.entries(colours)) {
        let n = 0;
        for (let i = 0; i < pixels.length; i += 4) if (Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) < 24) n++;
        counts[name] = n;
      }
      return counts;
    },
    { data: png.toString('base64'), colours },
  );
}

describe('the HTML report in Chromium', () => {
  it('shows the chart: laid out, painted, with the curve and its labels', async () => {
    const page = await open('report.html');
    const chart = page.locator('figure.chart svg');
    await expect(chart.isVisible()).resolves.toBe(true);
    const box = (await chart.boundingBox())!;
    // The 640 px wide chart fits the 920 px page: it is shown at its full width, its viewBox's shape kept.
    expect(box.width).toBeCloseTo(640, 0);
    expect(box.height / box.width).toBeCloseTo(454 / 640, 2);
    expect(box.y).toBeLessThan(400); // near the top, under the headline
    const curveLength = await page.locator('#curve').evaluate((path) => (path as SVGPathElement).getTotalLength());
    expect(curveLength).toBeGreaterThan(500);
    const labels = await page.locator('.marker-label').evaluateAll((texts) => texts.map((t) => [t.textContent, (t as SVGTextElement).getBBox().width]));
    expect(labels.map(([text]) => text)).toEqual(['1 % → 25 %', '5 % → 66 %', '10 % → 82 %', '20 % → 91 %', '50 % → 99.5 %']);
    for (const [, width] of labels) expect(width).toBeGreaterThan(40);
    // A screenshot of the chart: the curve's blue and the area under it are painted.
    const png = await chart.screenshot();
    writeFileSync(join(dir, 'chart.png'), png);
    const counts = await countColours(page, png, { curve: [0x1f, 0x4e, 0x79], area: [0xdb, 0xe7, 0xf3] });
    expect(counts.curve).toBeGreaterThan(1500);
    expect(counts.area).toBeGreaterThan(0.15 * box.width * box.height);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('has the headline and every table, and fetches nothing', async () => {
    const page = await open('report.html');
    await expect(page.locator('.headline').textContent()).resolves.toBe('The top 10 % of residents account for 81.5 % of costs; the top 5 % for 66.4 %.');
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toEqual(['Top shares', 'Reach', 'Distribution', 'Deciles (1 = costliest tenth)', 'Services (focus: the top 10 %)', 'Data quality', 'Definitions']);
    expect(await page.locator('#section-services tbody tr').count()).toBe(25);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('prints on A4 pages, the chart at its print width', async () => {
    const page = await open('report.html');
    await page.emulateMedia({ media: 'print' });
    const box = (await page.locator('figure.chart svg').boundingBox())!;
    // 150 mm at 96 px per inch is 567 px: the chart's print width.
    expect(box.width).toBeCloseTo((150 / 25.4) * 96, 0);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    writeFileSync(join(dir, 'report.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    // A4 is 210 × 297 mm = 595.28 × 841.89 pt; Chromium rounds to whole CSS pixels.
    const [, width, height] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
    expect(Math.abs(Number(width) - 595.28)).toBeLessThan(1);
    expect(Math.abs(Number(height) - 841.89)).toBeLessThan(1);
    await page.close();
  });

  it('is Finnish with --lang fi', async () => {
    const page = await open('raportti.html');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fi');
    await expect(page.locator('.headline').textContent()).resolves.toBe(
      'Kalleimmat 10 % asukkaista aiheuttavat 81,5 % kustannuksista; kalleimmat 5 % aiheuttavat 66,4 %.',
    );
    expect(await page.locator('.marker-label').allTextContents()).toContain('50 % → 99,5 %');
    await page.close();
  });
});

describe('the SVG chart in Chromium', () => {
  it('renders at its own size with title, axes, curve and markers', async () => {
    const page = await open('report.svg', { width: 640, height: 560 });
    const root = (await page.locator('svg').first().boundingBox())!;
    expect([root.width, root.height]).toEqual([640, 560]);
    const texts = await page.locator('text').allTextContents();
    expect(texts[0]).toBe('Cost concentration: costs (5 files)');
    expect(texts).toContain('Share of residents, ranked from the most expensive');
    const png = await page.screenshot();
    writeFileSync(join(dir, 'curve.png'), png);
    const counts = await countColours(page, png, { curve: [0x1f, 0x4e, 0x79] });
    expect(counts.curve).toBeGreaterThan(1500);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
