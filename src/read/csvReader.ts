// The reference record reader, on csv-parse: RFC 4180 records with the physical line each starts
// on. The byte-level scanner that replaces it on the hot path must yield exactly these records.

import type { CsvError } from 'csv-parse';
import { CostcurveError } from '../errors.js';
import { MAX_RECORD_BYTES, recordTooLongError, unclosedQuoteError } from './dataErrors.js';
import { decodeBytes } from './decode.js';
import type { RawRecord, RecordReader, SniffedDialect } from './types.js';

export { MAX_RECORD_BYTES };

/**
 * Reads RFC 4180 records: fields separated by the dialect's delimiter, `"` quoting with `""` for
 * a quote, delimiters and line breaks (LF, CRLF or CR — mixed is fine) inside quoted fields.
 * Blank lines are skipped; they are not records. Field values are not trimmed.
 *
 * Lenient where RFC 4180 is silent or strict (as csv-parse's `relax_quotes`): a quote inside an
 * unquoted field (`12" screen`) and text after a closing quote (`"a"b` → `"a"b`) are kept
 * literally. Records may have any number of fields; the caller checks the count.
 *
 * `line` is the 1-based physical line the record starts on: line breaks are LF, CRLF or a lone CR,
 * counted inside quoted fields too, and blank lines count. The BOM does not make a line.
 *
 * Errors: CC_DATA_UNCLOSED_QUOTE (the file ends inside a quoted field; the location is the line
 * where that record starts and the field's number), CC_DATA_RECORD_TOO_LONG (more than 8 MiB).
 *
 * @example
 * for await (const batch of readCsvRecords(bytes, dialect, 'a.csv')) for (const { fields, line } of batch) …
 * // 'id;x\n\n1;"a\nb"\n2;c' → { fields: ['id','x'], line: 1 }, { fields: ['1','a\nb'], line: 3 }, { fields: ['2','c'], line: 5 }
 */
export const readCsvRecords: RecordReader = async function* (
  bytes: AsyncIterable<Uint8Array>,
  dialect: SniffedDialect,
  file: string,
): AsyncGenerator<RawRecord[]> {
  // csv-parse's own `info.lines` counts a CRLF inside quotes twice, so lines are counted here:
  // a record starts after the previous one's last line and the blank lines skipped since.
  let lastLine = 0;
  let blankLines = 0;
  const queue: RawRecord[] = [];
  // Loaded on first use: most runs read every file with the byte scanner.
  const { parse, CsvError } = await import('csv-parse');
  const parser = parse({
    delimiter: dialect.delimiter,
    quote: '"',
    escape: '"',
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  // Records are taken as the parser pushes them, not read from its readable side: a failing
  // stream drops the records it still holds (and those place the error on its line), and
  // `info`/`on_record` would build an info object per record, which halves the speed.
  // `parser.info` is the parser's live counter object.
  parser.push = (record: string[] | null): boolean => {
    if (record === null) return false;
    const line = lastLine + 1 + (parser.info.empty_lines - blankLines);
    blankLines = parser.info.empty_lines;
    lastLine = line + lineBreaks(record);
    queue.push({ fields: record, line });
    return true;
  };
  // Failures arrive through the write and end callbacks; this keeps them from going unhandled.
  parser.on('error', () => {});
  try {
    for await (const text of decodeBytes(bytes, dialect.encoding, dialect.bom, file)) {
      await new Promise<void>((resolve, reject) => parser.write(text, (error) => (error ? reject(error) : resolve())));
      if (queue.length > 0) yield queue.splice(0);
    }
    await new Promise<void>((resolve, reject) => {
      parser.once('error', reject);
      parser.once('finish', resolve);
      parser.end();
    });
    if (queue.length > 0) yield queue.splice(0);
  } catch (error) {
    if (queue.length > 0) yield queue.splice(0);
    throw toDataError(error, CsvError, file, lastLine, blankLines);
  } finally {
    parser.destroy();
  }
};

/** Line breaks inside the fields of a record: LF, CRLF and a lone CR each count once. */
function lineBreaks(fields: string[]): number {
  let n = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && field.charCodeAt(i + 1) !== 0x0a)) n++;
    }
  }
  return n;
}

function toDataError(error: unknown, csvError: typeof CsvError, file: string, lastLine: number, blankLines: number): unknown {
  if (!(error instanceof csvError)) return error;
  const context = error as CsvError & { empty_lines?: number; column?: number | string | null; index?: number };
  const line = lastLine + 1 + ((context.empty_lines ?? blankLines) - blankLines);
  const field = typeof context.column === 'number' ? context.column + 1 : undefined;
  const where = { file, line, ...(field === undefined ? {} : { column: field }) };
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return unclosedQuoteError(file, line, field);
    case 'CSV_MAX_RECORD_SIZE':
      return recordTooLongError(file, line, field);
    default:
      return new CostcurveError('CC_DATA_CSV', `malformed CSV near line ${line}: ${error.message}`, where);
  }
}
