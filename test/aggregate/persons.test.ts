import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersonTable } from '../../src/aggregate/persons.js';

const here = { file: 'x.csv', line: 2 };

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
    expect(t.serviceAmounts().amount[0]).toBe(106234);
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
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), ([rows, shuffled]) => {
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
    const ids = [...Array(t.length)].map(() => '∅');
    for (const id of ['a', 'b', 'ä', 'A1', 'a b', 'Asiakas-0001', 'Asiakas-0002', ...Array.from({ length: 1000 }, (_, n) => `P${n}`)]) if (t.has(id)) ids[t.person(id)] = id;
    const s = t.serviceAmounts();
    const out = new Map<string, number>();
    for (let k = 0; k < s.length; k++) {
      const key = `${ids[s.person[k]]}/${s.names[s.service[k]]}`;
      out.set(key, (out.get(key) ?? 0) + s.amount[k] / 10 ** t.scale);
    }
    return out;
  }

  it('gives every (person, service) amount, first services included, adding up to the totals', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
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
        const s = t.serviceAmounts();
        const perPerson = new Float64Array(t.length);
        for (let k = 0; k < s.length; k++) perPerson[s.person[k]] += s.amount[k];
        expect([...perPerson]).toEqual([...t.totals.subarray(0, t.length)]);
      }),
    );
  });

  it('merging tables built from parts of the rows gives the table built from all of them', () => {
    fc.assert(
      // Up to 600 rows in the second part: batches of 256 ids and their ends.
      // With consume, the second table hands over its own buffers (as a worker thread does).
      fc.property(fc.array(row, { maxLength: 60 }), fc.array(row, { maxLength: 600 }), fc.boolean(), (first, second, consume) => {
        const whole = new PersonTable();
        for (const r of [...first, ...second]) add(whole, r);
        const a = new PersonTable();
        const b = new PersonTable();
        for (const r of first) add(a, r);
        for (const r of second) add(b, r);
        a.merge(b.parts(consume), here);
        if (consume) expect(() => b.person('a')).toThrow(/sealed/);
        expect(a.length).toBe(whole.length);
        expect(a.scale).toBe(whole.scale);
        // Persons numbered alike: the first part's in its order, then the second's new ones in theirs.
        expect([...a.idList()]).toEqual([...whole.idList()]);
        expect([...a.totals.subarray(0, a.length)]).toEqual([...whole.totals.subarray(0, whole.length)]);
        expect(byIdAndService(a)).toEqual(byIdAndService(whole));
      }),
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
