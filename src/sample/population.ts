// The synthetic municipality's residents: pseudonymous ids, age bands and districts.

import type { Random } from '../random.js';

/** Age bands as a Finnish register export labels them; the order is the index used everywhere. */
export const AGE_BANDS = ['0-17', '18-64', '65-74', '75-84', '85+'] as const;
export type AgeBand = 0 | 1 | 2 | 3 | 4;

/** Districts; non-ASCII names on purpose, so encodings matter. */
export const AREAS = ['Keskusta', 'Pohjoinen', 'Etelä', 'Itä', 'Länsi'] as const;

// Share of residents per district, and each district's age structure (roughly a Finnish town of
// 2023: 19 % under 18, 24 % over 64). The centre is younger, the north older, so a district
// breakdown differs through age alone.
const AREA_WEIGHTS = [0.26, 0.18, 0.2, 0.17, 0.19];
const AGE_WEIGHTS_BY_AREA: readonly (readonly number[])[] = [
  [0.14, 0.64, 0.11, 0.07, 0.04],
  [0.18, 0.54, 0.14, 0.09, 0.05],
  [0.22, 0.59, 0.1, 0.06, 0.03],
  [0.21, 0.56, 0.12, 0.08, 0.03],
  [0.2, 0.58, 0.12, 0.07, 0.03],
];

export interface Population {
  /** Register size; persons at index ≥ registered have costs but are missing from the register. */
  registered: number;
  /** Pseudonyms `A` + 8 digits: 9 characters, so never a Finnish personal identity code (11). */
  ids: string[];
  band: Uint8Array;
  area: Uint8Array;
}

/**
 * Draws `registered + unregistered` residents. Ids are distinct by construction: index i maps to
 * (i·a + b) mod 10^8 with a coprime to 10, a bijection on 8-digit numbers.
 */
export function drawPopulation(registered: number, unregistered: number, random: Random): Population {
  const count = registered + unregistered;
  const modulus = 100_000_000;
  let multiplier = random.int(1_000_000, modulus - 1);
  while (multiplier % 2 === 0 || multiplier % 5 === 0) multiplier += 1;
  const offset = random.int(0, modulus - 1);
  const ids = new Array<string>(count);
  const band = new Uint8Array(count);
  const area = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    // i·a < 10^6 · 10^8 stays far below 2^53, so the product is exact.
    const number = (i * multiplier + offset) % modulus;
    ids[i] = 'A' + String(number).padStart(8, '0');
    const district = pickWeighted(AREA_WEIGHTS, random.next());
    area[i] = district;
    band[i] = pickWeighted(AGE_WEIGHTS_BY_AREA[district], random.next());
  }
  return { registered, ids, band, area };
}

/** The index whose weight interval holds u ∈ [0, 1); weights sum to 1 (the last index absorbs rounding). */
function pickWeighted(weights: readonly number[], u: number): number {
  let cumulative = 0;
  for (let i = 0; i < weights.length - 1; i++) {
    cumulative += weights[i];
    if (u < cumulative) return i;
  }
  return weights.length - 1;
}
