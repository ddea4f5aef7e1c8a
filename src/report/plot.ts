// The concentration curve in the terminal: plain characters on a 71 × 21 grid, at most 100
// columns wide, readable without colour (`*` the curve, `.` the line of equal costs, `o` the top
// cuts, listed under the plot with their shares).

import type { Report } from '../analyse.js';
import type { NumberFormat } from './format.js';
import type { Labels } from './labels.js';
import { headline } from './sections.js';
import { curvePoints, dataName } from './svg.js';

/** Plot columns (p = 0 … 1) and rows (share = 1 … 0). */
export const PLOT = { columns: 71, rows: 21, maxWidth: 100 } as const;

export function renderPlot(report: Report, f: NumberFormat, t: Labels, title?: string): string {
  const { columns, rows } = PLOT;
  const cells = Array.from({ length: rows }, () => Array.from({ length: columns }, () => ' '));
  const rowOf = (share: number) => Math.round((1 - share) * (rows - 1));
  const colOf = (p: number) => Math.round(p * (columns - 1));
  const points = curvePoints(report);

  for (let c = 0; c < columns; c++) cells[rowOf(c / (columns - 1))][c] = '.';
  // The curve column by column; a steep stretch fills the rows between a column and the one before.
  let previous = rowOf(0);
  for (let c = 0; c < columns; c++) {
    const row = rowOf(interpolate(points, c / (columns - 1)));
    const below = c === 0 ? row : Math.max(row, previous - 1);
    for (let r = row; r <= below; r++) cells[r][c] = '*';
    previous = row;
  }
  const shown = report.shares.filter((s) => s.share !== null);
  for (const s of shown) cells[rowOf(s.share!)][colOf(s.top)] = 'o';

  const yLabels = new Map<number, string>();
  for (let i = 0; i <= 5; i++) yLabels.set(rowOf(i / 5), f.cut(i / 5));
  const pad = Math.max(...[...yLabels.values()].map(length));
  const out: string[] = [];
  out.push(...fit((title ?? `${t.chartTitle}: ${dataName(report, t)}`).split(' ')), ...fit(headline(report, f, t).split(' ')), '');
  out.push(`${' '.repeat(pad + 1)}${t.axisCosts}`);
  cells.forEach((line, r) => {
    const tick = yLabels.get(r);
    out.push(`${(tick ?? '').padStart(pad)} ${tick === undefined ? '|' : '+'}${line.join('').trimEnd()}`);
  });
  const axis = Array.from({ length: columns }, (_, c) => (c % 7 === 0 ? '+' : '-')).join('');
  out.push(`${' '.repeat(pad + 1)}+${axis.slice(1)}`);
  const ticks = Array.from({ length: pad + 2 + columns + 4 }, () => ' ');
  for (let i = 0; i <= 5; i++) {
    const label = f.cut(i / 5);
    const at = pad + 1 + colOf(i / 5) - Math.floor(length(label) / 2);
    [...label].forEach((ch, k) => (ticks[Math.max(0, at) + k] = ch));
  }
  out.push(ticks.join('').trimEnd());
  out.push(`${' '.repeat(pad + 2)}${t.axisResidents}`, '');
  out.push(...fit(shown.map((s) => `o ${t.marker(f.cut(s.top), f.percent(s.share, 1))}`), '   '));
  out.push(...fit([t.plotLegend]));
  return out.join('\n') + '\n';
}

/** C(p) by linear interpolation between the curve's points (sorted by p, from (0, 0) to (1, 1)). */
export function interpolate(points: [number, number][], p: number): number {
  for (let i = 1; i < points.length; i++) {
    const [p1, c1] = points[i];
    if (p <= p1) {
      const [p0, c0] = points[i - 1];
      return p1 === p0 ? c1 : c0 + ((c1 - c0) * (p - p0)) / (p1 - p0);
    }
  }
  return points[points.length - 1]?.[1] ?? 0;
}

/** Packs items (words, legend entries) into lines of at most PLOT.maxWidth columns. */
function fit(items: string[], separator = ' '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of items) {
    const next = line === '' ? word : `${line}${separator}${word}`;
    if (line !== '' && length(next) > PLOT.maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines;
}

function length(s: string): number {
  return [...s].length;
}
