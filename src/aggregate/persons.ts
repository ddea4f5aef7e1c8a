// Rows → persons: ids are interned from their bytes to dense indexes (idTable.ts), and every
// person's total and per-service amounts are summed exactly in integer money units.

import type { Location } from '../errors.js';
import type { ServiceAmounts } from '../curve/breakdown.js';
import type { Amount } from '../read/types.js';
import { MAX_SCALE } from '../read/number.js';
import { IdTable } from './idTable.js';
import { checkExact } from './money.js';
import { PairSums } from './pairSums.js';

const POW10 = Array.from({ length: MAX_SCALE + 1 }, (_, k) => 10 ** k);

/**
 * A table's sums in transferable form: what a worker thread hands back (`PersonTable.parts`) and
 * the main thread adds in (`PersonTable.merge`). Typed arrays only, so they move between threads
 * without a copy; ids as their bytes.
 */
export interface TableParts {
  length: number;
  /** Person i's id is `idBytes[idStarts[i] .. idStarts[i + 1])`; empty for a person without an id. */
  idBytes: Uint8Array;
  idStarts: Uint32Array;
  totals: Float64Array;
  firstService: Int32Array;
  others: { length: number; person: Uint32Array; service: Uint32Array; amount: Float64Array };
  serviceNames: string[];
  scale: number;
}

/**
 * The persons of a data set, in the order they were first seen (the order never affects results).
 *
 * Memory per person: its id's bytes + 4 (where they start) + 5.3–10.7 (hash slots), 8 (total),
 * 4 (first service), 2 (flags), and for each service after its first 16 bytes + hash slots
 * (`PairSums`). A person who used one service costs no pair: that service's amount is the total.
 */
export class PersonTable {
  private readonly ids = new IdTable();
  /** Per person: the sum of its rows in units of 10^-scale. */
  totals = new Float64Array(1024);
  /** Per person: 1 when the person has at least one cost row. */
  hasRows = new Uint8Array(1024);
  /** Per person: 1 when the roster lists the person. */
  inRoster = new Uint8Array(1024);
  /** Per person: its first service + 1 (0: none yet); that service's amount is the total minus the others'. */
  private firstService = new Int32Array(1024);
  /** Per (person, service) sums for every service but the person's first. */
  private readonly others = new PairSums();
  readonly serviceNames: string[] = [];
  private serviceIndex = new Map<string, number>();
  /** Decimals of the money unit. */
  scale = 2;

  /** Every (person, service) amount (see `serviceAmounts`), as the negatives policy reads them. */
  get pairs(): ServiceAmounts {
    return this.serviceAmounts();
  }

  get length(): number {
    return this.ids.length;
  }

  /** The person's index, added when new. */
  person(id: string): number {
    const bytes = Buffer.from(id, 'utf8');
    return this.personOf(bytes, 0, bytes.length);
  }

  /** The index of the person whose id is the UTF-8 bytes `bytes[start .. end)`, added when new. */
  personOf(bytes: Uint8Array, start: number, end: number): number {
    const person = this.ids.intern(bytes, start, end);
    if (person === this.totals.length) this.grow();
    return person;
  }

  /** A person without an id (`--no-id` rows, `--population` residents without cost rows). */
  anonymous(): number {
    const person = this.ids.addKeyless();
    if (person === this.totals.length) this.grow();
    return person;
  }

  has(id: string): boolean {
    const bytes = Buffer.from(id, 'utf8');
    return this.ids.find(bytes, 0, bytes.length) !== -1;
  }

  /** The ids seen, for checks that look at them (never for output). */
  *idList(): IterableIterator<string> {
    for (let i = 0; i < this.length; i++) {
      const key = this.ids.key(i);
      if (key.length > 0) yield Buffer.from(key.buffer, key.byteOffset, key.length).toString('utf8');
    }
  }

  /** The service's index, added when new. */
  serviceOf(name: string): number {
    let s = this.serviceIndex.get(name);
    if (s === undefined) {
      s = this.serviceNames.length;
      this.serviceNames.push(name);
      this.serviceIndex.set(name, s);
    }
    return s;
  }

  addCost(person: number, service: string, amount: Amount, where: Location): void {
    this.addUnits(person, this.serviceOf(service), amount.units, amount.scale, where);
  }

  /** Adds `units` at `scale` decimals (≤ MAX_SCALE) to the person's total and the service's amount. */
  addUnits(person: number, service: number, units: number, scale: number, where: Location): void {
    if (scale !== this.scale) {
      if (scale > this.scale) this.rescale(scale, where);
      units *= POW10[this.scale - scale];
    }
    const total = (this.totals[person] += units);
    checkExact(total, where);
    const first = this.firstService[person];
    if (first === 0) this.firstService[person] = service + 1;
    else if (first !== service + 1) checkExact(this.others.add(person, service, units), where);
    this.hasRows[person] = 1;
  }

  /**
   * Every (person, service) amount, the person's first service included, for the service
   * breakdown. Fresh arrays: the caller may change them.
   */
  serviceAmounts(): ServiceAmounts {
    const n = this.length;
    const { others } = this;
    const rest = new Float64Array(n);
    for (let k = 0; k < others.length; k++) rest[others.person[k]] += others.amount[k];
    let firsts = 0;
    for (let i = 0; i < n; i++) if (this.firstService[i] !== 0) firsts++;
    const length = firsts + others.length;
    const person = new Uint32Array(length);
    const service = new Uint32Array(length);
    const amount = new Float64Array(length);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (this.firstService[i] === 0) continue;
      person[k] = i;
      service[k] = this.firstService[i] - 1;
      amount[k] = this.totals[i] - rest[i];
      checkExact(amount[k], {});
      k++;
    }
    person.set(others.person.subarray(0, others.length), k);
    service.set(others.service.subarray(0, others.length), k);
    amount.set(others.amount.subarray(0, others.length), k);
    return { names: this.serviceNames, length, person, service, amount };
  }

  /** The table in transferable form (views of its arrays). */
  parts(): TableParts {
    const n = this.length;
    const { bytes, starts } = this.ids.keyBytes();
    const { others } = this;
    return {
      length: n,
      idBytes: bytes,
      idStarts: starts,
      totals: this.totals.subarray(0, n),
      firstService: this.firstService.subarray(0, n),
      others: {
        length: others.length,
        person: others.person.subarray(0, others.length),
        service: others.service.subarray(0, others.length),
        amount: others.amount.subarray(0, others.length),
      },
      serviceNames: this.serviceNames,
      scale: this.scale,
    };
  }

  /**
   * Adds another table's persons (a worker's part of a file): ids are matched by their bytes,
   * persons without an id are added as new persons, and sums are added exactly. O(persons + pairs).
   */
  merge(parts: TableParts, where: Location): void {
    if (parts.scale > this.scale) this.rescale(parts.scale, where);
    const factor = POW10[this.scale - parts.scale];
    const services = parts.serviceNames.map((name) => this.serviceOf(name));
    const { idBytes, idStarts, totals, firstService, others } = parts;
    const index = new Uint32Array(parts.length);
    // The first service's amount, as the other table kept it: its total minus its other services.
    const first = Float64Array.from(totals);
    for (let k = 0; k < others.length; k++) first[others.person[k]] -= others.amount[k];
    for (let i = 0; i < parts.length; i++) {
      const from = idStarts[i];
      const to = idStarts[i + 1];
      const person = from === to ? this.anonymous() : this.personOf(idBytes, from, to);
      index[i] = person;
      if (firstService[i] !== 0) this.addUnits(person, services[firstService[i] - 1], first[i] * factor, this.scale, where);
    }
    for (let k = 0; k < others.length; k++) {
      this.addUnits(index[others.person[k]], services[others.service[k]], others.amount[k] * factor, this.scale, where);
    }
  }

  private grow(): void {
    const capacity = this.totals.length * 2;
    this.totals = grow(new Float64Array(capacity), this.totals);
    this.hasRows = grow(new Uint8Array(capacity), this.hasRows);
    this.inRoster = grow(new Uint8Array(capacity), this.inRoster);
    this.firstService = grow(new Int32Array(capacity), this.firstService);
  }

  /** Moves every sum to a finer money unit; exact while the sums stay below 2^53 units. */
  private rescale(scale: number, where: Location): void {
    const factor = 10 ** (scale - this.scale);
    for (let i = 0; i < this.length; i++) {
      this.totals[i] *= factor;
      checkExact(this.totals[i], where);
    }
    this.others.scale(factor);
    for (let k = 0; k < this.others.length; k++) checkExact(this.others.amount[k], where);
    this.scale = scale;
  }
}

function grow<T extends Float64Array | Uint8Array | Int32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
