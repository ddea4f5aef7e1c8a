import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Spare } from '../../src/curve/spare.js';

describe('Spare: zeroed arrays from memory lent to it', () => {
  it('gives the example of its documentation', () => {
    const memory = new ArrayBuffer(64);
    const spare = new Spare([{ buffer: memory, byteOffset: 0, byteLength: 64 }]);
    const first = spare.float64(4);
    expect(first.buffer).toBe(memory);
    expect(first.byteOffset).toBe(0);
    expect(spare.bytes).toBe(32);
    // 32 bytes are left, and 8 doubles take 64: a new array.
    const second = spare.float64(8);
    expect(second.buffer).not.toBe(memory);
    expect(second.length).toBe(8);
  });

  it('hands out zeroed arrays of the lengths asked for, aligned, none overlapping, within the regions; new ones when none has room', () => {
    const request = fc.tuple(fc.constantFrom('float64', 'uint32', 'uint8'), fc.nat(40));
    const region = fc.tuple(fc.nat(24), fc.nat(200));
    fc.assert(
      fc.property(fc.array(region, { maxLength: 3 }), fc.array(request, { maxLength: 30 }), (regions, requests) => {
        // Regions of buffers full of other bytes (a table's old records).
        const lent = regions.map(([byteOffset, byteLength]) => {
          const buffer = new ArrayBuffer(byteOffset + byteLength);
          new Uint8Array(buffer).fill(0xff);
          return { buffer, byteOffset, byteLength };
        });
        const spare = new Spare(lent);
        const taken: { buffer: ArrayBufferLike; from: number; to: number }[] = [];
        for (const [kind, length] of requests) {
          const array = kind === 'float64' ? spare.float64(length) : kind === 'uint32' ? spare.uint32(length) : spare.uint8(length);
          expect(array.length).toBe(length);
          expect([...array].every((x) => x === 0)).toBe(true);
          expect(array.byteOffset % array.BYTES_PER_ELEMENT).toBe(0);
          const home = lent.find((r) => r.buffer === array.buffer);
          if (home === undefined) continue;
          const from = array.byteOffset;
          const to = from + array.byteLength;
          expect(from).toBeGreaterThanOrEqual(home.byteOffset);
          expect(to).toBeLessThanOrEqual(home.byteOffset + home.byteLength);
          for (const t of taken) if (t.buffer === array.buffer && length > 0) expect(to <= t.from || from >= t.to).toBe(true);
          taken.push({ buffer: array.buffer, from, to });
          // Marked, for a later array over it to show (it must be zeroed again).
          array.fill(kind === 'uint8' ? 7 : 7e6);
        }
      }),
    );
  });

  it('frees what is left of a resizable buffer when an array fits in no region (its memory would be new)', () => {
    const Resizable = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void };
    const resizable = new Resizable(1024, { maxByteLength: 1024 });
    const plain = new ArrayBuffer(64);
    const spare = new Spare([
      { buffer: resizable, byteOffset: 0, byteLength: 1024 },
      { buffer: plain, byteOffset: 0, byteLength: 64 },
    ]);
    const first = spare.float64(10); // 80 bytes of the resizable buffer
    first.fill(1);
    expect(spare.uint8(2000).buffer.byteLength).toBe(2000); // new
    // Cut back to the 80 bytes lent; the array in them stays as it was. The plain buffer stays lent.
    expect(resizable.byteLength).toBe(80);
    expect([...first]).toEqual(Array(10).fill(1));
    expect(spare.bytes).toBe(64);
    expect(spare.uint8(100).buffer.byteLength).toBe(100); // new: 64 bytes left
    expect(spare.uint8(64).buffer).toBe(plain);
  });

  it('lends only what is left of a resizable buffer cut back after it was lent', () => {
    const memory = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void })(1024, { maxByteLength: 1024 });
    const spare = new Spare([{ buffer: memory, byteOffset: 0, byteLength: 1024 }]);
    memory.resize(100);
    expect(spare.bytes).toBe(100);
    // 12 doubles (96 bytes) and a 32-bit word fit in what is left; a double more does not.
    expect(spare.float64(12).buffer).toBe(memory);
    expect(spare.uint32(1).buffer).toBe(memory);
    expect(spare.float64(1).buffer).not.toBe(memory);
  });
});
