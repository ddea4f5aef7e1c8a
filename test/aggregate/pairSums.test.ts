import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairSums, eachPair, eachPairBatch } from '../../src/aggregate/pairSums.js';
import { Spare } from '../../src/curve/spare.js';

/** The table's pairs as arrays, in the order `each` visits them. */
function entriesOf(table: PairSums): { length: number; person: Uint32Array; service: Uint32Array; amount: Float64Array } {
  const pairs: [number, number, number][] = [];
  table.each((p, s, a) => pairs.push([p, s, a]));
  return {
    length: pairs.length,
    person: Uint32Array.from(pairs, (e) => e[0]),
    service: Uint32Array.from(pairs, (e) => e[1]),
    amount: Float64Array.from(pairs, (e) => e[2]),
  };
}

describe('PairSums: sums per (person, service)', () => {
  it('agrees with a Map keyed by "person/service", through many splits of its sub-tables', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(300), fc.nat(20), fc.integer({ min: -100, max: 100 })), { minLength: 100, maxLength: 3000, size: 'max' }), (rows) => {
        // Sub-tables of 16 slots: a split every dozen new pairs, the directory doubling often.
        const table = new PairSums(4);
        const reference = new Map<string, number>();
        for (const [p, s, a] of rows) {
          const sum = table.add(p, s, a);
          reference.set(`${p}/${s}`, (reference.get(`${p}/${s}`) ?? 0) + a);
          expect(sum).toBe(reference.get(`${p}/${s}`));
        }
        const entries = entriesOf(table);
        const got = new Map<string, number>();
        for (let k = 0; k < entries.length; k++) got.set(`${entries.person[k]}/${entries.service[k]}`, entries.amount[k]);
        expect(got).toEqual(reference);
      }),
      { numRuns: 30 },
    );
  });

  it('adds a batch (addBatch) as add one by one, sub-tables splitting within a batch', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(200), fc.nat(30), fc.integer({ min: -100, max: 100 })), { minLength: 100, maxLength: 2000, size: 'max' }), fc.integer({ min: 1, max: 300 }), (rows, size) => {
        const one = new PairSums(3);
        const expected = rows.map(([p, s, a]) => one.add(p, s, a));
        const batched = new PairSums(3);
        const got: number[] = [];
        for (let from = 0; from < rows.length; from += size) {
          const part = rows.slice(from, from + size);
          const sums = new Float64Array(part.length);
          batched.addBatch(Int32Array.from(part, (r) => r[0]), Int32Array.from(part, (r) => r[1]), Float64Array.from(part, (r) => r[2]), part.length, sums);
          got.push(...sums);
        }
        expect(got).toEqual(expected);
        expect(batched.length).toBe(new Set(rows.map(([p, s]) => `${p}/${s}`)).size);
      }),
      { numRuns: 40 },
    );
  });

  it('hands its pairs over (parts): a copy, or its own memory and then holds nothing; eachPair reads them as each does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(300), fc.nat(20), fc.integer({ min: -100, max: 100 })), { minLength: 0, maxLength: 1500, size: 'max' }), fc.boolean(), (rows, consume) => {
        const table = new PairSums(4);
        const reference = new Map<string, number>();
        for (const [p, s, a] of rows) {
          table.add(p, s, a);
          reference.set(`${p}/${s}`, (reference.get(`${p}/${s}`) ?? 0) + a);
        }
        const parts = table.parts(consume);
        expect(parts.length).toBe(reference.size);
        const got = new Map<string, number>();
        eachPair(parts, (p, s, a) => {
          expect(got.has(`${p}/${s}`)).toBe(false);
          got.set(`${p}/${s}`, a);
        });
        expect(got).toEqual(reference);
        // eachPairBatch reads the same pairs, in batches of at most its size.
        for (const batch of [1, 7, 256]) {
          const batched = new Map<string, number>();
          eachPairBatch(parts, batch, (person, service, sum, count) => {
            expect(count).toBeGreaterThan(0);
            expect(count).toBeLessThanOrEqual(batch);
            for (let k = 0; k < count; k++) batched.set(`${person[k]}/${service[k]}`, sum[k]);
          });
          expect(batched).toEqual(reference);
        }
        // A copy leaves the table as it was; handing over its memory empties it, and it takes pairs again.
        expect(table.length).toBe(consume ? 0 : reference.size);
        if (consume) {
          table.add(1, 2, 3);
          expect(entriesOf(table)).toMatchObject({ length: 1, person: Uint32Array.of(1), service: Uint32Array.of(2), amount: Float64Array.of(3) });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('adds its sums, either sign, to a field of per-person records (addSumsTo) as each would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(200), fc.nat(20), fc.integer({ min: -100, max: 100 })), { maxLength: 1500, size: 'max' }), fc.constantFrom(1, -1), fc.nat(3), (rows, sign, at) => {
        const table = new PairSums(4);
        for (const [p, s, a] of rows) table.add(p, s, a);
        // Records of 4 doubles a person, field `at`, starting from 1000 each.
        const records = new Float64Array(4 * 201).fill(1000);
        table.addSumsTo(records, 4, at, sign as 1 | -1);
        const expected = new Float64Array(4 * 201).fill(1000);
        for (const [p, , a] of rows) expected[4 * p + at] += sign * a;
        expect(records).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('adds another table\'s pairs (addBatch apart) as add would, keeping the new ones apart until a lookup settles them', () => {
    // rows: this table's amounts; theirs: another table's pairs, each once (keys made unique);
    // after: amounts added later, which find the pairs kept apart in the sub-tables.
    const amounts = fc.array(fc.tuple(fc.nat(200), fc.nat(30), fc.integer({ min: -100, max: 100 })), { maxLength: 1500, size: 'max' });
    fc.assert(
      fc.property(amounts, amounts, amounts, fc.integer({ min: 1, max: 300 }), fc.boolean(), fc.nat(3), fc.boolean(), (rows, theirRows, after, size, batched, at, handOver) => {
        const unique = [...new Map(theirRows.map((r) => [`${r[0]}/${r[1]}`, r])).values()];
        const table = new PairSums(3);
        const reference = new Map<string, number>();
        const add = (p: number, s: number, a: number): number => {
          const sum = (reference.get(`${p}/${s}`) ?? 0) + a;
          reference.set(`${p}/${s}`, sum);
          return sum;
        };
        for (const [p, s, a] of rows) table.add(p, s, a), add(p, s, a);
        for (let from = 0; from < unique.length; from += size) {
          const part = unique.slice(from, from + size);
          const sums = new Float64Array(part.length);
          table.addBatch(Int32Array.from(part, (r) => r[0]), Int32Array.from(part, (r) => r[1]), Float64Array.from(part, (r) => r[2]), part.length, sums, true);
          expect([...sums]).toEqual(part.map(([p, s, a]) => add(p, s, a)));
        }
        expect(table.length).toBe(reference.size);
        if (handOver) {
          // Handed over (parts) with the pairs apart: they go too.
          const handed = new Map<string, number>();
          eachPair(table.parts(true), (p, s, a) => handed.set(`${p}/${s}`, a));
          expect(handed).toEqual(reference);
          return;
        }
        // Read with the pairs apart: each, addSumsTo, scale.
        const got = new Map<string, number>();
        table.each((p, s, a) => got.set(`${p}/${s}`, (got.get(`${p}/${s}`) ?? 0) + a));
        expect(got).toEqual(reference);
        const records = new Float64Array(4 * 201);
        table.addSumsTo(records, 4, at, 1);
        const expected = new Float64Array(4 * 201);
        for (const [key, a] of reference) expected[4 * Number(key.split('/')[0]) + at] += a;
        expect(records).toEqual(expected);
        table.scale(10);
        const scaled = new Map<string, number>();
        table.each((p, s, a) => scaled.set(`${p}/${s}`, a));
        expect(scaled).toEqual(new Map([...reference].map(([key, a]) => [key, a * 10])));
        // Later amounts, one by one or in a batch (without apart): each pair's sum goes on from there.
        for (const [key, a] of reference) reference.set(key, a * 10);
        if (batched) {
          const sums = new Float64Array(after.length);
          table.addBatch(Int32Array.from(after, (r) => r[0]), Int32Array.from(after, (r) => r[1]), Float64Array.from(after, (r) => r[2]), after.length, sums);
          expect([...sums]).toEqual(after.map(([p, s, a]) => add(p, s, a)));
        } else {
          for (const [p, s, a] of after) expect(table.add(p, s, a)).toBe(add(p, s, a));
        }
        expect(table.length).toBe(reference.size);
        const parts = table.parts(true);
        const handed = new Map<string, number>();
        eachPair(parts, (p, s, a) => handed.set(`${p}/${s}`, a));
        expect(handed).toEqual(reference);
      }),
      { numRuns: 60 },
    );
  });

  it('moves to a larger arena when its sub-tables outgrow it, the pairs written before kept', () => {
    // Sub-tables of 4 slots hold 3 pairs at most: 12 000 pairs take over 4 000 of them, past the
    // first arena's 16, the next's 512 and the next's 2 048. Each pair's sum is checked against a
    // Map as it is added (the second round finds the pairs the moves kept), and each at the end.
    const table = new PairSums(2);
    const reference = new Map<string, number>();
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < 12_000; k++) {
        const p = (k * 7919) % 6000;
        const s = k < 6000 ? 1 : 2;
        const a = (k % 13) - 6 + round;
        const key = `${p}/${s}`;
        reference.set(key, (reference.get(key) ?? 0) + a);
        expect(table.add(p, s, a)).toBe(reference.get(key));
      }
    }
    expect(table.length).toBe(reference.size);
    expect(reference.size).toBe(12_000);
    const got = new Map<string, number>();
    table.each((p, s, a) => got.set(`${p}/${s}`, a));
    expect(got).toEqual(reference);
  });

  it('packs its pairs (pack) and lends the rest of its memory: each, addSumsTo and scale read the pairs packed as before', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(400), fc.nat(20), fc.integer({ min: -100, max: 100 })), { maxLength: 3000, size: 'max' }), fc.nat(3), (rows, at) => {
        const table = new PairSums(3);
        const reference = new Map<string, number>();
        for (const [p, s, a] of rows) {
          table.add(p, s, a);
          reference.set(`${p}/${s}`, (reference.get(`${p}/${s}`) ?? 0) + a);
        }
        const spare = new Spare();
        table.pack(spare);
        // What is lent is the arena after the pairs: 16 bytes a pair are kept. Written over, the
        // pairs stay as they were.
        const lent = spare.bytes;
        expect(lent).toBeGreaterThan(0);
        spare.float64(Math.floor(lent / 8)).fill(-1);
        const got = new Map<string, number>();
        table.each((p, s, a) => got.set(`${p}/${s}`, a));
        expect(got).toEqual(reference);
        const records = new Float64Array(4 * 401);
        table.addSumsTo(records, 4, at, -1);
        const expected = new Float64Array(4 * 401);
        for (const [p, , a] of rows) expected[4 * p + at] -= a;
        expect(records).toEqual(expected);
        table.scale(100);
        const scaled = new Map<string, number>();
        table.each((p, s, a) => scaled.set(`${p}/${s}`, a));
        expect(scaled).toEqual(new Map([...reference].map(([key, a]) => [key, a * 100])));
        // Packed, it adds and hands over nothing.
        expect(() => table.add(0, 0, 1)).toThrow(/packed/);
        expect(() => table.parts(true)).toThrow(/packed/);
      }),
      { numRuns: 40 },
    );
  });

  it('lends, once packed, what its sub-tables wrote and no more: one sub-table of 2^12 slots less one pair', () => {
    // 2^12 slots × 16 bytes = 65 536 bytes written; the one pair keeps its first 16.
    const table = new PairSums();
    table.add(3, 4, 5);
    const spare = new Spare();
    table.pack(spare);
    expect(spare.bytes).toBe(65_536 - 16);
    expect(entriesOf(table).amount).toEqual(Float64Array.of(5));
  });

  it('packs with pairs still kept apart, and hands over a grown arena (parts) that eachPairBatch reads whole', () => {
    // Sub-tables of 4 slots: 3 000 pairs outgrow the first arena. Then another table's pairs kept
    // apart (addBatch with apart), read by each after pack; and a second table handed over.
    const build = () => {
      const table = new PairSums(2);
      const reference = new Map<string, number>();
      for (let k = 0; k < 3000; k++) {
        table.add(k, k % 7, k + 1);
        reference.set(`${k}/${k % 7}`, k + 1);
      }
      const theirs = Array.from({ length: 500 }, (_, k) => [5000 + k, 1, 2 * k + 1] as const);
      table.addBatch(Int32Array.from(theirs, (r) => r[0]), Int32Array.from(theirs, (r) => r[1]), Float64Array.from(theirs, (r) => r[2]), theirs.length, new Float64Array(theirs.length), true);
      for (const [p, s, a] of theirs) reference.set(`${p}/${s}`, a);
      return { table, reference };
    };
    const packed = build();
    packed.table.pack(new Spare());
    const got = new Map<string, number>();
    packed.table.each((p, s, a) => got.set(`${p}/${s}`, a));
    expect(got).toEqual(packed.reference);
    const handed = build();
    const parts = handed.table.parts(true);
    const read = new Map<string, number>();
    eachPairBatch(parts, 64, (person, service, sum, count) => {
      for (let k = 0; k < count; k++) read.set(`${person[k]}/${service[k]}`, sum[k]);
    });
    expect(read).toEqual(handed.reference);
  });

  it('multiplies every sum by the scale factor', () => {
    const table = new PairSums(2);
    for (let p = 0; p < 50; p++) table.add(p, 3, p + 1);
    table.scale(100);
    const e = entriesOf(table);
    const sums = [...Array(e.length).keys()].map((k) => [e.person[k], e.amount[k]]).sort((a, b) => a[0] - b[0]);
    expect(sums).toEqual(Array.from({ length: 50 }, (_, p) => [p, (p + 1) * 100]));
  });

  it('keeps the largest persons and services apart', () => {
    // A slot holds person + 1 and the service as 32-bit words: persons up to 2^31 − 2, services up
    // to 2^31 − 1 (the tables stop far below: MAX_ENTRIES persons, MAX_SERVICES services).
    const table = new PairSums();
    table.add(2 ** 31 - 2, 2 ** 31 - 1, 5);
    table.add(2 ** 31 - 2, 0, 7);
    table.add(0, 2 ** 31 - 1, 11);
    table.add(0, 2 ** 31 - 1, 1);
    const e = entriesOf(table);
    const pairs = [...Array(e.length).keys()].map((k) => [e.person[k], e.service[k], e.amount[k]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(pairs).toEqual([
      [0, 2 ** 31 - 1, 12],
      [2 ** 31 - 2, 0, 7],
      [2 ** 31 - 2, 2 ** 31 - 1, 5],
    ]);
  });
});
