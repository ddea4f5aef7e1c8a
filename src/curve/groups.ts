// Groups (age bands, areas): each group's own tie blocks, so that every within-group figure is the
// same function on the group's persons, and the group's part of the focus group.

import { Adder } from 'd3-array';
import { tieBlocks, type TieBlocks } from './tieBlocks.js';

/** Each person's group as an index into `names`; a null name holds the persons without a value. */
export interface PersonGroups {
  names: (string | null)[];
  of: Uint32Array;
}

export interface GroupBreakdown {
  group: string | null;
  /** The group's persons as tie blocks (`blocks.persons` = persons in the file). */
  blocks: TieBlocks;
  /** Σ f·w over the group's members, f their block's inclusion fraction in the focus group. */
  focusWeight: number;
  /** Σ f: the group's persons in the file inside the focus group. */
  focusPersons: number;
}

/**
 * Splits a population into its groups. Sums are exact (`Adder`) and tie blocks are order-free, so
 * the result does not depend on the order of the persons. Groups come sorted by `compareGroups`.
 * Cost: O(n log n) for the groups' tie blocks.
 *
 * @param blocks the whole population's tie blocks (for each person's block)
 * @param fractions inclusion fraction per block of `blocks` in the focus group
 * @example
 * // totals 10, 0, 5 in groups a, b, a; the top third is the 10:
 * // a: blocks of [10, 5], focusWeight 1, focusPersons 1; b: blocks of [0], focusWeight 0
 */
export function groupBreakdown(
  totals: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  groups: PersonGroups,
  blocks: TieBlocks,
  fractions: Float64Array,
): GroupBreakdown[] {
  const G = groups.names.length;
  const size = new Uint32Array(G);
  for (let i = 0; i < totals.length; i++) size[groups.of[i]]++;
  const members = Array.from(size, (n) => new Uint32Array(n));
  const fill = new Uint32Array(G);
  for (let i = 0; i < totals.length; i++) {
    const g = groups.of[i];
    members[g][fill[g]++] = i;
  }
  const result: GroupBreakdown[] = [];
  for (let g = 0; g < G; g++) {
    const index = members[g];
    if (index.length === 0) continue;
    const focusWeight = new Adder();
    let focusPersons = 0;
    for (const i of index) {
      const f = fractions[blocks.blockOf[i]];
      focusWeight.add(f * (weights === null ? 1 : weights[i]));
      focusPersons += f;
    }
    result.push({
      group: groups.names[g],
      blocks: tieBlocks(
        Float64Array.from(index, (i) => totals[i]),
        weights === null ? null : Float64Array.from(index, (i) => weights[i]),
      ),
      focusWeight: +focusWeight,
      focusPersons,
    });
  }
  return result.sort((a, b) => compareGroups(a.group, b.group));
}

/**
 * Group labels in the order people read them: runs of digits compare as numbers, so age bands
 * sort 0-17, 18-64, 65-74, 85+ (not 0-17, 18-64, 65-74, 7-17 …); the rest by code unit, which does
 * not depend on the machine's locale. The persons without a value (null) come last.
 *
 * @example ['85+', '7-17', '18-64', null, '0-6'].sort(compareGroups) // ['0-6', '7-17', '18-64', '85+', null]
 */
export function compareGroups(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
    const x = pa[k];
    const y = pb[k];
    if (isDigits(x) && isDigits(y)) {
      const byNumber = compareDigits(x, y);
      if (byNumber !== 0) return byNumber;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigits(s: string): boolean {
  return s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57;
}

/** Two digit runs by their value, however long (leading zeros ignored). */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+/, '');
  const b = y.replace(/^0+/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
