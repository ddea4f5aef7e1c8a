// What the reader made of a file, for `costcurve inspect`: the dialect it detected, the role each
// column got and why, the first records as it parsed them, and how many rows it read and rejected.
// It runs the very reader that analyse runs, so what inspect shows is what analyse will read.
//
// Privacy: a resident id is never handed out. The id column's values become MASK, and so does any
// value anywhere that is shaped like a Finnish personal identity code (whatever its column).

import { CostcurveError } from '../errors.js';
import { readCostBytes } from './costFile.js';
import { readCsvRecords } from './csvReader.js';
import { namesIds, resolveColumns, shownHeaderCell } from './columns.js';
import { displayName, openInput, windows1252FromStart } from './source.js';
import { isEmptyRecord, isSeparatorLine } from './table.js';
import type {
  ColumnMap,
  ColumnRole,
  CostRow,
  DecimalMark,
  Encoding,
  LineEnding,
  RawRecord,
  ReadOptions,
  RecordReader,
  RejectReason,
  RowSink,
  SniffedDialect,
  Where,
} from './types.js';

/** What an id looks like in an inspection. */
export const MASK = '•••';

/** One record of the sample: its fields as split (ids masked) and what the reader made of it. */
export interface SampleRecord {
  line: number;
  fields: string[];
  /** The cost rows it gave (one per cost column with a value); null when it was rejected or not reached. */
  costs: { service: string; cost: number }[] | null;
  group: string | null;
  weight: number | null;
  /** Why it was rejected, or null. */
  rejected: { reason: RejectReason; detail: string } | null;
}

export interface FileInspection {
  path: string;
  delimiter: string;
  /** null when reading stopped before the decimal mark was decided. */
  decimal: DecimalMark | null;
  encoding: Encoding;
  bom: boolean;
  lineEnding: LineEnding;
  columns: { name: string; role: ColumnRole | null; why: string }[];
  /** Data records read; null when reading stopped at a problem. */
  rows: number | null;
  rejectedRows: number | null;
  rejections: Partial<Record<RejectReason, number>>;
  sample: SampleRecord[];
  /** Why reading stopped, with its exit code; null when the file reads cleanly. */
  problem: { message: string; exitCode: number } | null;
}

/**
 * Reads one cost file the way `analyse` does and describes it. `sampleSize` records are kept.
 *
 * Errors before the dialect is known (missing file, binary content) are thrown; later ones (a
 * column that cannot be found, an unclosed quote) end up in `problem`, with what was learnt so far.
 * When the columns are not known, no sample is given: which column holds ids is not known either.
 *
 * @example const inspection = await inspectFile('kotihoito.csv', opts, 5);
 * // inspection.delimiter === ';', inspection.columns[0] → { name: 'asiakas_id', role: 'id', why: "alias 'asiakas_id'" }
 */
export async function inspectFile(input: string, opts: ReadOptions, sampleSize: number): Promise<FileInspection> {
  let dialect: SniffedDialect | null = null;
  const head: RawRecord[] = [];
  const wanted = sampleSize + (opts.header ? 1 : 0);
  const tap: RecordReader = async function* (bytes, sniffed, file) {
    dialect = sniffed;
    for await (const batch of readCsvRecords(bytes, sniffed, file)) {
      // A row of only delimiters is a blank line to the reader (isEmptyRecord): not shown either.
      for (const record of batch) {
        if (isSeparatorLine(record, sniffed.delimiter)) continue; // Excel's `sep=;` line
        if (head.length < wanted && (head.length === 0 || !isEmptyRecord(record.fields))) head.push(record);
      }
      yield batch;
    }
  };
  const parsed = new Map<number, Parsed>();
  const inSample = (line: number) => head.length > 0 && line <= head[head.length - 1].line;
  const rejections: Partial<Record<RejectReason, number>> = {};
  const sink: RowSink = {
    row(row: CostRow, where: Where) {
      if (!inSample(where.line)) return;
      const entry = parsed.get(where.line) ?? { costs: [], group: row.group, weight: row.weight, rejected: null };
      entry.costs!.push({ service: row.service, cost: row.amount.units / 10 ** row.amount.scale });
      parsed.set(where.line, entry);
    },
    reject(reason: RejectReason, where: Where, detail: string) {
      rejections[reason] = (rejections[reason] ?? 0) + 1;
      if (inSample(where.line)) parsed.set(where.line, { costs: null, group: null, weight: null, rejected: { reason, detail } });
    },
  };

  const bytes = await openInput(input);
  try {
    const report = await readCostBytes(bytes, input, opts, sink, tap);
    return {
      path: input,
      delimiter: report.delimiter,
      decimal: report.decimal,
      encoding: report.encoding,
      bom: report.bom,
      lineEnding: report.lineEnding,
      columns: report.columns.roles.map(({ name, role, why }) => ({ name, role, why })),
      rows: report.rows,
      rejectedRows: report.rejected,
      rejections: sorted(rejections),
      sample: sampleOf(head.slice(opts.header ? 1 : 0), report.columns, parsed, true),
      problem: null,
    };
  } catch (error) {
    // A Windows-1252 file whose first letter beyond ASCII comes late: read again, as analyse does.
    if (error instanceof CostcurveError && error.code === 'CC_DATA_ENCODING' && opts.encoding === undefined && (await windows1252FromStart(input))) {
      return inspectFile(input, { ...opts, encoding: 'windows-1252' }, sampleSize);
    }
    // Set by the reader once it has sniffed the file (TypeScript cannot see the callback assign it).
    const found = dialect as SniffedDialect | null;
    if (!(error instanceof CostcurveError) || found === null) throw error;
    // The columns, when the problem lies elsewhere (an unclosed quote further on): then the
    // records read before it can be shown, ids masked.
    const header = opts.header ? (head[0]?.fields ?? null) : null;
    const fieldCount = head[0]?.fields.length ?? 0;
    let columns: ColumnMap | null = null;
    try {
      columns = head.length > 0 ? resolveColumns(header, fieldCount, opts.columns, opts.noId, displayName(input), { roster: opts.roster }) : null;
    } catch {
      columns = null;
    }
    return {
      path: input,
      ...found,
      decimal: null,
      columns:
        columns?.roles.map(({ name, role, why }) => ({ name, role, why })) ??
        // A header not understood may be the first data row: no cell that could be an id is shown.
        (header ?? []).map((name) => ({ name: shownHeaderCell(name), role: null, why: 'not decided: see the problem' })),
      rows: null,
      rejectedRows: null,
      rejections: sorted(rejections),
      sample: columns === null ? [] : sampleOf(head.slice(opts.header ? 1 : 0), columns, parsed, false),
      problem: { message: error.format(), exitCode: error.exitCode },
    };
  }
}

type Parsed = Pick<SampleRecord, 'costs' | 'group' | 'weight' | 'rejected'>;

/**
 * The sample records: fields masked where they are ids (the id column, and any column named like
 * one, as with --no-id or another --id) or look like identity codes, and what they gave, masked
 * the same way (a service or group read from such a column).
 */
function sampleOf(records: RawRecord[], columns: ColumnMap, parsed: Map<number, Parsed>, read: boolean): SampleRecord[] {
  const masked = (i: number | null): boolean => i !== null && (i === columns.id || namesIds(columns.header[i] ?? ''));
  const show = (value: string, column: number | null): string => (masked(column) ? MASK : maskIdentityCode(value));
  // A record the reader did not hand on gave no cost (a wide record of empty cells), or, when
  // reading stopped early, was not reached (costs null, not rejected).
  const unseen: Parsed = { costs: read ? [] : null, group: null, weight: null, rejected: null };
  return records.map((record) => {
    const found = parsed.get(record.line) ?? unseen;
    return {
      line: record.line,
      fields: record.fields.map((field, i) => show(field, i)),
      ...found,
      costs: found.costs === null ? null : found.costs.map(({ service, cost }) => ({ service: show(service, columns.service), cost })),
      group: found.group === null ? null : show(found.group, columns.group),
    };
  });
}

function sorted<T>(counts: Partial<Record<RejectReason, T>>): Partial<Record<RejectReason, T>> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<Record<RejectReason, T>>;
}

/** A Finnish personal identity code's shape (DDMMYY, a century sign, three digits, a check character), not inside a longer word. */
const CODE_SHAPE = /(?<![\p{L}\p{N}])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\p{L}\p{N}])/iu;

/**
 * MASK for a value shaped like a Finnish personal identity code, or holding one among other text
 * (a note such as "hetu 131052-308T"): checked by shape only, so that a look-alike is hidden too.
 *
 * @example maskIdentityCode('131052-308T') // '•••'
 * @example maskIdentityCode('hetu 131052-308T') // '•••'
 * @example maskIdentityCode('693,54') // '693,54'
 */
export function maskIdentityCode(value: string): string {
  return CODE_SHAPE.test(value) ? MASK : value;
}

/**
 * Every identity-code look-alike inside `text` (a message) replaced by MASK, valid or not: inspect
 * masks by shape, and so do its messages.
 *
 * @example maskCodeShapes("'131052-308U' is not an amount") // "'•••' is not an amount"
 */
export function maskCodeShapes(text: string): string {
  return text.replace(new RegExp(CODE_SHAPE.source, 'giu'), MASK);
}
