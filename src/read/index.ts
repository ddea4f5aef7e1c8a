// The read stage, bytes -> rows: its table of contents.

export type * from './types.js';
export { openInput, serviceLabelFor, displayName, peekBytes, CHUNK_BYTES } from './source.js';
export {
  sniffDialect,
  detectDelimiter,
  detectLineEnding,
  checkDelimiter,
  DELIMITERS,
  SNIFF_BYTES,
} from './dialect.js';
export { decodeBytes } from './decode.js';
export { parseAmount, parseWeight, detectDecimal, MAX_SCALE } from './number.js';
export { resolveColumns, resolveRosterColumns, foldName, ALIASES } from './columns.js';
export { readCsvRecords, MAX_RECORD_BYTES } from './csvReader.js';
export { RecordScanner, ScanProblem } from './scanner.js';
export type { RecordHandler } from './scanner.js';
export { feed, fileFill, streamFill } from './scanInput.js';
export { readScannedRecords } from './scannedRecords.js';
export { ByteNumbers } from './amountBytes.js';
export { CostHead } from './costHead.js';
export type { CostLayout } from './costHead.js';
export { openTable, DECIMAL_SAMPLE_RECORDS } from './table.js';
export type { Table } from './table.js';
export { readCostFile, readCostBytes } from './costFile.js';
export { readRoster, readRosterBytes } from './roster.js';
export type { Roster } from './roster.js';
