// The data errors both record readers raise (csv-parse and the byte scanner), built in one place so
// that the two say exactly the same thing about the same bytes.

import { CostcurveError } from '../errors.js';

/** A record longer than this is refused: it is almost always an unclosed quote eating the file. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

/** The file ends inside a quoted field that opened in `field` (1-based) of the record on `line`. */
export function unclosedQuoteError(file: string, line: number, field?: number): CostcurveError {
  return new CostcurveError(
    'CC_DATA_UNCLOSED_QUOTE',
    `a quoted field${field === undefined ? '' : ` (field ${field})`} in the record starting on line ${line} is never closed: the file ends inside it — close the quote, or check that quotes inside fields are doubled ("")`,
    { file, line, ...(field === undefined ? {} : { column: field }) },
  );
}

export function recordTooLongError(file: string, line: number, field?: number): CostcurveError {
  return new CostcurveError(
    'CC_DATA_RECORD_TOO_LONG',
    `the record starting on line ${line} is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB — most likely a quote opened there is never closed`,
    { file, line, ...(field === undefined ? {} : { column: field }) },
  );
}

export function nulByteError(file: string, line: number): CostcurveError {
  return new CostcurveError(
    'CC_DATA_BINARY',
    `a NUL byte (binary data) on line ${line}; this is not a CSV text file — export it again as CSV`,
    { file, line },
  );
}

/** `byte` is the first byte of the sequence that is not UTF-8, or undefined when unknown. */
export function invalidUtf8Error(file: string, line: number, byte: number | undefined): CostcurveError {
  const hex = byte?.toString(16).padStart(2, '0') ?? '??';
  return new CostcurveError(
    'CC_DATA_ENCODING',
    `invalid UTF-8 on line ${line} (byte 0x${hex}) — if the file is Windows-1252 (Excel "CSV (semicolon)"), use --encoding windows-1252`,
    { file, line },
  );
}

export function truncatedUtf8Error(file: string, line: number): CostcurveError {
  return new CostcurveError(
    'CC_DATA_ENCODING',
    `the file ends in the middle of a UTF-8 character on line ${line}; it is truncated or not UTF-8 — try --encoding windows-1252`,
    { file, line },
  );
}
