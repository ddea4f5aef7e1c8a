// Each person's group (--group) and survey weight (--weight), from the roster or the cost rows.
// A person's rows may disagree: the value from the earliest place wins — the roster first, then the
// smallest (file name, line) — so the choice never depends on the order of files or rows, and every
// person whose values disagree is counted.

import type { PersonGroups } from '../curve/groups.js';
import { CostcurveError } from '../errors.js';
import type { Where } from '../read/types.js';

/** An attribute's values in transferable form (see `PersonAttributes.parts`). */
export interface AttributeParts<T> {
  has: Uint8Array;
  values: T[];
  files: Uint32Array;
  lines: Uint32Array;
  conflict: Uint8Array;
}

/** One attribute per person, with the place its value came from. */
class Attribute<T> {
  private values: T[] = [];
  private has = new Uint8Array(0);
  private files = new Uint32Array(0);
  private lines = new Uint32Array(0);
  /** 1 when the person's places hold more than one distinct value. */
  private conflict = new Uint8Array(0);

  constructor(
    private readonly before: (fileA: number, lineA: number, fileB: number, lineB: number) => boolean,
    private readonly smaller: (a: T, b: T) => boolean,
  ) {}

  /**
   * Records that `value` was read for `person` at a place: line `line` of file `file` (interned; 0
   * is the roster). Whatever the order of calls, the kept
   * value is the one at the earliest place (on a tie of places, the smaller value), and `conflict`
   * is set exactly when the person has been given two distinct values: the kept value is always
   * one of the values given, so a second distinct value differs from it when it arrives, or the
   * kept value differs from it afterwards.
   */
  note(person: number, value: T, file: number, line: number): void {
    this.ensure(person + 1);
    if (!this.has[person]) {
      this.has[person] = 1;
      this.set(person, value, file, line);
      return;
    }
    const current = this.values[person];
    const keptFile = this.files[person];
    const keptLine = this.lines[person];
    // The same value again (most rows of a person): only an earlier place changes anything.
    if (value === current) {
      if (this.before(file, line, keptFile, keptLine)) this.set(person, value, file, line);
      return;
    }
    this.conflict[person] = 1;
    if (this.before(file, line, keptFile, keptLine) || (!this.before(keptFile, keptLine, file, line) && this.smaller(value, current))) this.set(person, value, file, line);
  }

  /** The kept value, or undefined when the person has none. */
  get(person: number): T | undefined {
    return person < this.has.length && this.has[person] ? this.values[person] : undefined;
  }

  /** Persons 0 … n − 1's kept values, places and conflicts, to move to another thread. */
  parts(n: number): AttributeParts<T> {
    // No person beyond the arrays has a value: an attribute no row gave (most files have neither
    // groups nor weights) sends nothing, where arrays for every person took 40 bytes a person.
    const m = Math.min(n, this.has.length);
    return { has: this.has.slice(0, m), values: this.values.slice(0, m), files: this.files.slice(0, m), lines: this.lines.slice(0, m), conflict: this.conflict.slice(0, m) };
  }

  /**
   * Adds another table's attribute (a worker's part of a file): its person i is `index[i]` here,
   * its file f is `file(f)`, its lines are `lines` further down. As if its rows had been noted here.
   */
  merge(parts: AttributeParts<T>, index: Int32Array, file: (f: number) => number, lines: number): void {
    for (let i = 0; i < parts.has.length; i++) {
      if (!parts.has[i]) continue;
      const roster = parts.files[i] === 0;
      this.note(index[i], parts.values[i], file(parts.files[i]), roster ? parts.lines[i] : parts.lines[i] + lines);
      if (parts.conflict[i]) this.conflict[index[i]] = 1;
    }
  }

  conflicts(persons: number): number {
    let n = 0;
    for (let i = 0; i < Math.min(persons, this.conflict.length); i++) n += this.conflict[i];
    return n;
  }

  private set(person: number, value: T, file: number, line: number): void {
    this.values[person] = value;
    this.files[person] = file;
    this.lines[person] = line;
  }

  private ensure(n: number): void {
    if (this.has.length >= n) return;
    const capacity = Math.max(1024, this.has.length * 2, n);
    const grow = <A extends Uint32Array | Uint8Array>(target: A, source: A): A => (target.set(source), target);
    this.has = grow(new Uint8Array(capacity), this.has);
    this.files = grow(new Uint32Array(capacity), this.files);
    this.lines = grow(new Uint32Array(capacity), this.lines);
    this.conflict = grow(new Uint8Array(capacity), this.conflict);
  }
}

/** Groups and weights of the persons of a `PersonTable` (same indexes). */
export class PersonAttributes {
  private readonly fileNames = [''];
  private readonly fileIndex = new Map<string, number>();
  private readonly group = new Attribute<string>((fa, la, fb, lb) => this.before(fa, la, fb, lb), (a, b) => a < b);
  private readonly weight = new Attribute<number>((fa, la, fb, lb) => this.before(fa, la, fb, lb), (a, b) => a < b);
  /** The file `fileOf` gave last, and its index: rows come a file at a time. */
  private lastFile: { name: string | null; index: number } = { name: null, index: 0 };

  /** A cost row's group (null: empty, nothing to note) and weight (null: no weight column). */
  fromRow(person: number, group: string | null, weight: number | null, where: Where): void {
    if (group === null && weight === null) return;
    const file = this.fileOf(where.file);
    if (group !== null) this.group.note(person, group, file, where.line);
    if (weight !== null) this.weight.note(person, weight, file, where.line);
  }

  /** The roster's values, which come before any cost row's. */
  fromRoster(person: number, group: string | null, weight: number | null): void {
    if (group !== null) this.group.note(person, group, 0, 0);
    if (weight !== null) this.weight.note(person, weight, 0, 0);
  }

  /** The person's group, or null when no place gave one. */
  groupOf(person: number): string | null {
    return this.group.get(person) ?? null;
  }

  /** The person's weight, or NaN when no place gave one. */
  weightOf(person: number): number {
    return this.weight.get(person) ?? NaN;
  }

  /** Persons 0 … n − 1's groups and weights with the places they came from, to move to another thread. */
  parts(n: number): { fileNames: string[]; group: AttributeParts<string>; weight: AttributeParts<number> } {
    return { fileNames: [...this.fileNames], group: this.group.parts(n), weight: this.weight.parts(n) };
  }

  /**
   * Adds another PersonAttributes' parts (a worker thread's, for part of a file): its person i is
   * `index[i]` here, and its lines are `lines` further down the file. The kept values and the
   * conflicts come out as if every row had been noted here.
   */
  merge(parts: ReturnType<PersonAttributes['parts']>, index: Int32Array, lines: number): void {
    const file = (f: number): number => (f === 0 ? 0 : this.fileOf(parts.fileNames[f]));
    this.group.merge(parts.group, index, file, lines);
    this.weight.merge(parts.weight, index, file, lines);
  }

  /** Persons (of the first `persons`) whose places gave different groups. */
  groupConflicts(persons: number): number {
    return this.group.conflicts(persons);
  }

  /** Persons (of the first `persons`) whose places gave different weights. */
  weightConflicts(persons: number): number {
    return this.weight.conflicts(persons);
  }

  private fileOf(name: string): number {
    if (name === this.lastFile.name) return this.lastFile.index;
    let index = this.fileIndex.get(name);
    if (index === undefined) {
      index = this.fileNames.length;
      this.fileNames.push(name);
      this.fileIndex.set(name, index);
    }
    this.lastFile = { name, index };
    return index;
  }

  /** Whether place (fileA, lineA) comes before (fileB, lineB): the roster first, then by file name and line. */
  private before(fileA: number, lineA: number, fileB: number, lineB: number): boolean {
    if (fileA === fileB) return lineA < lineB;
    if (fileA === 0 || fileB === 0) return fileA === 0;
    return this.fileNames[fileA] < this.fileNames[fileB];
  }
}

/** Survey weights per person of a table, and who is in scope. */
export interface SurveyWeights {
  /** Per table person: its weight. */
  weights: Float64Array;
  /** Per table person: 1 when its weight is above 0. */
  inScope: Uint8Array;
  /** Persons with weight 0: out of scope (as in survey files), left out of every figure. */
  outOfScope: number;
}

/**
 * Every person's weight (`--weight`). A person without one is a data error: a weighted figure
 * cannot count it, and guessing 1 beside survey weights in the thousands would be silently wrong.
 */
export function surveyWeights(persons: number, attributes: PersonAttributes, column: string): SurveyWeights {
  const weights = new Float64Array(persons);
  const inScope = new Uint8Array(persons);
  let outOfScope = 0;
  let missing = 0;
  for (let i = 0; i < persons; i++) {
    const w = attributes.weightOf(i);
    if (Number.isNaN(w)) missing++;
    weights[i] = w;
    if (w > 0) inScope[i] = 1;
    else if (w === 0) outOfScope++;
  }
  if (missing > 0) {
    throw new CostcurveError(
      'CC_DATA_NO_WEIGHT',
      `${missing} of ${persons} persons have no weight (--weight ${column}): every person needs one, from the roster or ` +
        'from their cost rows — residents only in a roster without that column, and persons with costs whom a roster ' +
        'carrying the weights does not list, have none; add them with a weight (0 leaves a person out)',
    );
  }
  return { weights, inScope, outOfScope };
}

/**
 * The groups of the persons of a population: person k is table person `tableIndex(k)`. Persons
 * without a value form the group null. Group indexes follow first appearance; the curve sorts.
 */
export function personGroups(count: number, tableIndex: (k: number) => number, attributes: PersonAttributes): PersonGroups {
  const names: (string | null)[] = [];
  const index = new Map<string | null, number>();
  const of = new Uint32Array(count);
  for (let k = 0; k < count; k++) {
    const name = attributes.groupOf(tableIndex(k));
    let g = index.get(name);
    if (g === undefined) {
      g = names.length;
      names.push(name);
      index.set(name, g);
    }
    of[k] = g;
  }
  return { names, of };
}
