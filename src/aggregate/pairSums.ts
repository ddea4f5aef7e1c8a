// Exact sums per (person, service) pair: an open-addressing hash table whose slots hold the key and
// the sum side by side, so that adding to a pair reads one cache line. Most residents use a few of
// many services, so a dense persons × services matrix would not fit.

import { freeableFloat64Array, release } from './idTable.js';

/** Services per person the key packs: person · 2^21 + service + 1, exact below 2^53. */
const SERVICE_SPAN = 2 ** 21;

/**
 * Pairs per slot, at most: 3/4, as the id table (linear probing: about 2.5 probes to find a pair
 * at the most). At 1/2 the table took 64 bytes a pair right after it grew: at 300 k persons and
 * half a million pairs, the largest of the tables a row reads at random.
 */
const MAX_LOAD = 0.75;

/** The most services a PairSums tells apart. */
export const MAX_SERVICES = SERVICE_SPAN - 1;

/** Sums of integer money units keyed by (person, service), person < 2^31, service < 2^21. */
export class PairSums {
  /** Pairs held. */
  length = 0;
  /** Slot i: key at 2i (0 = empty), sum at 2i + 1. */
  private slots: Float64Array;
  private mask: number;

  constructor(capacity = 1024) {
    let size = 16;
    while (size * MAX_LOAD < capacity) size *= 2;
    this.slots = freeableFloat64Array(size * 2);
    this.mask = size - 1;
  }

  /** Adds `units` to the pair's sum and returns the new sum. */
  add(person: number, service: number, units: number): number {
    const key = person * SERVICE_SPAN + service + 1;
    const slots = this.slots;
    let i = hash(person, service) & this.mask;
    for (;;) {
      const k = slots[2 * i];
      if (k === key) return (slots[2 * i + 1] += units);
      if (k === 0) break;
      i = (i + 1) & this.mask;
    }
    slots[2 * i] = key;
    slots[2 * i + 1] = units;
    if (++this.length > MAX_LOAD * (this.mask + 1)) this.grow();
    return units;
  }

  /** Multiplies every sum by `factor` (a change of money scale). */
  scale(factor: number): void {
    for (let i = 1; i < this.slots.length; i += 2) this.slots[i] *= factor;
  }

  /** Frees the table's memory now; it holds nothing after this. */
  clear(): void {
    release(this.slots);
    this.slots = new Float64Array(32);
    this.mask = 15;
    this.length = 0;
  }

  /** The pairs and their sums, in no particular order (fresh arrays). */
  entries(): { length: number; person: Uint32Array; service: Uint32Array; amount: Float64Array } {
    const person = new Uint32Array(this.length);
    const service = new Uint32Array(this.length);
    const amount = new Float64Array(this.length);
    let k = 0;
    for (let i = 0; i < this.slots.length; i += 2) {
      const key = this.slots[i];
      if (key === 0) continue;
      const p = Math.floor((key - 1) / SERVICE_SPAN);
      person[k] = p;
      service[k] = key - 1 - p * SERVICE_SPAN;
      amount[k] = this.slots[i + 1];
      k++;
    }
    return { length: this.length, person, service, amount };
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = freeableFloat64Array(size * 2);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      const key = old[i];
      if (key === 0) continue;
      const p = Math.floor((key - 1) / SERVICE_SPAN);
      let j = hash(p, key - 1 - p * SERVICE_SPAN) & this.mask;
      while (this.slots[2 * j] !== 0) j = (j + 1) & this.mask;
      this.slots[2 * j] = key;
      this.slots[2 * j + 1] = old[i + 1];
    }
    release(old);
  }
}

function hash(person: number, service: number): number {
  let h = Math.imul(person, 0x9e3779b1) ^ Math.imul(service + 1, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
