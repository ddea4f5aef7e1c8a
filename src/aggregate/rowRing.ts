// Rows handed from a reading thread to the thread that holds the table, through a ring of slots in
// shared memory. With one reading thread (on 2 threads) a file is read in a pipeline: that thread
// finds the rows in the bytes (the reading kernel, or CostRows' JavaScript loop) and puts each batch
// of 256 in a slot, as CostRows would hand it to its table; this thread takes the slots in order and
// adds the rows to the one table. Its records out of the ordinary (CostRows.record sends them on)
// come as their fields' bytes, for this thread's CostRows to read as it reads any, and new services
// as their names.
//
// Why: split into two ranges, each thread kept a table of its own (the same persons in both at 300 k
// persons), and the other table was merged into this one when both were done (0.15–0.20 s, in turn
// after the reading). Reading the rows is about a third of a row's cost and adding them the rest, so
// a pipeline keeps this thread busy and the other one not (it waits for free slots some 0.2–0.4 s):
// but one table is half the random reads of memory, and nothing is merged. See README's Performance.
//
// The slots are taken in turn; a side that waits sleeps (Atomics.wait, Atomics.waitAsync) and the
// other wakes it only when it asked to be (a flag), and the writer only once half the ring is free
// again: a wake is a system call, and waking the writer at every slot taken cost some 0.25 s.

import { BATCH as RING_ROWS, MAX_BATCHED_ID as MAX_ID, type RecordFields, type RowTable } from './costRows.js';
import type { IdRows } from './persons.js';

/** Slots in the ring. */
const SLOTS = 64;

// A slot: a header of 4 words (kind, then per kind), then its data.
const HEADER = 16;
const UNITS = HEADER;
const LINE = UNITS + RING_ROWS * 8;
const W0 = LINE + RING_ROWS * 8;
const W1 = W0 + RING_ROWS * 4;
const LENGTH = W1 + RING_ROWS * 4;
const SERVICE = LENGTH + RING_ROWS * 4;
const SCALE = SERVICE + RING_ROWS * 4;
const KEY_AT = SCALE + RING_ROWS * 4;
const KEY_HASH = KEY_AT + RING_ROWS * 4;
const KEY_BYTES = KEY_HASH + RING_ROWS * 4;
/** Room for a batch's ids longer than 8 bytes: each at most MAX_ID; only the pages written are ever touched. */
const SLOT_BYTES = Math.ceil((KEY_BYTES + RING_ROWS * MAX_ID) / 64) * 64;
/** A message's bytes per slot (a long one takes several slots). */
const MESSAGE_ROOM = SLOT_BYTES - HEADER;

/**
 * The control words, each side's on cache lines of their own (a line both write moves between the
 * cores at each write): slots written; slots taken; the flags of a side asleep (set by it,
 * cleared by the other).
 */
const WRITTEN = 0;
const TAKEN = 16;
const WRITER_ASLEEP = 32;
const READER_ASLEEP = 48;
const CONTROL = 256;

/** What a slot holds: a batch of rows, a service's name, a record's fields, the end of the rows. */
const ROWS = 1;
const SERVICE_NAME = 2;
const RECORD = 3;
const END = 4;
/** A part of a message after its first slot. */
const MORE = 5;

/** A new ring, for `RingWriter` on the reading thread and `RingReader` here. */
export function rowRing(): SharedArrayBuffer {
  return new SharedArrayBuffer(CONTROL + SLOTS * SLOT_BYTES);
}

/** A slot's views: its header and a batch's columns. */
class Slot {
  readonly head: Int32Array;
  readonly units: Float64Array;
  readonly line: Float64Array;
  readonly w0: Int32Array;
  readonly w1: Int32Array;
  readonly length: Int32Array;
  readonly service: Int32Array;
  readonly scale: Int32Array;
  readonly keyAt: Int32Array;
  readonly keyHash: Int32Array;
  readonly keyBytes: Uint8Array;
  /** The data, for a message. */
  readonly data: Uint8Array;
  /** The batch's ids longer than 8 bytes, as IdRows holds them. */
  readonly keys: NonNullable<IdRows['keys']>;

  constructor(ring: SharedArrayBuffer, k: number) {
    const at = CONTROL + k * SLOT_BYTES;
    this.head = new Int32Array(ring, at, HEADER / 4);
    this.units = new Float64Array(ring, at + UNITS, RING_ROWS);
    this.line = new Float64Array(ring, at + LINE, RING_ROWS);
    this.w0 = new Int32Array(ring, at + W0, RING_ROWS);
    this.w1 = new Int32Array(ring, at + W1, RING_ROWS);
    this.length = new Int32Array(ring, at + LENGTH, RING_ROWS);
    this.service = new Int32Array(ring, at + SERVICE, RING_ROWS);
    this.scale = new Int32Array(ring, at + SCALE, RING_ROWS);
    this.keyAt = new Int32Array(ring, at + KEY_AT, RING_ROWS);
    this.keyHash = new Int32Array(ring, at + KEY_HASH, RING_ROWS);
    this.keyBytes = new Uint8Array(ring, at + KEY_BYTES, RING_ROWS * MAX_ID);
    this.data = new Uint8Array(ring, at + HEADER, MESSAGE_ROOM);
    this.keys = { bytes: this.keyBytes, at: this.keyAt, hash: this.keyHash };
  }
}

function slotsOf(ring: SharedArrayBuffer): Slot[] {
  return Array.from({ length: SLOTS }, (_, k) => new Slot(ring, k));
}

/**
 * The reading thread's end: puts batches, names and records in the ring in order, waiting for a
 * free slot when it is full.
 */
export class RingWriter {
  private readonly control: Int32Array;
  private readonly slots: Slot[];
  private written = 0;
  /** Slots taken, as last read: read again only when the ring seems full (a line the other thread writes). */
  private taken = 0;
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(1024);

  constructor(ring: SharedArrayBuffer) {
    this.control = new Int32Array(ring, 0, CONTROL / 4);
    this.slots = slotsOf(ring);
  }

  /** A batch of `n` rows, as CostRows hands it to its table (`PersonTable.addRowsOfIds`). */
  rows(rows: IdRows, n: number): void {
    const slot = this.free();
    slot.head[0] = ROWS;
    slot.head[1] = n;
    slot.units.set(rows.units.subarray(0, n));
    slot.line.set(rows.line.subarray(0, n));
    slot.w0.set(rows.w0.subarray(0, n));
    slot.w1.set(rows.w1.subarray(0, n));
    slot.length.set(rows.length.subarray(0, n));
    slot.service.set(rows.service.subarray(0, n));
    slot.scale.set(rows.scale.subarray(0, n));
    const keys = rows.keys;
    slot.head[2] = keys === undefined ? 0 : 1;
    if (keys !== undefined) {
      // The ids longer than 8 bytes: their bytes end with the last one put (those of a row whose id
      // is the row before's, length 0, are not there).
      let bytes = 0;
      for (let r = 0; r < n; r++) if (rows.length[r] > 8) bytes = Math.max(bytes, keys.at[r] + rows.length[r]);
      slot.keyAt.set(keys.at.subarray(0, n));
      slot.keyHash.set(keys.hash.subarray(0, n));
      slot.keyBytes.set(keys.bytes.subarray(0, bytes));
    }
    this.publish();
  }

  /**
   * A service's name, the first time the reading thread meets it: its number there is the count of
   * the names before, those the table had (RingTable's `known`) included.
   */
  service(name: string): void {
    this.message(SERVICE_NAME, this.encoder.encode(name));
  }

  /**
   * The record in `scanner` (line `line`), which CostRows does not put in a batch: its field count,
   * then each field's length and bytes.
   */
  record(scanner: RecordFields, line: number): void {
    const { count, bytes, starts, ends } = scanner;
    let size = 8 + 4 * count;
    for (let k = 0; k < count; k++) size += ends[k] - starts[k];
    if (size > this.scratch.length) this.scratch = new Uint8Array(Math.max(size, this.scratch.length * 2));
    const out = this.scratch;
    const words = new DataView(out.buffer, 0, size);
    words.setFloat64(0, line, true);
    let at = 8 + 4 * count;
    for (let k = 0; k < count; k++) {
      words.setInt32(8 + 4 * k, ends[k] - starts[k], true);
      out.set(bytes.subarray(starts[k], ends[k]), at);
      at += ends[k] - starts[k];
    }
    this.message(RECORD, out.subarray(0, size), count);
  }

  /** No more rows. */
  end(): void {
    this.free().head[0] = END;
    this.publish();
  }

  /** `bytes` in as many slots as it takes: the first with the kind, `extra`, and the whole length. */
  private message(kind: number, bytes: Uint8Array, extra = 0): void {
    let at = 0;
    do {
      const slot = this.free();
      const part = Math.min(MESSAGE_ROOM, bytes.length - at);
      slot.head[0] = at === 0 ? kind : MORE;
      slot.head[1] = part;
      slot.head[2] = bytes.length;
      slot.head[3] = extra;
      slot.data.set(bytes.subarray(at, at + part));
      at += part;
      this.publish();
    } while (at < bytes.length);
  }

  /** The next slot, once it is free: when the ring is full, once half of it is (then the reader wakes this thread). */
  private free(): Slot {
    const control = this.control;
    if (this.written - this.taken >= SLOTS) this.taken = Atomics.load(control, TAKEN);
    if (this.written - this.taken >= SLOTS) {
      for (;;) {
        Atomics.store(control, WRITER_ASLEEP, 1);
        this.taken = Atomics.load(control, TAKEN);
        if (this.written - this.taken <= SLOTS / 2) break;
        // (A timeout, in case a wake were ever missed: the loop looks again.)
        Atomics.wait(control, TAKEN, this.taken, 20);
      }
    }
    return this.slots[this.written % SLOTS];
  }

  private publish(): void {
    const control = this.control;
    Atomics.store(control, WRITTEN, ++this.written);
    if (Atomics.load(control, READER_ASLEEP) === 1) {
      Atomics.store(control, READER_ASLEEP, 0);
      Atomics.notify(control, WRITTEN);
    }
  }
}

/**
 * The table of a reading thread's CostRows: it numbers the services in the order it meets them and
 * sends their names, and sends each batch, for the table's thread to add. It adds no row itself:
 * the CostRows sends on the records it does not put in a batch (its `forward`: `RingWriter.record`).
 */
export class RingTable implements RowTable {
  private readonly services = new Map<string, number>();

  /** `known`: the table's services so far, by their numbers there, for this one to number alike. */
  constructor(
    private readonly writer: RingWriter,
    known: readonly string[] = [],
  ) {
    known.forEach((name, s) => this.services.set(name, s));
  }

  serviceOf(name: string): number {
    let s = this.services.get(name);
    if (s === undefined) {
      s = this.services.size;
      this.services.set(name, s);
      this.writer.service(name);
    }
    return s;
  }

  addRowsOfIds(rows: IdRows, n: number): void {
    this.writer.rows(rows, n);
  }

  personOf(): never {
    throw new Error('RingTable: a reading thread sends its records on');
  }

  anonymous(): never {
    return this.personOf();
  }

  addUnits(): never {
    return this.personOf();
  }
}

/** Where `RingReader.take` hands what it takes: CostRows' `takeBatch` and `record`, and the table's services. */
export interface RingTaker {
  batch(rows: IdRows, n: number): void;
  /** A record as the scanner gives it (`count` fields, `bytes[starts[k] .. ends[k])`), of line `line`. */
  record(record: RecordFields, line: number): void;
  /** The table's number for a service, by its name (which may throw: too many services). */
  service(name: string): number;
}

/**
 * This thread's end: takes the ring's slots in order until the end, handing each to `taker`. The
 * batches' services are the reading thread's numbers, turned into the table's here.
 */
export class RingReader {
  private readonly control: Int32Array;
  private readonly slots: Slot[];
  private taken = 0;
  /** Slots written, as last read: read again only when all those are taken (a line the other thread writes). */
  private written = 0;
  /** The reading thread's service numbers → the table's; -1 for one whose name failed (`failed`). */
  private services = new Int32Array(64);
  private known = 0;
  /** Whether every service so far has the same number on both sides (then a batch's services are the table's as they are). */
  private same = true;
  /** The error a service's name met, thrown at the first row of that service. */
  private failed: unknown = null;
  private readonly decoder = new TextDecoder();
  /** Each slot's batch as CostRows' table takes it (one person column for all). */
  private readonly batches: IdRows[];
  /** A message whose first parts are taken, and the rest not yet. */
  private partial: { kind: number; extra: number; whole: Uint8Array; at: number } | null = null;
  /** The fields of a record taken, as a scanner holds them. */
  private readonly fields: RecordFields = { count: 0, bytes: new Uint8Array(0), starts: new Int32Array(16), ends: new Int32Array(16) };

  /**
   * `services`: the table's services when the reading thread was given their names (its RingTable's
   * `known`), numbered alike on both sides.
   */
  constructor(ring: SharedArrayBuffer, services = 0) {
    this.control = new Int32Array(ring, 0, CONTROL / 4);
    this.slots = slotsOf(ring);
    for (let s = 0; s < services; s++) this.number(s);
    const person = new Int32Array(RING_ROWS);
    this.batches = this.slots.map((slot) => ({ w0: slot.w0, w1: slot.w1, length: slot.length, service: slot.service, units: slot.units, scale: slot.scale, line: slot.line, person }));
  }

  /**
   * Takes slots until the ring is empty or has ended: 'ended' once the end is taken, 'empty' when
   * none is ready (then `wait`). At most `max` slots, so that the caller may let its event loop turn.
   */
  take(taker: RingTaker, max: number): 'ended' | 'empty' | 'more' {
    const control = this.control;
    for (let k = 0; k < max; k++) {
      if (this.written === this.taken) {
        this.written = Atomics.load(control, WRITTEN);
        if (this.written === this.taken) return 'empty';
      }
      const slot = this.slots[this.taken % SLOTS];
      const kind = slot.head[0];
      if (kind === END) {
        this.release();
        return 'ended';
      }
      if (kind === ROWS) this.batch(slot, taker);
      else this.message(slot, taker);
    }
    return 'more';
  }

  /** Resolves once a slot may be ready, or after `ms`. */
  async wait(ms: number): Promise<void> {
    const control = this.control;
    Atomics.store(control, READER_ASLEEP, 1);
    const waited = waitAsync(control, WRITTEN, this.taken, ms);
    if (waited.async) await waited.value;
  }

  private batch(slot: Slot, taker: RingTaker): void {
    const rows = this.batches[this.taken % SLOTS];
    const n = slot.head[1];
    const service = slot.service;
    const services = this.services;
    let end = n;
    if (!this.same) {
      for (let r = 0; r < n; r++) {
        const s = services[service[r]];
        if (s < 0) {
          end = r;
          break;
        }
        service[r] = s;
      }
    }
    rows.keys = slot.head[2] === 1 ? slot.keys : undefined;
    if (end > 0) taker.batch(rows, end);
    // A row of a service whose name failed: the rows before it are added, then the error.
    if (end < n) throw this.failed;
    this.release();
  }

  /**
   * A message's slot: handed on when it is the whole message (most are), else joined to the parts
   * before it, and the message handed on with its last part. (The next part may not be written yet:
   * `take` finds it when it is, never waiting here.) What is handed on is a copy, not a view of
   * shared memory, which a text decoder may refuse.
   */
  private message(slot: Slot, taker: RingTaker): void {
    const bytes = slot.data.subarray(0, slot.head[1]);
    if (slot.head[0] !== MORE && slot.head[2] === bytes.length) {
      this.handOn(slot.head[0], bytes.slice(), slot.head[3], taker);
      this.release();
      return;
    }
    if (slot.head[0] !== MORE) this.partial = { kind: slot.head[0], extra: slot.head[3], whole: new Uint8Array(slot.head[2]), at: 0 };
    const partial = this.partial!;
    partial.whole.set(bytes, partial.at);
    partial.at += bytes.length;
    this.release();
    if (partial.at < partial.whole.length) return;
    this.partial = null;
    this.handOn(partial.kind, partial.whole, partial.extra, taker);
  }

  private handOn(kind: number, bytes: Uint8Array, extra: number, taker: RingTaker): void {
    if (kind === SERVICE_NAME) this.service(this.decoder.decode(bytes), taker);
    else if (kind === RECORD) this.record(bytes, extra, taker);
  }

  private service(name: string, taker: RingTaker): void {
    let s = -1;
    if (this.failed === null) {
      try {
        s = taker.service(name);
      } catch (error) {
        this.failed = error;
      }
    }
    this.number(s);
  }

  /** The table's number `s` (-1: none) for the reading thread's next service. */
  private number(s: number): void {
    if (this.known === this.services.length) {
      const larger = new Int32Array(this.known * 2);
      larger.set(this.services);
      this.services = larger;
    }
    if (s !== this.known) this.same = false;
    this.services[this.known++] = s;
  }

  private record(bytes: Uint8Array, count: number, taker: RingTaker): void {
    const fields = this.fields;
    if (count > fields.starts.length) {
      fields.starts = new Int32Array(count);
      fields.ends = new Int32Array(count);
    }
    const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const line = words.getFloat64(0, true);
    let at = 8 + 4 * count;
    for (let k = 0; k < count; k++) {
      fields.starts[k] = at;
      at += words.getInt32(8 + 4 * k, true);
      fields.ends[k] = at;
    }
    fields.count = count;
    fields.bytes = bytes;
    taker.record(fields, line);
  }

  private release(): void {
    const control = this.control;
    const taken = ++this.taken;
    Atomics.store(control, TAKEN, taken);
    if (Atomics.load(control, WRITER_ASLEEP) === 1 && Atomics.load(control, WRITTEN) - taken <= SLOTS / 2) {
      Atomics.store(control, WRITER_ASLEEP, 0);
      Atomics.notify(control, TAKEN);
    }
  }
}

/** Atomics.waitAsync (ES2024, in Node 20's V8; not in this TypeScript's library). */
function waitAsync(array: Int32Array, index: number, value: number, ms: number): { async: boolean; value: Promise<unknown> | string } {
  return (Atomics as unknown as { waitAsync: typeof waitAsync }).waitAsync(array, index, value, ms);
}
