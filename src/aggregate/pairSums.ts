// Exact sums per (person, service) pair: an open-addressing hash table whose slots hold the key and
// the sum side by side, so that adding to a pair reads one cache line. Most residents use a few of
// many services, so a dense persons × services matrix would not fit.
//
// Why sub-tables (extendible hashing): a table that doubles moves every pair into fresh memory at
// each growth, and here fresh memory is dear (a page fault costs about 10 µs on these machines: the
// growths of a half-million-pair table took 8 000 faults, a fifth of a 10 M-row run's). Instead,
// the pairs live in sub-tables of a fixed size, found by the top bits of the hash through a
// directory; a sub-table that fills up splits in two by the next bit, its pairs moving within a
// table that is in cache. Memory is taken a sub-table at a time.
//
// Why one plain buffer, made larger than needed: V8 (Node 20) reads and writes a typed array on a
// resizable buffer, as on a WebAssembly memory or a shared buffer, some 1.5 times as slowly at
// random and 3 times as slowly in order as on a plain ArrayBuffer (a loop over 8 MB: 72 against
// 23 ms); and a typed array picked from a list of buffers (chunks) at each read cost a quarter more
// than one array. So the sub-tables live in one plain ArrayBuffer, with room for 16 of them at first
// and 512 once outgrown (32 MiB at 2^12 slots, some 1 M pairs), whose pages the system gives only
// as they are first written; a table that outgrows it moves to one 4 times as large (what is
// written, copied). The bench's 2-thread run (527 k pairs; medians of 10–12 in turn, in a quiet
// spell) took 1.38 s with the sub-tables in a resizable buffer, 1.34 s in chunks of plain buffers,
// 1.28 s in one.

import type { Spare } from '../curve/spare.js';
import { ResizableArrayBuffer } from './idTable.js';

/**
 * Services a PairSums tells apart (2^21 − 1): the bits a person's record keeps its first service
 * in (persons.ts), and a bound on what is a service column at all.
 */
export const MAX_SERVICES = 2 ** 21 - 1;

/**
 * Pairs per slot of a sub-table before it splits: 3/4, as the id table (linear probing: about 2.5
 * probes to find a pair at the most). Sub-tables hold 3/8 to 3/4 of their slots, as a table that
 * doubles would.
 */
const MAX_LOAD = 0.75;

/** Slots per sub-table: 2^12 (64 KiB), small enough that a split works in cache. */
const TABLE_BITS = 12;

/** The most sub-tables (2^20, at 2^12 slots each: far beyond the pairs of 2^27 persons' rows). */
const MAX_DEPTH = 20;

/** The bytes of every sub-table there may ever be (4 GiB). */
const MAX_ARENA = 2 ** 32;

/**
 * Sub-tables the arena has room for at first, 2^4 (1 MiB at 2^12 slots), and once outgrown at
 * least 2^9 (32 MiB, taken as written: the bench's 527 k pairs of 300 k persons take 256 sub-tables,
 * its 317 k of 3 M persons 128). V8 counts a buffer's whole length as memory held outside its heap
 * and collects sooner for it, so a small table keeps a small arena (many small tables, one 32 MiB
 * arena each, made a test of table merges three times as slow).
 */
const FIRST_TABLES = 16;
const GROWN_TABLES = 512;
/** How many times larger an arena that is outgrown gets. */
const GROWTH = 4;

/** Bytes the pairs kept apart (`PairSums.addBatch`) grow by at a time: 64 Ki pairs. */
const APART_STEP = 1024 * 1024;

/** Pairs kept apart that `settle` puts into the sub-tables at a time. */
const SETTLE_BATCH = 256;

/**
 * What `PairSums.parts` hands over: `length` pairs, one after another from the start of the first
 * of `slots`, on to the next once a buffer is full, each 16 bytes as in a slot of the table
 * (person + 1 and service as 32-bit words, then the sum as a double). Read it with `eachPair` or
 * `eachPairBatch`.
 */
export interface PairParts {
  length: number;
  slots: ArrayBuffer[];
}

/**
 * Sums of integer money units keyed by (person, service), person < 2^31 − 1, service < 2^31.
 * Slot i (of all sub-tables, one after another) is 16 bytes: the person + 1 (0: empty) and the
 * service as 32-bit words (`ints[4i]`, `ints[4i + 1]`), the sum as a double (`sums[2i + 1]`).
 *
 * @example
 * const pairs = new PairSums();
 * pairs.add(7, 2, 1250); // 1250
 * pairs.add(7, 2, -250); // 1000
 */
export class PairSums {
  /** Pairs held. */
  length = 0;
  private readonly bits: number;
  private readonly size: number;
  private readonly mask: number;
  /** Pairs a sub-table holds before it splits. */
  private readonly limit: number;
  /** Every sub-table, one after another, in a buffer with room for more (see the head of this file). */
  private arena!: ArrayBuffer;
  private ints!: Int32Array;
  private sums!: Float64Array;
  /** Sub-tables in the arena. */
  private tables = 0;
  /** Per sub-table: its pairs, how many top bits of a hash pick it (its depth), and those bits. */
  private counts = new Int32Array(16);
  private depths = new Uint8Array(16);
  private prefixes = new Int32Array(16);
  /** The top `depth` bits of a pair's hash → its sub-table. */
  private directory = new Int32Array(1);
  private depth = 0;
  /** A split's scratch: the sub-table's slots, moved out to be put back (made at the first split). */
  private scratch = new Int32Array(0);
  private scratchSums = new Float64Array(0);
  /** `addBatch`'s scratch: each amount's hash, and what `touch` read; `add`'s batch of one. */
  private batchHashes = new Int32Array(0);
  private batchRead = new Int32Array(0);
  private readonly one = { person: new Int32Array(1), service: new Int32Array(1), units: new Float64Array(1), sum: new Float64Array(1) };
  /**
   * Pairs in no sub-table (`addBatch` with `apart`), each new to the table: 16-byte slots as a
   * sub-table's, one after another, in memory of their own that grows by `APART_STEP`. `each`,
   * `addSumsTo`, `scale` and `parts` read them where they are; any other lookup first puts them
   * into the sub-tables (`settle`).
   */
  private apart: { buffer: ResizableArrayBuffer; ints: Int32Array; sums: Float64Array; length: number } | null = null;
  /** Set by `pack`: the pairs of the sub-tables, one after another from the arena's start. */
  private packed: number | null = null;

  /** `tableBits`: log2 of the slots per sub-table (tests make them small, to split often). */
  constructor(tableBits = TABLE_BITS) {
    this.bits = tableBits;
    this.size = 2 ** tableBits;
    this.mask = this.size - 1;
    this.limit = Math.floor(MAX_LOAD * this.size);
    this.reset();
  }

  /** Adds `units` to the pair's sum and returns the new sum. */
  add(person: number, service: number, units: number): number {
    const one = this.one;
    one.person[0] = person;
    one.service[0] = service;
    one.units[0] = units;
    this.addBatch(one.person, one.service, one.units, 1, one.sum);
    return one.sum[0];
  }

  /**
   * `add` for `n` amounts, in order: `sums[k]` is the pair's sum after the k-th. In passes, as
   * IdTable.internBatch looks up keys (hashes, a touch of each slot, then the adds, on slots in
   * cache), so that many of the reads from memory at random are under way at once.
   *
   * With `apart`, for amounts each of a pair that no other amount given since the last lookup
   * without `apart` is of (another table's pairs, added to this one): a pair not in the table is
   * kept apart, one after another, not put into a sub-table. Merging a thread's table added some
   * 230 k new pairs to 300 k persons' 290 k, and the sub-tables they filled split 128 times: 40 ms
   * of the merge, most of it faults on the new sub-tables' pages.
   */
  addBatch(person: Int32Array, service: Int32Array, units: Float64Array, n: number, sums: Float64Array, apart = false): void {
    if (this.packed !== null) throw new Error('PairSums: packed, it adds no pairs');
    if (this.apart !== null && !apart) this.settle();
    if (this.batchHashes.length < n) {
      this.batchHashes = new Int32Array(n);
      this.batchRead = new Int32Array(n);
    }
    const hashes = this.batchHashes;
    for (let k = 0; k < n; k++) hashes[k] = hash(person[k], service[k]);
    this.touch(hashes, n, this.batchRead);
    // The sub-table is looked up again: an earlier pair of the batch may have split it.
    this.addFound(hashes, person, service, units, n, sums, apart);
  }

  /**
   * `addBatch`'s adds, in a loop of locals, as `touch`: each to its pair's sum when found (1.2 M
   * adds to 520 k pairs 58–60 → 51–52 ns an add), else as a new pair in the empty slot its probe
   * ended at, or kept apart: one probe a pair, not a second to insert it (a merge's 341 k adds,
   * 232 k of them new pairs: 37.7–40.3 against 38.6–41.4 ms, within the noise of a whole run).
   * After an insert the directory and the arena are read again: the new pair may have split its
   * sub-table, and the arena may have moved to a larger one.
   */
  private addFound(hashes: Int32Array, person: Int32Array, service: Int32Array, units: Float64Array, n: number, sums: Float64Array, apart: boolean): void {
    let ints = this.ints;
    let values = this.sums;
    const mask = this.mask;
    const bits = this.bits;
    let directory = this.directory;
    let shift = 31 - this.depth;
    for (let k = 0; k < n; k++) {
      const h = hashes[k];
      const key = person[k] + 1;
      const s = service[k];
      const table = directory[(h >>> 1) >>> shift];
      const base = table << bits;
      let i = h & mask;
      let v = ints[4 * (base + i)];
      while (v !== 0 && (v !== key || ints[4 * (base + i) + 1] !== s)) {
        i = (i + 1) & mask;
        v = ints[4 * (base + i)];
      }
      if (v !== 0) {
        sums[k] = values[2 * (base + i) + 1] += units[k];
        continue;
      }
      sums[k] = units[k];
      if (apart) {
        this.keepApart(key, s, units[k]);
        continue;
      }
      this.insert(table, base + i, key, s, units[k]);
      // The insert may have split the sub-table (and moved the arena to a larger one).
      ints = this.ints;
      values = this.sums;
      directory = this.directory;
      shift = 31 - this.depth;
    }
  }

  /** Puts the pairs kept apart (`addBatch`) into the sub-tables. */
  settle(): void {
    const apart = this.apart;
    if (apart === null) return;
    this.apart = null;
    this.length -= apart.length;
    const added = new Float64Array(SETTLE_BATCH);
    eachPairBatch({ length: apart.length, slots: [apart.buffer] }, SETTLE_BATCH, (person, service, sum, count) => this.addBatch(person, service, sum, count, added));
  }

  /** Multiplies every sum by `factor` (a change of money scale). */
  scale(factor: number): void {
    const sums = this.sums;
    for (let i = 1, end = 2 * this.inUse; i < end; i += 2) sums[i] *= factor;
    const apart = this.apart;
    if (apart !== null) for (let k = 0; k < apart.length; k++) apart.sums[2 * k + 1] *= factor;
  }

  /**
   * For a table that will look up no pair again (a sealed one): packs its sub-tables' pairs one
   * after another from the arena's start, as `parts` does, so that `each` and `addSumsTo` read
   * 16 bytes a pair, where the sub-tables took 21–43; and with `spare`, lends it the rest of the
   * sub-tables' memory (300 k persons' 527 k pairs: 7.6 MB, written already), for arrays that
   * would otherwise be new memory. After this, only `each`, `addSumsTo` and `scale` may be called.
   */
  pack(spare: Spare | null = null): void {
    if (this.packed !== null) return;
    // Lent: the sub-tables' slots after the pairs, written already; not the room never written
    // (a spare holding it would give fresh pages before the table's other memory).
    const written = this.tables * this.size * 16;
    const length = this.packTo(this.ints, this.sums);
    this.packed = length;
    this.tables = 0;
    spare?.lend({ buffer: this.arena, byteOffset: length * 16, byteLength: written - length * 16 });
  }

  /**
   * Writes the sub-tables' pairs (not those kept apart) to the first slots of `ints` and `sums`,
   * one after another; returns how many. Into the arena's own views, each pair moves to the first
   * free slot before it (nothing is overwritten unread), and the sub-tables are no more.
   */
  private packTo(ints: Int32Array, sums: Float64Array): number {
    const from = this.ints;
    const fromSums = this.sums;
    const all = this.tables * this.size;
    let k = 0;
    for (let i = 0; i < all; i++) {
      const key = from[4 * i];
      if (key === 0) continue;
      ints[4 * k] = key;
      ints[4 * k + 1] = from[4 * i + 1];
      sums[2 * k + 1] = fromSums[2 * i + 1];
      k++;
    }
    return k;
  }

  /** Slots of the arena in use: every sub-table's, or once packed, the pairs'. */
  private get inUse(): number {
    return this.packed ?? this.tables * this.size;
  }

  /** Calls `visit(person, service, sum)` for every pair, in no particular order. */
  each(visit: (person: number, service: number, sum: number) => void): void {
    eachSlot(this.ints, this.sums, this.inUse, visit);
    if (this.apart !== null) eachSlot(this.apart.ints, this.apart.sums, this.apart.length, visit);
  }

  /**
   * Adds every pair's sum, times `sign`, to `target[person * stride + at]` (a person's per-person
   * figure, or a field of its record): `each` without a call per pair, which reads `target` at
   * random twice as fast (half a million pairs: 25 → 13 ms).
   */
  addSumsTo(target: Float64Array, stride: number, at: number, sign: 1 | -1): void {
    addSlotSums(this.ints, this.sums, this.inUse, target, stride, at, sign);
    if (this.apart !== null) addSlotSums(this.apart.ints, this.apart.sums, this.apart.length, target, stride, at, sign);
  }

  /**
   * The pairs, to read elsewhere (`eachPair`), maybe on another thread, packed: 16 bytes a pair,
   * where the sub-tables take 21–43. With `consume`, in the table's own memory, packed in place
   * (transfer `slots`: no copy, no new memory), and the table is left empty; else in a new buffer.
   */
  parts(consume: boolean): PairParts {
    if (this.packed !== null) throw new Error('PairSums: packed, it hands no parts over');
    this.settle();
    const length = this.length;
    if (consume) {
      this.packTo(this.ints, this.sums);
      const slots = [this.arena];
      this.reset();
      return { length, slots };
    }
    const slots = new ArrayBuffer(length * 16);
    this.packTo(new Int32Array(slots), new Float64Array(slots));
    return { length, slots: [slots] };
  }

  /** A new pair (its person + 1 as `key`) after the pairs kept apart. */
  private keepApart(key: number, service: number, units: number): void {
    let apart = this.apart;
    if (apart === null || (apart.length + 1) * 16 > apart.buffer.byteLength) apart = this.moreApart();
    const k = apart.length++;
    apart.ints[4 * k] = key;
    apart.ints[4 * k + 1] = service;
    apart.sums[2 * k + 1] = units;
    this.length++;
  }

  /** Room for `APART_STEP` more bytes of pairs kept apart. */
  private moreApart(): NonNullable<PairSums['apart']> {
    if (this.apart === null) {
      const buffer = new ResizableArrayBuffer(APART_STEP, { maxByteLength: MAX_ARENA });
      this.apart = { buffer, ints: new Int32Array(buffer), sums: new Float64Array(buffer), length: 0 };
    } else {
      if (this.apart.buffer.byteLength + APART_STEP > MAX_ARENA) throw new RangeError('too many (person, service) pairs for one table');
      this.apart.buffer.resize(this.apart.buffer.byteLength + APART_STEP);
    }
    return this.apart;
  }

  /** An empty table: one sub-table, which every hash picks. */
  private reset(): void {
    this.apart = null;
    this.packed = null;
    this.useArena(new ArrayBuffer(FIRST_TABLES * this.size * 16));
    this.tables = 0;
    this.length = 0;
    this.directory = new Int32Array(1);
    this.depth = 0;
    this.directory[0] = this.newTable(0, 0);
  }

  private useArena(arena: ArrayBuffer): void {
    this.arena = arena;
    this.ints = new Int32Array(arena);
    this.sums = new Float64Array(arena);
  }

  /**
   * Reads the first slot of each of `n` pairs (their `hashes`) into `read`, for the adds to find
   * them in cache: in a loop of locals and an Int32Array (V8 keeps more reads under way than with
   * a method finding the sub-table and the fields read in the loop and the values put in a
   * Float64Array: 29–34 → 17–21 ns a read, in a loop of reads alone, from 16 MB). A hash's
   * sub-table is `directory[(h >>> 1) >>> (31 − depth)]`: its top `depth` bits, none at depth 0
   * (where `h >>> 32` would be `h`).
   */
  private touch(hashes: Int32Array, n: number, read: Int32Array): void {
    const ints = this.ints;
    const mask = this.mask;
    const bits = this.bits;
    const directory = this.directory;
    const shift = 31 - this.depth;
    for (let k = 0; k < n; k++) {
      const h = hashes[k];
      read[k] = ints[4 * ((directory[(h >>> 1) >>> shift] << bits) + (h & mask))];
    }
  }

  /** Puts a new pair in the empty slot `at` of sub-table `table`; splits the table when full. */
  private insert(table: number, at: number, key: number, service: number, units: number): void {
    this.ints[4 * at] = key;
    this.ints[4 * at + 1] = service;
    this.sums[2 * at + 1] = units;
    this.length++;
    if (++this.counts[table] > this.limit) this.split(table);
  }

  /** A new, empty sub-table that the hashes whose top `depth` bits are `prefix` pick: its index. */
  private newTable(depth: number, prefix: number): number {
    const table = this.tables;
    const bytes = (table + 1) * this.size * 16;
    if (bytes > MAX_ARENA) throw new RangeError('too many (person, service) pairs for one table');
    if (bytes > this.arena.byteLength) {
      // Outgrown: to a larger arena, what is written copied (the rest is taken as written there).
      const arena = new ArrayBuffer(Math.min(MAX_ARENA, Math.max(bytes, this.arena.byteLength * GROWTH, GROWN_TABLES * this.size * 16)));
      new Uint8Array(arena).set(new Uint8Array(this.arena, 0, table * this.size * 16));
      this.useArena(arena);
    }
    if (table === this.counts.length) {
      const counts = new Int32Array(table * 2);
      counts.set(this.counts);
      this.counts = counts;
      const depths = new Uint8Array(table * 2);
      depths.set(this.depths);
      this.depths = depths;
      const prefixes = new Int32Array(table * 2);
      prefixes.set(this.prefixes);
      this.prefixes = prefixes;
    }
    this.counts[table] = 0;
    this.depths[table] = depth;
    this.prefixes[table] = prefix;
    this.tables++;
    return table;
  }

  /**
   * Splits the full sub-table `table` by the next bit of the hash: the pairs whose bit is 1 move
   * to a new sub-table, the upper half of the directory's entries for `table` with them.
   */
  private split(table: number): void {
    const depth = this.depths[table];
    if (depth === MAX_DEPTH) throw new RangeError('too many (person, service) pairs for one table');
    if (depth === this.depth) this.doubleDirectory();
    const prefix = this.prefixes[table];
    const other = this.newTable(depth + 1, prefix * 2 + 1);
    this.depths[table] = depth + 1;
    this.prefixes[table] = prefix * 2;
    // The directory entries of `table`: a run of 2^(this.depth − depth) from prefix · run.
    const run = 2 ** (this.depth - depth);
    this.directory.fill(other, prefix * run + run / 2, prefix * run + run);
    // The pairs, out to the scratch and back, each to its sub-table.
    const size = this.size;
    const base = table * size;
    const ints = this.ints;
    const sums = this.sums;
    if (this.scratch.length === 0) {
      const buffer = new ArrayBuffer(size * 16);
      this.scratch = new Int32Array(buffer);
      this.scratchSums = new Float64Array(buffer);
    }
    const scratch = this.scratch;
    const scratchSums = this.scratchSums;
    scratch.set(ints.subarray(4 * base, 4 * (base + size)));
    scratchSums.set(sums.subarray(2 * base, 2 * (base + size)));
    ints.fill(0, 4 * base, 4 * (base + size));
    this.counts[table] = 0;
    const bit = 31 - depth;
    for (let j = 0; j < size; j++) {
      const key = scratch[4 * j];
      if (key === 0) continue;
      const service = scratch[4 * j + 1];
      const g = hash(key - 1, service);
      const to = (g >>> bit) & 1 ? other : table;
      const start = to * size;
      let i = g & this.mask;
      while (ints[4 * (start + i)] !== 0) i = (i + 1) & this.mask;
      ints[4 * (start + i)] = key;
      ints[4 * (start + i) + 1] = service;
      sums[2 * (start + i) + 1] = scratchSums[2 * j + 1];
      this.counts[to]++;
    }
    // All to one side (a run of equal bits): split that one again.
    if (this.counts[table] > this.limit) this.split(table);
    else if (this.counts[other] > this.limit) this.split(other);
  }

  /** One more bit of the hash picks the sub-table: every directory entry in two. */
  private doubleDirectory(): void {
    const old = this.directory;
    const directory = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i++) directory[2 * i] = directory[2 * i + 1] = old[i];
    this.directory = directory;
    this.depth++;
  }
}

/** Calls `visit(person, service, sum)` for every pair of a table's `parts`, in no particular order. */
export function eachPair(parts: PairParts, visit: (person: number, service: number, sum: number) => void): void {
  let left = parts.length;
  for (const buffer of parts.slots) {
    const count = Math.min(left, Math.floor(buffer.byteLength / 16));
    eachSlot(new Int32Array(buffer), new Float64Array(buffer), count, visit);
    left -= count;
  }
}

/**
 * Reads a table's `parts` a batch at a time: `visit(person, service, sum, count)` with the next
 * `count` pairs (at most `batch`) in the first `count` places of its arrays, which the next call reuses.
 */
export function eachPairBatch(parts: PairParts, batch: number, visit: (person: Int32Array, service: Int32Array, sum: Float64Array, count: number) => void): void {
  const person = new Int32Array(batch);
  const service = new Int32Array(batch);
  const sum = new Float64Array(batch);
  let left = parts.length;
  for (const buffer of parts.slots) {
    const ints = new Int32Array(buffer);
    const sums = new Float64Array(buffer);
    const pairs = Math.min(left, Math.floor(buffer.byteLength / 16));
    left -= pairs;
    for (let from = 0; from < pairs; from += batch) {
      const count = Math.min(batch, pairs - from);
      for (let k = 0; k < count; k++) {
        const i = from + k;
        person[k] = ints[4 * i] - 1;
        service[k] = ints[4 * i + 1];
        sum[k] = sums[2 * i + 1];
      }
      visit(person, service, sum, count);
    }
  }
}

function addSlotSums(ints: Int32Array, sums: Float64Array, slots: number, target: Float64Array, stride: number, at: number, sign: 1 | -1): void {
  for (let i = 0; i < slots; i++) {
    const key = ints[4 * i];
    if (key !== 0) target[(key - 1) * stride + at] += sign * sums[2 * i + 1];
  }
}

function eachSlot(ints: Int32Array, sums: Float64Array, slots: number, visit: (person: number, service: number, sum: number) => void): void {
  for (let i = 0; i < slots; i++) if (ints[4 * i] !== 0) visit(ints[4 * i] - 1, ints[4 * i + 1], sums[2 * i + 1]);
}

function hash(person: number, service: number): number {
  let h = Math.imul(person, 0x9e3779b1) ^ Math.imul(service + 1, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
