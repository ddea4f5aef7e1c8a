// The hot path: cost records read from the scanner's bytes straight into a PersonTable, without a
// string or an object per row. Ids are interned from their bytes, costs parsed from bytes, service
// names decoded once per distinct value. Any record out of the ordinary — a bad row, an id with
// spaces around it, an odd field count — is decoded and read by costFile.ts's recordReader, the
// reference, so every record means exactly what it means there.
//
// Plain records (no quotes, the file's field count, a short id, a plain amount) are read by `rows`
// straight from the bytes, in one pass with no field table; the scanner reads the others and
// hands them to `record`.
//
// Rows are looked up and added a batch at a time: finding a person reads memory at random, and a
// loop of nothing but lookups lets the processor have many of those reads under way at once, where
// lookups between the scanning of rows wait for each one in turn (a prototype of the row loop on
// 300 k persons: 1.9 → 1.2 s for 10 M rows; the whole run gains less, see README's Performance).
// A batch holds what its rows are (the id's bytes as two words, the amount, the service), not where
// they are in the buffer, so the buffer may move on; it is added before any other row, so persons
// are numbered and sums reach the table in the order of the rows, as without batches.

import type { Where } from '../read/types.js';
import { MAX_RECORD_BYTES } from '../read/csvReader.js';
import { ByteNumbers } from '../read/amountBytes.js';
import { MAX_SCALE } from '../read/number.js';
import { recordReader, type RecordRead } from '../read/costFile.js';
import type { CostLayout } from '../read/costHead.js';
import { fieldText } from '../read/scannedRecords.js';
import type { RecordHandler, RecordScanner } from '../read/scanner.js';
import type { RawRecord, RowSink } from '../read/types.js';
import type { PersonAttributes } from './attributes.js';
import { hashWords, IdTable, keyWord as word } from './idTable.js';
import { COST, CR, DELIMITER, ID, LF, MAX_KERNEL_FIELDS, OTHER, PlainRows, QUOTE, SERVICE, SERVICE_CACHE_BITS, TEXT } from '../read/plainRows.js';
import type { IdRows, PersonTable } from './persons.js';

/** What CostRows asks of its table: a PersonTable, or a reading thread's stand-in (rowRing.ts's RingTable). */
export type RowTable = Pick<PersonTable, 'serviceOf' | 'addRowsOfIds' | 'personOf' | 'anonymous' | 'addUnits'>;
/** The fields of a record, as a RecordScanner holds them while its handler reads it. */
export type RecordFields = Pick<RecordScanner, 'count' | 'bytes' | 'starts' | 'ends'>;

/** Rows per batch: enough lookups under way at once, few enough that their records stay in cache. */
export const BATCH = 256;
/**
 * Ids batched at most, in bytes (a longer one is looked up on its own): those longer than 8 go with
 * their bytes and hash (`IdRows.keys`). Most pseudonymised ids are 8–64 bytes.
 */
export const MAX_BATCHED_ID = 254;
/** A kernel for a CostRows of a file to be read (its batch's size). */
export function plainRowsKernel(): PlainRows {
  return new PlainRows(BATCH);
}

/** Entries in the cache of service values (2^6; the kernel reads the same cache). */
const SERVICE_CACHE = 1 << SERVICE_CACHE_BITS;

const LF_BYTE = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
/** As ByteNumbers.fast: digits a float64 holds exactly as an integer (10^15 < 2^53), and decimals. */
const MAX_DIGITS = 15;

/**
 * Reads cost records into `table` (and their groups and weights into `attributes`). Records it
 * does not read itself go, as strings, to `recordReader` with `sink`, which must add rows to the
 * same table and attributes: collect.ts's `sinkFor`.
 *
 * @example
 * const rows = new CostRows(layout, table, sinkFor(table, attributes, rejections, false), attributes);
 * scanner.handler = rows; // … scan; rows.counts() → { rows, rejected }
 */
export class CostRows implements RecordHandler {
  private readonly slow: RecordRead;
  /** Records read from bytes (the string path counts its own). */
  private fastRecords = 0;
  private readonly where: Where;
  private readonly text: (bytes: Uint8Array, start: number, end: number) => string;
  private readonly amounts: ByteNumbers;
  /** The decimal mark's byte for `rows`, or -1 when it is the delimiter. */
  private readonly decimalMark: number;
  private readonly weights: ByteNumbers;
  private readonly fieldCount: number;
  private readonly idColumn: number;
  private readonly costColumns: Int32Array;
  private readonly serviceColumn: number;
  private readonly weightColumn: number;
  private readonly groupColumn: number;
  /** Group column values seen, by their bytes → the group (trimmed; null when empty). */
  private readonly groupValues = new IdTable();
  private readonly groupOfValue: (string | null)[] = [];
  private readonly wide: boolean;
  /** Per cost column: its service name (wide format: the column's header), else the file's label. */
  private readonly columnNames: string[];
  /** Their service indexes, looked up on first use (-1: not yet), so unused names add no service. */
  private readonly columnServices: Int32Array;
  private readonly label: string;
  /** Ids must be checked for bytes beyond ASCII, which Windows-1252 and UTF-8 write differently. */
  private readonly asciiIds: boolean;
  /** Service column values seen, by their bytes → service index. */
  private readonly serviceValues = new IdTable();
  private serviceOfValue = new Int32Array(64);
  /**
   * Service column values of 1–8 bytes last seen, by a hash of their bytes: per entry the value's
   * words, its length (0: none) and its service. A row's service in a few operations; without it,
   * looking up the service's value in `serviceValues` took a tenth of the benchmark's time.
   */
  private readonly recentServices: Int32Array;
  /** Per cost column of the current record: units and scale (wide format). */
  private readonly units: Float64Array;
  private readonly scales: Int32Array;
  /** Whether rows are batched: one cost column, an id column (`enqueue`). */
  private readonly batched: boolean;
  /**
   * Whether the kernel may read the records: batched, and no group or weight column. (So may a
   * reading thread for this one's table: rowRing.ts.)
   */
  readonly plain: boolean;
  /** Per byte value, for `rows`: TEXT, DELIMITER, LF, CR or QUOTE. */
  private readonly kinds = new Uint8Array(256);
  /** `kinds` for an id's bytes: OTHER for those below ! or above ~, which no plain id has. */
  private readonly idKinds = new Uint8Array(256);
  /** Per field, for `rows`: ID, COST, SERVICE, or 0 (skipped; the group's and the weight's are found by their column). */
  private readonly roles: Uint8Array;
  /** The WebAssembly kernel that reads plain records, when it reads this file's; null without. */
  private readonly kernel: PlainRows | null;
  /** The batch: rows read and not yet added, and their fields (the kernel's columns where it has them). */
  private pending = 0;
  private readonly batch: IdRows & { group: Int32Array; weight: Float64Array } = {
    w0: new Int32Array(BATCH),
    w1: new Int32Array(BATCH),
    length: new Int32Array(BATCH),
    service: new Int32Array(BATCH),
    units: new Float64Array(BATCH),
    scale: new Int32Array(BATCH),
    line: new Float64Array(BATCH),
    /** The group column's value (groupOfValue's index), -1 without a group column. */
    group: new Int32Array(BATCH),
    /** The weight, NaN without a weight column. */
    weight: new Float64Array(BATCH),
    person: new Int32Array(BATCH),
  };
  /** The length of the id of the row last put in the batch (0: none in this batch). */
  private lastLength = 0;
  /**
   * The bytes of the batch's ids longer than 8 (`IdRows.keys`, given with the batch when it has
   * any: `longIds`), filled to `keyBytes`; `lastKeyAt`, where the last one's start.
   */
  private readonly keys = { bytes: new Uint8Array(BATCH * 32), at: new Int32Array(BATCH), hash: new Int32Array(BATCH) };
  private keyBytes = 0;
  private longIds = 0;
  private lastKeyAt = 0;
  /** Records `rowsByKernel` has `rowsHere` read where the kernel stopped: more while it reads none (ids beyond 8 bytes). */
  private hereRecords = 1;

  constructor(
    layout: CostLayout,
    private readonly table: RowTable,
    sink: RowSink,
    /** Where rows' groups and weights go (--group, --weight); `sink` must add them there too. */
    private readonly attributes: PersonAttributes,
    /**
     * The kernel whose working buffer the file's bytes are read into (a new one for each file):
     * it reads the plain records of what is in that buffer. Without, `rows` reads them itself.
     */
    kernel: PlainRows | null = null,
    /**
     * A reading thread's: where the records go that are not put in a batch (a bad row, say), for the
     * table's thread to read (`record`) in their place among the batches, instead of read here.
     */
    private readonly forward: ((record: RecordFields, line: number) => void) | null = null,
  ) {
    const { columns, label } = layout;
    this.slow = recordReader(columns, layout.fieldCount, layout.decimal, layout.weightDecimal, label, layout.file, sink);
    this.where = { file: layout.file, line: 0 };
    const encoding = layout.dialect.encoding;
    this.text = fieldText(encoding);
    this.amounts = new ByteNumbers(layout.decimal, encoding, this.text);
    // A mark that is also the delimiter ends the field (Excel's quoted amounts): none is read here.
    this.decimalMark = layout.decimal === layout.dialect.delimiter ? -1 : layout.decimal.charCodeAt(0);
    this.weights = new ByteNumbers(layout.weightDecimal, encoding, this.text);
    this.fieldCount = layout.fieldCount;
    this.idColumn = layout.noId || columns.id === null ? -1 : columns.id;
    this.costColumns = Int32Array.from(columns.cost);
    this.serviceColumn = columns.service ?? -1;
    this.weightColumn = columns.weight ?? -1;
    this.groupColumn = columns.group ?? -1;
    this.wide = columns.cost.length > 1;
    this.label = label;
    this.columnNames = columns.cost.map((i) => (this.wide ? columns.header[i].trim() || label : label));
    this.columnServices = new Int32Array(columns.cost.length).fill(-1);
    this.asciiIds = encoding !== 'utf-8';
    this.units = new Float64Array(columns.cost.length);
    this.scales = new Int32Array(columns.cost.length);
    this.batched = !this.wide && this.idColumn >= 0;
    this.plain = this.batched && this.groupColumn < 0 && this.weightColumn < 0;
    this.kinds[layout.dialect.delimiter.charCodeAt(0)] = DELIMITER;
    this.kinds[0x0a] = LF;
    this.kinds[0x0d] = CR;
    this.kinds[0x22] = QUOTE;
    for (let c = 0; c < 256; c++) this.idKinds[c] = this.kinds[c] !== TEXT ? this.kinds[c] : c <= 0x20 || c >= 0x7f ? OTHER : TEXT;
    this.roles = new Uint8Array(layout.fieldCount);
    if (this.batched) {
      this.roles[this.idColumn] = ID;
      this.roles[this.costColumns[0]] = COST;
      if (this.serviceColumn >= 0) this.roles[this.serviceColumn] = SERVICE;
    }
    this.kernel = this.plain && kernel !== null && kernel.cap === BATCH && layout.fieldCount <= MAX_KERNEL_FIELDS ? kernel : null;
    this.recentServices = new Int32Array(SERVICE_CACHE * 4);
    if (this.kernel !== null) {
      this.kernel.layout(layout.dialect.delimiter.charCodeAt(0), this.decimalMark, this.roles);
      // The kernel writes these columns of the batch itself, and finds services in this cache.
      const { w0, w1, length, service, units, scale, line } = this.kernel;
      Object.assign(this.batch, { w0, w1, length, service, units, scale, line });
      this.recentServices = this.kernel.serviceCache;
    }
  }

  /**
   * Reads plain records straight from `buf[pos .. end)`, with no pass of the scanner's own: the
   * file's field count, no quote, every field ended by the delimiter and the last by LF or CRLF;
   * an id of 1–254 bytes from ! to ~; an amount of the common forms (ByteNumbers.fast, as `record`
   * reads it); a group and a good weight when the file has those columns (the kernel reads files
   * without them). Each is what `record` would make of it (tests hold the two to the csv-parse
   * reader). Stops at `stop` or `end`, or at the first record that is not plain, which the scanner
   * then reads (and `record` gets); returns where it stopped. Counts lines in `scanner`.
   */
  rows(buf: Uint8Array, pos: number, end: number, stop: number, scanner: RecordScanner): number {
    if (!this.batched) return pos;
    if (this.kernel !== null && this.kernel.reads(buf)) return this.rowsByKernel(buf, pos, end, stop, scanner);
    return this.rowsHere(buf, pos, end, stop, scanner, Infinity);
  }

  /**
   * `rows` by the kernel, which reads the commonest records three times as fast as `rowsHere`;
   * a record it stops at (an amount with thousands groups, say) is `rowsHere`'s, then the kernel
   * goes on.
   */
  private rowsByKernel(buf: Uint8Array, pos: number, end: number, stop: number, scanner: RecordScanner): number {
    const kernel = this.kernel!;
    const { s0, s1, sStart, sEnd } = kernel;
    // The kernel's service columns are where the field is in its memory; `buf` starts at `at` there.
    const at = kernel.workAt;
    const { service } = this.batch;
    const serviceColumn = this.serviceColumn;
    let line = scanner.line;
    while (pos < end && pos < stop) {
      const row = this.pending;
      const n = kernel.rows(pos, end, stop, row, this.lastLength, line);
      if (n === 0) {
        // A record the kernel does not read: here, or by the scanner. While the kernel reads none
        // (ids beyond 8 bytes), here reads more at a time, up to a batch.
        scanner.line = line;
        const after = this.rowsHere(buf, pos, end, stop, scanner, this.hereRecords);
        line = scanner.line;
        if (after === pos) break;
        this.hereRecords = Math.min(BATCH, this.hereRecords * 2);
        pos = after;
        continue;
      }
      this.hereRecords = 1;
      this.lastLength = kernel.lastLength();
      // The services the kernel did not find in the cache.
      for (let r = row; r < row + n; r++) {
        if (service[r] >= 0) continue;
        try {
          service[r] = serviceColumn >= 0 ? this.serviceOfWords(s0[r], s1[r], buf, sStart[r] - at, sEnd[r] - at) : this.columnService(0);
        } catch (error) {
          // A service too many: the rows before it are in the batch, for `firstError` to add first.
          this.pending = r;
          throw error;
        }
      }
      line += n;
      this.fastRecords += n;
      this.pending += n;
      pos = kernel.end();
      if (this.pending === BATCH) this.flush();
    }
    scanner.line = line;
    return pos;
  }

  /** `rows` in JavaScript, for at most `max` records. */
  private rowsHere(buf: Uint8Array, pos: number, end: number, stop: number, scanner: RecordScanner, max: number): number {
    // Records that end by the buffer's last LF (`end` is just past it: the scanner's contract): a
    // field's scan stops at that LF at the latest, so the byte loops need no test of the end.
    const kinds = this.kinds;
    const idKinds = this.idKinds;
    const roles = this.roles;
    const last = this.fieldCount - 1;
    const decimalMark = this.decimalMark;
    // A group and a weight column, read as `record` reads them (the kernel reads files without).
    const groupColumn = this.groupColumn;
    const weightColumn = this.weightColumn;
    let line = scanner.line;
    const lastLine = line + max;
    records: while (pos < end && pos < stop && line < lastLine) {
      let i = pos;
      // The id's and the service's bytes as little-endian words, as `keyWord` reads them.
      let id0 = 0;
      let id1 = 0;
      let idStart = 0;
      let idLength = 0;
      let service0 = 0;
      let service1 = 0;
      let serviceStart = 0;
      let serviceEnd = 0;
      let units = 0;
      let scale = 0;
      let next = 0;
      let groupStart = 0;
      let groupEnd = 0;
      let weightStart = 0;
      let weightEnd = 0;
      for (let f = 0; ; f++) {
        const role = roles[f];
        const start = i;
        let c = buf[i];
        if (role === ID) {
          // 1–254 bytes from ! to ~ (idKinds: TEXT for those, but the delimiter and "), the first
          // 8 as words.
          while (idKinds[c] === TEXT) {
            if (i - start < 4) id0 |= c << (8 * (i - start));
            else if (i - start < 8) id1 |= c << (8 * (i - start - 4));
            c = buf[++i];
          }
          idStart = start;
          idLength = i - start;
          if (idLength === 0 || idLength > MAX_BATCHED_ID || idKinds[c] === OTHER) break records;
        } else if (role === SERVICE) {
          while (kinds[c] === TEXT) {
            if (i - start < 4) service0 |= c << (8 * (i - start));
            else if (i - start < 8) service1 |= c << (8 * (i - start - 4));
            c = buf[++i];
          }
          serviceStart = start;
          serviceEnd = i;
        } else if (role === COST) {
          // The commonest form read here, as ByteNumbers.fast reads it: a minus, 1–15 digits, and
          // 1–6 decimals after the decimal mark. Any other form by ByteNumbers.fast itself.
          const negative = c === MINUS;
          if (negative) c = buf[++i];
          const lead = i;
          let v = 0;
          let d = 0;
          while ((d = c - ZERO) >= 0 && d <= 9) {
            v = v * 10 + d;
            c = buf[++i];
          }
          const digits = i - lead;
          let decimals = 0;
          if (c === decimalMark && digits > 0) {
            const from = ++i;
            c = buf[i];
            while ((d = c - ZERO) >= 0 && d <= 9) {
              v = v * 10 + d;
              c = buf[++i];
            }
            decimals = i - from;
          }
          if (kinds[c] !== TEXT && digits > 0 && digits + decimals <= MAX_DIGITS && decimals <= MAX_SCALE && (decimals > 0 || buf[i - 1] !== decimalMark)) {
            units = negative && v !== 0 ? -v : v;
            scale = decimals;
          } else {
            while (kinds[c] === TEXT) c = buf[++i];
            units = this.amounts.fast(buf, start, i);
            if (units !== units) break records;
            scale = this.amounts.scale;
          }
        } else {
          while (kinds[c] === TEXT) c = buf[++i];
        }
        // (A group or weight column may also be the id's, the service's or the cost's.)
        if (f === groupColumn) {
          groupStart = start;
          groupEnd = i;
        }
        if (f === weightColumn) {
          weightStart = start;
          weightEnd = i;
        }
        const kind = kinds[c];
        if (kind === DELIMITER && f < last) {
          i++;
          continue;
        }
        if (f !== last || i === pos) break records;
        if (kind === LF) next = i + 1;
        else if (kind === CR && buf[i + 1] === LF_BYTE) next = i + 2;
        else break records;
        break;
      }
      if (next - pos > MAX_RECORD_BYTES) break;
      if (weightColumn >= 0 || groupColumn >= 0) {
        const weight = weightColumn >= 0 ? this.weights.weight(buf, weightStart, weightEnd) : NaN;
        if (weightColumn >= 0 && weight !== weight) break records;
        this.batch.group[this.pending] = groupColumn >= 0 ? this.groupIndex(buf, groupStart, groupEnd) : -1;
        this.batch.weight[this.pending] = weight;
      }
      this.fastRecords++;
      const service = this.serviceColumn >= 0 ? this.serviceOfWords(service0, service1, buf, serviceStart, serviceEnd) : this.columnService(0);
      if (idLength > 8) this.enqueueLong(buf, idStart, idStart + idLength, id0, id1, service, units, scale, line++);
      else this.enqueueWords(id0, id1, idLength, service, units, scale, line++);
      pos = next;
    }
    scanner.line = line;
    return pos;
  }

  /**
   * Adds a batch of `n` rows a reading thread read (rowRing.ts), as `flush` adds this one's own,
   * after them.
   */
  takeBatch(rows: IdRows, n: number): void {
    this.flush();
    this.fastRecords += n;
    this.table.addRowsOfIds(rows, n, this.where);
  }

  /** Reads a record given as strings (the file's first records, read while the decimal mark was guessed). */
  readRecord(record: RawRecord): void {
    this.flush();
    this.slow(record);
  }

  /** Records read and rejected so far (the batch added first). */
  counts(): { rows: number; rejected: number } {
    this.flush();
    const slow = this.slow.counts();
    return { rows: slow.rows + this.fastRecords, rejected: slow.rejected };
  }

  record(scanner: RecordFields, line: number): void {
    const n = scanner.count;
    const b = scanner.bytes;
    const starts = scanner.starts;
    const ends = scanner.ends;
    // A trailing delimiter the header lacks is fine (see hasFieldCount).
    if (n !== this.fieldCount && !(n === this.fieldCount + 1 && starts[n - 1] === ends[n - 1])) return this.bySlowPath(scanner, line);

    let idStart = 0;
    let idEnd = 0;
    if (this.idColumn >= 0) {
      idStart = starts[this.idColumn];
      idEnd = ends[this.idColumn];
      // Empty, or maybe spaces around it (trim), or non-ASCII in a Windows-1252 file.
      if (idStart === idEnd) return this.bySlowPath(scanner, line);
      const first = b[idStart];
      const last = b[idEnd - 1];
      if (first <= 0x20 || last <= 0x20 || first >= 0x80 || last >= 0x80) return this.bySlowPath(scanner, line);
      if (this.asciiIds) for (let i = idStart; i < idEnd; i++) if (b[i] >= 0x80) return this.bySlowPath(scanner, line);
    }

    const costs = this.costColumns;
    let any = false;
    for (let k = 0; k < costs.length; k++) {
      const s = starts[costs[k]];
      const e = ends[costs[k]];
      if (s === e) {
        // An empty cost is a bad row, or in wide format a zero.
        if (!this.wide) return this.bySlowPath(scanner, line);
        this.scales[k] = -1;
        continue;
      }
      const units = this.amounts.units(b, s, e);
      if (units !== units) return this.bySlowPath(scanner, line);
      this.units[k] = units;
      this.scales[k] = this.amounts.scale;
      any = true;
    }
    // A wide record with no cost at all is for the reference to decide.
    if (!any) return this.bySlowPath(scanner, line);
    let weight: number | null = null;
    if (this.weightColumn >= 0) {
      weight = this.weights.weight(b, starts[this.weightColumn], ends[this.weightColumn]);
      if (weight !== weight) return this.bySlowPath(scanner, line);
    }

    if (this.batched && idEnd - idStart <= MAX_BATCHED_ID) {
      this.fastRecords++;
      const group = this.groupColumn >= 0 ? this.groupIndex(b, starts[this.groupColumn], ends[this.groupColumn]) : -1;
      return this.enqueue(b, idStart, idEnd, this.serviceOf(0, b, starts, ends), this.units[0], this.scales[0], line, group, weight ?? NaN);
    }
    this.flush();
    if (this.forward !== null) return this.forward(scanner, line);
    this.fastRecords++;
    const group = this.groupColumn >= 0 ? this.groupAt(b, starts[this.groupColumn], ends[this.groupColumn]) : null;
    const table = this.table;
    const person = this.idColumn >= 0 ? table.personOf(b, idStart, idEnd) : table.anonymous();
    this.where.line = line;
    for (let k = 0; k < costs.length; k++) {
      if (this.scales[k] >= 0) table.addUnits(person, this.serviceOf(k, b, starts, ends), this.units[k], this.scales[k], this.where);
    }
    if (this.groupColumn >= 0 || weight !== null) this.attributes.fromRow(person, group, weight, this.where);
  }

  /**
   * Adds a good one-cost row whose id is `b[idStart .. idEnd)` (1–8 bytes) to the batch: its
   * group's index (-1: none) and weight (NaN: none) as `flush` reads them.
   */
  private enqueue(b: Uint8Array, idStart: number, idEnd: number, service: number, units: number, scale: number, line: number, group: number, weight: number): void {
    this.batch.group[this.pending] = group;
    this.batch.weight[this.pending] = weight;
    const w0 = word(b, idStart, idEnd);
    const w1 = word(b, idStart + 4, idEnd);
    if (idEnd - idStart > 8) this.enqueueLong(b, idStart, idEnd, w0, w1, service, units, scale, line);
    else this.enqueueWords(w0, w1, idEnd - idStart, service, units, scale, line);
  }

  /**
   * `enqueueWords` for an id longer than 8 bytes, `b[idStart .. idEnd)`, whose first 8 are the
   * words `w0`, `w1`: its bytes are kept with its hash for the lookup (`keys`), unless it is the
   * id of the row before (put as length 0).
   */
  private enqueueLong(b: Uint8Array, idStart: number, idEnd: number, w0: number, w1: number, service: number, units: number, scale: number, line: number): void {
    const length = idEnd - idStart;
    const r = this.pending;
    const keys = this.keys;
    const batch = this.batch;
    // The same id as the row before's: compared from its end (ids of one export share a prefix).
    let again = r > 0 && length === this.lastLength && w0 === batch.w0[r - 1] && w1 === batch.w1[r - 1];
    for (let i = length - 1; again && i >= 8; i--) again = keys.bytes[this.lastKeyAt + i] === b[idStart + i];
    if (!again) {
      if (this.keyBytes + length > keys.bytes.length) {
        const bytes = new Uint8Array(Math.max(keys.bytes.length * 2, this.keyBytes + length));
        bytes.set(keys.bytes.subarray(0, this.keyBytes));
        keys.bytes = bytes;
      }
      const at = this.keyBytes;
      for (let i = 0; i < length; i++) keys.bytes[at + i] = b[idStart + i];
      keys.at[r] = at;
      keys.hash[r] = hashWords(w0, w1, length, b, idStart + 8, idEnd);
      this.lastKeyAt = at;
      this.keyBytes += length;
      this.longIds++;
    }
    this.put(again ? 0 : length, length, w0, w1, service, units, scale, line);
  }

  /**
   * `enqueue` for the id whose little-endian words are `w0`, `w1` (zero beyond its `length`), with
   * no group or weight (plain rows). The id of the row before is put as length 0: exports sorted
   * by person give runs of one id, and only a run's first row is looked up.
   */
  private enqueueWords(w0: number, w1: number, length: number, service: number, units: number, scale: number, line: number): void {
    const batch = this.batch;
    const r = this.pending;
    const again = r > 0 && length === this.lastLength && w0 === batch.w0[r - 1] && w1 === batch.w1[r - 1];
    this.put(again ? 0 : length, length, w0, w1, service, units, scale, line);
  }

  /** Puts a row in the batch: `batchLength` its id's length there (0: the row before's), `length` the id's own. */
  private put(batchLength: number, length: number, w0: number, w1: number, service: number, units: number, scale: number, line: number): void {
    const batch = this.batch;
    const r = this.pending;
    batch.length[r] = batchLength;
    batch.w0[r] = w0;
    batch.w1[r] = w1;
    batch.service[r] = service;
    batch.units[r] = units;
    batch.scale[r] = scale;
    batch.line[r] = line;
    this.lastLength = length;
    if (++this.pending === BATCH) this.flush();
  }

  /**
   * Adds the batch's rows to the table: first every lookup (many reads under way at once), then
   * every sum. Call it before the table is read: `counts` does.
   */
  flush(): void {
    const n = this.pending;
    if (n === 0) return;
    this.pending = 0;
    this.lastLength = 0;
    const batch = this.batch;
    const where = this.where;
    batch.keys = this.longIds > 0 ? this.keys : undefined;
    this.keyBytes = 0;
    this.longIds = 0;
    this.table.addRowsOfIds(batch, n, where);
    if (this.groupColumn < 0 && this.weightColumn < 0) return;
    const { person, group, weight, line } = batch;
    for (let r = 0; r < n; r++) {
      where.line = line[r];
      this.attributes.fromRow(person[r], this.groupColumn >= 0 ? this.groupOfValue[group[r]] : null, weight[r] === weight[r] ? weight[r] : null, where);
    }
  }

  /** The service of cost column k's amount in this record. */
  private serviceOf(k: number, b: Uint8Array, starts: ArrayLike<number>, ends: ArrayLike<number>): number {
    if (this.wide || this.serviceColumn < 0) return this.columnService(k);
    return this.recentService(b, starts[this.serviceColumn], ends[this.serviceColumn]);
  }

  /** `serviceAt`, from `recentServices` when the value is there. */
  private recentService(b: Uint8Array, start: number, end: number): number {
    return this.serviceOfWords(word(b, start, end), word(b, start + 4, end), b, start, end);
  }

  /** `recentService` for the value whose first 8 bytes are the little-endian words `w0`, `w1`. */
  private serviceOfWords(w0: number, w1: number, b: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length === 0 || length > 8) return this.serviceAt(b, start, end);
    const cache = this.recentServices;
    const c = (Math.imul(w0 ^ Math.imul(w1 ^ length, 0x9e3779b1), 0x85ebca6b) >>> (32 - SERVICE_CACHE_BITS)) * 4;
    if (cache[c] === w0 && cache[c + 1] === w1 && cache[c + 2] === length) return cache[c + 3];
    const service = this.serviceAt(b, start, end);
    cache[c] = w0;
    cache[c + 1] = w1;
    cache[c + 2] = length;
    cache[c + 3] = service;
    return service;
  }

  /** The group a group column value names: its text trimmed, null when empty. */
  private groupAt(b: Uint8Array, start: number, end: number): string | null {
    return this.groupOfValue[this.groupIndex(b, start, end)];
  }

  /** The group column value's index into `groupOfValue`. */
  private groupIndex(b: Uint8Array, start: number, end: number): number {
    const known = this.groupValues.length;
    const entry = internValue(this.groupValues, b, start, end);
    if (entry === known) this.groupOfValue.push(this.text(b, start, end).trim() || null);
    return entry;
  }

  /** The service a service column value names: its text trimmed, or the file's label when empty. */
  private serviceAt(b: Uint8Array, start: number, end: number): number {
    const known = this.serviceValues.length;
    const entry = internValue(this.serviceValues, b, start, end);
    if (entry === known) {
      if (entry === this.serviceOfValue.length) {
        const larger = new Int32Array(entry * 2);
        larger.set(this.serviceOfValue);
        this.serviceOfValue = larger;
      }
      this.serviceOfValue[entry] = this.table.serviceOf(this.text(b, start, end).trim() || this.label);
    }
    return this.serviceOfValue[entry];
  }

  private columnService(k: number): number {
    let s = this.columnServices[k];
    if (s < 0) s = this.columnServices[k] = this.table.serviceOf(this.columnNames[k]);
    return s;
  }

  private bySlowPath(scanner: RecordFields, line: number): void {
    this.flush();
    if (this.forward !== null) return this.forward(scanner, line);
    const fields = new Array<string>(scanner.count);
    for (let k = 0; k < scanner.count; k++) fields[k] = this.text(scanner.bytes, scanner.starts[k], scanner.ends[k]);
    this.slow({ fields, line });
  }
}

/** A column value's entry: by `internShort` when it is 1–8 bytes long (most codes and names are). */
function internValue(values: IdTable, b: Uint8Array, start: number, end: number): number {
  return end > start && end - start <= 8 ? values.internShort(b, start, end) : values.intern(b, start, end);
}
