// The WebAssembly kernel that reads plain cost records (plainRows.wat, assembled into
// plainRows.wasm by `npm run build`): an instance per file being read, with its own memory that
// holds the working buffer the bytes are read into and the batch of rows it fills.

import { readFileSync } from 'node:fs';
import { FEED_BYTES } from './feedBytes.js';

// The WebAssembly API as used here (the project's typings, for Node without the DOM, lack it).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

/** Fields a layout may have for the kernel to read it (the roles table's size). */
export const MAX_KERNEL_FIELDS = 4096;

const KINDS = 0;
const ID_KINDS = 256;
const ROLES = 512;
const BATCH_AT = ROLES + MAX_KERNEL_FIELDS;
/** The cache of service values: 64 entries of 4 words, after the batch (which fits below). */
const CACHE_AT = 32768;
export const SERVICE_CACHE_BITS = 6;
/** The working buffer: after the batch, 64 KiB in. */
const WORK_AT = 65536;
const PAGE = 65536;

let module: object | null = null;

/** What a byte is to the kernel (kinds) and to an id (idKinds; OTHER for none a plain id has). */
export const TEXT = 0;
export const DELIMITER = 1;
export const LF = 2;
export const CR = 3;
export const QUOTE = 4;
export const OTHER = 5;

/** What a field is to the kernel: skipped, the id, the cost or the service. */
export const SKIP = 0;
export const ID = 1;
export const COST = 2;
export const SERVICE = 3;

/**
 * One instance of the kernel. `work` is the buffer the bytes must be read into for `rows` to read
 * them (a feed's working buffer); the batch columns are views on the kernel's memory, rows
 * `0 … cap − 1`, that `rows` writes.
 *
 * @example
 * const kernel = new PlainRows(256);
 * kernel.layout(0x3b, 0x2c, roles); // ';', decimal comma
 * const n = kernel.rows(pos, limit, stop, 0, 0, 1); // rows 0 … n − 1 of the batch, from line 1; kernel.end() is where it stopped
 */
export class PlainRows {
  readonly work: Uint8Array;
  /** Where `work` starts in the kernel's memory (the service columns' offsets count from there). */
  readonly workAt = WORK_AT;
  readonly w0: Int32Array;
  readonly w1: Int32Array;
  /** The id's length, 0 where it is the id of the row before. */
  readonly length: Int32Array;
  /** The service field's first 8 bytes as little-endian words, and where it is in `work`. */
  readonly s0: Int32Array;
  readonly s1: Int32Array;
  readonly sStart: Int32Array;
  readonly sEnd: Int32Array;
  readonly scale: Int32Array;
  /** The service, where the cache of service values had the row's value, else -1. */
  readonly service: Int32Array;
  readonly units: Float64Array;
  readonly line: Float64Array;
  /**
   * The cache of recent service values the kernel looks rows' services up in (CostRows keeps it):
   * per entry, at 4k, the value's first 8 bytes as two words, its length (1–8; 0: none) and its service.
   */
  readonly serviceCache: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly exports: {
    configure(mark: number, last: number, batch: number, cap: number, cache: number): void;
    rows(pos: number, limit: number, stop: number, row: number, lastLength: number, line: number): number;
    end: { value: number };
    lastLength: { value: number };
    memory: { buffer: ArrayBuffer; grow(pages: number): number };
  };

  constructor(readonly cap: number) {
    module ??= new WebAssembly.Module(readFileSync(wasmUrl()));
    this.exports = new WebAssembly.Instance(module, {}).exports as PlainRows['exports'];
    const memory = this.exports.memory;
    // Grown once, here: views on the memory would not follow a later growth. The first page stays
    // beyond the working buffer's end: the kernel reads a field's first 8 bytes at once, maybe past it.
    memory.grow(Math.ceil((WORK_AT + FEED_BYTES) / PAGE));
    if (memory.buffer.byteLength < WORK_AT + FEED_BYTES + 8) throw new RangeError("no room beyond the kernel's working buffer");
    const buffer = memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.work = new Uint8Array(buffer, WORK_AT, FEED_BYTES);
    const column = (k: number) => BATCH_AT + k * 4 * cap;
    this.w0 = new Int32Array(buffer, column(0), cap);
    this.w1 = new Int32Array(buffer, column(1), cap);
    this.length = new Int32Array(buffer, column(2), cap);
    this.s0 = new Int32Array(buffer, column(3), cap);
    this.s1 = new Int32Array(buffer, column(4), cap);
    this.sStart = new Int32Array(buffer, column(5), cap);
    this.sEnd = new Int32Array(buffer, column(6), cap);
    this.scale = new Int32Array(buffer, column(7), cap);
    this.service = new Int32Array(buffer, column(8), cap);
    this.units = new Float64Array(buffer, column(9), cap);
    this.line = new Float64Array(buffer, column(9) + 8 * cap, cap);
    if (column(9) + 16 * cap > CACHE_AT) throw new RangeError(`a batch of ${cap} rows does not fit the kernel's memory`);
    this.serviceCache = new Int32Array(buffer, CACHE_AT, 4 << SERVICE_CACHE_BITS);
  }

  /**
   * Sets the layout: the delimiter's byte, the decimal mark's (-1 when none is read here) and each
   * field's role (SKIP, ID, COST, SERVICE); at most MAX_KERNEL_FIELDS fields.
   */
  layout(delimiter: number, mark: number, roles: Uint8Array): void {
    const bytes = this.bytes;
    bytes.fill(TEXT, KINDS, KINDS + 256);
    bytes[KINDS + delimiter] = DELIMITER;
    bytes[KINDS + 0x0a] = LF;
    bytes[KINDS + 0x0d] = CR;
    bytes[KINDS + 0x22] = QUOTE;
    for (let c = 0; c < 256; c++) bytes[ID_KINDS + c] = bytes[KINDS + c] !== TEXT ? bytes[KINDS + c] : c <= 0x20 || c >= 0x7f ? OTHER : TEXT;
    bytes.set(roles, ROLES);
    this.exports.configure(mark, roles.length - 1, BATCH_AT, this.cap, CACHE_AT);
  }

  /** Whether `buf` is this kernel's working buffer (or a part of it from its start). */
  reads(buf: Uint8Array): boolean {
    return buf.buffer === this.bytes.buffer && buf.byteOffset === WORK_AT;
  }

  /**
   * Reads plain records of `work[pos .. limit)` (ending with LF) that start before `stop` into
   * batch rows `row`, `row` + 1, … (up to `cap`), the first on line `line`; `lastLength` is the
   * length of the id of the row before `row`. Returns the rows read; `end()` is where it stopped,
   * `lastLength()` the last id's length.
   */
  rows(pos: number, limit: number, stop: number, row: number, lastLength: number, line: number): number {
    return this.exports.rows(WORK_AT + pos, WORK_AT + limit, WORK_AT + Math.min(stop, limit), row, lastLength, line);
  }

  /** Where `rows` stopped: the start of the next record, in `work`. */
  end(): number {
    return this.exports.end.value - WORK_AT;
  }

  lastLength(): number {
    return this.exports.lastLength.value;
  }
}

/** The kernel's file: next to this module, or in dist/ when this runs from its TypeScript source (tests). */
function wasmUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('../../dist/src/read/plainRows.wasm', import.meta.url);
  return new URL('./plainRows.wasm', import.meta.url);
}
