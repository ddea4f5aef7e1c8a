// The concentration curve as a standalone SVG, in the style of the Oulu figure (Leskelä et al.
// 2013): x = share of residents ranked from the most expensive, y = cumulative share of costs,
// the equality line, and labelled markers at the --top cuts ("10 % → 82 %").
//
// Written for word processors as much as for browsers: explicit width, height and viewBox; only
// SVG 1.1 presentation attributes (no CSS, no opacity tricks, no dominant-baseline); every text
// carries its own font list with generic fallbacks. The axes are linear on [0, 1], so the
// geometry is a two-line mapping and needs no scale library.

import type { Report } from '../analyse.js';
import type { NumberFormat } from './format.js';
import type { Labels } from './labels.js';
import { headline, overview } from './sections.js';
import { el, text, type Attributes } from './xml.js';

export interface ChartOptions {
  format: NumberFormat;
  labels: Labels;
  /** The chart's title; default: "Cost concentration: <the data's name>". */
  title?: string;
  /**
   * true: a file of its own, with the XML declaration, the title, the headline and a footer.
   * false: the plot alone, to inline into the HTML report, whose page says the rest.
   */
  standalone: boolean;
}

/** The chart's size in px (CSS px: 96 per inch, so 640 × 560 is 16.9 × 14.8 cm at 100 %). */
export const CHART = { width: 640, height: 560, left: 76, right: 34, top: 92, bottom: 84 } as const;

const FONT = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const INK = '#222222';
const MUTED = '#666666';
const GRID = '#e3e3e3';
const CURVE = '#1f4e79';
const AREA = '#dbe7f3';
const LABEL_SIZE = 12;

/** Maps shares (0–1) to the plot's pixels; y grows downwards. */
export interface Frame {
  x(p: number): number;
  y(share: number): number;
}

export function chartFrame(): Frame {
  const { width, height, left, right, top, bottom } = CHART;
  const w = width - left - right;
  const h = height - top - bottom;
  return { x: (p) => left + p * w, y: (s) => top + (1 - s) * h };
}

/**
 * The points the curve is drawn through: the report's curve (every 1 %) and the top cuts, which
 * are points of the same piecewise-linear curve, so the line passes exactly through the markers.
 * Suppressed points (null) are left out; the line joins their neighbours.
 */
export function curvePoints(report: Report): [number, number][] {
  const points = new Map<number, number>();
  for (const [p, c] of report.curve) if (c !== null) points.set(p, c);
  for (const s of report.shares) if (s.share !== null) points.set(s.top, s.share);
  return [...points.entries()].sort((a, b) => a[0] - b[0]);
}

export function renderSvg(report: Report, options: ChartOptions): string {
  const { format: f, labels: t } = options;
  const { width, height } = CHART;
  const frame = chartFrame();
  const x0 = frame.x(0);
  const x1 = frame.x(1);
  const y0 = frame.y(0);
  const y1 = frame.y(1);
  const title = options.title ?? `${t.chartTitle}: ${dataName(report, t)}`;
  const head = headline(report, f, t);
  const parts: string[] = [];

  parts.push(el('title', { id: 'costcurve-title' }, text(title)), el('desc', { id: 'costcurve-desc' }, text(`${head} ${overview(report, f, t)}`)));
  parts.push(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  if (options.standalone) {
    parts.push(label(title, 20, 30, { size: 17, weight: 'bold' }));
    wrap(head, width - 40, 12.5).forEach((line, i) => parts.push(label(line, 20, 52 + i * 17, { size: 12.5, fill: INK })));
  }

  // Grid and ticks every 10 %.
  const grid: string[] = [];
  const ticks: string[] = [];
  for (let i = 0; i <= 10; i++) {
    const v = i / 10;
    const gx = round(frame.x(v));
    const gy = round(frame.y(v));
    if (i > 0 && i < 10) {
      grid.push(el('line', { x1: gx, y1: y1, x2: gx, y2: y0, stroke: GRID, 'stroke-width': 1 }));
      grid.push(el('line', { x1: x0, y1: gy, x2: x1, y2: gy, stroke: GRID, 'stroke-width': 1 }));
    }
    ticks.push(el('line', { x1: gx, y1: y0, x2: gx, y2: y0 + 5, stroke: INK, 'stroke-width': 1 }));
    ticks.push(el('line', { x1: x0 - 5, y1: gy, x2: x0, y2: gy, stroke: INK, 'stroke-width': 1 }));
    ticks.push(label(f.cut(v), gx, y0 + 20, { size: 11, anchor: 'middle', fill: MUTED, cls: 'tick-x' }));
    ticks.push(label(f.cut(v), x0 - 9, gy + 4, { size: 11, anchor: 'end', fill: MUTED, cls: 'tick-y' }));
  }
  parts.push(el('g', { id: 'grid' }, ...grid));

  const points = curvePoints(report);
  const path = points.map(([p, c], i) => `${i === 0 ? 'M' : 'L'}${round(frame.x(p))} ${round(frame.y(c))}`).join(' ');
  parts.push(el('path', { id: 'concentration-area', d: `${path} Z`, fill: AREA, stroke: 'none' }));

  // The equality line and its label, along the diagonal.
  const angle = round((-Math.atan2(y0 - y1, x1 - x0) * 180) / Math.PI);
  const ex = round(frame.x(0.7));
  const ey = round(frame.y(0.7) + 14);
  parts.push(el('line', { id: 'equality', x1: x0, y1: y0, x2: x1, y2: y1, stroke: MUTED, 'stroke-width': 1, 'stroke-dasharray': '5 4' }));
  parts.push(label(t.equality, ex, ey, { size: 11, anchor: 'middle', fill: MUTED, transform: `rotate(${angle} ${ex} ${ey})` }));

  parts.push(el('path', { id: 'curve', d: path, fill: 'none', stroke: CURVE, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }));

  // Axes on top of the area.
  parts.push(el('line', { x1: x0, y1: y0, x2: x1, y2: y0, stroke: INK, 'stroke-width': 1 }));
  parts.push(el('line', { x1: x0, y1: y0, x2: x0, y2: y1, stroke: INK, 'stroke-width': 1 }));
  parts.push(el('g', { id: 'ticks' }, ...ticks));
  parts.push(label(t.axisResidents, round((x0 + x1) / 2), y0 + 44, { size: 12.5, anchor: 'middle', fill: INK, cls: 'axis-title' }));
  const ay = round((y0 + y1) / 2);
  parts.push(label(t.axisCosts, 24, ay, { size: 12.5, anchor: 'middle', fill: INK, cls: 'axis-title', transform: `rotate(-90 24 ${ay})` }));

  parts.push(el('g', { id: 'markers' }, ...markers(report, frame, f, t)));

  if (options.standalone) {
    const gini = report.gini === null ? '' : ` · ${t.gini} ${f.decimal(report.gini)}`;
    parts.push(label(`${overview(report, f, t)}${gini} · ${report.tool}`, 20, height - 14, { size: 10, fill: MUTED }));
  }

  // Inside the HTML report the page carries the title, headline and figures: show only the plot.
  const view = options.standalone ? { y: 0, height } : { y: CHART.top - 16, height: height - CHART.top + 16 - 30 };
  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      version: '1.1',
      width,
      height: view.height,
      viewBox: `0 ${view.y} ${width} ${view.height}`,
      role: 'img',
      'aria-labelledby': 'costcurve-title costcurve-desc',
    },
    ...parts.map((part) => `\n  ${part}`),
    '\n',
  );
  return options.standalone ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n` : svg;
}

/**
 * A marker at every published top cut, labelled "10 % → 82 %". Labels sit to the right of and
 * below their marker — under a concave curve that space is free of the line — and are moved down
 * when they would overlap a label placed before.
 */
function markers(report: Report, frame: Frame, f: NumberFormat, t: Labels): string[] {
  const out: string[] = [];
  const placed: Box[] = [];
  const right = frame.x(1);
  const bottom = frame.y(0);
  for (const s of report.shares) {
    if (s.share === null) continue;
    const mx = round(frame.x(s.top));
    const my = round(frame.y(s.share));
    const content = t.marker(f.cut(s.top), markerPercent(s.share, f));
    const w = textWidth(content, LABEL_SIZE);
    const h = LABEL_SIZE + 4;
    let box: Box = { x: mx + 9, y: my + 6, w: w + 6, h };
    if (box.x + box.w > right) box.x = mx - 9 - box.w;
    if (box.y + box.h > bottom - 2) box.y = my - 8 - box.h;
    for (let tries = 0; tries < 20 && placed.some((b) => overlaps(b, box)); tries++) box = { ...box, y: box.y + h };
    placed.push(box);
    out.push(
      el('line', { x1: mx, y1: my, x2: mx, y2: bottom, stroke: CURVE, 'stroke-width': 0.75, 'stroke-dasharray': '2 3' }),
      el('line', { x1: frame.x(0), y1: my, x2: mx, y2: my, stroke: CURVE, 'stroke-width': 0.75, 'stroke-dasharray': '2 3' }),
      el('circle', { cx: mx, cy: my, r: 4.5, fill: '#ffffff', stroke: CURVE, 'stroke-width': 2, 'data-top': s.top, 'data-share': s.share }),
      el('rect', { x: round(box.x), y: round(box.y), width: round(box.w), height: h, rx: 2, fill: '#ffffff', stroke: 'none' }),
      label(content, round(box.x + 3), round(box.y + LABEL_SIZE), { size: LABEL_SIZE, weight: 'bold', fill: CURVE, cls: 'marker-label' }),
    );
  }
  return out;
}

/**
 * A share for a marker: whole percent, as boards read them ("82 %"), but with as many decimals as
 * it takes (up to two) not to print 100 % for a share below one or 0 % for one above zero.
 */
export function markerPercent(share: number, f: NumberFormat): string {
  for (let digits = 0; digits < 2; digits++) {
    const rounded = Math.round(share * 100 * 10 ** digits) / 10 ** digits;
    if ((rounded < 100 || share === 1) && (rounded > 0 || share === 0)) return f.percent(share, digits);
  }
  return f.percent(share, 2);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

interface LabelStyle {
  size: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'bold';
  fill?: string;
  transform?: string;
  cls?: string;
}

function label(content: string, x: number, y: number, style: LabelStyle): string {
  const attrs: Attributes = {
    x,
    y,
    'font-family': FONT,
    'font-size': style.size,
    'font-weight': style.weight,
    'text-anchor': style.anchor,
    fill: style.fill ?? INK,
    transform: style.transform,
    class: style.cls,
  };
  return el('text', attrs, text(content));
}

/**
 * An estimate of a text's width in a Helvetica-like font: without a renderer at hand, the average
 * advance of such fonts (about 0.56 em for mixed text, digits 0.56 em, spaces 0.28 em) is close enough
 * to place boxes and wrap lines.
 */
export function textWidth(content: string, size: number): number {
  let em = 0;
  for (const c of content) em += c === ' ' || c === '\u00a0' ? 0.28 : /[il.,:;'|!]/.test(c) ? 0.28 : /[mwMW%\u2192]/.test(c) ? 0.85 : 0.56;
  return em * size;
}

/** Splits a sentence into lines no wider than `width` px (by `textWidth`), never before a `%`. */
export function wrap(sentence: string, width: number, size: number): string[] {
  const words = sentence.split(' ').reduce<string[]>((out, word) => {
    if (word.startsWith('%') && out.length > 0) out[out.length - 1] += ` ${word}`;
    else out.push(word);
    return out;
  }, []);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The data's name for the title: one file's name without extensions; several files in one folder,
 * the folder's name and how many; else the first file's name and how many more.
 *
 * @example dataName(report with fixtures/sample/costs/a.csv and b.csv) // 'costs (2 files)'
 */
export function dataName(report: Report, t: Labels): string {
  const paths = report.input.files.map((file) => (file.path === '-' ? 'stdin' : file.path.replace(/\\/g, '/')));
  const base = (path: string) => path.split('/').pop() ?? path;
  const stem = (path: string) => base(path).replace(/^(\.?[^.]*).*$/, '$1');
  if (paths.length === 1) return stem(paths[0]);
  const folder = (path: string) => path.split('/').slice(0, -1).join('/');
  const first = folder(paths[0]);
  if (first !== '' && paths.every((p) => folder(p) === first)) return t.filesName(base(first), paths.length);
  return `${stem(paths[0])} + ${paths.length - 1}`;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
