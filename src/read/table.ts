// A delimited table as cost files and rosters share it: the input's bytes sniffed for their
// dialect, read into records, and split into the header (if any) and the data records.

import { CostcurveError } from '../errors.js';
import { SNIFF_BYTES, sniffDialect } from './dialect.js';
import { peekBytes } from './source.js';
import type { RawRecord, ReadOptions, RecordReader, SniffedDialect } from './types.js';

/** How many leading records the decimal mark is guessed from. */
export const DECIMAL_SAMPLE_RECORDS = 1000;

/**
 * How far the decimal-mark guess looks for an amount that has a decimal mark at all when the first
 * records hold only whole numbers: a file of 30 000 whole euros followed by `123.5` must not be
 * read with a guessed decimal comma (whole numbers read the same with either mark).
 */
export const DECIMAL_EVIDENCE_RECORDS = 200_000;

/** An opened table. `batches` yields the data records: the header is already taken off. */
export interface Table {
  dialect: SniffedDialect;
  /** The header's fields, or null with `--no-header`. */
  header: string[] | null;
  /** The line the header (or, without one, the first record) starts on. */
  headerLine: number;
  /** The number of fields a record must have: the header's, or the first record's. */
  fieldCount: number;
  /** The data records, in non-empty batches. */
  batches: AsyncIterable<RawRecord[]>;
  /** Stops reading and closes the input, when `batches` is not read to its end. */
  close(): Promise<void>;
}

/**
 * Sniffs and opens a table. Data errors: CC_DATA_EMPTY (no record at all), CC_DATA_HEADER_ONLY
 * (a header and no data record). Dialect flags in `opts` override sniffing.
 *
 * @example const table = await openTable(await openInput('a.csv'), 'a.csv', opts, readCsvRecords);
 */
export async function openTable(
  bytes: AsyncIterable<Buffer>,
  file: string,
  opts: Pick<ReadOptions, 'delimiter' | 'encoding' | 'header'>,
  reader: RecordReader,
): Promise<Table> {
  const { head, rest } = await peekBytes(bytes, SNIFF_BYTES);
  let dialect: SniffedDialect;
  try {
    dialect = sniffDialect(head, { delimiter: opts.delimiter, encoding: opts.encoding }, file, head.length < SNIFF_BYTES);
  } catch (error) {
    await rest[Symbol.asyncIterator]().return?.();
    throw error;
  }
  const iterator = reader(rest, dialect, file)[Symbol.asyncIterator]();
  const close = async (): Promise<void> => {
    await iterator.return?.();
  };
  try {
    // Batches are never empty, so the first holds the header (or the first record), after
    // Excel's `sep=;` line if there is one.
    let first = await iterator.next();
    if (!first.done && isSeparatorLine(first.value[0], dialect.delimiter)) {
      first = first.value.length > 1 ? { done: false, value: first.value.slice(1) } : await iterator.next();
    }
    if (first.done) throw emptyFileError(file, opts.header);
    const top = first.value[0];
    let data = opts.header ? first.value.slice(1) : first.value;
    let done = false;
    if (data.length === 0) {
      const next = await iterator.next();
      done = next.done === true;
      if (!next.done) data = next.value;
    }
    if (data.length === 0) throw headerOnlyError(file, top.line);
    return {
      dialect,
      header: opts.header ? top.fields : null,
      headerLine: top.line,
      fieldCount: top.fields.length,
      batches: prepend([data], iterator, done),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** CC_DATA_EMPTY: the input has no record at all. */
export function emptyFileError(file: string, header: boolean): CostcurveError {
  return new CostcurveError(
    'CC_DATA_EMPTY',
    `'${file}' is empty: it has no records${header ? ', not even a header' : ''} — check that it is the right file`,
    { file, line: 1 },
  );
}

/** CC_DATA_HEADER_ONLY: a header on `line` and no record after it. */
export function headerOnlyError(file: string, line: number): CostcurveError {
  return new CostcurveError('CC_DATA_HEADER_ONLY', `'${file}' has a header (line ${line}) but no data rows — check the export`, { file, line });
}

/** Batches already read, then the rest of the iterator (unless it is done). */
async function* prepend<T>(taken: T[], iterator: AsyncIterator<T>, done: boolean): AsyncGenerator<T> {
  yield* taken;
  if (done) return;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Reads at least `n` records ahead (or all, if fewer) without losing them, to guess the decimal
 * mark from values: `head` holds them, `rest` yields them again and then the remaining batches.
 */
export async function peekRecords(
  batches: AsyncIterable<RawRecord[]>,
  n: number,
  enough: (head: RawRecord[][]) => boolean = () => false,
): Promise<{ head: RawRecord[]; rest: AsyncIterable<RawRecord[]> }> {
  const iterator = batches[Symbol.asyncIterator]();
  const taken: RawRecord[][] = [];
  let count = 0;
  let done = false;
  while (count < n && !enough(taken)) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    count += next.value.length;
  }
  return { head: taken.flat(), rest: prepend(taken, iterator, done) };
}

/**
 * Whether a file's first record is Excel's `sep=;` line (naming the delimiter, sniffDialect): no
 * header and no data, skipped by every reader.
 */
export function isSeparatorLine(record: RawRecord, delimiter: string): boolean {
  return record.line === 1 && record.fields.join(delimiter) === `sep=${delimiter}`;
}

/** A row of only delimiters (`;;;`, as Excel writes formatted empty rows) counts as a blank line. */
export function isEmptyRecord(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/** The record has the header's fields — or one empty field more: a trailing delimiter the header lacks. */
export function hasFieldCount(fields: string[], fieldCount: number): boolean {
  return fields.length === fieldCount || (fields.length === fieldCount + 1 && fields[fieldCount].trim() === '');
}
