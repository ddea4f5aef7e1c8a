// The ring a reading thread hands its rows over by (rowRing.ts), both ends on one thread: what is
// put in is taken out in the same order, whole — batches (with ids longer than 8 bytes or not),
// services by their names, records as their fields, a message longer than a slot — and a service
// the table refuses stops the rows at the first of that service. (Reading files through it, on two
// threads, against csv-parse: scanFile.test.ts.)

import { describe, expect, it } from 'vitest';
import type { RecordFields } from '../../src/aggregate/costRows.js';
import type { IdRows } from '../../src/aggregate/persons.js';
import { RingReader, RingTable, RingWriter, rowRing, type RingTaker } from '../../src/aggregate/rowRing.js';

/** A batch of `n` rows: row r's id words are (r, -r), its service `services[r]`, its line 10 + r. */
function batch(n: number, services: number[], keys?: IdRows['keys']): IdRows {
  return {
    w0: Int32Array.from({ length: n }, (_, r) => r),
    w1: Int32Array.from({ length: n }, (_, r) => -r),
    length: Int32Array.from({ length: n }, (_, r) => (keys !== undefined ? 12 : (r % 8) + 1)),
    service: Int32Array.from(services),
    units: Float64Array.from({ length: n }, (_, r) => r * 1.5e9 - 7),
    scale: Int32Array.from({ length: n }, (_, r) => r % 3),
    line: Float64Array.from({ length: n }, (_, r) => 10 + r),
    person: new Int32Array(n),
    keys,
  };
}

/**
 * What a taker was handed, in order: batches' columns as plain arrays, records' fields as text. The
 * table numbers services 100 on, in the order it is asked for them; or, with `from`, from there (as
 * a table that had `from` services when the reading thread was told them).
 */
function recorder(refuse: string | null = null, from: number | null = null) {
  const taken: unknown[] = [];
  const names: string[] = [];
  const taker: RingTaker = {
    batch(rows, n) {
      const head = <T extends ArrayLike<number>>(a: T) => Array.from(a).slice(0, n);
      taken.push({
        rows: n,
        w0: head(rows.w0),
        w1: head(rows.w1),
        length: head(rows.length),
        service: head(rows.service),
        units: head(rows.units),
        scale: head(rows.scale),
        line: head(rows.line),
        keys: rows.keys === undefined ? null : { at: head(rows.keys.at), hash: head(rows.keys.hash), bytes: Buffer.from(rows.keys.bytes.slice(0, 12 * n)).toString('latin1') },
      });
    },
    record(record: RecordFields, line) {
      const fields = Array.from({ length: record.count }, (_, k) => Buffer.from(record.bytes.slice(record.starts[k], record.ends[k])).toString('utf8'));
      taken.push({ line, fields });
    },
    service(name) {
      if (name === refuse) throw new Error(`refused ${name}`);
      names.push(name);
      return (from ?? 100) + names.length - 1;
    },
  };
  return { taken, names, taker };
}

/** A scanner's view of a record with these fields (in a buffer with bytes before and between them). */
function fields(...texts: string[]): RecordFields {
  const parts = texts.map((t) => Buffer.from(t, 'utf8'));
  const bytes = new Uint8Array(parts.reduce((sum, p) => sum + p.length + 3, 5));
  const starts = new Int32Array(texts.length);
  const ends = new Int32Array(texts.length);
  let at = 5;
  parts.forEach((p, k) => {
    bytes.set(p, at);
    starts[k] = at;
    ends[k] = at + p.length;
    at += p.length + 3;
  });
  return { count: texts.length, bytes, starts, ends };
}

describe('rowRing: rows handed from a reading thread to the table, in order', () => {
  it('hands over batches, services and records as they were put, the services numbered as the table numbers them', () => {
    const ring = rowRing();
    const writer = new RingWriter(ring);
    const table = new RingTable(writer);
    // Services numbered here in the order met: A 0, Bé 1.
    expect([table.serviceOf('A'), table.serviceOf('Bé'), table.serviceOf('A')]).toEqual([0, 1, 0]);
    table.addRowsOfIds(batch(5, [0, 1, 1, 0, 1]), 5);
    writer.record(fields('p1', 'x;"y"', ''), 77);
    // Ids longer than 8 bytes: their bytes end with the last one put (12 bytes each, row 3's not there).
    const keys = { bytes: new Uint8Array(4 * 12), at: Int32Array.from([0, 12, 24, 0]), hash: Int32Array.from([5, -6, 7, 0]) };
    keys.bytes.set(Buffer.from('PSEUDO-00001PSEUDO-00002PSEUDO-00003', 'latin1'));
    const long = batch(4, [1, 1, 0, 0], keys);
    long.length[3] = 0; // the row before's id
    table.addRowsOfIds(long, 4);
    writer.end();

    const reader = new RingReader(ring);
    const { taken, names, taker } = recorder();
    expect(reader.take(taker, Infinity)).toBe('ended');
    expect(names).toEqual(['A', 'Bé']);
    expect(taken).toEqual([
      {
        rows: 5,
        w0: [0, 1, 2, 3, 4],
        w1: [0, -1, -2, -3, -4],
        length: [1, 2, 3, 4, 5],
        service: [100, 101, 101, 100, 101],
        units: [-7, 1.5e9 - 7, 3e9 - 7, 4.5e9 - 7, 6e9 - 7],
        scale: [0, 1, 2, 0, 1],
        line: [10, 11, 12, 13, 14],
        keys: null,
      },
      { line: 77, fields: ['p1', 'x;"y"', ''] },
      {
        rows: 4,
        w0: [0, 1, 2, 3],
        w1: [0, -1, -2, -3],
        length: [12, 12, 12, 0],
        service: [101, 101, 100, 100],
        units: [-7, 1.5e9 - 7, 3e9 - 7, 4.5e9 - 7],
        scale: [0, 1, 2, 0],
        line: [10, 11, 12, 13],
        keys: { at: [0, 12, 24, 0], hash: [5, -6, 7, 0], bytes: 'PSEUDO-00001PSEUDO-00002PSEUDO-00003' + '\0'.repeat(12) },
      },
    ]);
  });

  it('hands over a record and a service name longer than a slot whole, and what comes after them', () => {
    const ring = rowRing();
    const writer = new RingWriter(ring);
    const table = new RingTable(writer);
    // A slot holds some 80 KB: 300 000 bytes take four.
    const big = 'ä'.repeat(150_000);
    writer.record(fields('p9', big, '1,5'), 3);
    expect(table.serviceOf(big + 'S')).toBe(0);
    table.addRowsOfIds(batch(2, [0, 0]), 2);
    writer.end();
    const { taken, names, taker } = recorder();
    expect(new RingReader(ring).take(taker, Infinity)).toBe('ended');
    expect(names).toEqual([big + 'S']);
    expect(taken).toMatchObject([{ line: 3, fields: ['p9', big, '1,5'] }, { rows: 2, service: [100, 100] }]);
  });

  it('takes at most as many slots as asked, and tells when none is ready', () => {
    const ring = rowRing();
    const writer = new RingWriter(ring);
    const table = new RingTable(writer);
    table.serviceOf('A');
    for (let k = 0; k < 3; k++) table.addRowsOfIds(batch(1, [0]), 1);
    const reader = new RingReader(ring);
    const { taken, taker } = recorder();
    expect(reader.take(taker, 2)).toBe('more'); // the service's name, the first batch
    expect(taken).toHaveLength(1);
    expect(reader.take(taker, 5)).toBe('empty');
    expect(taken).toHaveLength(3);
    writer.end();
    expect(reader.take(taker, 5)).toBe('ended');
  });

  it('a service the table refuses (too many): the rows before its first row are handed over, then its error', () => {
    const ring = rowRing();
    const writer = new RingWriter(ring);
    const table = new RingTable(writer);
    table.serviceOf('A');
    table.addRowsOfIds(batch(2, [0, 0]), 2);
    table.serviceOf('B');
    table.serviceOf('C');
    // The service met while this batch was read, before its rows were handed over.
    table.addRowsOfIds(batch(4, [0, 0, 1, 2]), 4);
    writer.end();
    const { taken, names, taker } = recorder('B');
    expect(() => new RingReader(ring).take(taker, Infinity)).toThrow('refused B');
    // C is not asked for once B failed: the run stops at B's first row.
    expect(names).toEqual(['A']);
    expect(taken).toMatchObject([{ rows: 2 }, { rows: 2, service: [100, 100] }]);
  });

  it('services the table had when the reading thread was told them, and new ones numbered alike: batches handed over as they are', () => {
    const ring = rowRing();
    const writer = new RingWriter(ring);
    const table = new RingTable(writer, ['X', 'Y']);
    expect([table.serviceOf('Y'), table.serviceOf('Z'), table.serviceOf('X')]).toEqual([1, 2, 0]);
    table.addRowsOfIds(batch(3, [1, 2, 0]), 3);
    table.serviceOf('W');
    table.addRowsOfIds(batch(2, [3, 2]), 2);
    writer.end();
    // The table numbers Z 2 and W 3 too; then one that numbers them otherwise (a service of its own between).
    const alike = recorder(null, 2);
    expect(new RingReader(ring, 2).take(alike.taker, Infinity)).toBe('ended');
    expect(alike.names).toEqual(['Z', 'W']);
    expect(alike.taken).toMatchObject([{ service: [1, 2, 0] }, { service: [3, 2] }]);
  });

  it('services numbered otherwise by the table from some service on: the batches after it are turned into its numbers', () => {
    const ring = rowRing();
    const writer = new RingWriter(ring);
    const table = new RingTable(writer, ['X']);
    table.serviceOf('Y');
    table.addRowsOfIds(batch(2, [1, 0]), 2);
    table.serviceOf('Z');
    table.addRowsOfIds(batch(3, [2, 1, 0]), 3);
    writer.end();
    const reader = new RingReader(ring, 1);
    const names: string[] = [];
    const taken: number[][] = [];
    // Y is 1 alike; the table had a service of its own (2) before Z, which it numbers 3.
    const taker: RingTaker = {
      batch: (rows, n) => taken.push(Array.from(rows.service.subarray(0, n))),
      record: () => undefined,
      service: (name) => (names.push(name), name === 'Y' ? 1 : 3),
    };
    expect(reader.take(taker, Infinity)).toBe('ended');
    expect(taken).toEqual([
      [1, 0],
      [3, 1, 0],
    ]);
  });

  it('a service refused while the numbers were alike: the rows before its first row, then its error', () => {
    const ring = rowRing();
    const writer = new RingWriter(ring);
    const table = new RingTable(writer, ['A']);
    table.serviceOf('B');
    table.addRowsOfIds(batch(3, [0, 0, 1]), 3);
    writer.end();
    const { taken, taker } = recorder('B', 1);
    expect(() => new RingReader(ring, 1).take(taker, Infinity)).toThrow('refused B');
    expect(taken).toMatchObject([{ rows: 2, service: [0, 0] }]);
  });

  it('adds no row itself: a reading thread sends its records on', () => {
    const table = new RingTable(new RingWriter(rowRing()));
    expect(() => table.personOf()).toThrow('sends its records on');
    expect(() => table.addUnits()).toThrow('sends its records on');
    expect(() => table.anonymous()).toThrow('sends its records on');
  });
});
