import { describe, expect, it } from 'vitest';
import { MAX_EXAMPLES, Rejections } from '../../src/aggregate/rejections.js';

describe('Rejections: bad rows counted by reason, with examples', () => {
  it('keeps the first 20 examples by file and line, whatever order they come in', () => {
    const forward = new Rejections(false);
    const backward = new Rejections(false);
    const bad = Array.from({ length: 50 }, (_, i) => ({ file: i % 2 ? 'b.csv' : 'a.csv', line: i + 2 }));
    for (const w of bad) forward.reject('badCost', w, 'x');
    for (const w of [...bad].reverse()) backward.reject('badCost', w, 'x');
    expect(forward.examples).toEqual(backward.examples);
    expect(forward.examples).toHaveLength(MAX_EXAMPLES);
    // a.csv has the even i: lines 2, 4, …, 50 (25 rows); the first 20 of them come first
    expect(forward.examples.every((e) => e.file === 'a.csv')).toBe(true);
    expect(forward.examples[19].line).toBe(40);
    expect(forward.total).toBe(50);
    expect(forward.sortedCounts()).toEqual({ badCost: 50 });
  });

  it('--strict throws at the first bad row with its location', () => {
    const r = new Rejections(true);
    expect(() => r.reject('emptyCost', { file: 'a.csv', line: 7 }, 'the cost is empty')).toThrow(/--strict/);
  });
});
