import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyWord } from '../../src/aggregate/idTable.js';
import { PersonTable } from '../../src/aggregate/persons.js';
import type { Spare } from '../../src/curve/spare.js';
import { entries } from './serviceEntries.js';


const here = { file: 'x.csv', line: 2 };

/** Takes everything a Spare still lends (what a new array is not: its buffer holds it alone) and writes it over. */
function spoilSpare(spare: Spare): void {
  for (const size of [4000, 1]) for (let a = spare.uint8(size); a.buffer.byteLength > size; a = spare.uint8(size)) a.fill(0xff);
}

/**
 * `addRowsOfIds` for rows of the persons whose ids are p0 … p9 (2 bytes: 'p' and a digit), given
 * by their digit: a batch as CostRows makes one (a row of the same id as the row before has
 * length 0, and is not looked up).
 */
function addRowsOfPersons(t: PersonTable, person: Int32Array, service: Int32Array, units: Float64Array, scale: Int32Array, line: Float64Array, n: number, where: { file: string; line: number }): void {
  const length = Int32Array.from(person, (p, k) => (k > 0 && person[k - 1] === p ? 0 : 2));
  const rows = { w0: person.map((p) => 0x70 | ((0x30 + p) << 8)), w1: new Int32Array(n), length, service, units, scale, line, person: new Int32Array(n) };
  t.addRowsOfIds(rows, n, where);
}

/** A row of an id's bytes, for `addBatchAsOneByOne`. */
interface IdRow {
  id: Buffer;
  service: number;
  units: number;
  scale: number;
}

/**
 * Adds `part` (rows from line `from + 2` on) to `table` as a batch, as CostRows makes one (a row
 * of the same id as the row before has length 0), and row by row to `reference` (addUnits after
 * personOf): each row's person must be the same in both.
 */
function addBatchAsOneByOne(table: PersonTable, reference: PersonTable, part: IdRow[], from: number, where: { file: string; line: number }): void {
  const batch = {
    w0: Int32Array.from(part, (r) => keyWord(r.id, 0, r.id.length)),
    w1: Int32Array.from(part, (r) => keyWord(r.id, 4, r.id.length)),
    length: Int32Array.from(part, (r, k) => (k > 0 && r.id.equals(part[k - 1].id) ? 0 : r.id.length)),
    service: Int32Array.from(part, (r) => r.service),
    units: Float64Array.from(part, (r) => r.units),
    scale: Int32Array.from(part, (r) => r.scale),
    line: Float64Array.from(part, (_, k) => from + k + 2),
    person: new Int32Array(part.length),
  };
  table.addRowsOfIds(batch, part.length, where);
  part.forEach((r, k) => expect(batch.person[k]).toBe(reference.personOf(r.id, 0, r.id.length)));
  part.forEach((r, k) => reference.addUnits(batch.person[k], r.service, r.units, r.scale, where));
}

/** Every (person, service, amount) of a table, as sorted strings. */
function amountsOf(t: PersonTable): string[] {
  const e = entries(t.serviceAmounts());
  return [...Array(e.length).keys()].map((k) => `${e.person[k]}/${e.service[k]}/${e.amount[k]}`).sort();
}

describe('PersonTable: exact per-person sums in integer money units', () => {
  it('sums a person across rows and services', () => {
    const t = new PersonTable();
    t.addCost(t.person('a'), 'Kotihoito', { units: 1050, scale: 2 }, here); // 10,50
    t.addCost(t.person('b'), 'Kotihoito', { units: 3, scale: 0 }, here); // 3 → 300 cents
    t.addCost(t.person('a'), 'Päivystys', { units: -25, scale: 1 }, here); // −2,5 → −250 cents
    expect(t.length).toBe(2);
    expect([...t.totals.subarray(0, 2)]).toEqual([800, 300]);
    expect(t.serviceNames).toEqual(['Kotihoito', 'Päivystys']);
  });

  it('moves to a finer unit when an amount has more decimals, exactly', () => {
    const t = new PersonTable();
    t.addCost(t.person('a'), 's', { units: 1050, scale: 2 }, here); // 10.50
    t.addCost(t.person('a'), 's', { units: 1234, scale: 4 }, here); // 0.1234
    expect(t.scale).toBe(4);
    expect(t.totals[0]).toBe(106234); // 10.6234 in 1/10 000 €
    expect(entries(t.serviceAmounts()).amount[0]).toBe(106234);
  });

  it('sums 0.1 ten times to exactly 1 (floating point would give 0.9999999999999999)', () => {
    const t = new PersonTable();
    for (let i = 0; i < 10; i++) t.addCost(t.person('a'), 's', { units: 1, scale: 1 }, here);
    expect(t.totals[0] / 10 ** t.scale).toBe(1);
  });

  it('refuses sums beyond 2^53 units instead of rounding them', () => {
    const t = new PersonTable();
    t.addCost(t.person('a'), 's', { units: 2 ** 52, scale: 2 }, here); // 2^52 cents: still exact
    // 2^52 + 2^52 = 2^53 cents is past Number.MAX_SAFE_INTEGER (2^53 − 1)
    expect(() => t.addCost(t.person('a'), 's', { units: 2 ** 52, scale: 2 }, here)).toThrow(/too large to add up exactly/);
  });

  it('gives the same totals whatever the order of rows and scales', () => {
    const row = fc.record({ id: fc.constantFrom('a', 'b', 'c'), units: fc.integer({ min: -10_000, max: 10_000 }), scale: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30, size: 'max' }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), ([rows, shuffled]) => {
        const totals = (order: typeof rows) => {
          const t = new PersonTable();
          for (const r of order) t.addCost(t.person(r.id), 's', { units: r.units, scale: r.scale }, here);
          return Object.fromEntries(['a', 'b', 'c'].filter((id) => t.has(id)).map((id) => [id, t.totals[t.person(id)] / 10 ** t.scale]));
        };
        expect(totals(shuffled)).toEqual(totals(rows));
      }),
    );
  });
});

describe('PersonTable: ids as bytes, service amounts, and merging tables', () => {
  const row = fc.record({
    // Ids of 1–8 bytes and longer ones (merge looks those up apart), and none.
    id: fc.oneof(fc.constantFrom('a', 'b', 'ä', 'A1', '', 'a b', 'Asiakas-0001', 'Asiakas-0002'), fc.integer({ min: 0, max: 999 }).map((n) => `P${n}`)),
    // Up to six services a person: the third and later are kept apart (PairSums), fewer or more of
    // them than persons (amountsByService's two ways of subtracting them from the first).
    service: fc.constantFrom('Kotihoito', 'Päivystys', 'Lab', 'Suun th', 'Kuvantaminen', 'Fysioterapia'),
    units: fc.integer({ min: -10_000, max: 10_000 }),
    scale: fc.integer({ min: 0, max: 3 }),
  });
  type Row = { id: string; service: string; units: number; scale: number };

  /** An empty id stands for a person without one (each such row its own person). */
  function add(t: PersonTable, r: Row): void {
    t.addCost(r.id === '' ? t.anonymous() : t.person(r.id), r.service, { units: r.units, scale: r.scale }, here);
  }

  /** Sums per "id/service" in euros, persons without an id pooled under "∅": the reference by Map. */
  function byIdAndService(t: PersonTable): Map<string, number> {
    return new Map([...unitsByIdAndService(t)].map(([key, units]) => [key, units / 10 ** t.scale]));
  }

  /** `byIdAndService` in the table's money units: exact integer sums, whatever order persons are in. */
  function unitsByIdAndService(t: PersonTable): Map<string, number> {
    const ids = [...Array(t.length)].map(() => '∅');
    for (const id of ['a', 'b', 'ä', 'A1', 'a b', 'Asiakas-0001', 'Asiakas-0002', ...Array.from({ length: 1000 }, (_, n) => `P${n}`)]) if (t.has(id)) ids[t.person(id)] = id;
    const s = entries(t.serviceAmounts());
    const out = new Map<string, number>();
    for (let k = 0; k < s.length; k++) {
      const key = `${ids[s.person[k]]}/${s.names[s.service[k]]}`;
      out.set(key, (out.get(key) ?? 0) + s.amount[k]);
    }
    return out;
  }

  it('gives every (person, service) amount, first services included, adding up to the totals', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60, size: 'max' }), (rows) => {
        const t = new PersonTable();
        for (const r of rows) add(t, r);
        const reference = new Map<string, number>();
        for (const r of rows) {
          const key = `${r.id === '' ? '∅' : r.id}/${r.service}`;
          reference.set(key, (reference.get(key) ?? 0) + r.units / 10 ** r.scale);
        }
        const got = byIdAndService(t);
        expect([...got.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [key, value] of reference) expect(got.get(key)).toBeCloseTo(value, 9);
        const s = entries(t.serviceAmounts());
        const perPerson = new Float64Array(t.length);
        for (let k = 0; k < s.length; k++) perPerson[s.person[k]] += s.amount[k];
        expect([...perPerson]).toEqual([...t.totals.subarray(0, t.length)]);
      }),
    );
  });

  it('merging tables built from parts of the rows gives the table built from all of them', () => {
    const rows = (most: number) => fc.array(row, { maxLength: most, size: 'max' });
    fc.assert(
      // Up to 600 rows in the second part: batches of 256 ids and their ends. A third part merged
      // after it, and rows added after the merges, find the pairs the merges added (kept apart
      // by PairSums until then). With consume, the second table hands over its own buffers (as a
      // worker thread does).
      fc.property(rows(60), rows(600), rows(60), rows(30), fc.boolean(), (first, second, third, after, consume) => {
        const whole = new PersonTable();
        for (const r of [...first, ...second, ...third, ...after]) add(whole, r);
        const a = new PersonTable();
        const b = new PersonTable();
        const c = new PersonTable();
        for (const r of first) add(a, r);
        for (const r of second) add(b, r);
        for (const r of third) add(c, r);
        const before = [...a.idList()];
        a.merge(b.parts(consume), here);
        a.merge(c.parts(consume), here);
        for (const r of after) add(a, r);
        if (consume) expect(() => b.person('a')).toThrow(/sealed/);
        expect(a.length).toBe(whole.length);
        expect(a.scale).toBe(whole.scale);
        // The first part's persons keep their numbers; the second's new ones come after, in an
        // order of merge's own (batches of 256 persons, the last first): the same ids in all.
        const ids = [...a.idList()];
        expect(ids.slice(0, before.length)).toEqual(before);
        expect([...ids].sort()).toEqual([...whole.idList()].sort());
        const totalOf = (t: PersonTable) => new Map([...t.idList()].map((id) => [id, t.totals[t.person(id)]]));
        expect(totalOf(a)).toEqual(totalOf(whole));
        expect([...a.totals.subarray(0, a.length)].sort((x, y) => x - y)).toEqual([...whole.totals.subarray(0, whole.length)].sort((x, y) => x - y));
        expect(unitsByIdAndService(a)).toEqual(unitsByIdAndService(whole));
        // Each (person, service) once: the service breakdown counts its users by them.
        const s = entries(a.serviceAmounts());
        expect(new Set(Array.from(s.person, (p, k) => `${p}/${s.service[k]}`)).size).toBe(s.length);
        // Sealed, with everything its spare still lends written over (the merged tables' memory,
        // its own slots): the totals, flags and amounts stay those of the whole.
        const units = unitsByIdAndService(a);
        const totals = totalOf(a);
        const index = new Map(ids.map((id) => [id, a.person(id)]));
        const hasRows = Array.from(a.hasRows.subarray(0, a.length));
        a.seal();
        spoilSpare(a.spare);
        expect(new Map(ids.map((id) => [id, a.totals[index.get(id)!]]))).toEqual(totals);
        expect(Array.from(a.hasRows.subarray(0, a.length))).toEqual(hasRows);
        const idOf = new Map([...index].map(([id, i]) => [i, id]));
        const sealed = entries(a.serviceAmounts());
        const got = new Map<string, number>();
        for (let k = 0; k < sealed.length; k++) {
          const key = `${idOf.get(sealed.person[k]) ?? '∅'}/${sealed.names[sealed.service[k]]}`;
          got.set(key, (got.get(key) ?? 0) + sealed.amount[k]);
        }
        expect(got).toEqual(units);
      }),
    );
  });

  it('keeps of the tables it merges only the memory its figures take (65 bytes a person), however many it merges', () => {
    // Eight threads' tables of 500 persons, each handing over a memory of over a megabyte (its
    // slots' first room): lent while the spare holds less than 65 bytes a person, freed after.
    const a = new PersonTable();
    for (let t = 0; t < 8; t++) {
      const thread = new PersonTable();
      for (let p = 0; p < 500; p++) thread.addCost(thread.person(`t${t}p${p}`), 's', { units: p, scale: 2 }, here);
      a.merge(thread.parts(true), here);
    }
    expect(a.length).toBe(4000);
    expect(a.spare.bytes).toBeGreaterThan(0);
    // At most the budget (260 kB) and one memory more: not the eight memories (over 8 MB).
    expect(a.spare.bytes).toBeLessThan(65 * 4000 + 2 * 1024 * 1024);
  });

  it('hands nothing over once sealed (its records hold less than its sums, and its spare may hold their memory)', () => {
    const t = new PersonTable();
    for (const service of ['s1', 's2', 's3']) t.addCost(t.person('a'), service, { units: 100, scale: 2 }, here);
    t.seal();
    expect(() => t.parts()).toThrow(/sealed/);
    expect(() => t.parts(true)).toThrow(/sealed/);
    expect(t.totals[0]).toBe(300);
  });

  it("a first service's sum beyond the exact range, worked out from the total: named by the files, in one table and in a merge", () => {
    // a: s0 +2^52, s1 −2^52, s0 +2^52 cents. Every running total (2^52, 0, 2^52) and s1's sum are
    // exact, but s0's is 2^53, one past Number.MAX_SAFE_INTEGER: it is known only as the total less
    // s1's, so the error names the files (`seal`'s, or the merge's), not a line.
    const big = 2 ** 52;
    const fill = (t: PersonTable) => {
      for (const [service, units] of [['s0', big], ['s1', -big], ['s0', big]] as const) t.addCost(t.person('a'), service, { units, scale: 2 }, here);
    };
    const t = new PersonTable();
    fill(t);
    expect(t.totals[0]).toBe(big);
    t.seal({ file: 'x.csv, y.csv' });
    expect(() => entries(t.serviceAmounts())).toThrow(expect.objectContaining({ code: 'CC_DATA_AMOUNT_RANGE', location: { file: 'x.csv, y.csv' } }));
    const thread = new PersonTable();
    fill(thread);
    expect(() => new PersonTable().merge(thread.parts(true), { file: 'z.csv' })).toThrow(expect.objectContaining({ code: 'CC_DATA_AMOUNT_RANGE', location: { file: 'z.csv' } }));
    // One unit less of s0 (2^53 − 1, the largest exact): no error, and s0's amount is that.
    const u = new PersonTable();
    fill(u);
    u.addCost(0, 's0', { units: -1, scale: 2 }, here);
    const s = entries(u.seal({ file: 'x.csv' }).serviceAmounts());
    expect(s.amount[s.service.indexOf(0)]).toBe(2 ** 53 - 1);
  });

  it('refuses to merge into a sealed table, and its sums stay as they were', () => {
    // One person, three services of 1,00 each: total 300 cents, the third service in the pairs.
    const t = new PersonTable();
    for (const service of ['s1', 's2', 's3']) t.addCost(t.person('a'), service, { units: 100, scale: 2 }, here);
    t.seal();
    const other = new PersonTable();
    const nobody = other.parts(true);
    const someone = new PersonTable();
    someone.addCost(someone.person('b'), 's1', { units: 5, scale: 2 }, here);
    for (const parts of [nobody, someone.parts(true)]) {
      expect(() => t.merge(parts, here)).toThrow(/sealed/);
      expect(t.totals[0]).toBe(300);
      expect(entries(t.serviceAmounts()).amount.reduce((a, b) => a + b, 0)).toBe(300);
    }
  });

  it('finds a list of ids (personsOfIds) as person does one by one: the same persons, numbered alike', () => {
    // Over 256 ids (batches), with repeats, ids of 1–8 bytes, longer ones, and bytes beyond ASCII.
    const id = fc.oneof(fc.stringMatching(/^[A-D][0-9]{0,4}$/), fc.constantFrom('ä', 'äää', 'ääää', 'A1234567', 'A12345678', 'PSEUDO-FI-00A8013468', '€€€'));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 700 }), fc.array(id, { maxLength: 20 }), (ids, before) => {
        const batch = new PersonTable();
        const single = new PersonTable();
        for (const x of before) {
          batch.person(x);
          single.person(x);
        }
        expect([...batch.personsOfIds(ids)]).toEqual(ids.map((x) => single.person(x)));
        expect([...batch.idList()]).toEqual([...single.idList()]);
        expect(batch.inRoster.length).toBeGreaterThanOrEqual(batch.length);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a batch of ids (personsOfWords) as personOf does, each new person ready for its roster flag', () => {
    // 3 000 ids (more than the 1 024 roster flags a table starts with), each twice, in batches of 256.
    const t = new PersonTable();
    const ids = Array.from({ length: 6000 }, (_, i) => `P${i % 3000}`);
    const out = new Int32Array(256);
    for (let from = 0; from < ids.length; from += 256) {
      const batch = ids.slice(from, from + 256).map((id) => Buffer.from(id));
      const word = (b: Buffer, i: number) => b.subarray(i, i + 4).reduce((w, byte, k) => w | (byte << (8 * k)), 0);
      t.personsOfWords(Int32Array.from(batch, (b) => word(b, 0)), Int32Array.from(batch, (b) => word(b, 4)), Int32Array.from(batch, (b) => b.length), batch.length, out);
      batch.forEach((b, k) => expect(out[k]).toBe(Number(b.toString().slice(1)))); // P0 is person 0, P1 person 1, …
    }
    expect(t.person('P2999')).toBe(2999);
    t.inRoster[2999] = 1;
    expect(t.inRoster[2999]).toBe(1);
  });

  it('adds a batch of rows (addRowsOfIds) as addUnits one by one: the same sums, or the same first failing row', () => {
    // Amounts up to 2^51 units so that sums pass 2^53 now and then, at scales 0–3 (a finer one
    // moves every sum, amounts waiting for the pairs too); six services a person, so that most
    // rows go beyond a person's second service (PairSums.addBatch); three persons known before,
    // three new as they come (numbered in order of first appearance either way), and runs of one
    // person's rows.
    const batchRow = fc.record({
      person: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(1)),
      service: fc.integer({ min: 0, max: 5 }),
      units: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(2 ** 51, -(2 ** 51), 2 ** 50 + 3)),
      scale: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(batchRow, { minLength: 1, maxLength: 120, size: 'max' }), fc.integer({ min: 1, max: 64 }), (rows, size) => {
        const setUp = () => {
          const t = new PersonTable();
          for (let p = 0; p < 3; p++) t.person(`p${p}`);
          for (let s = 0; s < 6; s++) t.serviceOf(`s${s}`);
          return t;
        };
        const outcome = (t: PersonTable, add: () => void) => {
          try {
            add();
          } catch (error) {
            return { error: (error as { location?: unknown }).location };
          }
          const s = entries(t.serviceAmounts());
          const amounts = [...Array(s.length).keys()].map((k) => `${s.person[k]}/${s.service[k]}/${s.amount[k]}`).sort();
          return { totals: [...t.totals], scale: t.scale, amounts };
        };
        const one = setUp();
        const expected = outcome(one, () => rows.forEach((r, i) => one.addUnits(one.person(`p${r.person}`), r.service, r.units, r.scale, { file: 'x.csv', line: i + 2 })));
        const batched = setUp();
        const got = outcome(batched, () => {
          const where = { file: 'x.csv', line: 0 };
          for (let from = 0; from < rows.length; from += size) {
            const part = rows.slice(from, from + size);
            const line = Float64Array.from(part, (_, k) => from + k + 2);
            addRowsOfPersons(batched, Int32Array.from(part, (r) => r.person), Int32Array.from(part, (r) => r.service), Float64Array.from(part, (r) => r.units), Int32Array.from(part, (r) => r.scale), line, part.length, where);
          }
        });
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('addRowsOfIds: amounts waiting for the pairs move to a finer unit with the rest, and an earlier row fails first', () => {
    const rowsOf = (rows: [number, number, number, number][]) =>
      [Int32Array.from(rows, (r) => r[0]), Int32Array.from(rows, (r) => r[1]), Float64Array.from(rows, (r) => r[2]), Int32Array.from(rows, (r) => r[3]), Float64Array.from(rows, (_, k) => k + 2), rows.length] as const;
    // p0: 1,00 € to s0, 2,00 € to s1, 3,00 € to s2 (a third service: it waits), then 0,05 € to s0
    // at 2 decimals: by hand, s0 100 + 5 = 105, s1 200, s2 300 cents, total 605.
    const t = new PersonTable();
    t.person('p0');
    ['s0', 's1', 's2'].forEach((name) => t.serviceOf(name));
    addRowsOfPersons(t, ...rowsOf([[0, 0, 1, 0], [0, 1, 2, 0], [0, 2, 3, 0], [0, 0, 5, 2]]), { file: 'x.csv', line: 0 });
    const s = entries(t.serviceAmounts());
    expect(t.scale).toBe(2);
    expect([...t.totals]).toEqual([605]);
    expect([...Array(s.length).keys()].map((k) => `${s.service[k]}:${s.amount[k]}`).sort()).toEqual(['0:105', '1:200', '2:300']);

    // p0's third service passes 2^53 on line 9 (−3 · 2^51 in s0 keeps its total in range); p1's
    // total passes it on line 13, later in the same batch: line 9 is the error. Amounts in cents
    // (scale 2, the table's own), so that none is multiplied.
    const u = new PersonTable();
    u.person('p0');
    u.person('p1');
    ['s0', 's1', 's2'].forEach((name) => u.serviceOf(name));
    const big = 2 ** 51;
    const rows: [number, number, number, number][] = [[0, 0, -big, 2], [0, 0, -big, 2], [0, 0, -big, 2], [0, 1, 1, 2], [0, 2, big, 2], [0, 2, big, 2], [0, 2, big, 2], [0, 2, big, 2], [1, 0, big, 2], [1, 0, big, 2], [1, 0, big, 2], [1, 0, big, 2]];
    expect(() => addRowsOfPersons(u, ...rowsOf(rows), { file: 'x.csv', line: 0 })).toThrow(expect.objectContaining({ code: 'CC_DATA_AMOUNT_RANGE', location: { file: 'x.csv', line: 9 } }));

    // p0's second service passes 2^53 while its total does not: −2^51 three times to s0 (lines
    // 2–4), then 2^51 to s1 (lines 5–8): on line 8 s1's sum is 4 · 2^51 = 2^53 > 2^53 − 1, and the
    // total 2^51.
    const v = new PersonTable();
    v.person('p0');
    ['s0', 's1'].forEach((name) => v.serviceOf(name));
    const second: [number, number, number, number][] = [[0, 0, -big, 2], [0, 0, -big, 2], [0, 0, -big, 2], [0, 1, big, 2], [0, 1, big, 2], [0, 1, big, 2], [0, 1, big, 2]];
    expect(() => addRowsOfPersons(v, ...rowsOf(second), { file: 'x.csv', line: 0 })).toThrow(expect.objectContaining({ code: 'CC_DATA_AMOUNT_RANGE', location: { file: 'x.csv', line: 8 } }));
  });

  it('adds batches of rows (addRowsOfIds) as addUnits one by one when the table leaves the lookup kernel in the middle of a batch', () => {
    // A table that leaves the kernel beyond 2048 slots (1536 persons), as a reading thread's does
    // beyond 2^20: 4000 persons' rows, 3 services each and runs of one person, in batches of 256.
    // Persons are numbered in order of first appearance either way; the reference adds one by one.
    const table = new PersonTable({ kernelSlots: 2048 });
    const reference = new PersonTable();
    for (const t of [table, reference]) for (let s = 0; s < 3; s++) t.serviceOf(`s${s}`);
    const n = 12_000;
    const id = (i: number) => Buffer.from(`q${(i * 7919) % 4000}`);
    const rows = Array.from({ length: n }, (_, i) => ({ id: id(Math.floor(i / (1 + (i % 3)))), service: i % 3, units: (i % 1000) - 300, scale: i % 5 === 0 ? 1 : 2 }));
    const where = { file: 'x.csv', line: 0 };
    for (let from = 0; from < n; from += 256) addBatchAsOneByOne(table, reference, rows.slice(from, from + 256), from, where);
    expect(table.length).toBe(4000);
    expect([...table.totals]).toEqual([...reference.totals]);
    expect(amountsOf(table)).toEqual(amountsOf(reference));
  });

  it('interns new persons in the lookup kernel as one by one: across the slots growing, the records growing, ids beyond 8 bytes and persons without an id', () => {
    // 30 000 rows of 12 000 ids of 1–8 bytes in batches of 256: the kernel interns each new id
    // until the slots must grow (every 3/4 of 1 024, 2 048, … slots) or the records (a megabyte at
    // a time), and the table then does. Persons without an id come in between, and after a third
    // of the rows an id of 12 bytes, then another: from then on the table interns every new id
    // itself (an id beyond 8 bytes keeps its bytes there). Three services (a person's third waits
    // for the pairs), and amounts with a third decimal from the middle on (every sum moves to a finer
    // unit). The reference adds row by row; each row's person, the totals, the service amounts and
    // every id's person after must be the same.
    const table = new PersonTable();
    const reference = new PersonTable();
    for (const t of [table, reference]) for (let s = 0; s < 3; s++) t.serviceOf(`s${s}`);
    const n = 30_000;
    const id = (i: number) => {
      const v = (i * 7919) % 12_000;
      return Buffer.from(`${v}`.padStart(1 + (v % 8), 'x'));
    };
    const rows = Array.from({ length: n }, (_, i) => ({ id: id(i), service: i % 3, units: (i % 1000) - 300, scale: i < 15_000 ? 2 : 3 }));
    const where = { file: 'x.csv', line: 0 };
    const longIds = ['long-id-0001', 'long-id-0002'];
    for (let from = 0; from < n; from += 256) {
      if (from === 10_240 || from === 20_480) for (const t of [table, reference]) t.person(longIds[from === 10_240 ? 0 : 1]);
      if (from % 2560 === 0) expect(table.anonymous()).toBe(reference.anonymous());
      addBatchAsOneByOne(table, reference, rows.slice(from, from + 256), from, where);
    }
    expect(table.length).toBe(reference.length);
    expect(table.scale).toBe(3);
    expect([...table.totals]).toEqual([...reference.totals]);
    expect(amountsOf(table)).toEqual(amountsOf(reference));
    for (let i = 0; i < 12_000; i++) expect(table.personIfAny(id(i).toString())).toBe(reference.personIfAny(id(i).toString()));
    for (const long of longIds) expect(table.personIfAny(long)).toBe(reference.personIfAny(long));
    expect(table.personIfAny('nobody')).toBe(-1);
  });

  it('reads ids as UTF-8 bytes: a string id and its bytes are one person', () => {
    const t = new PersonTable();
    const p = t.person('Äijä-7');
    const line = Buffer.from(';Äijä-7;', 'utf8');
    expect(t.personOf(line, 1, line.length - 1)).toBe(p);
    expect([...t.idList()]).toEqual(['Äijä-7']);
  });

  it('lists the ids of a given byte length, and counts the persons with an id', () => {
    const t = new PersonTable();
    for (const id of ['131052-308T', 'A1', 'Äijä-1234', '010101A0012']) t.person(id); // 'Äijä-1234': 11 bytes in UTF-8
    t.anonymous();
    expect([...t.idList(11)]).toEqual(['131052-308T', 'Äijä-1234', '010101A0012']);
    expect([...t.idList()]).toHaveLength(4);
    expect(t.idCount()).toBe(4); // 5 persons, one without an id
  });
});
