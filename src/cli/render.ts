// Chooses the renderer, its language and its colours for one run.

import type { Report } from '../analyse.js';
import type { Lang } from '../report/format.js';
import type { Io } from './output.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The report in `format`. Each renderer is loaded when asked for (start-up is part of every run). */
export async function render(report: Report, format: OutputFormat, io: Io, toFile: boolean, minCell: number, lang: Lang = 'en'): Promise<string> {
  if (format === 'json') return (await import('../report/json.js')).renderJson(report);
  if (format === 'csv') {
    const { csvDialect, renderCsv } = await import('../report/csv.js');
    return renderCsv(report, csvDialect(lang));
  }
  const f = (await import('../report/format.js')).numberFormat(lang, minCell);
  if (format === 'markdown') return (await import('../report/markdown.js')).renderMarkdown(report, f, (await import('../report/labels.js')).labels(lang));
  const colour = !toFile && io.stdout.isTTY === true && !io.env.NO_COLOR;
  return (await import('../report/table.js')).renderTable(report, { colour, format: f });
}
