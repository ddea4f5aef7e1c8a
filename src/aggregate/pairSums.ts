// Exact sums per (person, service) pair: an open-addressing hash table whose slots hold the key and
// the sum side by side, so that adding to a pair reads one cache line. Most residents use a few of
// many services, so a dense persons × services matrix would not fit.

import { ResizableArrayBuffer, release } from './idTable.js';

/**
 * Services a PairSums tells apart (2^21 − 1): the bits a person's record keeps its first service
 * in (persons.ts), and a bound on what is a service column at all.
 */
export const MAX_SERVICES = 2 ** 21 - 1;

/**
 * Pairs per slot, at most: 3/4, as the id table (linear probing: about 2.5 probes to find a pair
 * at the most). At 1/2 the table took 64 bytes a pair right after it grew: at 300 k persons and
 * half a million pairs, the largest of the tables a row reads at random.
 */
const MAX_LOAD = 0.75;

/**
 * Sums of integer money units keyed by (person, service), person < 2^31 − 1, service < 2^31.
 * Slot i is 16 bytes: the person + 1 (0: empty) and the service as 32-bit words (`ints[4i]`,
 * `ints[4i + 1]`), the sum as a double (`sums[2i + 1]`). Keys as two words, not one number made of
 * both, as growing the table re-hashes every key: it took a division a key.
 */
export class PairSums {
  /** Pairs held. */
  length = 0;
  private ints: Int32Array;
  private sums: Float64Array;
  private mask: number;
  /** `addBatch`'s scratch: each amount's first slot. */
  private batchSlots = new Int32Array(0);

  constructor(capacity = 1024) {
    let size = 16;
    while (size * MAX_LOAD < capacity) size *= 2;
    [this.ints, this.sums] = slotsOf(size);
    this.mask = size - 1;
  }

  /** Adds `units` to the pair's sum and returns the new sum. */
  add(person: number, service: number, units: number): number {
    const ints = this.ints;
    const mask = this.mask;
    const key = person + 1;
    let i = hash(person, service) & mask;
    for (;;) {
      const k = ints[4 * i];
      if (k === key && ints[4 * i + 1] === service) return (this.sums[2 * i + 1] += units);
      if (k === 0) break;
      i = (i + 1) & mask;
    }
    ints[4 * i] = key;
    ints[4 * i + 1] = service;
    this.sums[2 * i + 1] = units;
    if (++this.length > MAX_LOAD * (mask + 1)) this.grow();
    return units;
  }

  /**
   * `add` for `n` amounts, in order: `sums[k]` is the pair's sum after the k-th. In passes, as
   * IdTable.internBatch looks up keys (hashes, a touch of each slot, then the adds, on slots in
   * cache), so that many of the reads from memory at random are under way at once.
   */
  addBatch(person: Int32Array, service: Int32Array, units: Float64Array, n: number, sums: Float64Array): void {
    // Room for every pair new, so that the table does not grow (and move) within the batch.
    while (this.length + n > MAX_LOAD * (this.mask + 1)) this.grow();
    if (this.batchSlots.length < n) this.batchSlots = new Int32Array(n);
    const at = this.batchSlots;
    const ints = this.ints;
    const mask = this.mask;
    for (let k = 0; k < n; k++) at[k] = hash(person[k], service[k]) & mask;
    for (let k = 0; k < n; k++) sums[k] = ints[4 * at[k]];
    for (let k = 0; k < n; k++) {
      const key = person[k] + 1;
      let i = at[k];
      for (;;) {
        const slot = ints[4 * i];
        if (slot === key && ints[4 * i + 1] === service[k]) break;
        if (slot === 0) {
          ints[4 * i] = key;
          ints[4 * i + 1] = service[k];
          this.length++;
          break;
        }
        i = (i + 1) & mask;
      }
      sums[k] = this.sums[2 * i + 1] += units[k];
    }
  }

  /** Multiplies every sum by `factor` (a change of money scale). */
  scale(factor: number): void {
    for (let i = 1; i < this.sums.length; i += 2) this.sums[i] *= factor;
  }

  /** Frees the table's memory now; it holds nothing after this. */
  clear(): void {
    release(this.ints);
    [this.ints, this.sums] = slotsOf(16);
    this.mask = 15;
    this.length = 0;
  }

  /** The pairs and their sums, in no particular order (fresh arrays). */
  entries(): { length: number; person: Uint32Array; service: Uint32Array; amount: Float64Array } {
    const person = new Uint32Array(this.length);
    const service = new Uint32Array(this.length);
    const amount = new Float64Array(this.length);
    this.entriesInto(person, service, amount, 0);
    return { length: this.length, person, service, amount };
  }

  /** Writes the pairs and their sums into the arrays from index `at` on, in no particular order (`length` of them). */
  entriesInto(person: Uint32Array, service: Uint32Array, amount: Float64Array, at: number): void {
    const ints = this.ints;
    const sums = this.sums;
    let k = at;
    for (let i = 0; i <= this.mask; i++) {
      if (ints[4 * i] === 0) continue;
      person[k] = ints[4 * i] - 1;
      service[k] = ints[4 * i + 1];
      amount[k] = sums[2 * i + 1];
      k++;
    }
  }

  /**
   * Doubles the slots. Taken in slot order, the keys land in two runs that move along the new
   * slots (a key's new slot is its old one's, or that plus the old size), not at random.
   */
  private grow(): void {
    const old = this.ints;
    const oldSums = this.sums;
    const size = (this.mask + 1) * 2;
    const mask = size - 1;
    const [ints, sums] = slotsOf(size);
    for (let i = 0; i < old.length; i += 4) {
      const key = old[i];
      if (key === 0) continue;
      let j = hash(key - 1, old[i + 1]) & mask;
      while (ints[4 * j] !== 0) j = (j + 1) & mask;
      ints[4 * j] = key;
      ints[4 * j + 1] = old[i + 1];
      sums[2 * j + 1] = oldSums[i / 2 + 1];
    }
    release(old);
    this.ints = ints;
    this.sums = sums;
    this.mask = mask;
  }
}

/** `size` empty slots, in a freeable buffer: their words and their sums. */
function slotsOf(size: number): [Int32Array, Float64Array] {
  const buffer = new ResizableArrayBuffer(size * 16, { maxByteLength: size * 16 });
  return [new Int32Array(buffer, 0, size * 4), new Float64Array(buffer, 0, size * 2)];
}

function hash(person: number, service: number): number {
  let h = Math.imul(person, 0x9e3779b1) ^ Math.imul(service + 1, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
