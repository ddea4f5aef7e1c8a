// Interning ids from bytes: dense indexes in order of first appearance, checked against a Map of
// strings (the independent reference) and beyond the 2^24 entries a V8 Map can hold.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBytes, IdTable } from '../../src/aggregate/idTable.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('IdTable', () => {
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
    const { bytes: all, starts } = ids.keyBytes();
    expect([...starts]).toEqual([0, 1, 1, 2]);
    expect(Buffer.from(all).toString()).toBe('ab');
  });

  it('agrees with a Map of strings on any sequence of ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'ä', '1', ' ', '€'), maxLength: 6 }), { maxLength: 3000 }), (keys) => {
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
      { numRuns: 200 },
    );
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

describe('hashBytes', () => {
  it('is FNV-1a with the Murmur3 finaliser', () => {
    // FNV-1a of "a" is 0xe40c292c (the published test vector); the finaliser by hand:
    let h = 0xe40c292c;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    expect(hashBytes(bytes('xa'), 1, 2)).toBe(h >>> 0);
  });
});
