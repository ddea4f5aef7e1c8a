import { describe, expect, it } from 'vitest';
import { band, deciles } from '../../src/curve/bands.js';
import { tieBlocks } from '../../src/curve/tieBlocks.js';

describe('band: a slice of the population counted from the top', () => {
  it('the second quarter of 10, 5, 5, 0 is one of the 5s', () => {
    const b = band(tieBlocks([10, 5, 5, 0]), 0.25, 0.5);
    expect(b).toMatchObject({ share: 0.25, persons: 1, count: 1, mean: 5, max: 5, min: 5 });
  });

  it('a band cutting through persons takes their parts: 10, 5, 5, 0 from 0.1 to 0.4', () => {
    // From 0.4 to 1.6 persons: 0.6 of the 10 (6) and 0.6 of the 5-block's weight 2 (3) → 9 of 20
    const b = band(tieBlocks([10, 5, 5, 0]), 0.1, 0.4);
    expect(b.share).toBeCloseTo(9 / 20, 15);
    expect(b.persons).toBeCloseTo(1.2, 15);
    expect(b.max).toBe(10);
    expect(b.min).toBe(5);
    expect(b.maxCount).toBeCloseTo(0.6, 15); // 0.6 of the one person with 10
    expect(b.minCount).toBeCloseTo(0.6, 15); // 0.6 of the 5-block's weight 2 is in the band: 2 persons × 0.6/2 = 0.6
  });

  it('deciles of 1..20: each tenth holds two persons', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // T = 210
    const d = deciles(tieBlocks(values));
    expect(d).toHaveLength(10);
    expect(d[0]).toMatchObject({ persons: 2, max: 20, min: 19, mean: 19.5 });
    expect(d[0].share).toBeCloseTo(39 / 210, 15);
    expect(d[9]).toMatchObject({ max: 2, min: 1, mean: 1.5 });
    expect(d.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 14);
  });
});
