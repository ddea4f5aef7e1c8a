// Interning ids from bytes: dense indexes in order of first appearance, checked against a Map of
// strings (the independent reference) and beyond the 2^24 entries a V8 Map can hold.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBytes, IdTable as Table, keyWord } from '../../src/aggregate/idTable.js';
import { Spare } from '../../src/curve/spare.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

// Every test on each kind of table: in buffers of its own; in a WebAssembly memory, looked up in
// batches by the lookup kernel; and one that leaves the kernel for buffers of its own as it grows
// (beyond 2048 slots, 1536 keys).
const kinds = [
  ['in buffers of its own', {}],
  ['in the lookup kernel', { kernel: true }],
  ['leaving the lookup kernel as it grows', { kernel: true, kernelSlots: 2048 }],
] as const;

describe.each(kinds)('IdTable %s', (_, options) => {
  class IdTable extends Table {
    constructor(recordBytes = 16) {
      super(recordBytes, options);
    }
  }

  it('numbers keys in order of first appearance, wherever their bytes are', () => {
    const ids = new IdTable();
    const line = bytes('A1;A22;A1;x;A22');
    // A1 at 0-2, A22 at 3-6, A1 at 7-9, x at 10-11, A22 at 12-15: first appearances A1, A22, x
    expect([ids.intern(line, 0, 2), ids.intern(line, 3, 6), ids.intern(line, 7, 9), ids.intern(line, 10, 11), ids.intern(line, 12, 15)]).toEqual([0, 1, 0, 2, 1]);
    expect(ids.length).toBe(3);
    expect(Buffer.from(ids.key(1)).toString()).toBe('A22');
    expect(ids.find(bytes('x'), 0, 1)).toBe(2);
    expect(ids.find(bytes('A2'), 0, 2)).toBe(-1); // a prefix of A22 is another key
  });

  it('numbers keyless entries among the others and never finds them', () => {
    const ids = new IdTable();
    expect(ids.intern(bytes('a'), 0, 1)).toBe(0);
    expect(ids.addKeyless()).toBe(1);
    expect(ids.intern(bytes('b'), 0, 1)).toBe(2);
    expect(ids.key(1).length).toBe(0);
    expect(ids.find(bytes(''), 0, 0)).toBe(-1);
    expect([0, 1, 2].map((e) => Buffer.from(ids.key(e)).toString())).toEqual(['a', '', 'b']);
  });

  it('agrees with a Map of strings on any sequence of ids', () => {
    fc.assert(
      // Lengths around 4 and 8 bytes, where a key's head words end, and longer ones.
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'ä', '1', ' ', '€'), maxLength: 12 }), { maxLength: 3000, size: 'max' }), (keys) => {
        const ids = new IdTable();
        const reference = new Map<string, number>();
        for (const key of keys) {
          if (!reference.has(key)) reference.set(key, reference.size);
          const b = bytes(`;${key};`);
          expect(ids.intern(b, 1, b.length - 1)).toBe(reference.get(key));
        }
        expect(ids.length).toBe(reference.size);
        for (const [key, entry] of reference) expect(Buffer.from(ids.key(entry)).toString()).toBe(key);
      }),
      // 60 runs, not 200: at full size (up to 3000 keys a run) 200 took seconds.
      { numRuns: 60 },
    );
  });

  it('finds the same entries by internShort and internWords (ids of 1–8 bytes) as by intern, mixed on one table', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: fc.constantFrom('a', 'b', '1', 'ä'), minLength: 1, maxLength: 10 }), fc.constantFrom('intern', 'short', 'words')), { maxLength: 2000, size: 'max' }), (calls) => {
        const ids = new IdTable();
        const reference = new Map<string, number>();
        for (const [key, how] of calls) {
          if (!reference.has(key)) reference.set(key, reference.size);
          const b = bytes(`;${key};`);
          const n = b.length - 2;
          const entry =
            n > 8 || how === 'intern' ? ids.intern(b, 1, n + 1) : how === 'short' ? ids.internShort(b, 1, n + 1) : ids.internWords(keyWord(b, 1, n + 1), keyWord(b, 5, n + 1), n);
          expect(entry).toBe(reference.get(key));
        }
      }),
      // 100 runs, not 200: at full size (up to 2000 keys a run) 200 took seconds.
      { numRuns: 100 },
    );
  });

  it('finds by internBatch the entries intern finds one by one, in batches of any size, new keys numbered in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '1', 'ä'), minLength: 1, maxLength: 8 }).filter((key) => bytes(key).length <= 8), { maxLength: 3000, size: 'max' }),
        fc.integer({ min: 1, max: 300 }),
        (keys, size) => {
          const ids = new IdTable();
          const reference = new Map<string, number>();
          const w0 = new Int32Array(size);
          const w1 = new Int32Array(size);
          const length = new Int32Array(size);
          const out = new Int32Array(size);
          for (let from = 0; from < keys.length; from += size) {
            const batch = keys.slice(from, from + size);
            batch.forEach((key, k) => {
              const b = bytes(key);
              [w0[k], w1[k], length[k]] = [keyWord(b, 0, b.length), keyWord(b, 4, b.length), b.length];
            });
            ids.internBatch(w0, w1, length, batch.length, out);
            batch.forEach((key, k) => {
              if (!reference.has(key)) reference.set(key, reference.size);
              expect(out[k]).toBe(reference.get(key));
            });
          }
          expect(ids.length).toBe(reference.size);
        },
      ),
      // 100 runs, not 200: at full size (up to 3000 keys a run) 200 took seconds.
      { numRuns: 100 },
    );
  });

  it('tells apart two keys of the same 32-bit hash, in a batch and one by one', () => {
    // Among 2^18 eight-byte keys some two share a hash (birthday bound: about 2^16 keys make a pair
    // likely; both words vary, as for keys that differ in one word only the hash is one-to-one);
    // the slot's hash matches for both, and only the key's bytes tell them apart.
    const seen = new Map<number, number>();
    const key = (i: number) => {
      const k = Buffer.alloc(8);
      k.writeUInt32LE(i, 0);
      k.writeInt32LE(Math.imul(i, 0x9e3779b1), 4);
      return k;
    };
    let pair: [number, number] | null = null;
    for (let i = 0; i < 2 ** 18 && pair === null; i++) {
      const h = hashBytes(key(i), 0, 8);
      const other = seen.get(h);
      if (other === undefined) seen.set(h, i);
      else pair = [other, i];
    }
    if (pair === null) throw new Error('no two keys of one hash among 2^18');
    const [a, b] = pair.map(key);
    expect(hashBytes(a, 0, 8)).toBe(hashBytes(b, 0, 8));
    expect(Buffer.compare(a, b)).not.toBe(0);
    const ids = new IdTable();
    const words = (k: Buffer[]) => [Int32Array.from(k, (x) => keyWord(x, 0, 8)), Int32Array.from(k, (x) => keyWord(x, 4, 8)), Int32Array.from(k, () => 8)] as const;
    const out = new Int32Array(4);
    ids.internBatch(...words([a, b, a, b]), 4, out);
    expect([...out]).toEqual([0, 1, 0, 1]);
    ids.internBatch(...words([b, a]), 2, out);
    expect([...out.subarray(0, 2)]).toEqual([1, 0]);
    expect([ids.intern(a, 0, 8), ids.intern(b, 0, 8), ids.find(b, 0, 8)]).toEqual([0, 1, 1]);
  });

  it('keeps every key and record through many growths of its buffers, and hands them over whole', () => {
    // 100 000 keys of 1–40 bytes: records (32 bytes each, 3.2 MB) and the bytes beyond the eighth
    // (about 1.5 MB) grow past several steps. Each key's record carries its own number in word 3.
    const ids = new IdTable(32);
    const keys = Array.from({ length: 100_000 }, (_, i) => bytes(`${i}`.padEnd(1 + (i % 40), String.fromCharCode(97 + (i % 26)))));
    keys.forEach((key, i) => {
      expect(ids.intern(key, 0, key.length)).toBe(i);
      ids.words[i * 8 + 3] = i;
    });
    const copy = Table.of(32, ids.parts(false));
    const handed = Table.of(32, ids.parts(true));
    expect(ids.length).toBe(0);
    for (const table of [copy, handed]) {
      expect(table.length).toBe(keys.length);
      for (const i of [0, 1, 39, 40, 1023, 1024, 32_767, 32_768, 65_536, 99_999]) {
        expect(Buffer.from(table.key(i)).equals(keys[i])).toBe(true);
        expect(table.words[i * 8 + 3]).toBe(i);
      }
    }
    expect(keys.every((key, i) => Buffer.from(handed.key(i)).equals(key))).toBe(true);
  });

  it('keeps every record and finds every key in batches when its slots grow past their first megabyte (a kernel table moves its records)', () => {
    // 400 000 keys of 8 bytes: the slots grow to 2^19 (2 MiB), past the 1 MiB a kernel table keeps
    // for them at first (2^18 slots, 196 608 keys), so its records move up once. Each key's record
    // carries its own number in word 3; every key is then looked up again in batches of 256.
    const n = 400_000;
    const ids = new IdTable(32);
    const key = (i: number) => Buffer.from(`K${String(i).padStart(7, '0')}`);
    const batch = { w0: new Int32Array(256), w1: new Int32Array(256), length: new Int32Array(256).fill(8), out: new Int32Array(256) };
    for (let pass = 0; pass < 2; pass++) {
      for (let from = 0; from < n; from += 256) {
        for (let k = 0; k < 256; k++) {
          const b = key(from + k);
          batch.w0[k] = keyWord(b, 0, 8);
          batch.w1[k] = keyWord(b, 4, 8);
        }
        ids.internBatch(batch.w0, batch.w1, batch.length, 256, batch.out);
        for (let k = 0; k < 256; k++) {
          if (batch.out[k] !== from + k) throw new Error(`pass ${pass}: key ${from + k} got entry ${batch.out[k]}`);
          if (pass === 0) ids.words[(from + k) * 8 + 3] = from + k;
        }
      }
    }
    expect(ids.length).toBe(400_128);
    for (let i = 0; i < ids.length; i++) if (ids.words[i * 8 + 3] !== i) throw new Error(`record ${i} holds ${ids.words[i * 8 + 3]}`);
    expect(ids.find(key(123_456), 0, 8)).toBe(123_456);
    expect(ids.find(key(400_128), 0, 8)).toBe(-1);
  });

  it.each([100, 5000, 300_000])('lends its slots to a Spare when it drops them (%i keys), and every key and record stays as it was', (n) => {
    // 300 000 keys: the slots grow past their first megabyte (a kernel table's records move up).
    const ids = new IdTable(32);
    const key = (i: number) => bytes(`k${i}`.padEnd(1 + (i % 12), '#'));
    for (let i = 0; i < n; i++) {
      ids.intern(key(i), 0, key(i).length);
      ids.words[i * 8 + 3] = i;
    }
    const spare = new Spare();
    ids.dropIndex(spare);
    // Everything lent, written over: what a new array is not (its buffer holds it alone).
    let lent = 0;
    for (const size of [4000, 1]) {
      for (let a = spare.uint8(size); a.buffer.byteLength > size; a = spare.uint8(size)) {
        a.fill(0xff);
        lent += size;
      }
    }
    expect(lent).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      if (!Buffer.from(ids.key(i)).equals(key(i)) || ids.words[i * 8 + 3] !== i) throw new Error(`record ${i} changed`);
    }
  });

  it('takes keys again after clear, numbered from 0', () => {
    const ids = new IdTable(32);
    for (let i = 0; i < 2000; i++) ids.intern(bytes(`k${i}`), 0, `k${i}`.length);
    ids.clear();
    expect(ids.length).toBe(0);
    expect([ids.intern(bytes('again'), 0, 5), ids.intern(bytes('k1'), 0, 2), ids.intern(bytes('again'), 0, 5)]).toEqual([0, 1, 0]);
  });

  it('holds more than the 2^24 entries a V8 Map can', () => {
    // 2^24 + 1000 four-byte keys (the index's bytes): new Map().set fails at 2^24 entries with
    // "RangeError: Map maximum size exceeded".
    const n = 2 ** 24 + 1000;
    const ids = new IdTable();
    const key = new Uint8Array(4);
    const view = new DataView(key.buffer);
    for (let i = 0; i < n; i++) {
      view.setUint32(0, i);
      if (ids.intern(key, 0, 4) !== i) throw new Error(`key ${i} got another entry`);
    }
    expect(ids.length).toBe(n);
    for (const i of [0, 1, 2 ** 24 - 1, 2 ** 24, n - 1]) {
      view.setUint32(0, i);
      expect(ids.find(key, 0, 4)).toBe(i);
    }
    view.setUint32(0, n);
    expect(ids.find(key, 0, 4)).toBe(-1);
  });
});

describe('the lookup kernel', () => {
  it("guesses the entries and hashes of IdTable.guessBatch's JavaScript passes, key for key", () => {
    // Two tables of the same keys added in the same order have the same slots; one is looked up by
    // the kernel (lookup.wat), the other by the JavaScript loops. Batches mix keys in the table,
    // keys not in it (some of a tag that is in the probe sequence), and length 0 (the row before's).
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '1', '2'), minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 2000 }),
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '1', '2', 'c'), minLength: 0, maxLength: 8 }), { minLength: 1, maxLength: 300 }),
        (stored, asked) => {
          const kernel = new Table(32, { kernel: true });
          const plain = new Table(32);
          for (const key of stored) {
            const b = bytes(key);
            expect(kernel.intern(b, 0, b.length)).toBe(plain.intern(b, 0, b.length));
          }
          const n = asked.length;
          const w0 = Int32Array.from(asked, (key) => keyWord(bytes(key), 0, key.length));
          const w1 = Int32Array.from(asked, (key) => keyWord(bytes(key), 4, key.length));
          const length = Int32Array.from(asked, (key) => key.length);
          const [kernelOut, plainOut] = [new Int32Array(n), new Int32Array(n)];
          const kernelHashes = Array.from(kernel.guessBatch(w0, w1, length, n, kernelOut).subarray(0, n));
          const plainHashes = Array.from(plain.guessBatch(w0, w1, length, n, plainOut).subarray(0, n));
          expect(Array.from(kernelOut)).toEqual(Array.from(plainOut));
          expect(kernelHashes).toEqual(plainHashes);
          // And the hashes are hashBytes' (the same function in both).
          expect(kernelHashes).toEqual(asked.map((key) => hashBytes(bytes(key), 0, key.length) | 0));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('hashBytes', () => {
  it('depends on the bytes only, not on where they are', () => {
    const line = bytes('A1234567;x;A1234567;Ä-id-longer-than-8;Ä-id-longer-than-8');
    expect(hashBytes(line, 0, 8)).toBe(hashBytes(line, 11, 19));
    expect(hashBytes(line, 20, 39)).toBe(hashBytes(line, 40, 59));
    expect(hashBytes(line, 0, 8)).not.toBe(hashBytes(line, 0, 7)); // a prefix
  });

  it('spreads sequential ids over the low bits like random numbers', () => {
    // 300 000 ids A1000000… into 2^19 slots by their low bits: random hashes hit
    // 2^19 · (1 − e^(−300000/2^19)) ≈ 228 000 distinct slots (balls into bins).
    const slots = new Set<number>();
    for (let i = 0; i < 300_000; i++) {
      const id = bytes(`A${1_000_000 + i}`);
      slots.add(hashBytes(id, 0, id.length) & (2 ** 19 - 1));
    }
    const expected = 2 ** 19 * (1 - Math.exp(-300_000 / 2 ** 19));
    expect(Math.abs(slots.size - expected)).toBeLessThan(0.01 * expected);
  });
});
