// A RecordReader on the byte scanner: the same records as csv-parse's (`readCsvRecords`), as strings.
// For tables read whole into strings anyway (headers, the first records, rosters); cost files go
// through the scanner without strings (aggregate/scanCosts.ts).

import { CostcurveError } from '../errors.js';
import { readCsvRecords } from './csvReader.js';
import { invalidUtf8Error, nulByteError, recordTooLongError, truncatedUtf8Error, unclosedQuoteError } from './dataErrors.js';
import { feed, streamFill } from './scanInput.js';
import { RecordScanner, ScanProblem } from './scanner.js';
import { decodeWindows1252 } from './windows1252.js';
import type { Encoding, RawRecord, RecordReader, SniffedDialect } from './types.js';

/**
 * Reads records like `readCsvRecords`, with the byte scanner. A delimiter outside ASCII (which the
 * scanner cannot look for as one byte) falls back to csv-parse.
 *
 * @example for await (const batch of readScannedRecords(bytes, dialect, 'a.csv')) records.push(...batch);
 */
export const readScannedRecords: RecordReader = async function* (
  bytes: AsyncIterable<Uint8Array>,
  dialect: SniffedDialect,
  file: string,
): AsyncGenerator<RawRecord[]> {
  if (!scannable(dialect)) {
    yield* readCsvRecords(bytes, dialect, file);
    return;
  }
  const text = fieldText(dialect.encoding);
  const batch: RawRecord[] = [];
  const scanner = new RecordScanner(dialect.delimiter.charCodeAt(0), {
    record(scan, line) {
      const fields = new Array<string>(scan.count);
      for (let k = 0; k < scan.count; k++) fields[k] = text(scan.bytes, scan.starts[k], scan.ends[k]);
      batch.push({ fields, line });
    },
  });
  const source = streamFill(bytes);
  try {
    const steps = feed(source.fill, scanner, { encoding: dialect.encoding, skip: dialect.bom ? 3 : 0 });
    for (;;) {
      const step = await steps.next();
      if (batch.length > 0) yield batch.splice(0);
      if (step.done) return;
    }
  } catch (error) {
    if (batch.length > 0) yield batch.splice(0);
    throw scanProblemError(error, file, 0);
  } finally {
    await source.close();
  }
};

/** True when the scanner can read this dialect: a one-byte (ASCII) delimiter. */
export function scannable(dialect: Pick<SniffedDialect, 'delimiter'>): boolean {
  return dialect.delimiter.length === 1 && dialect.delimiter.charCodeAt(0) < 0x80;
}

/** Decodes a field's bytes in the file's encoding. */
export function fieldText(encoding: Encoding): (bytes: Uint8Array, start: number, end: number) => string {
  if (encoding === 'windows-1252') return decodeWindows1252;
  // Buffer's native UTF-8 decoding, on a Buffer view of the scanner's buffer made once per buffer.
  let viewed: Uint8Array | null = null;
  let view: Buffer = Buffer.alloc(0);
  return (bytes, start, end) => {
    if (bytes !== viewed) {
      viewed = bytes;
      view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    }
    return view.toString('utf8', start, end);
  };
}

/**
 * A ScanProblem as the data error the csv-parse reader would raise, its line moved by `lines`
 * (the lines before the part of the file that was scanned). Anything else is passed through.
 */
export function scanProblemError(error: unknown, file: string, lines: number): unknown {
  if (!(error instanceof ScanProblem)) return error;
  const line = error.line + lines;
  switch (error.kind) {
    case 'unclosedQuote':
      return unclosedQuoteError(file, line, error.detail);
    case 'recordTooLong':
      return recordTooLongError(file, line);
    case 'nul':
      return nulByteError(file, line);
    case 'invalidUtf8':
      return invalidUtf8Error(file, line, error.detail);
    case 'truncatedUtf8':
      return truncatedUtf8Error(file, line);
    default:
      return new CostcurveError('CC_DATA_CSV', `malformed CSV near line ${line}`, { file, line });
  }
}
