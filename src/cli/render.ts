// Chooses the renderer and its colours for one run.

import type { Report } from '../analyse.js';
import { numberFormat } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { renderTable } from '../report/table.js';
import type { Io } from './output.js';

export type OutputFormat = 'table' | 'json';

export function render(report: Report, format: OutputFormat, io: Io, toFile: boolean, minCell: number): string {
  if (format === 'json') return renderJson(report);
  const colour = !toFile && io.stdout.isTTY === true && !io.env.NO_COLOR;
  return renderTable(report, { colour, format: numberFormat('en', minCell) });
}
