// Two periods read into two PersonTables, brought into one id space: every resident seen in either
// period (or listed by the roster) is a person of both; missing from a period means no cost rows there.

import { usageError } from '../errors.js';
import type { PersonTable } from './persons.js';

/**
 * Extends both tables to the union of their ids (a person gets no rows, so a total of 0, in the
 * period that lacks them), then pads both with anonymous zero-cost residents to `population` when
 * given. Returns, for every person of `first`, their index in `second`; both tables then have the
 * same length.
 */
export function alignPeriods(first: PersonTable, second: PersonTable, population: number | null): Uint32Array {
  // Ids are matched by their bytes, a batch at a time (a string per id, looked up one by one, took
  // some 4 s for periods of 288 k and 1.41 M persons).
  const inFirst = first.personsOf(second);
  const union = first.length;
  if (population !== null && population < union) {
    throw usageError(`--population ${population} is smaller than the ${union} persons found in the two periods; give the whole population`);
  }
  const persons = population ?? union;
  const toSecond = new Uint32Array(persons);
  const matched = new Uint8Array(union);
  for (let j = 0; j < inFirst.length; j++) {
    toSecond[inFirst[j]] = j;
    matched[inFirst[j]] = 1;
  }
  // The first period's others, added to the second in the first's order.
  const inSecond = second.personsOf(first, matched);
  for (let i = 0; i < union; i++) if (matched[i] === 0) toSecond[i] = inSecond[i];
  while (first.length < persons) {
    toSecond[first.anonymous()] = second.anonymous();
  }
  return toSecond;
}
