// Exact sums per (person, service) pair in typed arrays: an open-addressing hash table, because most
// residents use a few of many services and a dense persons × services matrix would not fit.

/** Sums of integer money units keyed by (person, service). */
export class PairSums {
  person: Uint32Array;
  service: Uint32Array;
  amount: Float64Array;
  /** Slot → entry + 1 (0 = empty). */
  private slots: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.person = new Uint32Array(capacity);
    this.service = new Uint32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.slots = new Uint32Array(capacity * 2);
  }

  /** Adds `units` to the pair's sum and returns the new sum. */
  add(person: number, service: number, units: number): number {
    const entry = this.find(person, service);
    this.amount[entry] += units;
    return this.amount[entry];
  }

  /** Multiplies every sum by `factor` (a change of money scale). */
  scale(factor: number): void {
    for (let k = 0; k < this.length; k++) this.amount[k] *= factor;
  }

  private find(person: number, service: number): number {
    const mask = this.slots.length - 1;
    let slot = hash(person, service) & mask;
    for (;;) {
      const e = this.slots[slot];
      if (e === 0) break;
      if (this.person[e - 1] === person && this.service[e - 1] === service) return e - 1;
      slot = (slot + 1) & mask;
    }
    if (this.length === this.person.length) {
      this.grow();
      return this.find(person, service);
    }
    const entry = this.length++;
    this.person[entry] = person;
    this.service[entry] = service;
    this.slots[slot] = entry + 1;
    return entry;
  }

  private grow(): void {
    const capacity = this.person.length * 2;
    this.person = copyInto(new Uint32Array(capacity), this.person);
    this.service = copyInto(new Uint32Array(capacity), this.service);
    this.amount = copyInto(new Float64Array(capacity), this.amount);
    this.slots = new Uint32Array(capacity * 2);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.length; k++) {
      let slot = hash(this.person[k], this.service[k]) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = k + 1;
    }
  }
}

function copyInto<T extends Uint32Array | Float64Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

function hash(person: number, service: number): number {
  return (Math.imul(person, 0x9e3779b1) ^ Math.imul(service + 1, 0x85ebca6b)) >>> 0;
}
