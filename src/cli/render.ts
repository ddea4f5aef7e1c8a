// Chooses the renderer, its language and its colours for one run.

import type { Report } from '../analyse.js';
import { csvDialect, renderCsv } from '../report/csv.js';
import { numberFormat, type Lang } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { labels } from '../report/labels.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTable } from '../report/table.js';
import type { Io } from './output.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function render(report: Report, format: OutputFormat, io: Io, toFile: boolean, minCell: number, lang: Lang = 'en'): string {
  if (format === 'json') return renderJson(report);
  if (format === 'csv') return renderCsv(report, csvDialect(lang));
  const f = numberFormat(lang, minCell);
  if (format === 'markdown') return renderMarkdown(report, f, labels(lang));
  const colour = !toFile && io.stdout.isTTY === true && !io.env.NO_COLOR;
  return renderTable(report, { colour, format: f });
}
