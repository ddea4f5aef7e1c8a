// Ids interned from their bytes: an open-addressing hash table that hands out dense indexes (0, 1,
// 2, … in order of first appearance), each with a fixed-size record a caller may extend with its
// own fields (a person's total, …). No string per id, and no V8 Map, which cannot hold more than
// 2^24 entries.
//
// Why records: finding an id and adding to its sums reads memory at random, and a random read
// costs far more than the arithmetic around it (more so in VMs). A record keeps the id's first
// 8 bytes, its length and the caller's fields in one cache line, so a row costs two random reads:
// its slot and its record. A slot holds 5 bits of the key's hash beside its entry, so probing
// reads few records but the key's.
//
// Why `internBatch`: a loop that reads memory at random keeps many reads under way at once only
// while its body is short and no branch hangs on a read still on its way (a branch guessed wrong
// throws away every read started after it). So a batch of keys is looked up in passes: hashes;
// a touch of each slot; the probes, on slots now in cache; a touch of each record; the checks of
// the keys, without a branch; then, in order, the few keys new or not where first looked. Looking
// up the benchmark's 10 M ids (300 k persons) alone: 1.2 s one by one, 0.7 s in batches of 256.
//
// Why a WebAssembly memory (`{ kernel: true }`, the persons' table): the passes of `guessBatch` run
// in the lookup kernel (lookup.wat), which keeps about twice as many reads under way as the same
// loops in JavaScript, and it can read only its own memory. So such a table keeps its batch's
// columns, its slots and its records in one memory, in that order: the slots in place (a growth
// rebuilds them from the records, moving the records up when the slots outgrow their room), the
// records after them, grown at the end. The memory is shared, so that a thread hands its records
// over without a copy; a memory never shrinks, so such a table frees nothing until it is dropped
// or leaves the kernel for buffers of its own (`kernelSlots`).

import { readFileSync } from 'node:fs';
import type { Spare } from '../curve/spare.js';

/** Entries are numbered in 27 bits of a slot; the other 5 hold the hash's top bits (a tag). */
export const MAX_ENTRIES = 2 ** 27 - 2;

const INDEX_BITS = 27;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
/** A hash's tag: its top 5 bits, which pick no slot below 2^27 slots. */
const tagOf = (h: number): number => h >>> INDEX_BITS;

/** Bytes that stand for a key of at most 8 bytes known by its words (none beyond the eighth is read or copied). */
const SHORT_KEY = new Uint8Array(8);
/** Entries `rehash` moves at a time. */
const REHASH_BATCH = 256;
/** Slots in use per slot, at most: 3/4 (linear probing; the hash tag skips most wrong keys). */
const MAX_LOAD = 0.75;
/** The largest ArrayBuffer Node 20 makes: 4 GiB. */
/**
 * A kernel table's memory: the batch's columns in the first 64 KiB (`KernelColumns`: 11 of
 * `KERNEL_KEYS` 32-bit words, 2 of as many doubles, and 10^0 … 10^6), then the slots.
 */
export const KERNEL_KEYS = 1024;
/** Where the kernel's `add` writes what it tells (4 words): the last cache line of the columns' 64 KiB. */
const RESULT_AT = 65536 - 64;
const SLOTS_AT = 65536;
/** Bytes a kernel table keeps for its slots at first (256 Ki slots: 196 k keys before the records move). */
const FIRST_SLOT_ROOM = 1024 * 1024;
/** A WebAssembly page; a memory's largest size in pages (4 GiB). */
const PAGE = 65536;
const MAX_PAGES = 65536;
/**
 * Slots from which a kernel table leaves the kernel at the latest (`kernelSlots`): 2^23, some 6.3 M
 * keys. Its slots stay in its memory to the end, where a table in buffers of its own frees them
 * when it stops finding keys (`dropIndex`): 7 bytes a key at 20 M persons (1.33 GB at the peak in
 * the kernel, 1.19 GB after leaving it at 2^23 slots; the memory left, 232 MB at most, was freed by
 * the collector before the peak, and the run took as long).
 */
const MAX_KERNEL_SLOTS = 2 ** 23;
const MAX_BUFFER = 2 ** 32;
/**
 * Bytes the records, and the ids' bytes beyond the eighth, grow by at a time. Resizable buffers
 * grow in place, so a small step copies nothing (a growth is a system call, some 20 µs). Doubling
 * would leave up to half a buffer never written, and cutting a buffer back (`parts`, `truncate`,
 * `clear`) is dear there: V8 zero-fills the bytes it cuts off, which takes a page fault for every
 * page never touched (a 300 k-person table's records doubled to 16.8 MB and cut to 9.6 MB: 1 600
 * faults, 20 ms, on the thread that hands them over).
 */
const GROW_BYTES = 1024 * 1024;

/** A resizable ArrayBuffer (ES2024; Node 20 has them, the ES2022 typings this project builds with do not). */
export interface ResizableArrayBuffer extends ArrayBuffer {
  resize(byteLength: number): void;
}
export const ResizableArrayBuffer = ArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => ResizableArrayBuffer;

// The WebAssembly API as used here (the project's typings, for Node without the DOM, lack it).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => KernelMemory;
};
interface KernelMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}
type Guess = (n: number, cap: number, columns: number, slots: number, mask: number, records: number, stride: number) => number;
type Add = (
  n: number,
  cap: number,
  columns: number,
  records: number,
  stride: number,
  from: number,
  scale: number,
  current: number,
  slots: number,
  mask: number,
  entries: number,
  keyed: number,
  maxKeyed: number,
  room: number,
  intern: number,
  result: number,
) => number;

/**
 * A kernel table's batch in its memory, as lookup.wat lays it out: `guessBatch`'s keys, entries
 * and hashes, and what the kernel's `add` reads and writes (a person's table's rows: see
 * `IdTable.addInKernel`). Views that stay valid as the memory grows (it is shared: none is detached).
 */
export interface KernelColumns {
  w0: Int32Array;
  w1: Int32Array;
  length: Int32Array;
  out: Int32Array;
  hash: Int32Array;
  service: Int32Array;
  scale: Int32Array;
  person: Int32Array;
  waitPerson: Int32Array;
  waitService: Int32Array;
  waitRow: Int32Array;
  units: Float64Array;
  waitUnits: Float64Array;
  pow10: Float64Array;
}
let lookupModule: object | null = null;

/** The lookup kernel's file: next to this module, or in dist/ when this runs from its TypeScript source (tests). */
function lookupUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('../../dist/src/aggregate/lookup.wasm', import.meta.url);
  return new URL('./lookup.wasm', import.meta.url);
}

/** What `IdTable.parts` hands over: the entries' records, and where keys' bytes beyond the eighth start and those bytes. */
export interface IdTableParts {
  length: number;
  /**
   * length × recordBytes from `recordsAt`: a buffer of their own, or (a kernel table's, handed
   * over) its shared memory, which is not transferred but shared.
   */
  records: ArrayBuffer | SharedArrayBuffer;
  recordsAt: number;
  /** (length + 1) × 4 bytes once a key is longer than 8 bytes, else empty. */
  starts: ArrayBuffer;
  rest: ArrayBuffer;
}

/** Makes a resizable buffer `byteLength` long (freeing what is beyond); a plain one is left as it is. */
function shrink(buffer: ArrayBufferLike, byteLength: number): void {
  const resizable = buffer as Partial<ResizableArrayBuffer> & { resizable?: boolean };
  if (resizable.resizable && typeof resizable.resize === 'function' && byteLength < buffer.byteLength) resizable.resize(byteLength);
}

/**
 * Frees a typed array's memory now, when it is in a resizable buffer, rather than when the
 * collector gets to it: large tables replaced by larger ones would otherwise linger.
 */
export function release(array: { buffer: ArrayBufferLike }): void {
  const buffer = array.buffer as Partial<ResizableArrayBuffer>;
  if (typeof buffer.resize === 'function' && (buffer as { resizable?: boolean }).resizable) buffer.resize(0);
}

/** A zeroed Int32Array of `length` in a resizable buffer of its own (so `release` can free it). */
export function freeableInt32Array(length: number): Int32Array {
  return new Int32Array(new ResizableArrayBuffer(length * 4, { maxByteLength: length * 4 }), 0, length);
}

/**
 * The record's 32-bit words the table uses: the key's bytes 0–3 and 4–7 (zero beyond it), and in
 * word 2 the key's length (bits 0–7; 255 for 255 or more, then 8 + its rest's length) and a
 * keyless flag (bit 8). Bits 9–31 of word 2 are the caller's (`SHARED_SHIFT`).
 */
const HEAD0 = 0;
const HEAD1 = 1;
const LENGTH = 2;
const LENGTH_BITS = 0x1ff;
const KEYLESS = 0x100;
/** The caller's part of word 2: `words[r + SHARED_WORD] >>> SHARED_SHIFT`, 23 bits. */
export const SHARED_WORD = LENGTH;
export const SHARED_SHIFT = 9;
/** The first 32-bit word of a record that is the caller's. */
export const FIRST_FREE_WORD = 3;

/**
 * A set of byte strings, each with a dense index (its entry) and a record of `recordBytes` bytes
 * (a multiple of 8): words 0–2 are the table's, the rest the caller's, through the views `words`
 * (32-bit, entry e's word k at `e * recordBytes / 4 + k`) and `doubles` (`e * recordBytes / 8 + k`,
 * k ≥ 2), and bits 9–31 of word 2 (`SHARED_WORD`). Views change when the table grows: read them
 * after adding. Entries may be keyless (a person without an id): numbered like the others, never found.
 *
 * Memory per entry: its record, 4 bytes (where its bytes beyond the eighth start) and those bytes,
 * and 4 bytes per slot (1.33–2.67 slots per key).
 *
 * @example
 * const ids = new IdTable();
 * ids.intern(Buffer.from('A1;A2;A1'), 0, 2); // 0
 * ids.intern(Buffer.from('A1;A2;A1'), 3, 5); // 1
 * ids.intern(Buffer.from('A1;A2;A1'), 6, 8); // 0
 */
export class IdTable {
  /** Entries, keyed and keyless. */
  length = 0;
  words!: Int32Array;
  doubles!: Float64Array;
  private readonly stride: number;
  // Records, where the bytes beyond the eighth start, and those bytes grow in place (resizable
  // ArrayBuffers: address space is reserved, memory taken as used), so growing copies nothing and
  // leaves no old array for the collector, which may take its time: at millions of persons that
  // garbage would be a third of the memory. (A table read from `parts` may have plain ones.)
  private records!: ResizableArrayBuffer | SharedArrayBuffer;
  /** Where the records start in `records` (0 but in a kernel table's memory). */
  private recordsAt = 0;
  private startsBuffer!: ResizableArrayBuffer;
  private restBuffer!: ResizableArrayBuffer;
  /**
   * Entry i's bytes beyond the eighth are rest[restStart[i] .. restStart[i + 1]). Empty until a key
   * is longer than 8 bytes (most tables have none: 4 bytes an entry saved).
   */
  private restStart!: Uint32Array;
  private longKeys = false;
  private rest!: Uint8Array;
  /**
   * 0 for an empty slot, else tag << 27 | (entry + 1). In a resizable buffer, freed at once when the
   * table grows or drops its index: at 3 M persons a plain array left 20 MB more at the peak for
   * the collector, and read no faster measurably.
   */
  private slots = freeableInt32Array(1024);
  private mask = 1023;
  private keyed = 0;
  /** What `checkLongKeys` read (kept, so that no read is left out). */
  private touched = 0;
  /** `guessBatch`'s per-key scratch in JavaScript: hashes, and what each pass read. */
  private batchHashes = new Int32Array(0);
  private batchRead = new Int32Array(0);
  /**
   * A kernel table's memory, the kernel's `guess`, the batch's columns there (w0, w1, length, out,
   * hash: `KERNEL_KEYS` each) and the bytes kept for the slots; null for a table in buffers of its own.
   */
  private kernel: {
    memory: KernelMemory;
    guess: Guess;
    add: Add;
    /** What `add` tells: the last row's person, the amounts put to wait, the entries, the keys in the slots. */
    result: Int32Array;
    columns: KernelColumns;
    slotRoom: number;
    maxSlots: number;
  } | null = null;

  /**
   * `kernel`: the slots and records in a WebAssembly memory, and ids of 1–8 bytes looked up in
   * batches by the lookup kernel (for a table of many keys looked up in batches: the persons'),
   * until it would take more than `kernelSlots` slots (then its records move to a buffer of their
   * own: a memory is freed only when dropped, and then only when the collector gets to it).
   */
  constructor(
    readonly recordBytes = 16,
    options: { kernel?: boolean; kernelSlots?: number } = {},
  ) {
    if (recordBytes % 8 !== 0 || recordBytes < 16) throw new RangeError(`recordBytes must be a multiple of 8, at least 16: ${recordBytes}`);
    this.stride = recordBytes / 4;
    const starts = new ResizableArrayBuffer(0, { maxByteLength: (MAX_ENTRIES + 3) * 4 });
    const rest = new ResizableArrayBuffer(1024, { maxByteLength: MAX_BUFFER });
    if (!options.kernel) {
      this.use(new ResizableArrayBuffer(1024 * recordBytes, { maxByteLength: Math.min(MAX_BUFFER, (MAX_ENTRIES + 2) * recordBytes) }), starts, rest);
      return;
    }
    lookupModule ??= new WebAssembly.Module(readFileSync(lookupUrl()));
    const recordsAt = SLOTS_AT + FIRST_SLOT_ROOM;
    const memory = new WebAssembly.Memory({ initial: Math.ceil((recordsAt + 1024 * recordBytes) / PAGE), maximum: MAX_PAGES, shared: true });
    const exports = new WebAssembly.Instance(lookupModule, { table: { memory } }).exports;
    this.kernel = {
      memory,
      guess: exports.guess as Guess,
      add: exports.add as Add,
      result: new Int32Array(memory.buffer, RESULT_AT, 4),
      columns: kernelColumns(memory.buffer),
      slotRoom: FIRST_SLOT_ROOM,
      maxSlots: Math.min(options.kernelSlots ?? MAX_KERNEL_SLOTS, MAX_KERNEL_SLOTS),
    };
    this.recordsAt = recordsAt;
    release(this.slots);
    this.use(memory.buffer, starts, rest);
    this.viewSlots(1024);
  }

  /** A kernel table's `slots` over `size` slots of its memory. */
  private viewSlots(size: number): void {
    this.slots = new Int32Array(this.kernel!.memory.buffer, SLOTS_AT, size);
    this.mask = size - 1;
  }

  /** A kernel table's batch columns (`KernelColumns`), or null for a table in buffers of its own. */
  get kernelColumns(): KernelColumns | null {
    return this.kernel?.columns ?? null;
  }

  /**
   * The kernel's `add` (lookup.wat) on this table's records, for a person's table (persons.ts's
   * records of 32 bytes): adds rows `from` … `n` − 1 of the batch in `kernelColumns` (after
   * `guessBatch` of them, at most `KERNEL_KEYS`), the row before's person being `current`, and
   * stops at the first row it cannot add. An id of 1–8 bytes new to the table gets the next entry
   * there, as `internWords` would give it (entries `length` on, after the call, are new). Returns
   * the row it stopped at (or `n`), the last row's person, and the amounts it put to wait in
   * `kernelColumns` (`waitPerson` …, `waits` of them).
   */
  addInKernel(n: number, from: number, current: number, scale: number): { stop: number; current: number; waits: number } {
    const kernel = this.kernel!;
    // Ids of 1–8 bytes new to the table are interned there while no id is longer (those have bytes
    // beyond the eighth kept here), the records have room, and the slots need not grow.
    const room = Math.min(MAX_ENTRIES, Math.floor(this.words.length / this.stride));
    const intern = this.longKeys ? 0 : 1;
    const stop = kernel.add(n, KERNEL_KEYS, 0, this.recordsAt, this.recordBytes, from, scale, current, SLOTS_AT, this.mask, this.length, this.keyed, MAX_LOAD * (this.mask + 1), room, intern, RESULT_AT);
    const result = kernel.result;
    this.length = result[2];
    this.keyed = result[3];
    return { stop, current: result[0], waits: result[1] };
  }

  /** A kernel table's views, after its memory grew or its records moved: `use`'s and `viewSlots`'. */
  private viewMemory(size: number): void {
    this.use(this.kernel!.memory.buffer, this.startsBuffer, this.restBuffer);
    this.viewSlots(size);
  }

  /** Room in the starts for as many entries as the records have, once a key is longer than 8 bytes (their capacity changed). */
  private fitStarts(): void {
    if (this.longKeys) this.startsBuffer.resize((Math.floor(this.words.length / this.stride) + 1) * 4);
  }

  /** A kernel table's records moved to a buffer of their own; the memory is left to the collector. */
  private leaveKernel(): void {
    const used = this.length * this.recordBytes;
    const records = new ResizableArrayBuffer(used + GROW_BYTES, { maxByteLength: Math.min(MAX_BUFFER, (MAX_ENTRIES + 2) * this.recordBytes) });
    new Uint8Array(records).set(new Uint8Array(this.records, this.recordsAt, used));
    this.kernel = null;
    this.recordsAt = 0;
    this.slots = new Int32Array(1);
    this.use(records, this.startsBuffer, this.restBuffer);
    this.fitStarts();
  }

  /** Grows a kernel table's memory to at least `bytes`. */
  private growMemory(bytes: number): void {
    const memory = this.kernel!.memory;
    const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages <= 0) return;
    if (memory.buffer.byteLength / PAGE + pages > MAX_PAGES) throw new RangeError('more than 4 GiB of ids: too many persons for one table');
    memory.grow(pages);
  }

  /**
   * A table over another's `parts` (made by `parts` there, maybe on another thread): its entries,
   * records and keys, to read; it has no index, so it finds and adds no key.
   */
  static of(recordBytes: number, parts: IdTableParts): IdTable {
    const table = new IdTable(recordBytes);
    table.recordsAt = parts.recordsAt;
    table.use(parts.records as ResizableArrayBuffer, parts.starts as ResizableArrayBuffer, parts.rest as ResizableArrayBuffer);
    table.length = parts.length;
    table.longKeys = parts.starts.byteLength > 0;
    table.dropIndex();
    return table;
  }

  /**
   * The entries' records and keys, to read elsewhere (`IdTable.of`). With `consume`, the table's
   * own buffers (resizable: transfer them to another thread; a kernel table's shared memory), and
   * the table is left empty; else copies.
   */
  parts(consume: boolean): IdTableParts {
    const length = this.length;
    const recordBytes = length * this.recordBytes;
    const startsBytes = this.longKeys ? (length + 1) * 4 : 0;
    const restBytes = this.longKeys ? this.restStart[length] : 0;
    if (!consume) {
      const records = new Uint8Array(recordBytes);
      records.set(new Uint8Array(this.records, this.recordsAt, recordBytes));
      return { length, records: records.buffer, recordsAt: 0, starts: this.startsBuffer.slice(0, startsBytes), rest: this.restBuffer.slice(0, restBytes) };
    }
    this.dropIndex();
    shrink(this.records, recordBytes);
    shrink(this.startsBuffer, startsBytes);
    shrink(this.restBuffer, restBytes);
    const parts = { length, records: this.records, recordsAt: this.recordsAt, starts: this.startsBuffer, rest: this.restBuffer };
    this.kernel = null;
    this.recordsAt = 0;
    this.use(new ResizableArrayBuffer(0, { maxByteLength: 0 }), new ResizableArrayBuffer(0, { maxByteLength: 0 }), new ResizableArrayBuffer(0, { maxByteLength: 0 }));
    this.length = 0;
    this.longKeys = false;
    return parts;
  }

  /** Entry i's key's k-th 32-bit word (k = 0 or 1): its bytes 4k to 4k + 3, little-endian, zero beyond the key. */
  keyWordOf(entry: number, k: number): number {
    return this.words[entry * this.stride + k];
  }

  /** Views on the records (from `recordsAt` to the buffer's end), the starts and the rest. */
  private use(records: ResizableArrayBuffer | SharedArrayBuffer, starts: ResizableArrayBuffer, rest: ResizableArrayBuffer): void {
    this.records = records;
    this.words = this.recordsAt === 0 ? new Int32Array(records) : new Int32Array(records, this.recordsAt);
    this.doubles = this.recordsAt === 0 ? new Float64Array(records) : new Float64Array(records, this.recordsAt);
    this.startsBuffer = starts;
    this.restStart = new Uint32Array(starts);
    this.restBuffer = rest;
    this.rest = new Uint8Array(rest);
  }

  /** The key's entry, added when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const w0 = keyWord(bytes, start, end);
    const w1 = keyWord(bytes, start + 4, end);
    return this.internHashed(bytes, start, end, w0, w1, hashWords(w0, w1, end - start, bytes, start + 8, end));
  }

  private internHashed(bytes: Uint8Array, start: number, end: number, w0: number, w1: number, h: number): number {
    const length = end - start;
    const short = length < 255 ? length : 255;
    const tag = tagOf(h);
    const slots = this.slots;
    const mask = this.mask;
    const words = this.words;
    const stride = this.stride;
    let slot = h & mask;
    for (;;) {
      const v = slots[slot];
      if (v === 0) break;
      if (v >>> INDEX_BITS === tag) {
        const entry = (v & INDEX_MASK) - 1;
        const r = entry * stride;
        if (words[r + HEAD0] === w0 && words[r + HEAD1] === w1 && (words[r + LENGTH] & LENGTH_BITS) === short && (length <= 8 || this.restEquals(entry, bytes, start, end))) {
          return entry;
        }
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.append(bytes, start, end, w0, w1);
    slots[slot] = (tag << INDEX_BITS) | (entry + 1);
    if (++this.keyed > MAX_LOAD * slots.length) this.rehash(slots.length * 2);
    return entry;
  }

  /**
   * `internWords` for `n` keys at once: `out[k]` is the entry of the key whose words are `w0[k]`,
   * `w1[k]` and length `length[k]` (1 to 8); keys new to the table are added in the order given,
   * as `internWords` one by one would.
   */
  internBatch(w0: Int32Array, w1: Int32Array, length: Int32Array, n: number, out: Int32Array): void {
    // A key not where first looked is interned by the hash `guessBatch` kept.
    const hashes = this.guessBatch(w0, w1, length, n, out);
    for (let k = 0; k < n; k++) if (!this.holds(out[k], w0[k], w1[k], length[k])) out[k] = this.internHashed(SHORT_KEY, 0, length[k], w0[k], w1[k], hashes[k]);
  }

  /**
   * The lookup of `n` keys of 1–8 bytes, given as words, in the passes the head of this file
   * describes, without the check: `out[k]` is the entry the key most likely has (the first in its
   * probe sequence with its hash's tag), or -1, for the caller to check (`holds`) and intern when
   * it is not the key's. It leaves those entries' records in cache for the check. A key of length
   * 0 is skipped (its `out` is -1). A key longer than 8 bytes (its first 8 bytes as words, its
   * length) comes with its hash, `hashBytes(…) | 0` of all its bytes, in `given[k]`; its entry is
   * checked by `holdsKey`. Returns the keys' hashes (`hashes[k]`), valid until the next call.
   */
  guessBatch(w0: Int32Array, w1: Int32Array, length: Int32Array, n: number, out: Int32Array, given?: Int32Array): Int32Array {
    const kernel = this.kernel;
    if (kernel !== null && n <= KERNEL_KEYS) {
      const { w0: w0At, w1: w1At, length: lengthAt, out: outAt, hash: hashesAt } = kernel.columns;
      w0At.set(head(w0, n));
      w1At.set(head(w1, n));
      lengthAt.set(head(length, n));
      if (given !== undefined) hashesAt.set(head(given, n));
      kernel.guess(n, KERNEL_KEYS, 0, SLOTS_AT, this.mask, this.recordsAt, this.recordBytes);
      out.set(head(outAt, n));
      return hashesAt;
    }
    if (this.batchHashes.length < n) {
      this.batchHashes = new Int32Array(n);
      this.batchRead = new Int32Array(n);
    }
    const hashes = this.batchHashes;
    const read = this.batchRead;
    const slots = this.slots;
    const mask = this.mask;
    const words = this.words;
    const stride = this.stride;
    for (let k = 0; k < n; k++) hashes[k] = length[k] > 8 ? given![k] : hashWords(w0[k], w1[k], length[k], SHORT_KEY, 0, 0);
    for (let k = 0; k < n; k++) read[k] = slots[hashes[k] & mask];
    // The first entry of the key's tag (most likely the key's), or -1.
    for (let k = 0; k < n; k++) {
      let entry = -1;
      if (length[k] !== 0) {
        const h = hashes[k];
        const tag = tagOf(h);
        let slot = h & mask;
        for (;;) {
          const v = slots[slot];
          if (v === 0) break;
          if (v >>> INDEX_BITS === tag) {
            entry = (v & INDEX_MASK) - 1;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      out[k] = entry;
    }
    // Entry -1 (not found) reads record 0.
    for (let k = 0; k < n; k++) read[k] = words[(out[k] & ~(out[k] >> 31)) * stride];
    return hashes;
  }

  /** Whether `entry` (-1: none) holds the key of 1–8 bytes whose words are `w0`, `w1` and length `length`. */
  holds(entry: number, w0: number, w1: number, length: number): boolean {
    if (entry < 0) return false;
    const r = entry * this.stride;
    const words = this.words;
    return words[r + HEAD0] === w0 && words[r + HEAD1] === w1 && (words[r + LENGTH] & LENGTH_BITS) === length;
  }

  /**
   * `holdsKey` for the keys longer than 8 bytes among `n` (those with `length[k]` > 8: the key
   * `bytes[at[k] .. at[k] + length[k])`): sets `entries[k]` to -1 where it does not hold its key.
   * In passes, as `guessBatch` looks keys up (where each key's bytes beyond the eighth start, a
   * read of their first, then the checks), so that many reads from memory are under way at once.
   */
  checkLongKeys(entries: Int32Array, bytes: Uint8Array, at: Int32Array, length: Int32Array, n: number): void {
    if (!this.longKeys) {
      for (let k = 0; k < n; k++) if (length[k] > 8) entries[k] = -1;
      return;
    }
    if (this.batchRead.length < n) this.batchRead = new Int32Array(n);
    const from = this.batchRead;
    const restStart = this.restStart;
    const rest = this.rest;
    for (let k = 0; k < n; k++) from[k] = length[k] > 8 && entries[k] >= 0 ? restStart[entries[k]] : 0;
    let touched = 0;
    for (let k = 0; k < n; k++) touched += rest[from[k]];
    for (let k = 0; k < n; k++) if (length[k] > 8 && !this.holdsKey(entries[k], bytes, at[k], at[k] + length[k])) entries[k] = -1;
    this.touched = touched;
  }

  /** Whether `entry` (-1: none) holds the key `bytes[start .. end)` (any length). */
  holdsKey(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (entry < 0 || !this.holds(entry, keyWord(bytes, start, end), keyWord(bytes, start + 4, end), length < 255 ? length : 255)) return false;
    return length <= 8 || this.restEquals(entry, bytes, start, end);
  }

  /** `intern` for a key of 1 to 8 bytes (most ids), its words read by the caller's row loop. */
  internShort(bytes: Uint8Array, start: number, end: number): number {
    return this.internWords(keyWord(bytes, start, end), keyWord(bytes, start + 4, end), end - start);
  }

  /**
   * `intern` for the key whose bytes are the little-endian words `w0`, `w1` (zero beyond its
   * `length`, 1 to 8): for callers that read a key's words once and look it up later.
   */
  internWords(w0: number, w1: number, length: number): number {
    return this.internHashed(SHORT_KEY, 0, length, w0, w1, hashWords(w0, w1, length, SHORT_KEY, 0, 0));
  }

  /**
   * Frees the hash slots: the records stay readable, but no key can be found or added after this.
   * With `spare`, lends it their memory (and a kernel table's columns) rather than freeing it.
   */
  dropIndex(spare: Spare | null = null): void {
    if (spare !== null && this.kernel !== null) spare.lend({ buffer: this.kernel.memory.buffer, byteOffset: 0, byteLength: this.recordsAt });
    else if (spare !== null && this.slots.length > 1) spare.lend({ buffer: this.slots.buffer, byteOffset: this.slots.byteOffset, byteLength: this.slots.byteLength });
    else release(this.slots);
    this.slots = new Int32Array(1);
    this.mask = 0;
    this.keyed = MAX_ENTRIES;
  }

  /**
   * Frees the records of entries `entries` and later (their keys and fields are gone; keep them out
   * of lookups: `dropIndex` first). The views follow.
   */
  truncate(entries: number): void {
    if (entries * this.recordBytes < this.records.byteLength) shrink(this.records, entries * this.recordBytes);
  }

  /** Frees the table's memory: every entry and record is gone (the views are empty). */
  clear(): void {
    if (this.kernel !== null || this.recordsAt !== 0) {
      // A memory is freed when dropped; the table goes on in buffers of its own.
      this.kernel = null;
      this.recordsAt = 0;
      this.use(new ResizableArrayBuffer(0, { maxByteLength: Math.min(MAX_BUFFER, (MAX_ENTRIES + 2) * this.recordBytes) }), this.startsBuffer, this.restBuffer);
    }
    shrink(this.records, 0);
    shrink(this.startsBuffer, 0);
    this.longKeys = false;
    shrink(this.restBuffer, 0);
    release(this.slots);
    this.slots = new Int32Array(1);
    this.mask = 0;
    this.length = 0;
    this.keyed = 0;
  }

  /** The key's entry, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const short = length < 255 ? length : 255;
    const w0 = keyWord(bytes, start, end);
    const w1 = keyWord(bytes, start + 4, end);
    const h = hashWords(w0, w1, length, bytes, start + 8, end);
    const tag = tagOf(h);
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) return -1;
      if (v >>> INDEX_BITS === tag) {
        const entry = (v & INDEX_MASK) - 1;
        const r = entry * this.stride;
        if (this.words[r + HEAD0] === w0 && this.words[r + HEAD1] === w1 && (this.words[r + LENGTH] & LENGTH_BITS) === short && (length <= 8 || this.restEquals(entry, bytes, start, end))) {
          return entry;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** A new entry without a key. */
  addKeyless(): number {
    const entry = this.append(this.rest, 0, 0, 0, 0);
    this.words[entry * this.stride + LENGTH] = KEYLESS;
    return entry;
  }

  /** Entry i's key bytes (a fresh array), empty for a keyless entry. */
  key(entry: number): Uint8Array {
    const out = new Uint8Array(this.keyLength(entry));
    this.copyKey(entry, out, 0);
    return out;
  }

  /** The length of entry i's key (0 for a keyless entry). */
  keyLength(entry: number): number {
    const short = this.words[entry * this.stride + LENGTH] & 0x1ff;
    if (short === KEYLESS) return 0;
    return short < 255 ? short : 8 + this.restStart[entry + 1] - this.restStart[entry];
  }

  /** Copies entry i's key into `target` at `offset`. */
  copyKey(entry: number, target: Uint8Array, offset: number): void {
    const r = entry * this.stride;
    const length = this.keyLength(entry);
    for (let k = 0; k < Math.min(length, 8); k++) target[offset + k] = (this.words[r + (k < 4 ? HEAD0 : HEAD1)] >>> ((k & 3) * 8)) & 0xff;
    if (length > 8) target.set(this.rest.subarray(this.restStart[entry], this.restStart[entry + 1]), offset + 8);
  }

  private restEquals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (this.restStart[entry + 1] - this.restStart[entry] !== end - start - 8) return false;
    const rest = this.rest;
    for (let i = start + 8, k = this.restStart[entry]; i < end; i++, k++) if (rest[k] !== bytes[i]) return false;
    return true;
  }

  private append(bytes: Uint8Array, start: number, end: number, w0: number, w1: number): number {
    const entry = this.length;
    if (entry === MAX_ENTRIES) {
      throw new RangeError(`more than ${MAX_ENTRIES} distinct ids: too many persons for one table`);
    }
    if ((entry + 1) * this.stride > this.words.length) {
      const entries = Math.min(MAX_ENTRIES + 2, Math.ceil(this.words.length / this.stride) + Math.floor(GROW_BYTES / this.recordBytes));
      if (this.kernel === null) {
        (this.records as ResizableArrayBuffer).resize(entries * this.recordBytes);
      } else {
        this.growMemory(this.recordsAt + entries * this.recordBytes);
        this.viewMemory(this.slots.length);
      }
      this.fitStarts();
    }
    const r = entry * this.stride;
    this.words[r + HEAD0] = w0;
    this.words[r + HEAD1] = w1;
    this.words[r + LENGTH] = Math.min(end - start, 255);
    this.length = entry + 1;
    if (end - start <= 8 && !this.longKeys) return entry;
    if (!this.longKeys) {
      // The first key beyond 8 bytes: every entry before it has no bytes beyond the eighth.
      this.longKeys = true;
      this.fitStarts();
    }
    const from = this.restStart[entry];
    const to = from + Math.max(0, end - start - 8);
    if (to > this.rest.length) {
      if (to > MAX_BUFFER) throw new RangeError('more than 4 GiB of ids: too many persons for one table');
      this.restBuffer.resize(Math.min(MAX_BUFFER, to + GROW_BYTES));
    }
    for (let i = start + 8, k = from; i < end; i++, k++) this.rest[k] = bytes[i];
    this.restStart[entry + 1] = to;
    return entry;
  }

  /**
   * Moves the keys to `size` slots, a batch of entries at a time in passes as `internBatch` looks
   * keys up (hashes, a touch of each slot, then the inserts): at 3 M persons a table's growths
   * took 0.4 s one entry at a time.
   */
  private rehash(size: number): void {
    if (this.kernel !== null && size > this.kernel.maxSlots) this.leaveKernel();
    const kernel = this.kernel;
    if (kernel !== null && size * 4 > kernel.slotRoom) {
      // The slots outgrow their room: the records move up (into memory never written but by them).
      const at = SLOTS_AT + size * 4;
      this.growMemory(at + this.words.length * 4);
      new Uint8Array(kernel.memory.buffer).copyWithin(at, this.recordsAt, this.recordsAt + this.length * this.recordBytes);
      kernel.slotRoom = size * 4;
      this.recordsAt = at;
    }
    if (kernel !== null) {
      this.viewMemory(size);
      this.fitStarts();
      this.slots.fill(0);
    }
    const slots = kernel !== null ? this.slots : freeableInt32Array(size);
    const mask = size - 1;
    const words = this.words;
    const stride = this.stride;
    const hashes = new Int32Array(REHASH_BATCH);
    const read = new Int32Array(REHASH_BATCH);
    for (let from = 0; from < this.length; from += REHASH_BATCH) {
      const n = Math.min(REHASH_BATCH, this.length - from);
      for (let k = 0; k < n; k++) {
        const entry = from + k;
        const r = entry * stride;
        const short = words[r + LENGTH] & 0xff;
        const length = short < 255 ? short : 8 + this.restStart[entry + 1] - this.restStart[entry];
        const start = length > 8 ? this.restStart[entry] : 0;
        hashes[k] = hashWords(words[r + HEAD0], words[r + HEAD1], length, this.rest, start, start + Math.max(0, length - 8));
      }
      for (let k = 0; k < n; k++) read[k] = slots[hashes[k] & mask];
      for (let k = 0; k < n; k++) {
        if (words[(from + k) * stride + LENGTH] & KEYLESS) continue;
        const h = hashes[k];
        let slot = h & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = (tagOf(h) << INDEX_BITS) | (from + k + 1);
      }
    }
    if (kernel !== null) return;
    release(this.slots);
    this.slots = slots;
    this.mask = mask;
  }
}

/** The first `n` of an array: itself when that is all of it (no view made). */
export function head<A extends Int32Array | Float64Array>(array: A, n: number): A {
  return (array.length === n ? array : array.subarray(0, n)) as A;
}

/** The views of `KernelColumns` on a kernel table's memory, with 10^0 … 10^6 written in. */
function kernelColumns(buffer: SharedArrayBuffer): KernelColumns {
  const ints = (k: number) => new Int32Array(buffer, k * 4 * KERNEL_KEYS, KERNEL_KEYS);
  const doublesAt = 11 * 4 * KERNEL_KEYS;
  const doubles = (k: number, length = KERNEL_KEYS) => new Float64Array(buffer, doublesAt + k * 8 * KERNEL_KEYS, length);
  const pow10 = doubles(2, 7);
  for (let k = 0; k < pow10.length; k++) pow10[k] = 10 ** k;
  return {
    w0: ints(0),
    w1: ints(1),
    length: ints(2),
    out: ints(3),
    hash: ints(4),
    service: ints(5),
    scale: ints(6),
    person: ints(7),
    waitPerson: ints(8),
    waitService: ints(9),
    waitRow: ints(10),
    units: doubles(0),
    waitUnits: doubles(1),
    pow10,
  };
}

/** The 4 bytes at `i` as a little-endian 32-bit word, zero beyond `end`: a key's words (`internWords`). */
export function keyWord(b: Uint8Array, i: number, end: number): number {
  if (i + 4 <= end) return b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
  let w = 0;
  for (let k = 0; i + k < end; k++) w |= b[i + k] << (8 * k);
  return w;
}

/**
 * A 32-bit hash of `bytes[start .. end)`: the length and the first 8 bytes as two words mixed as in
 * MurmurHash3, the bytes beyond byte by byte (FNV-1a), then Murmur3's finaliser.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  return hashWords(keyWord(bytes, start, end), keyWord(bytes, start + 4, end), end - start, bytes, start + 8, end) >>> 0;
}

/** `hashBytes` from the first two words, the length and the bytes beyond the eighth (`rest[from .. to)`), as int32. */
export function hashWords(w0: number, w1: number, length: number, rest: Uint8Array, from: number, to: number): number {
  let h = Math.imul(length ^ Math.imul(w0, 0xcc9e2d51), 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = Math.imul(h ^ Math.imul(w1, 0xcc9e2d51), 0x1b873593);
  h = (h << 13) | (h >>> 19);
  for (let i = from; i < to; i++) h = Math.imul(h ^ rest[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
