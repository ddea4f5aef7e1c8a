// Rows → persons: ids are interned to dense indexes, and every person's total and per-service
// amounts are summed exactly in integer money units.

import type { Location } from '../errors.js';
import type { Amount } from '../read/types.js';
import { MAX_SCALE } from '../read/number.js';
import { checkExact, unitsAt } from './money.js';
import { PairSums } from './pairSums.js';

/** The persons of a data set, in the order they were first seen (the order never affects results). */
export class PersonTable {
  private ids = new Map<string, number>();
  /** Per person: the sum of its rows in units of 10^-scale. */
  totals = new Float64Array(1024);
  /** Per person: 1 when the person has at least one cost row. */
  hasRows = new Uint8Array(1024);
  /** Per person: 1 when the roster lists the person. */
  inRoster = new Uint8Array(1024);
  readonly pairs = new PairSums();
  readonly serviceNames: string[] = [];
  private serviceIndex = new Map<string, number>();
  length = 0;
  /** Decimals of the money unit. */
  scale = 2;

  /** The person's index, added when new. */
  person(id: string): number {
    let index = this.ids.get(id);
    if (index === undefined) {
      index = this.addPerson();
      this.ids.set(id, index);
    }
    return index;
  }

  /** A person without an id (`--no-id` rows, `--population` residents without cost rows). */
  anonymous(): number {
    return this.addPerson();
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The ids seen, for checks that look at them (never for output). */
  idList(): IterableIterator<string> {
    return this.ids.keys();
  }

  addCost(person: number, service: string, amount: Amount, where: Location): void {
    if (amount.scale > this.scale) this.rescale(Math.min(amount.scale, MAX_SCALE), where);
    const units = unitsAt(amount, this.scale);
    const total = (this.totals[person] += units);
    checkExact(total, where);
    checkExact(this.pairs.add(person, this.serviceOf(service), units), where);
    this.hasRows[person] = 1;
  }

  private serviceOf(name: string): number {
    let s = this.serviceIndex.get(name);
    if (s === undefined) {
      s = this.serviceNames.length;
      this.serviceNames.push(name);
      this.serviceIndex.set(name, s);
    }
    return s;
  }

  private addPerson(): number {
    if (this.length === this.totals.length) {
      const capacity = this.totals.length * 2;
      this.totals = grow(new Float64Array(capacity), this.totals);
      this.hasRows = grow(new Uint8Array(capacity), this.hasRows);
      this.inRoster = grow(new Uint8Array(capacity), this.inRoster);
    }
    return this.length++;
  }

  /** Moves every sum to a finer money unit; exact while the sums stay below 2^53 units. */
  private rescale(scale: number, where: Location): void {
    const factor = 10 ** (scale - this.scale);
    for (let i = 0; i < this.length; i++) {
      this.totals[i] *= factor;
      checkExact(this.totals[i], where);
    }
    this.pairs.scale(factor);
    for (let k = 0; k < this.pairs.length; k++) checkExact(this.pairs.amount[k], where);
    this.scale = scale;
  }
}

function grow<T extends Float64Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
