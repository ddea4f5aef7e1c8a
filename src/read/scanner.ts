// The byte-level record scanner: RFC 4180 records found straight in the bytes, with no string per
// record or field. The hot loop of the reader; csv-parse (csvReader.ts) stays the reference, and
// tests hold the scanner to exactly its records. A handler may read the most common records itself,
// in one pass (RecordHandler.rows); tests hold what it reads to csv-parse's records too.

import { MAX_RECORD_BYTES } from './csvReader.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Receives each record the scanner finds; the record's fields are in the scanner meanwhile. */
export interface RecordHandler {
  record(scanner: RecordScanner, line: number): void;
  /**
   * Optionally, reads the records in `buf[pos .. end)` that it can straight from the bytes, up to
   * `stop`, and returns where it stopped (the scanner reads on from there); it must count their
   * lines in `scanner.line`. `end` is just past an LF (the buffer's last), and `pos` is before it.
   */
  rows?(buf: Uint8Array, pos: number, end: number, stop: number, scanner: RecordScanner): number;
}

/**
 * A problem in the bytes, with its line counted from the scanner's first line. Thrown as a value
 * (not a CostcurveError) because a worker thread scanning part of a file does not know its lines
 * yet: the caller adds the lines before and turns it into an error (`scanProblemError`).
 */
export class ScanProblem {
  constructor(
    readonly kind: 'unclosedQuote' | 'recordTooLong' | 'nul' | 'invalidUtf8' | 'truncatedUtf8',
    readonly line: number,
    /** The field (1-based) an unclosed quote opened in; the offending byte for invalidUtf8. */
    readonly detail?: number,
  ) {}
}

/**
 * Scans records out of a byte buffer, as csv-parse reads them with `relax_quotes` (see
 * `readCsvRecords`): fields split by a one-byte delimiter; a `"` that starts a field opens a quoted
 * field, in which `""` is a quote and delimiters and line breaks are text; the quote closes when a
 * delimiter, a line break or the end follows it. A quote inside an unquoted field is text; text
 * after a closing quote turns the field into `"` + its text so far + `"` + the rest. Records end
 * at LF, CRLF or a lone CR; blank lines are skipped. Lines are physical: LF, CRLF and a lone CR
 * each end one, inside quotes too.
 *
 * After each record, `handler.record(scanner, line)` sees its fields as byte ranges
 * `bytes[starts[k] .. ends[k])`, k < `count`. Usually `bytes` is the input buffer itself; a record
 * with `""` or text after a closing quote is copied, unquoted, into a scratch buffer first.
 *
 * @example
 * const scanner = new RecordScanner(0x3b, handler);
 * let pos = scanner.scan(bytes, 0, bytes.length, true, Infinity); // handler.record per record
 */
export class RecordScanner {
  /** The buffer the current record's fields are in. */
  bytes: Uint8Array = new Uint8Array(0);
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  /** Fields in the current record. */
  count = 0;
  /** The physical line the next record (or blank line) starts on. */
  line: number;
  private scratch = new Uint8Array(256);
  /** Per byte value: 1 for the delimiter, 2 for CR and LF, else 0 (what ends an unquoted field). */
  private readonly stops = new Uint8Array(256);
  /** Line breaks inside the quoted fields of the record the general path just read. */
  private breaks = 0;

  constructor(
    readonly delimiter: number,
    public handler: RecordHandler,
    firstLine = 1,
  ) {
    this.line = firstLine;
    this.stops[delimiter] = 1;
    this.stops[LF] = 2;
    this.stops[CR] = 2;
  }

  /**
   * Reads the records in `buf[pos .. end)`, calling the handler for each, and returns where it
   * stopped: at `end`; at the start of a record that may continue past `end` (unless `final`,
   * when `end` is the end of the input); or at the first line start at or after `stop`.
   *
   * Throws ScanProblem: an unclosed quote at the end of the input, or a record longer than 8 MiB.
   */
  scan(buf: Uint8Array, pos: number, end: number, final: boolean, stop: number): number {
    const stops = this.stops;
    // Just past the buffer's last LF, found once (a file of CR line ends may hold none): the
    // handler's `rows` reads the records that end by it.
    let lineEnd = -1;
    while (pos < end && pos < stop) {
      const handler = this.handler;
      if (handler.rows !== undefined) {
        if (lineEnd === -1) lineEnd = pos + buf.subarray(pos, end).lastIndexOf(LF) + 1;
        if (pos < lineEnd) {
          pos = handler.rows(buf, pos, lineEnd, stop, this);
          if (pos >= end || pos >= stop) break;
        }
      }
      // The common record: unquoted fields, ended by a line break inside the buffer. Everything
      // else (quotes, blank lines, the end of the buffer, many fields) is left to `careful`.
      const starts = this.starts;
      const ends = this.ends;
      const capacity = starts.length;
      let i = pos;
      let n = 0;
      let t = 0;
      while (buf[i] !== QUOTE && n < capacity) {
        let j = i;
        while (j < end && (t = stops[buf[j]]) === 0) j++;
        starts[n] = i;
        ends[n] = j;
        n++;
        i = j + 1;
        if (t !== 1 || i >= end) break;
        t = 0;
      }
      // t === 2: a line break at i - 1 ends the record (unless it is a CR whose LF may follow,
      // or the line is blank).
      if (t === 2 && !(n === 1 && ends[0] === pos)) {
        let next = i;
        if (buf[i - 1] === CR) {
          if (i < end) next = buf[i] === LF ? i + 1 : i;
          else next = -1;
        }
        if (next !== -1) {
          if (next - pos > MAX_RECORD_BYTES) throw new ScanProblem('recordTooLong', this.line);
          const line = this.line;
          this.bytes = buf;
          this.count = n;
          this.line = line + 1;
          this.handler.record(this, line);
          pos = next;
          continue;
        }
      }
      const after = this.careful(buf, pos, end, final, Math.min(stop, pos + 1));
      if (after === pos) break;
      pos = after;
    }
    return pos;
  }

  /** `scan` with every case handled, byte by byte; `scan` hands it what its shortcut does not take. */
  private careful(buf: Uint8Array, pos: number, end: number, final: boolean, stop: number): number {
    const d = this.delimiter;
    const stops = this.stops;
    let line = this.line;
    let starts = this.starts;
    let ends = this.ends;
    records: while (pos < end && pos < stop) {
      let c = buf[pos];
      if (c === LF) {
        line++;
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 < end) pos += buf[pos + 1] === LF ? 2 : 1;
        else if (final) pos++;
        else break;
        line++;
        continue;
      }
      const start = pos;
      let breaks = 0;
      let n = 0;
      let i = pos;
      let next = 0; // where the next record starts
      let general = false;
      fields: for (;;) {
        if (n === starts.length) {
          this.grow();
          starts = this.starts;
          ends = this.ends;
        }
        if (i === end) {
          // An empty last field after a delimiter at the end.
          if (!final) break records;
          starts[n] = ends[n] = i;
          n++;
          next = i;
          break;
        }
        if (buf[i] === QUOTE) {
          let j = i + 1;
          while (j < end && (c = buf[j]) !== QUOTE) {
            if (c === LF || (c === CR && (j + 1 === end || buf[j + 1] !== LF))) breaks++;
            j++;
          }
          if (j === end) {
            if (!final) break records;
            throw new ScanProblem('unclosedQuote', line, n + 1);
          }
          if (j + 1 === end) {
            if (!final) break records;
            starts[n] = i + 1;
            ends[n] = j;
            n++;
            next = end;
            break;
          }
          c = buf[j + 1];
          starts[n] = i + 1;
          ends[n] = j;
          n++;
          if (c === d) {
            i = j + 2;
            continue;
          }
          if (c === LF || c === CR) {
            i = j + 1;
          } else {
            // `""` inside, or text after the closing quote: the general path reads this record.
            general = true;
            break;
          }
        } else {
          let j = i;
          let stop = 0;
          while (j < end && (stop = stops[buf[j]]) === 0) j++;
          starts[n] = i;
          ends[n] = j;
          n++;
          if (j === end) {
            if (!final) break records;
            next = end;
            break;
          }
          if (stop === 1) {
            i = j + 1;
            continue;
          }
          i = j;
        }
        // A line break ends the record.
        if (buf[i] === LF) next = i + 1;
        else if (i + 1 < end) next = buf[i + 1] === LF ? i + 2 : i + 1;
        else if (final) next = i + 1;
        else break records;
        breaks++;
        break fields;
      }
      if (general) {
        const after = this.general(buf, start, end, final, line);
        if (after === -1) break;
        next = after;
        breaks = this.breaks;
        n = this.count;
        starts = this.starts;
        ends = this.ends;
        this.bytes = this.scratch;
      } else {
        this.bytes = buf;
      }
      if (next - start > MAX_RECORD_BYTES) throw new ScanProblem('recordTooLong', line);
      this.count = n;
      this.line = line + breaks;
      this.handler.record(this, line);
      line = this.line;
      pos = next;
    }
    this.line = line;
    return pos;
  }

  /**
   * The record at `start` read byte by byte, csv-parse's state machine without shortcuts: fields
   * unquoted into the scratch buffer. Returns where the next record starts, or -1 when the record
   * may continue past `end`. Sets `count`, `starts`, `ends` (into the scratch) and `breaks`.
   */
  private general(buf: Uint8Array, start: number, end: number, final: boolean, line: number): number {
    const d = this.delimiter;
    let out = 0;
    let fieldStart = 0;
    let n = 0;
    let breaks = 0;
    let quoting = false;
    let i = start;
    const push = (): void => {
      if (n === this.starts.length) this.grow();
      this.starts[n] = fieldStart;
      this.ends[n] = out;
      n++;
      fieldStart = out;
    };
    const put = (byte: number): void => {
      if (out === this.scratch.length) this.scratch = copyInto(new Uint8Array(this.scratch.length * 2), this.scratch);
      this.scratch[out++] = byte;
    };
    let next = 0;
    for (;;) {
      if (i === end) {
        if (!final) return -1;
        if (quoting) throw new ScanProblem('unclosedQuote', line, n + 1);
        push();
        next = end;
        break;
      }
      const c = buf[i];
      if (quoting) {
        if (c === QUOTE) {
          if (i + 1 === end) {
            if (!final) return -1;
            quoting = false;
            i++;
            continue;
          }
          const after = buf[i + 1];
          if (after === QUOTE) {
            put(QUOTE);
            i += 2;
            continue;
          }
          quoting = false;
          if (after !== d && after !== LF && after !== CR) {
            // Text after the closing quote: the field becomes `"` + its text so far + `"` + the
            // rest, as csv-parse does. (The first put makes room; the text moves one byte right.)
            put(QUOTE);
            this.scratch.copyWithin(fieldStart + 1, fieldStart, out - 1);
            this.scratch[fieldStart] = QUOTE;
            put(QUOTE);
          }
          i++;
          continue;
        }
        if (c === LF) breaks++;
        else if (c === CR) {
          if (i + 1 === end && !final) return -1;
          if (i + 1 === end || buf[i + 1] !== LF) breaks++;
        }
        put(c);
        i++;
        continue;
      }
      if (c === QUOTE && out === fieldStart) {
        quoting = true;
        i++;
        continue;
      }
      if (c === d) {
        push();
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        if (c === CR && i + 1 === end && !final) return -1;
        push();
        next = c === CR && i + 1 < end && buf[i + 1] === LF ? i + 2 : i + 1;
        breaks++;
        break;
      }
      put(c);
      i++;
    }
    this.count = n;
    this.breaks = breaks;
    return next;
  }

  private grow(): void {
    this.starts = copyInto(new Int32Array(this.starts.length * 2), this.starts);
    this.ends = copyInto(new Int32Array(this.ends.length * 2), this.ends);
  }
}

function copyInto<T extends Uint8Array | Int32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
