// The report for people: headline, shares, reach, Gini, deciles, services and data quality.

import { Chalk } from 'chalk';
import type { Report } from '../analyse.js';
import { grid } from './grid.js';
import type { NumberFormat } from './format.js';
import { labels, type Labels } from './labels.js';
import { headline, overview, sections, type Note } from './sections.js';

export interface TableStyle {
  /** ANSI colours (a terminal without NO_COLOR); plain text otherwise. */
  colour: boolean;
  format: NumberFormat;
  /** Defaults to the labels of the format's language. */
  labels?: Labels;
}

export function renderTable(report: Report, { colour, format: f, labels: t = labels(f.lang) }: TableStyle): string {
  const chalk = new Chalk({ level: colour ? 1 : 0 });
  const tone = (note: Note): string => (note.tone === 'dim' ? chalk.dim(note.text) : note.tone === 'warn' ? chalk.yellow(note.text) : note.text);
  const out: string[] = [chalk.bold('costcurve') + ` — ${overview(report, f, t)}`, '', chalk.bold(headline(report, f, t))];
  for (const section of sections(report, f, t)) {
    out.push('', chalk.bold(section.title));
    out.push(...grid(section.columns ? [section.columns, ...section.rows] : section.rows, section.align));
    out.push(...section.notes.map((note) => (note.item ? '    ' : '  ') + tone(note)));
  }
  return out.join('\n') + '\n';
}
