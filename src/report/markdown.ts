// The report as GitHub-flavoured Markdown: the same sections as the terminal table, as pipe tables
// that paste into an issue, a wiki page or a document converter (pandoc).

import type { Report } from '../analyse.js';
import type { NumberFormat } from './format.js';
import type { Labels } from './labels.js';
import { headline, overview, sections, type Section } from './sections.js';

export function renderMarkdown(report: Report, f: NumberFormat, t: Labels): string {
  const out: string[] = [`# ${escapeMarkdown(t.chartTitle)}`, '', escapeMarkdown(overview(report, f, t)), '', `**${escapeMarkdown(headline(report, f, t))}**`];
  for (const section of sections(report, f, t)) out.push('', ...markdownSection(section, t));
  return out.join('\n') + '\n';
}

function markdownSection(section: Section, t: Labels): string[] {
  const header = section.columns ?? [t.figure, t.value];
  const row = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const out = [
    `## ${escapeMarkdown(section.title)}`,
    '',
    row(header),
    `|${section.align.map((a) => (a === 'right' ? '---:' : ':---')).join('|')}|`,
    ...section.rows.map(row),
  ];
  let list = false;
  for (const note of section.notes) {
    if (!note.item || !list) out.push('');
    out.push(note.item ? `- ${escapeMarkdown(note.text)}` : escapeMarkdown(note.text));
    list = note.item === true;
  }
  return out;
}

/**
 * Text that Markdown shows as it is: a `|` would end a table cell, `*`, `_`, backticks, `<` and
 * brackets would turn a service name into emphasis, code, HTML or a link. Line breaks become spaces.
 *
 * @example escapeMarkdown('Lastensuojelu | sijaishuolto') // 'Lastensuojelu \\| sijaishuolto'
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\|*_`<>[\]#]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}
