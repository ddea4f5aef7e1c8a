// The analyse command's outputs beyond the report itself: the language, the SVG chart, the HTML
// report and the terminal plot — flags normalised once, then everything rendered before anything
// is written, so a failing renderer leaves no half of the outputs behind.

import type { Report } from '../analyse.js';
import { usageError } from '../errors.js';
import type { Lang } from '../report/format.js';
import { writeFilesWhole, type Io } from './output.js';
import { parseChoice } from '../options/parse.js';
import { render, type OutputFormat } from './render.js';

export interface ReportOutputs {
  format: OutputFormat;
  lang: Lang;
  /** The report's file; undefined (or '-') for stdout. */
  output: string | undefined;
  svg: string | undefined;
  html: string | undefined;
  plot: boolean;
  /** The chart's title (SVG, HTML); undefined for one named after the data. */
  title: string | undefined;
}

export function reportOutputs(flags: Record<string, unknown>): ReportOutputs {
  const format = (flags.json ? 'json' : flags.format) as OutputFormat;
  const output = flags.output as string | undefined;
  const plot = flags.plot === true;
  if (plot && format !== 'table' && (output === undefined || output === '-')) {
    throw usageError(`--plot draws on stdout, where the ${format} report goes too; write the report to a file with --output FILE`);
  }
  return {
    format,
    lang: parseChoice('--lang', String(flags.lang ?? 'en'), ['en', 'fi'] as const),
    output,
    svg: optionalPath('--svg', flags.svg),
    html: optionalPath('--html', flags.html),
    plot,
    title: typeof flags.title === 'string' && flags.title.trim() !== '' ? flags.title.trim() : undefined,
  };
}

/** Renders every requested output, then writes the files (each whole or not at all) and stdout. */
export async function writeReports(io: Io, report: Report, outputs: ReportOutputs, inputs: string[], minCell: number): Promise<void> {
  const { lang, title } = outputs;
  const toFile = outputs.output !== undefined && outputs.output !== '-';
  const main = await render(report, outputs.format, io, toFile, minCell, lang);
  const files: [string, string][] = [];
  let plot: string | null = null;
  // The charts' renderers are loaded only when a chart is asked for.
  if (outputs.svg !== undefined || outputs.html !== undefined || outputs.plot) {
    const f = (await import('../report/format.js')).numberFormat(lang, minCell);
    const t = (await import('../report/labels.js')).labels(lang);
    if (outputs.svg !== undefined) files.push([outputs.svg, (await import('../report/svg.js')).renderSvg(report, { format: f, labels: t, title, standalone: true })]);
    if (outputs.html !== undefined) files.push([outputs.html, (await import('../report/html.js')).renderHtml(report, { format: f, labels: t, title })]);
    if (outputs.plot) plot = (await import('../report/plot.js')).renderPlot(report, f, t, title);
  }
  // The files all or none (the report's own file with them), then stdout.
  await writeFilesWhole(toFile ? [...files, [outputs.output!, main]] : files, inputs);
  if (!toFile) io.stdout.write(main);
  if (plot !== null) io.stdout.write((toFile ? '' : '\n') + plot);
}

function optionalPath(flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const path = String(value);
  if (path === '' || path === '-') throw usageError(`${flag} needs a file name (the chart is not written to stdout), e.g. ${flag} chart.${flag.slice(2)}`);
  return path;
}
