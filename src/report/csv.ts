// The report as CSV for spreadsheets: long format, one figure per row under one header,
// `section,key,metric,value`, so every row has the same four columns whatever the report holds.
// Numbers keep full precision (the shortest text that reads back to the same double).

import type { Report } from '../analyse.js';
import type { Lang } from './format.js';

/**
 * How the CSV is written. English: `,` and decimal points, for programs (R, pandas, csv-parse).
 * Finnish: `;` and decimal commas, with a UTF-8 BOM, which is what Excel in a Finnish locale opens
 * directly (without the BOM it reads UTF-8 as Windows-1252 and garbles ä and ö).
 */
export interface CsvDialect {
  delimiter: ',' | ';';
  decimal: '.' | ',';
  bom: boolean;
}

export function csvDialect(lang: Lang): CsvDialect {
  return lang === 'fi' ? { delimiter: ';', decimal: ',', bom: true } : { delimiter: ',', decimal: '.', bom: false };
}

type Value = number | string | boolean | null;
type Row = [section: string, key: Value, metric: string, value: Value];

/** The CSV text; lines end in CRLF (RFC 4180). */
export function renderCsv(report: Report, dialect: CsvDialect): string {
  const cell = (value: Value): string => csvCell(value, dialect);
  const lines = [['section', 'key', 'metric', 'value'].join(dialect.delimiter)];
  for (const row of csvRows(report)) lines.push(row.map(cell).join(dialect.delimiter));
  return (dialect.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}

/** Every figure of the report as (section, key, metric, value); a suppressed figure is an empty value. */
export function csvRows(report: Report): Row[] {
  const rows: Row[] = [];
  const add = (section: string, key: Value, figures: Record<string, Value | undefined>): void => {
    for (const [metric, value] of Object.entries(figures)) if (value !== undefined) rows.push([section, key, metric, value]);
  };
  const { population: pop, input } = report;
  add('report', null, { tool: report.tool, version: report.version, minCell: report.suppression.minCell, suppressedAny: report.suppression.applied });
  add('definitions', null, { ...report.definitions });
  add('population', null, {
    persons: pop.persons,
    withCost: pop.withCost,
    zeroCost: pop.zeroCost,
    zeroShare: pop.zeroShare,
    weight: pop.weight,
    clippedNegative: pop.clippedNegative,
    negative: pop.negative,
    notInRoster: pop.notInRoster,
    rosterDuplicates: pop.rosterDuplicates,
  });
  add('summary', null, {
    total: report.total,
    mean: report.mean,
    median: report.median,
    gini: report.gini,
    giniCorrected: report.giniCorrected,
    focus: report.focus.top,
    focusShare: report.focus.share,
    ...(report.giniCi !== undefined ? { giniCiLow: report.giniCi?.[0] ?? null, giniCiHigh: report.giniCi?.[1] ?? null } : {}),
  });
  if (report.ci) add('ci', null, { ...report.ci });
  for (const s of report.shares) add('shares', s.top, { share: s.share, persons: s.persons, threshold: s.threshold, mean: s.mean, suppressed: s.suppressed, ...ciCells(s.ci) });
  for (const b of report.bottom) add('bottom', b.bottom, { share: b.share, suppressed: b.suppressed });
  for (const r of report.reach) add('reach', r.share, { top: r.top, suppressed: r.suppressed, ...ciCells(r.ci) });
  for (const d of report.deciles) {
    add('deciles', d.decile, { share: d.share, persons: d.persons, mean: d.mean, min: d.min, max: d.max, suppressed: d.suppressed });
  }
  for (const [p, c] of report.curve) add('curve', p, { share: c });
  for (const s of report.services) {
    add('services', s.service, { total: s.total, share: s.share, topShare: s.topShare, ofTop: s.ofTop, users: s.users, suppressed: s.suppressed });
  }
  // The persons without a group value (JSON: null) under the key '(none)'.
  for (const g of report.groups) {
    add('groups', g.group ?? '(none)', {
      persons: g.persons,
      weight: g.weight,
      ofPopulation: g.ofPopulation,
      ofTop: g.ofTop,
      total: g.total,
      mean: g.mean,
      zeroShare: g.zeroShare,
      ...Object.fromEntries(g.shares.map((s) => [`share@${s.top}`, s.share])),
      gini: g.gini,
      suppressed: g.suppressed,
    });
  }
  for (const [section, file] of [...input.files.map((f) => ['files', f] as const), ...(input.roster ? [['roster', input.roster] as const] : [])]) {
    add(section, file.path, {
      rows: file.rows,
      rejected: file.rejected,
      encoding: file.encoding,
      delimiter: file.delimiter === '\t' ? 'tab' : file.delimiter,
      decimal: file.decimal,
      bom: file.bom,
      lineEnding: file.lineEnding,
    });
  }
  for (const e of report.expectations ?? []) add('expectations', e.expr, { figure: e.figure, value: e.value, pass: e.pass });
  add('input', null, { rows: input.rows, rejectedRows: input.rejectedRows });
  for (const [reason, n] of Object.entries(input.rejections)) add('rejections', reason, { rows: n });
  return rows;
}

/** With --ci: an interval as two cells (empty when the figure is suppressed); nothing without --ci. */
function ciCells(interval: [number, number] | null | undefined): Record<string, Value> {
  return interval === undefined ? {} : { ciLow: interval?.[0] ?? null, ciHigh: interval?.[1] ?? null };
}

function csvCell(value: Value, dialect: CsvDialect): string {
  if (value === null) return '';
  if (typeof value === 'number') return plainNumber(value, dialect.decimal);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return quote(defuse(value), dialect.delimiter);
}

/**
 * A number at full precision without exponent notation, which some spreadsheets read as text:
 * the shortest decimal that reads back to the same double (`String(x)`), written out.
 *
 * @example plainNumber(0.8155, ',') // '0,8155'
 * @example plainNumber(1.5e-7, '.') // '0.00000015'
 */
export function plainNumber(x: number, decimal: '.' | ','): string {
  if (!Number.isFinite(x)) return '';
  let text = String(x);
  const exp = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (exp) {
    const [, sign, lead, rest = '', power] = exp;
    const digits = lead + rest;
    const point = 1 + Number(power);
    text =
      point <= 0
        ? `${sign}0.${'0'.repeat(-point)}${digits}`
        : point >= digits.length
          ? `${sign}${digits}${'0'.repeat(point - digits.length)}`
          : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  return decimal === ',' ? text.replace('.', ',') : text;
}

/**
 * A text cell that a spreadsheet will not run as a formula: a leading `=`, `+`, `-`, `@`, tab or
 * CR gets a `'` in front (OWASP's advice against CSV injection). Service names and paths come
 * from the data, so they are not trusted.
 */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: quoted when the text holds the delimiter, a quote or a line break. */
function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
