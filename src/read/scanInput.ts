// Feeding the byte scanner: chunks of a stream, or a range of a file, read into one working buffer
// that the scanner reads records from in place. Bytes are checked on the way in — NUL bytes,
// invalid UTF-8 — and a bad byte stops the reading at the record that holds it, so every record
// before it has been read whatever the chunk sizes were.

import { isUtf8 } from 'node:buffer';
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { MAX_RECORD_BYTES } from './dataErrors.js';
import { FEED_BYTES } from './feedBytes.js';
import { ScanProblem, type RecordScanner } from './scanner.js';
import type { Encoding } from './types.js';

/** Reads up to `length` bytes into `target` at `offset`; resolves to the count, 0 at the end. */
export type Fill = (target: Uint8Array, offset: number, length: number) => Promise<number>;

export interface FeedOptions {
  encoding: Encoding;
  /** Bytes to skip at the start of the input: 3 for a UTF-8 byte order mark. */
  skip?: number;
  /**
   * Stop at the first line start at or after this offset of the input (a split point). Read
   * after every buffer, so a caller may set it while feeding (between steps).
   */
  stop?: number;
  /** The working buffer's size at first (tests: small ones), FEED_BYTES by default. */
  bufferBytes?: number;
  /**
   * The working buffer to read into (a kernel's: plainRows.ts), at most `bufferBytes` of it; a
   * record longer than it moves the feed to a larger buffer of its own.
   */
  buffer?: Uint8Array;
}

/** Where feeding ended: the offset of the first byte no record was read from, and its line. */
export interface FeedEnd {
  offset: number;
  line: number;
}

/**
 * Fills the scanner until the input ends or `stop` is reached, yielding after every buffer it
 * scanned (so a caller can hand on what the handler collected, or set `stop`) the offset it has
 * read records up to. Returns where it ended.
 *
 * Throws ScanProblem (lines as the scanner counts them): `nul` (a NUL byte), `invalidUtf8` and
 * `truncatedUtf8` (UTF-8 input only), and those of `RecordScanner.scan`.
 *
 * @example
 * const steps = feed(streamFill(chunks), scanner, { encoding: 'utf-8' });
 * for (let step = await steps.next(); !step.done; step = await steps.next()) flush();
 */
export async function* feed(fill: Fill, scanner: RecordScanner, options: FeedOptions): AsyncGenerator<number, FeedEnd> {
  const { encoding } = options;
  let stop = options.stop ?? Infinity;
  let work = options.buffer !== undefined ? options.buffer.subarray(0, options.bufferBytes ?? options.buffer.length) : new Uint8Array(options.bufferBytes ?? FEED_BYTES);
  let base = 0; // input offset of work[0]
  let len = 0;
  let pos = options.skip ?? 0;
  let checked = pos; // bytes before this are known good
  let final = false;
  for (;;) {
    stop = options.stop ?? Infinity;
    if (!final) {
      let want = work.length - len;
      // Near a split point, scan little past it: the rest belongs to the next range.
      if (stop !== Infinity) want = Math.min(want, Math.max(64 * 1024, stop - (base + len) + 64 * 1024));
      const n = await fill(work, len, want);
      if (n === 0) final = true;
      else len += n;
    }
    if (pos > len) {
      // The byte order mark is not all there yet (tiny chunks).
      if (final) return { offset: base + len, line: scanner.line };
      continue;
    }
    const check = checkBytes(work, checked, len, encoding, final);
    checked = check.good;
    const limit = check.bad === -1 ? len : check.bad;
    pos = scanner.scan(work, pos, limit, final && limit === len, stop - base);
    yield base + pos;
    if (pos >= stop - base) return { offset: base + pos, line: scanner.line };
    if (limit < len) throw badByte(work, pos, limit, scanner.line, check.kind!);
    if (final) return { offset: base + pos, line: scanner.line };
    if (pos > 0) {
      work.copyWithin(0, pos, len);
      base += pos;
      len -= pos;
      checked -= pos;
      pos = 0;
    }
    if (len > MAX_RECORD_BYTES) throw new ScanProblem('recordTooLong', scanner.line);
    if (len === work.length) {
      const larger = new Uint8Array(work.length * 2);
      larger.set(work.subarray(0, len));
      work = larger;
    }
  }
}

/** The chunks of a stream as a Fill. */
export function streamFill(chunks: AsyncIterable<Uint8Array>): { fill: Fill; close(): Promise<void> } {
  const iterator = chunks[Symbol.asyncIterator]();
  let pending: Uint8Array = new Uint8Array(0);
  let at = 0;
  let done = false;
  return {
    async fill(target, offset, length) {
      while (at === pending.length) {
        if (done) return 0;
        const next = await iterator.next();
        if (next.done) {
          done = true;
          return 0;
        }
        pending = next.value;
        at = 0;
      }
      const n = Math.min(length, pending.length - at);
      target.set(pending.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    async close() {
      if (!done) await iterator.return?.();
      done = true;
    },
  };
}

/**
 * A file read from `position` on, as a Fill, a chunk ahead: while the caller works on what one read
 * brought, the next is under way. (Reading only when asked left the thread waiting for every
 * read: 0.13 s of a 10 M-row file's 2.3 s on one thread.) Reads run `chunk` bytes at a time, so
 * up to two chunks past where the caller stops are read and not used. Close the handle after
 * the last fill: FileHandle.close waits for the read still under way.
 *
 * Once `sync()` is true (a file split between threads, which keep every core busy), the bytes read
 * ahead are handed out and then the file is read when asked, by this thread, straight into the
 * caller's buffer: a read handed to Node's own threads waited for a core. 10 M rows on 2 threads:
 * 1.55–1.68 s against 1.63–1.76 s (8 runs each, in turn); on one thread the read ahead runs on the
 * other core.
 */
export function fileFill(handle: FileHandle, position: number, chunk = FEED_BYTES, sync: () => boolean = () => false): Fill {
  // The chunk being handed out (`buffers[serving]`, bytes `at` to `length`) and the one being read.
  const buffers = [new Uint8Array(chunk), new Uint8Array(chunk)];
  let serving = 0;
  let at = 0;
  let length = 0;
  let ahead: { buffer: number; bytes: Promise<number> } | null = null;
  let ended = false;
  const readAhead = (buffer: number): void => {
    const bytes = handle.read(buffers[buffer], 0, chunk, position).then(({ bytesRead }) => {
      position += bytesRead;
      return bytesRead;
    });
    // A read nobody waits for any more (the caller stopped) must not fail the process.
    bytes.catch(() => undefined);
    ahead = { buffer, bytes };
  };
  return async (target, offset, want) => {
    while (at === length) {
      if (ended) return 0;
      if (ahead === null) {
        if (sync()) {
          const n = readSync(handle.fd, target, offset, Math.min(want, chunk), position);
          position += n;
          ended = n === 0;
          return n;
        }
        readAhead(0);
      }
      const { buffer, bytes } = ahead!;
      ahead = null;
      const n = await bytes;
      if (n === 0) {
        ended = true;
        return 0;
      }
      serving = buffer;
      at = 0;
      length = n;
      if (!sync()) readAhead(1 - buffer);
    }
    const n = Math.min(want, length - at);
    target.set(buffers[serving].subarray(at, at + n), offset);
    at += n;
    return n;
  };
}

interface Check {
  /** Bytes before this are checked and good. */
  good: number;
  /** The first bad byte at or after `from`, or -1. */
  bad: number;
  kind?: 'nul' | 'invalidUtf8' | 'truncatedUtf8';
}

/**
 * Checks bytes [from, to), `from` being the start of a character. A UTF-8 character cut off at `to`
 * is left for the next round unless the input ends there.
 */
function checkBytes(work: Uint8Array, from: number, to: number, encoding: Encoding, final: boolean): Check {
  if (from >= to) return { good: from, bad: -1 };
  // Buffer's indexOf (memchr), not Uint8Array's: eight times as fast on a megabyte.
  const nul = Buffer.from(work.buffer, work.byteOffset + from, to - from).indexOf(0);
  const good = encoding === 'utf-8' && !final ? completeUtf8(work, from, to) : to;
  const end = nul === -1 ? good : Math.min(good, from + nul);
  if (encoding === 'utf-8' && !isUtf8(work.subarray(from, end))) {
    const at = firstBadUtf8(work, from, end);
    return { good: from, bad: at, kind: utf8Length(work, at, end) === -2 ? 'truncatedUtf8' : 'invalidUtf8' };
  }
  if (nul !== -1) return { good: from, bad: from + nul, kind: 'nul' };
  return { good, bad: -1 };
}

/** `to`, or the start of a UTF-8 sequence that the end of the bytes cuts off. */
function completeUtf8(bytes: Uint8Array, from: number, to: number): number {
  for (let k = to - 1; k >= from && k >= to - 3; k--) {
    const b = bytes[k];
    if (b < 0x80) return to;
    if (b >= 0xc0) return utf8Length(bytes, k, to) === -2 ? k : to;
  }
  return to;
}

/** Where the first sequence that is not UTF-8 starts in [from, to) (cut off at `to` counts). */
function firstBadUtf8(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const length = utf8Length(bytes, i, to);
    if (length < 0) return i;
    i += length;
  }
  return to;
}

/**
 * The length of the UTF-8 sequence at `i` as the WHATWG decoder reads it (no overlong forms, no
 * surrogates, nothing above U+10FFFF): -1 when it is invalid, -2 when `end` cuts it off.
 */
export function utf8Length(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need === -1) return -1;
  const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  for (let k = 1; k <= need; k++) {
    if (i + k >= end) return -2;
    const c = bytes[i + k];
    if (k === 1 ? c < low || c > high : (c & 0xc0) !== 0x80) return -1;
  }
  return need + 1;
}

/** The problem for a bad byte at `at`, on its physical line (`line` is where `pos` is). */
function badByte(work: Uint8Array, pos: number, at: number, line: number, kind: NonNullable<Check['kind']>): ScanProblem {
  for (let i = pos; i < at; i++) {
    const c = work[i];
    if (c === 0x0a || (c === 0x0d && work[i + 1] !== 0x0a)) line++;
  }
  return new ScanProblem(kind, line, kind === 'invalidUtf8' ? work[at] : undefined);
}
