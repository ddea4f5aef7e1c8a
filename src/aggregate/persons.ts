// Rows → persons: ids are interned from their bytes to dense indexes (idTable.ts), and every
// person's total and per-service amounts are summed exactly in integer money units.

import { CostcurveError, type Location } from '../errors.js';
import type { ServiceAmounts } from '../curve/breakdown.js';
import type { Amount } from '../read/types.js';
import { MAX_SCALE } from '../read/number.js';
import { FIRST_FREE_WORD, IdTable, KERNEL_KEYS, SHARED_SHIFT, SHARED_WORD, head, type IdTableParts, type KernelColumns } from './idTable.js';
import { checkExact } from './money.js';
import { Spare } from '../curve/spare.js';
import { MAX_SERVICES, PairSums, eachPair, eachPairBatch, type PairParts } from './pairSums.js';

/** What `addNear` did with an amount. */
const ADDED = 0;
const OUT_OF_RANGE = 1;
const OTHERS = 2;

/**
 * Persons from which a thread's table is freed as `merge` reads it: 2^21, 64 MiB of records.
 * Below, the memory is small beside the rest, and handing pages back costs about as much time as
 * taking them (some 10 µs a page here): 25 ms at 300 k persons.
 */
const FREE_AS_READ = 2 ** 21;
/**
 * Slots from which a table to be handed over leaves the lookup kernel (`PersonTable`'s
 * `handedOver`): 2^22, 3.1 M persons. A kernel table's memory cannot be freed as it is merged;
 * below this, it is lent to the figures after. From 2^20 instead, the bench's 3 M persons took
 * 3.8–3.9 s on 2 threads, not 3.3 s (the other thread's table read in JavaScript), at a peak of
 * 276–296 MiB, not 297–299; 6 M persons, one row each, 3.9–5.2 s at 401 MiB, not 3.6 s at 429.
 */
const HANDED_OVER_SLOTS = 2 ** 22;
/**
 * Bytes a person's figures take at most in arrays a Spare lends: the totals (8) and the flags (1),
 * the sort's two buffers of ranks and indexes (16, or 24 with ranks of 2^32 or more), and the tie
 * blocks' value, count and two running sums (32).
 */
const FIGURES_BYTES = 65;
/** Records `merge` frees at a time: 64 Ki of them. */
const FREE_STEP = 0x10000;

/** Ids `merge` looks up at a time (IdTable.internBatch), as a batch of rows. */
const MERGE_BATCH = 256;
const POW10 = Array.from({ length: MAX_SCALE + 1 }, (_, k) => 10 ** k);
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

// A person's record (idTable.ts): 32 bytes, two to a cache line.
const RECORD_BYTES = 32;
const WORDS = RECORD_BYTES / 4;
const DOUBLES = RECORD_BYTES / 8;
/** The first service + 1 in the shared bits of word 2 (0: none yet); the second + 1 in word 3. */
const KEEP_BITS = (1 << SHARED_SHIFT) - 1;
const SECOND = FIRST_FREE_WORD;
/** Doubles 2 and 3: the person's total, and the second service's amount. */
const TOTAL = 2;
const SECOND_AMOUNT = 3;

/**
 * A table's sums in transferable form: what a worker thread hands back (`PersonTable.parts`) and
 * the main thread adds in (`PersonTable.merge`). Buffers and typed arrays only, so they move
 * between threads without a copy: the persons' records themselves (ids, totals, first and second
 * services), not arrays made from them, so handing a table over takes no memory of its own.
 */
export interface TableParts {
  length: number;
  /** The persons' records and ids (`IdTable.parts`). */
  ids: IdTableParts;
  /** The amounts of services beyond a person's second (`PairSums.parts`). */
  others: PairParts;
  /** Service names, by the index records and `others` hold. */
  names: string[];
  scale: number;
  /**
   * Whether the records' totals are less the `others` of their persons already (what their first
   * and second services hold), as `parts(true)` leaves them: the sending thread does it, not `merge`.
   */
  othersTaken: boolean;
}

/** A batch of rows for `PersonTable.addRowsOfIds`: ids as words, amounts, and where each row's person goes. */
export interface IdRows {
  /** The id's first 8 bytes as little-endian words (zero beyond its length). */
  w0: Int32Array;
  w1: Int32Array;
  /** The id's length, or 0 for the id of the row before. */
  length: Int32Array;
  /**
   * Ids longer than 8 bytes: row r's id is `bytes[at[r] .. at[r] + length[r])`, and its hash
   * `hash[r]` (`hashBytes(…) | 0`). Without it, ids are 8 bytes at most.
   */
  keys?: { bytes: Uint8Array; at: Int32Array; hash: Int32Array };
  service: Int32Array;
  units: Float64Array;
  scale: Int32Array;
  line: Float64Array;
  person: Int32Array;
}

/** The buffers of `parts` to transfer when posting them to another thread. */
export function transferables(parts: TableParts): ArrayBuffer[] {
  const { ids, others } = parts;
  // Records in a shared memory are shared, not transferred.
  return [ids.records, ids.starts, ids.rest, ...others.slots].filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/**
 * The persons of a data set, numbered as they are first seen (a merged table's new persons in an
 * order of its own; the order never affects results).
 *
 * A person's total, first and second service and the second's amount sit in its id's record, so
 * that a row reads two places at random (slot, record): the amount of a person's first service is
 * its total minus the others', and most persons' rows fall in one or two services. Third and
 * further services go to a `PairSums`.
 *
 * Memory per person: 32 (record) + 5.3–10.7 (hash slots) + 4 (where its id's bytes beyond the
 * eighth start) and those bytes; + 1 (roster flag); + 21–43 per pair beyond two services (PairSums).
 */
export class PersonTable {
  private readonly ids: IdTable;
  /** Per (person, service) sums for every service but the person's first two. */
  private readonly others = new PairSums();
  /** `addInBatch`'s amounts for the pairs, waiting to be added a batch at a time, and their rows (`waits` of them). */
  private waiting = { person: new Int32Array(0), service: new Int32Array(0), units: new Float64Array(0), row: new Int32Array(0), sums: new Float64Array(0) };
  private waits = 0;
  /**
   * Set by `seal` (and `parts`): the table finds and adds nothing after. `othersTaken`: the
   * records' totals are less their other services' (`seal`). `where`: the files the sums are of,
   * named when a first service's sum, worked out only then, is beyond the exact range.
   */
  private sealed: { length: number; othersTaken: boolean; where: Location } | null = null;
  /** Per person: 1 when the roster lists the person. */
  inRoster = new Uint8Array(1024);
  readonly serviceNames: string[] = [];
  private serviceIndex = new Map<string, number>();
  /** Decimals of the money unit. */
  scale = 2;
  /** `totals` and `hasRows` as last gathered from the records, until a sum changes. */
  private gathered: { totals?: Float64Array; hasRows?: Uint8Array } = {};
  /**
   * Memory the table holds and needs no more (the tables merged in, its hash slots once sealed),
   * lent to `totals`, `hasRows` and the figures' arrays.
   */
  readonly spare = new Spare();
  private changed = false;
  /**
   * `handedOver`: a reading thread's table, handed over whole when read (`parts`). It leaves the
   * lookup kernel from 2^22 slots (3.1 M persons, `HANDED_OVER_SLOTS`): the memory the kernel
   * reads from is freed only when the collector gets to it, where the records of a larger table
   * are freed as they are merged (see `merge`). `kernelSlots`: from how many slots on the table
   * leaves the kernel, if not so (for tests).
   */
  constructor(options: { handedOver?: boolean; kernelSlots?: number } = {}) {
    this.ids = new IdTable(RECORD_BYTES, { kernel: true, kernelSlots: options.kernelSlots ?? (options.handedOver ? HANDED_OVER_SLOTS : undefined) });
  }

  /** Persons. */
  get length(): number {
    return this.sealed?.length ?? this.ids.length;
  }

  /**
   * Gathers `totals` and `hasRows` and lends what finding ids took (the hash slots) to the figures'
   * arrays (`spare`): for when the figures are all that is left to work out. The table looks up and
   * adds nothing after this; `pairs` reads its records and pairs as they are, with no copy (the
   * services' figures go over them once). `where`: the files the sums are of (`serviceAmounts`'
   * range error names them).
   * Returns the table.
   */
  seal(where: Location = {}): this {
    if (this.sealed !== null) return this;
    // The pairs' memory first: a plain buffer, where the slots' is a WebAssembly memory, on which
    // V8 reads and writes typed arrays more slowly (see pairSums.ts).
    this.others.pack(this.spare);
    this.ids.dropIndex(this.spare);
    const n = this.ids.length;
    this.gather();
    // The totals themselves were gathered: the records keep what the first and second services hold.
    this.takeOthers();
    this.sealed = { length: n, othersTaken: true, where };
    return this;
  }

  /** Per person: the sum of its rows in units of 10^-scale (gathered from the records: do not change it). */
  get totals(): Float64Array {
    return this.gather().totals;
  }

  /** Every (person, service) amount (`serviceAmounts`). */
  get pairs(): ServiceAmounts {
    return this.serviceAmounts();
  }

  /** Per person: 1 when the person has at least one cost row. */
  get hasRows(): Uint8Array {
    return this.gather().hasRows;
  }

  /** The person's index, added when new. */
  person(id: string): number {
    const bytes = Buffer.from(id, 'utf8');
    return this.personOf(bytes, 0, bytes.length);
  }

  /** The index of the person whose id is the UTF-8 bytes `bytes[start .. end)`, added when new. */
  personOf(bytes: Uint8Array, start: number, end: number): number {
    if (this.sealed !== null) throw new Error('PersonTable: sealed, it finds no ids');
    const ids = this.ids;
    const known = ids.length;
    const person = end - start <= 8 && end > start ? ids.internShort(bytes, start, end) : ids.intern(bytes, start, end);
    if (person === known) this.added(person);
    return person;
  }

  /**
   * `personOf` for `n` ids of 1 to 8 bytes, each given as its little-endian words (zero beyond its
   * length): `out[k]` is the person whose id is `w0[k]`, `w1[k]`, `length[k]` (see `IdTable.internBatch`).
   */
  personsOfWords(w0: Int32Array, w1: Int32Array, length: Int32Array, n: number, out: Int32Array): void {
    if (this.sealed !== null) throw new Error('PersonTable: sealed, it finds no ids');
    const known = this.ids.length;
    this.ids.internBatch(w0, w1, length, n, out);
    for (let person = known; person < this.ids.length; person++) this.added(person);
  }

  /**
   * Adds a batch of rows whose ids are 1–8 bytes (CostRows' batch), in row order, as addUnits
   * would one by one after personOf: row r's id is `rows.w0[r]`, `rows.w1[r]`, `rows.length[r]`,
   * or, where `rows.length[r]` is 0, the id of the row before (a run of one person's rows: not
   * looked up again); its person is set in `rows.person[r]`. Persons are numbered in order of
   * first appearance, and an error names the first row whose sum left the exact range.
   */
  addRowsOfIds(rows: IdRows, n: number, where: Location): void {
    if (this.sealed !== null) throw new Error('PersonTable: sealed, it finds no ids');
    const { w0, w1, length, person } = rows;
    const ids = this.ids;
    // Every lookup first, in passes (many reads under way at once); then each checked, in order.
    const keys = rows.keys;
    ids.guessBatch(w0, w1, length, n, person, keys?.hash);
    this.changed = true;
    // An id longer than 8 bytes whose guess is not its id (checked beyond the eighth byte here)
    // has none: the kernel stops at it, and personOfRow interns it.
    const columns = ids.kernelColumns;
    if (keys !== undefined) {
      ids.checkLongKeys(person, keys.bytes, keys.at, length, n);
      if (columns !== null) for (let r = 0; r < n; r++) if (person[r] < 0) columns.out[r] = -1;
    }
    // The kernel adds the rows while the table is in it; this loop the rest, from where it left off.
    const done = columns !== null && n <= KERNEL_KEYS ? this.addByKernel(rows, n, where, columns) : { next: 0, current: -1 };
    const { service, units, scale, line } = rows;
    let current = done.current;
    for (let r = done.next; r < n; r++) {
      current = this.personOfRow(rows, r, current);
      person[r] = current;
      this.addInBatch(current, service[r], units[r], scale[r], line, r, where);
    }
    this.addWaiting(line, where);
  }

  /**
   * Row r's person in a batch of `addRowsOfIds`: the row before's (`current`) when its length is
   * 0, else its guess (`person[r]`) when that holds its id, else its id's, interned.
   */
  private personOfRow(rows: IdRows, r: number, current: number): number {
    const { w0, w1, length, person, keys } = rows;
    if (length[r] === 0) return current;
    const ids = this.ids;
    const known = ids.length;
    let found: number;
    if (length[r] > 8) {
      // Its guess was checked (`addRowsOfIds`), but a row before may have added its person since.
      const at = keys!.at[r];
      if (person[r] >= 0) return person[r];
      found = ids.intern(keys!.bytes, at, at + length[r]);
    } else {
      if (ids.holds(person[r], w0[r], w1[r], length[r])) return person[r];
      found = ids.internWords(w0[r], w1[r], length[r]);
    }
    if (found === known) this.added(found);
    return found;
  }

  /**
   * `addRowsOfIds`' checks and adds in the lookup kernel (IdTable.addInKernel), whose columns hold
   * the batch's keys and guesses already (`guessBatch`); it interns the new persons whose ids are
   * 1–8 bytes while it can (see IdTable.addInKernel). The rows it does not add (a person it may not
   * intern, a finer scale, a sum out of range) are added here one at a time, as the loop of
   * `addRowsOfIds` adds every row, and the kernel goes on from the next. The kernel does in about
   * 10 ns what that loop does in 25–30. Returns the row to go on from: `n`, or the
   * row after the one whose new person took the table out of the kernel (see IdTable's
   * `kernelSlots`), and the person of the row before it.
   */
  private addByKernel(rows: IdRows, n: number, where: Location, columns: KernelColumns): { next: number; current: number } {
    const { person, service, units, scale, line } = rows;
    const ids = this.ids;
    columns.service.set(head(service, n));
    columns.scale.set(head(scale, n));
    columns.units.set(head(units, n));
    let current = -1;
    let next = 0;
    while (next < n && ids.kernelColumns !== null) {
      const known = ids.length;
      const done = ids.addInKernel(n, next, current, this.scale);
      // The persons the kernel interned, numbered in order.
      for (let p = known; p < ids.length; p++) this.added(p);
      current = done.current;
      this.takeWaits(columns, done.waits);
      const r = done.stop;
      if (r === n) {
        next = n;
        break;
      }
      current = this.personOfRow(rows, r, current);
      columns.person[r] = current;
      this.addInBatch(current, service[r], units[r], scale[r], line, r, where);
      next = r + 1;
    }
    person.set(columns.person.subarray(0, next));
    return { next, current };
  }

  /** The amounts the kernel put to wait (`count` of them in `columns`), added to those waiting here, in order. */
  private takeWaits(columns: KernelColumns, count: number): void {
    for (let k = 0; k < count; k++) {
      const w = this.waits++;
      if (w === this.waiting.person.length) this.waitMore();
      const waiting = this.waiting;
      waiting.person[w] = columns.waitPerson[k];
      waiting.service[w] = columns.waitService[k];
      waiting.units[w] = columns.waitUnits[k];
      waiting.row[w] = columns.waitRow[k];
    }
  }

  /** A person without an id (`--no-id` rows, `--population` residents without cost rows). */
  anonymous(): number {
    if (this.sealed !== null) throw new Error('PersonTable: sealed, it adds no persons');
    const person = this.ids.addKeyless();
    this.added(person);
    return person;
  }

  has(id: string): boolean {
    return this.personIfAny(id) !== -1;
  }

  /** The person whose id is `id`, or -1 (none is added). */
  personIfAny(id: string): number {
    const bytes = Buffer.from(id, 'utf8');
    return this.ids.find(bytes, 0, bytes.length);
  }

  /**
   * The ids seen, for checks that look at them (never for output); with `byteLength`, only the ids
   * of that many bytes, and with `head`, only those whose first 8 bytes (as little-endian words) it
   * takes (no string is made for the others).
   */
  *idList(byteLength?: number, head?: (w0: number, w1: number) => boolean): IterableIterator<string> {
    for (let i = 0; i < this.length; i++) {
      const length = this.ids.keyLength(i);
      if (length === 0 || (byteLength !== undefined && length !== byteLength)) continue;
      if (head !== undefined && !head(this.ids.keyWordOf(i, 0), this.ids.keyWordOf(i, 1))) continue;
      const key = this.ids.key(i);
      yield Buffer.from(key.buffer, key.byteOffset, key.length).toString('utf8');
    }
  }

  /** Persons with an id. */
  idCount(): number {
    let n = 0;
    const ids = this.ids;
    for (let i = 0, length = this.length; i < length; i++) if (ids.keyLength(i) > 0) n++;
    return n;
  }

  /** The service's index, added when new. */
  serviceOf(name: string): number {
    let s = this.serviceIndex.get(name);
    if (s === undefined) {
      s = this.serviceNames.length;
      if (s === MAX_SERVICES) {
        throw new CostcurveError(
          'CC_DATA_SERVICES',
          `more than ${MAX_SERVICES} different services: the service column holds something else (free text, dates?) — name the right one with --service`,
        );
      }
      this.serviceNames.push(name);
      this.serviceIndex.set(name, s);
    }
    return s;
  }

  addCost(person: number, service: string, amount: Amount, where: Location): void {
    this.addUnits(person, this.serviceOf(service), amount.units, amount.scale, where);
  }

  /** `addUnits(personOf(bytes, start, end), …)`: a row of the person whose id is those bytes (UTF-8). */
  addRow(bytes: Uint8Array, start: number, end: number, service: number, units: number, scale: number, where: Location): void {
    this.addUnits(this.personOf(bytes, start, end), service, units, scale, where);
  }

  /** Adds `units` at `scale` decimals (≤ MAX_SCALE) to the person's total and the service's amount. */
  addUnits(person: number, service: number, units: number, scale: number, where: Location): void {
    if (this.sealed !== null) throw new Error('PersonTable: sealed, it adds no amounts');
    if (scale !== this.scale) {
      if (scale > this.scale) this.rescale(scale, where);
      units *= POW10[this.scale - scale];
    }
    this.changed = true;
    if (!this.add(person, service, units)) checkExact(NaN, where);
  }

  /**
   * Row r of a batch (`addRowsOfIds`; `merge`'s amounts, with `line` null): its amount added to the
   * person's total and, for its first two services, to the service's; for another, put to wait for
   * the pairs (`addWaiting`, which fails at the first whose sum left the exact range, naming its
   * row's line).
   */
  private addInBatch(person: number, service: number, units: number, scale: number, line: Float64Array | null, r: number, where: Location): void {
    let u = units;
    if (scale !== this.scale) {
      if (scale > this.scale) {
        // The amounts waiting are added first, at the scale they were read at.
        this.addWaiting(line, where);
        if (line !== null) where.line = line[r];
        this.rescale(scale, where);
      }
      u *= POW10[this.scale - scale];
    }
    const near = this.addNear(person, service, u);
    if (near === OTHERS) {
      const k = this.waits++;
      if (k === this.waiting.person.length) this.waitMore();
      const waiting = this.waiting;
      waiting.person[k] = person;
      waiting.service[k] = service;
      waiting.units[k] = u;
      waiting.row[k] = r;
    } else if (near === OUT_OF_RANGE) {
      this.addWaiting(line, where); // an earlier row's error comes first
      if (line !== null) where.line = line[r];
      checkExact(NaN, where);
    }
  }

  /** Room for twice as many amounts waiting. */
  private waitMore(): void {
    const old = this.waiting;
    const n = Math.max(256, old.person.length * 2);
    const grow = <A extends Int32Array | Float64Array>(target: A, source: A): A => (target.set(source), target);
    this.waiting = {
      person: grow(new Int32Array(n), old.person),
      service: grow(new Int32Array(n), old.service),
      units: grow(new Float64Array(n), old.units),
      row: grow(new Int32Array(n), old.row),
      sums: new Float64Array(n),
    };
  }

  /**
   * Adds the amounts waiting (`addInBatch`) to the pairs; fails at the first whose sum is out of
   * range. `apart`: `merge`'s amounts, each of a pair no other is of (see `PairSums.addBatch`).
   */
  private addWaiting(line: Float64Array | null, where: Location, apart = false): void {
    const n = this.waits;
    if (n === 0) return;
    this.waits = 0;
    const { person, service, units, row, sums } = this.waiting;
    this.others.addBatch(person, service, units, n, sums, apart);
    for (let k = 0; k < n; k++) {
      if (sums[k] > MAX_EXACT || sums[k] < -MAX_EXACT) {
        if (line !== null) where.line = line[row[k]];
        checkExact(NaN, where);
      }
    }
  }

  /** Adds units at the table's scale; false when a sum left the range of exact integers. */
  private add(person: number, service: number, units: number): boolean {
    const near = this.addNear(person, service, units);
    if (near !== OTHERS) return near === ADDED;
    const sum = this.others.add(person, service, units);
    return sum <= MAX_EXACT && sum >= -MAX_EXACT;
  }

  /**
   * Adds units to the person's total and, when the service is its first or second, to that:
   * ADDED; OUT_OF_RANGE when a sum left the range of exact integers; OTHERS when the service is
   * another, for the caller to add to the pairs.
   */
  private addNear(person: number, service: number, units: number): number {
    const words = this.ids.words;
    const doubles = this.ids.doubles;
    const d = person * DOUBLES;
    const total = (doubles[d + TOTAL] += units);
    // Sums of integers stay integers; exact while within ±(2^53 − 1).
    if (total > MAX_EXACT || total < -MAX_EXACT) return OUT_OF_RANGE;
    const w = person * WORDS;
    const shared = words[w + SHARED_WORD];
    const first = shared >>> SHARED_SHIFT;
    if (first === service + 1) return ADDED;
    if (first === 0) {
      words[w + SHARED_WORD] = (shared & KEEP_BITS) | ((service + 1) << SHARED_SHIFT);
      return ADDED;
    }
    const second = words[w + SECOND];
    if (second === service + 1) {
      const sum = (doubles[d + SECOND_AMOUNT] += units);
      return sum <= MAX_EXACT && sum >= -MAX_EXACT ? ADDED : OUT_OF_RANGE;
    }
    if (second === 0) {
      words[w + SECOND] = service + 1;
      doubles[d + SECOND_AMOUNT] = units;
      return ADDED;
    }
    return OTHERS;
  }

  /**
   * Every (person, service) amount, for the service breakdown, read from the records and the pairs
   * as they are when `each` is called: the first service's is the total minus the others'.
   */
  serviceAmounts(): ServiceAmounts {
    return {
      names: this.serviceNames,
      each: (visit) => {
        const ids = this.ids;
        const n = this.length;
        this.others.each(visit);
        // The others' sum per person, unless `seal` took them off the records' totals already.
        let restOf: Float64Array | null = null;
        if (!this.sealed?.othersTaken) {
          restOf = new Float64Array(n);
          this.others.addSumsTo(restOf, 1, 0, 1);
        }
        const where = this.sealed?.where ?? {};
        for (let i = 0; i < n; i++) eachService(ids, i, restOf, visit, where);
      },
    };
  }

  /**
   * The table in transferable form. With `consume`, the table hands over its own records (transfer
   * `transferables(parts)`) and holds nothing after this (a thread's table, about to be sent);
   * else copies.
   */
  parts(consume = false): TableParts {
    // A sealed table's records hold less than its sums (its other services taken off), and its
    // spare may hold the memory it would hand over.
    if (this.sealed !== null) throw new Error('PersonTable: sealed, it hands nothing over');
    const n = this.length;
    // What merge would do first, done here: a thread that sends its table is otherwise idle.
    if (consume) this.takeOthers();
    const ids = this.ids.parts(consume);
    const others = this.others.parts(consume);
    if (consume) this.sealed = { length: n, othersTaken: true, where: {} };
    return { length: n, ids, others, names: [...this.serviceNames], scale: this.scale, othersTaken: consume };
  }

  /**
   * Adds another table's persons (a worker's part of a file): ids are matched by their bytes,
   * persons without an id are added as new persons, and each (person, service) amount is added
   * exactly. Returns, for each of its persons, the person's index here. O(persons + pairs). The
   * parts are the merge's: their records are freed as they are read (from 2^21 persons on), and
   * what is left of their memory is freed or lent to this table's figures (`spare`), so parts are
   * merged once, into one table.
   */
  merge(parts: TableParts, where: Location): Int32Array {
    if (this.sealed !== null) throw new Error('PersonTable: sealed, it adds no amounts');
    const other = IdTable.of(RECORD_BYTES, parts.ids);
    const n = parts.length;
    const index = new Int32Array(n);
    const services = parts.names.map((name) => this.serviceOf(name));
    const { others } = parts;
    // Its pairs new here are kept apart from this table's (PairSums.addBatch): each of its
    // (person, service) amounts is of a pair of its own, for its persons are told apart by their
    // ids, and those kept apart by an earlier merge are in the sub-tables first.
    this.others.settle();
    // Its records' totals less the other services': what their first and second services hold.
    if (!parts.othersTaken) eachPair(others, (person, _, amount) => (other.doubles[person * DOUBLES + TOTAL] -= amount));
    // The amounts are added as a batch of rows is (addInBatch, then addWaiting for the pairs): each
    // reads a record here at random.
    this.changed = true;
    const scale = parts.scale;
    const add = (person: number, service: number, amount: number): void => this.addInBatch(index[person], services[service], amount, scale, null, 0, where);
    // Its persons a batch at a time, last first: found here, then their first and second services'
    // amounts added while their records here are still in cache. Large tables' records are freed
    // as it goes (those read last, the end of the buffer).
    const keys = { w0: new Int32Array(MERGE_BATCH), w1: new Int32Array(MERGE_BATCH), length: new Int32Array(MERGE_BATCH) };
    let freed = n;
    for (let to = n; to > 0; to -= MERGE_BATCH) {
      const from = Math.max(0, to - MERGE_BATCH);
      this.find(other, from, to, index, keys);
      for (let i = to - 1; i >= from; i--) eachService(other, i, null, add, where);
      this.addWaiting(null, where, true);
      if (n >= FREE_AS_READ && freed - from >= FREE_STEP) other.truncate((freed = from));
    }
    // Then the other services' amounts (its pairs, in no order of persons), a batch at a time: the
    // persons' records here are read first, in a loop of nothing else, for those reads from memory
    // at random to be under way at once (261 k pairs of 300 k persons: 90–102 → 80–91 ms, most of
    // it the adds to the pairs here).
    const touched = new Int32Array(MERGE_BATCH);
    eachPairBatch(others, MERGE_BATCH, (person, service, amount, count) => {
      const words = this.ids.words;
      for (let k = 0; k < count; k++) touched[k] = words[index[person[k]] * WORDS];
      for (let k = 0; k < count; k++) add(person[k], service[k], amount[k]);
      this.addWaiting(null, where, true);
    });
    // Its memory, of no more use and its pages in place, is lent to the figures' arrays (Spare)
    // while the spare holds less than they take (13–16 MB of the 17 MB at 300 k persons); the rest
    // is freed, or what is kept would grow with every file merged.
    const budget = FIGURES_BYTES * this.length;
    if (this.spare.bytes < budget) this.spare.lend({ buffer: parts.ids.records, byteOffset: 0, byteLength: parts.ids.records.byteLength });
    else other.clear();
    // Its pairs' memory, as far as the pairs go (a buffer may hold room never written).
    let pairs = others.length;
    for (const slots of others.slots) {
      const bytes = Math.min(slots.byteLength, pairs * 16);
      pairs -= bytes / 16;
      if (this.spare.bytes < budget) this.spare.lend({ buffer: slots, byteOffset: 0, byteLength: bytes });
    }
    return index;
  }

  /**
   * The person of each id (`person` for each, in order): ids of 1–8 bytes a batch at a time, as
   * `personsOfWords` finds them; longer ones one by one.
   */
  personsOfIds(ids: readonly string[]): Int32Array {
    const out = new Int32Array(ids.length);
    const w0 = new Int32Array(MERGE_BATCH);
    const w1 = new Int32Array(MERGE_BATCH);
    const length = new Int32Array(MERGE_BATCH);
    const bytes = Buffer.alloc(16);
    let batched = 0;
    const flush = (next: number): void => {
      this.personsOfWords(w0, w1, length, batched, out.subarray(next - batched, next));
      batched = 0;
    };
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      // At most 3 bytes a UTF-16 unit: an id of up to 5 units fits the 16 bytes whole.
      const n = id.length <= 5 || Buffer.byteLength(id) <= 8 ? bytes.write(id) : 9;
      if (n > 0 && n <= 8) {
        bytes.fill(0, n, 8);
        w0[batched] = bytes.readInt32LE(0);
        w1[batched] = bytes.readInt32LE(4);
        length[batched] = n;
        if (++batched === MERGE_BATCH) flush(k + 1);
        continue;
      }
      if (batched > 0) flush(k);
      out[k] = this.person(id);
    }
    if (batched > 0) flush(ids.length);
    return out;
  }

  /**
   * The person here of each of `other`'s persons, in its order (added when new, in that order), or
   * -1 where `skip[i]` is 1: ids matched by their bytes a batch at a time, as `merge` matches them.
   */
  personsOf(other: PersonTable, skip?: Uint8Array): Int32Array {
    const n = other.length;
    const index = new Int32Array(n).fill(-1);
    const keys = { w0: new Int32Array(MERGE_BATCH), w1: new Int32Array(MERGE_BATCH), length: new Int32Array(MERGE_BATCH) };
    // Runs of persons not skipped, a batch at a time.
    for (let from = 0; from < n; ) {
      if (skip !== undefined && skip[from] === 1) {
        from++;
        continue;
      }
      let to = from + 1;
      while (to < n && to - from < MERGE_BATCH && !(skip !== undefined && skip[to] === 1)) to++;
      this.find(other.ids, from, to, index, keys);
      from = to;
    }
    return index;
  }

  /**
   * Sets `index[i]` to the person here of `other`'s persons `from` … `to` − 1 (added when new): ids
   * of 1–8 bytes (most) a batch at a time (personsOfWords), the others one by one; persons
   * without an id are added as new persons. `keys`: room for the words of `to` − `from` ids.
   */
  private find(other: IdTable, from: number, to: number, index: Int32Array, keys: { w0: Int32Array; w1: Int32Array; length: Int32Array }): void {
    const { w0, w1, length } = keys;
    let batched = 0;
    const flush = (next: number): void => {
      this.personsOfWords(w0, w1, length, batched, index.subarray(next - batched, next));
      batched = 0;
    };
    for (let i = from; i < to; i++) {
      const bytes = other.keyLength(i);
      if (bytes > 0 && bytes <= 8) {
        w0[batched] = other.keyWordOf(i, 0);
        w1[batched] = other.keyWordOf(i, 1);
        length[batched] = bytes;
        batched++;
        continue;
      }
      if (batched > 0) flush(i);
      index[i] = bytes > 0 ? this.personOf(other.key(i), 0, bytes) : this.anonymous();
    }
    if (batched > 0) flush(to);
  }

  /**
   * Takes each person's other services' amounts (the pairs) off its record's total, which then is
   * what its first and second services hold: for a table done with adding (`seal`, `parts`).
   */
  private takeOthers(): void {
    this.others.addSumsTo(this.ids.doubles, DOUBLES, TOTAL, -1);
  }

  private added(person: number): void {
    this.changed = true;
    if (person === this.inRoster.length) {
      const inRoster = new Uint8Array(person * 2);
      inRoster.set(this.inRoster);
      this.inRoster = inRoster;
    }
  }

  /** The gathered views, emptied first if a sum changed since. */
  private views(): { totals?: Float64Array; hasRows?: Uint8Array; pairs?: ServiceAmounts } {
    if (this.changed) {
      this.gathered = {};
      this.changed = false;
    }
    return this.gathered;
  }

  private gather(): { totals: Float64Array; hasRows: Uint8Array } {
    const views = this.views();
    if (views.totals !== undefined && views.hasRows !== undefined) return { totals: views.totals, hasRows: views.hasRows };
    const n = this.length;
    const totals = this.spare.float64(n);
    const hasRows = this.spare.uint8(n);
    const words = this.ids.words;
    const doubles = this.ids.doubles;
    for (let i = 0; i < n; i++) {
      totals[i] = doubles[i * DOUBLES + TOTAL];
      hasRows[i] = words[i * WORDS + SHARED_WORD] >>> SHARED_SHIFT !== 0 ? 1 : 0;
    }
    views.totals = totals;
    views.hasRows = hasRows;
    return { totals, hasRows };
  }

  /** Moves every sum to a finer money unit; exact while the sums stay below 2^53 units. */
  private rescale(scale: number, where: Location): void {
    const factor = 10 ** (scale - this.scale);
    const doubles = this.ids.doubles;
    for (let i = 0; i < this.length; i++) {
      for (const at of [i * DOUBLES + TOTAL, i * DOUBLES + SECOND_AMOUNT]) {
        doubles[at] *= factor;
        checkExact(doubles[at], where);
      }
    }
    this.others.scale(factor);
    this.others.each((_person, _service, amount) => checkExact(amount, where));
    this.scale = scale;
    this.changed = true;
  }
}

/**
 * `visit(person, service, amount)` for person i's second service and then its first (if it has
 * rows): the first's amount is its total less the second's and `restOf[i]` (its others'), or
 * less the second's alone without `restOf` (the others taken off the total already).
 */
function eachService(ids: IdTable, i: number, restOf: Float64Array | null, visit: (person: number, service: number, amount: number) => void, where: Location): void {
  const words = ids.words;
  const doubles = ids.doubles;
  const first = words[i * WORDS + SHARED_WORD] >>> SHARED_SHIFT;
  if (first === 0) return;
  const second = words[i * WORDS + SECOND];
  const secondAmount = second === 0 ? 0 : doubles[i * DOUBLES + SECOND_AMOUNT];
  if (second !== 0) visit(i, second - 1, secondAmount);
  const amount = doubles[i * DOUBLES + TOTAL] - secondAmount - (restOf === null ? 0 : restOf[i]);
  // Its rows were added to the total only, so no line can be named: the files are.
  checkExact(amount, where);
  visit(i, first - 1, amount);
}
