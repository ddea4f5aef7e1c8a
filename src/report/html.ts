// The report as one self-contained HTML page — headline, chart, tables, data quality and the
// definitions — that opens without network access and prints on A4. Everything is inline: the
// chart is the SVG itself, the styles are in <style>, and there is no script, font or image to fetch.

import type { Report } from '../analyse.js';
import type { NumberFormat } from './format.js';
import type { Labels } from './labels.js';
import { headline, overview, sections, type Section } from './sections.js';
import { dataName, renderSvg } from './svg.js';
import { el, text } from './xml.js';

export interface HtmlOptions {
  format: NumberFormat;
  labels: Labels;
  /** The page's and the chart's title; default: "Cost concentration: <the data's name>". */
  title?: string;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1d1d1f; font: 15px/1.45 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 920px; margin: 0 auto; padding: 28px 32px 40px; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #d5d9de; padding-bottom: 3px; break-after: avoid; }
.overview { color: #555; margin: 0 0 14px; }
.headline { font-size: 1.25em; font-weight: bold; color: #1f4e79; margin: 0 0 16px; }
figure.chart { margin: 0 0 8px; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; max-width: 640px; height: auto; margin: 0 auto; }
table { border-collapse: collapse; margin: 0 0 6px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
thead th { border-bottom: 1px solid #9aa3ad; font-weight: 600; }
tbody tr + tr td, tbody tr + tr th { border-top: 1px solid #eceef1; }
tbody th { font-weight: normal; }
.right { text-align: right; white-space: nowrap; }
.note { color: #555; font-size: 0.9em; margin: 4px 0; }
.note.warn { color: #8a5a00; }
ul.examples { margin: 2px 0 6px; padding-left: 1.2em; color: #555; font-size: 0.85em; }
dl.definitions dt { font-weight: 600; margin-top: 6px; }
dl.definitions dd { margin: 0 0 0 1.2em; }
footer { margin-top: 2em; color: #777; font-size: 0.85em; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  figure.chart svg { max-width: 150mm; }
  section { break-inside: auto; }
  tr, .headline, dl.definitions dt, dl.definitions dd { break-inside: avoid; }
  table { break-inside: auto; }
}
`;

export function renderHtml(report: Report, options: HtmlOptions): string {
  const { format: f, labels: t } = options;
  const title = options.title ?? `${t.chartTitle}: ${dataName(report, t)}`;
  const chart = renderSvg(report, { format: f, labels: t, title, standalone: false });
  const body = [
    el('header', {}, el('h1', {}, text(title)), el('p', { class: 'overview' }, text(overview(report, f, t)))),
    el('p', { class: 'headline' }, text(headline(report, f, t))),
    el('figure', { class: 'chart' }, chart),
    ...sections(report, f, t).map(htmlSection),
    el(
      'section',
      { id: 'section-definitions' },
      el('h2', {}, text(t.definitions)),
      el('dl', { class: 'definitions' }, ...t.definitionList(f.cut(report.focus.top), report.suppression.minCell).flatMap(([term, meaning]) => [el('dt', {}, text(term)), el('dd', {}, text(meaning))])),
    ),
    el('footer', {}, text(t.generatedBy(report.tool))),
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${t.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${text(report.tool)}">`,
    el('title', {}, text(title)),
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    el('main', {}, ...body.map((part) => `\n${part}`), '\n'),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function htmlSection(section: Section): string {
  const cell = (tag: 'th' | 'td', content: string, c: number, scope?: string) =>
    el(tag, { class: section.align[c] === 'right' ? 'right' : undefined, scope }, text(content));
  const head = section.columns ? el('thead', {}, el('tr', {}, ...section.columns.map((name, c) => cell('th', name, c, 'col')))) : '';
  const rows = section.rows.map((row) =>
    el('tr', {}, ...row.map((value, c) => (c === 0 && section.columns === null ? cell('th', value, c, 'row') : cell('td', value, c)))),
  );
  const notes: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length > 0) notes.push(el('ul', { class: 'examples' }, ...items));
    items = [];
  };
  for (const note of section.notes) {
    if (note.item) {
      items.push(el('li', {}, text(note.text)));
      continue;
    }
    flush();
    notes.push(el('p', { class: note.tone === 'warn' ? 'note warn' : 'note' }, text(note.text)));
  }
  flush();
  return el('section', { id: `section-${section.id}` }, el('h2', {}, text(section.title)), el('table', {}, head, el('tbody', {}, ...rows)), ...notes);
}
