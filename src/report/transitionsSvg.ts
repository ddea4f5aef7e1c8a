// The decile transition table as a standalone SVG heat map (compare --svg): rows are the first
// period's deciles, columns the second's, each cell shaded by the share of its row.

import type { CompareReport } from '../compare.js';
import { compareLabels } from './compareLabels.js';
import { numberFormat, type Lang } from './format.js';

const CELL = 44;
const LEFT = 96;
const TOP = 132;
const SIZE = 10 * CELL;

export function transitionsSvg(report: CompareReport, lang: Lang = 'en'): string {
  const { minCell } = report.suppression;
  const c = compareLabels(lang);
  const f = numberFormat(lang, minCell);
  const [subtitle1, subtitle2] = c.chartSubtitle(f.count(report.population.persons));
  const width = LEFT + SIZE + 24;
  const height = TOP + SIZE + 68;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escape(c.chartTitle)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(LEFT, 28, c.chartTitle, { size: 18, weight: 'bold' }),
    text(LEFT, 50, subtitle1, { size: 12 }),
    text(LEFT, 66, subtitle2, { size: 12 }),
    text(LEFT + SIZE / 2, TOP - 30, c.axisSecond, { size: 13, anchor: 'middle' }),
    `<text x="${LEFT - 52}" y="${TOP + SIZE / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 ${LEFT - 52} ${TOP + SIZE / 2})">${escape(c.axisFirst)}</text>`,
  ];
  for (let k = 0; k < 10; k++) {
    parts.push(text(LEFT + k * CELL + CELL / 2, TOP - 10, String(k + 1), { size: 12, anchor: 'middle' }));
    parts.push(text(LEFT - 12, TOP + k * CELL + CELL / 2 + 4, String(k + 1), { size: 12, anchor: 'end' }));
  }
  for (const row of report.transitions) {
    row.to.forEach((share, e) => {
      const x = LEFT + e * CELL;
      const y = TOP + (row.decile - 1) * CELL;
      const label = share === null ? `<${minCell}` : f.decimal(share * 100, 0);
      parts.push(
        `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${share === null ? '#d9d9d9' : shade(share)}" stroke="#ffffff" stroke-width="1">` +
          `<title>${escape(c.cell(row.decile, e + 1, share === null ? c.suppressedCell(minCell) : f.percent(share)))}</title></rect>`,
      );
      parts.push(text(x + CELL / 2, y + CELL / 2 + 4, label, { size: 11, anchor: 'middle', fill: share !== null && share > 0.45 ? '#ffffff' : '#222222' }));
    });
  }
  parts.push(`<rect x="${LEFT}" y="${TOP}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#555555" stroke-width="1"/>`);
  parts.push(text(LEFT, TOP + SIZE + 24, c.chartNote[0], { size: 11, fill: '#555555' }));
  parts.push(text(LEFT, TOP + SIZE + 38, c.chartNote[1], { size: 11, fill: '#555555' }));
  if (report.suppression.applied) {
    parts.push(text(LEFT, TOP + SIZE + 52, c.chartSuppressed(minCell), { size: 11, fill: '#555555' }));
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** White to dark blue as the share goes from 0 to 1 (linear in each channel). */
function shade(share: number): string {
  const t = Math.max(0, Math.min(1, share));
  const from = [247, 251, 255];
  const to = [8, 48, 107];
  return `rgb(${from.map((c, i) => Math.round(c + (to[i] - c) * t)).join(',')})`;
}

function text(x: number, y: number, content: string, style: { size: number; weight?: string; anchor?: string; fill?: string }): string {
  const attributes = [
    `x="${x}"`,
    `y="${y}"`,
    `font-size="${style.size}"`,
    style.weight ? `font-weight="${style.weight}"` : '',
    style.anchor ? `text-anchor="${style.anchor}"` : '',
    `fill="${style.fill ?? '#222222'}"`,
  ].filter((a) => a !== '');
  return `<text ${attributes.join(' ')}>${escape(content)}</text>`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
