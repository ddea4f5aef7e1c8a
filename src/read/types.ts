// The contract between read/ and aggregate/: what a reader hands on for every record it reads.

export type Encoding = 'utf-8' | 'windows-1252';
export type DecimalMark = '.' | ',';
export type LineEnding = 'LF' | 'CRLF' | 'CR';

/** How one file is written, as detected or as forced by flags. */
export interface Dialect {
  delimiter: string;
  decimal: DecimalMark;
  encoding: Encoding;
  bom: boolean;
  lineEnding: LineEnding;
}

/** Column selectors as the user gave them: header names, or 1-based numbers with `--no-header`. */
export interface ColumnFlags {
  id?: string;
  cost?: string[];
  service?: string;
  group?: string;
  weight?: string;
}

/** Reader configuration, normalised once from the command line and shared by every command. */
export interface ReadOptions {
  delimiter?: string;
  decimal?: DecimalMark;
  encoding?: Encoding;
  /** false with `--no-header`. */
  header: boolean;
  /** true with `--no-id`: every record is its own person. */
  noId: boolean;
  columns: ColumnFlags;
  /**
   * true with `--roster`: `--group`/`--weight` may name columns only the roster has, so a cost
   * file without them is fine (its rows get group/weight null).
   */
  roster?: boolean;
  /** Hears how many bytes of each input were read (see `openInput`); for the progress line. */
  onBytes?: (bytes: number) => void;
  /** Threads that read a large file together (`--threads`); 1 when not given. */
  threads?: number;
  /**
   * How cost files are read: the byte scanner (default), or csv-parse, the reference the scanner
   * is tested against (tests and `npm run bench` choose it; `--reader`, not in --help).
   */
  reader?: 'scanner' | 'csv-parse';
}

export type ColumnRole = 'id' | 'cost' | 'service' | 'group' | 'weight' | 'ignored';

/** Which 0-based field holds what, for one file. */
export interface ColumnMap {
  header: string[];
  id: number | null;
  cost: number[];
  service: number | null;
  group: number | null;
  weight: number | null;
  /** Per column: its role and why it got it ("alias 'kustannus_eur'", "--cost 3"). */
  roles: { name: string; role: ColumnRole; why: string }[];
}

/**
 * A money amount read exactly: value = units / 10^scale, with `units` a safe integer.
 * `parseAmount('1 234,50', ',')` → { units: 123450, scale: 2 }.
 */
export interface Amount {
  units: number;
  scale: number;
}

export type RejectReason =
  | 'emptyCost'
  | 'badCost'
  | 'missingId'
  | 'fieldCount'
  | 'badWeight';

export interface Where {
  file: string;
  line: number;
}

/** One cost on one record. A wide record (several cost columns) yields one CostRow per non-empty cost cell. */
export interface CostRow {
  /** The person's pseudonym; null with `--no-id` (the aggregator makes every record its own person). */
  id: string | null;
  amount: Amount;
  /** The service label: the service column's value, the cost column's name (wide format), or the file's name. */
  service: string;
  group: string | null;
  /** Survey weight; null when no weight column. */
  weight: number | null;
  /** Distinguishes records with `--no-id`: rows of the same record share it. */
  record: number;
}

/** What a reader calls for every record. `reject` may throw (`--strict`). */
export interface RowSink {
  row(row: CostRow, where: Where): void;
  reject(reason: RejectReason, where: Where, detail: string): void;
}

/** What a reader reports about one file once it has read it all (JSON `input.files[]`). */
export interface FileReport {
  path: string;
  rows: number;
  rejected: number;
  encoding: Encoding;
  delimiter: string;
  decimal: DecimalMark;
  /** Whether `decimal` was chosen from amounts such as `1.234` that read either way (no amount told). */
  decimalAmbiguous: boolean;
  bom: boolean;
  lineEnding: LineEnding;
  columns: ColumnMap;
}

/** A dialect before the decimal mark is known: sniffed from the first bytes, or forced by flags. */
export type SniffedDialect = Omit<Dialect, 'decimal'>;

/** One CSV record as a reader hands it out: its fields, and the 1-based physical line it starts on. */
export interface RawRecord {
  fields: string[];
  line: number;
}

/**
 * Turns a file's bytes into records, in batches (one await per batch, not per record; a batch is
 * never empty). Blank lines are skipped; fields are unquoted. The csv-parse reader
 * (`readCsvRecords`) is the reference; a byte-level scanner must yield exactly the same records.
 */
export type RecordReader = (
  bytes: AsyncIterable<Uint8Array>,
  dialect: SniffedDialect,
  file: string,
) => AsyncIterable<RawRecord[]>;
