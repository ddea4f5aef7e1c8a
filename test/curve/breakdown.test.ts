import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceAmountsOf, serviceBreakdown } from '../../src/curve/breakdown.js';
import { tieBlocks } from '../../src/curve/tieBlocks.js';
import { inclusionFractions } from '../../src/curve/topShare.js';

function amounts(entries: [person: number, service: number, amount: number][], names: string[]) {
  return serviceAmountsOf(
    names,
    entries.length,
    entries.map((e) => e[0]),
    entries.map((e) => e[1]),
    entries.map((e) => e[2]),
  );
}

describe('serviceBreakdown: services overall and inside the focus group', () => {
  it('splits a tie block at the boundary by its inclusion fraction, whatever the row order', () => {
    // Persons: #0 total 10 (a 10), #1 total 5 (a 1, b 4), #2 total 5 (b 5), #3 total 0.
    // The top 50 % = #0 and half of the 5-block {#1, #2}: each counts with f = 0.5.
    const blocks = tieBlocks([10, 5, 5, 0]);
    const f = inclusionFractions(blocks, 0.5);
    const [a, b] = serviceBreakdown(blocks, null, f, amounts([[0, 0, 10], [1, 0, 1], [1, 1, 4], [2, 1, 5]], ['a', 'b']));
    // a: total 11; in the top 10 + 0.5·1 = 10.5; users 2, top users 1 + 0.5
    expect(a).toEqual({ name: 'a', total: 11, topCost: 10.5, users: 2, topUsers: 1.5 });
    // b: total 9; in the top 0.5·4 + 0.5·5 = 4.5; users 2, top users 0.5 + 0.5
    expect(b).toEqual({ name: 'b', total: 9, topCost: 4.5, users: 2, topUsers: 1 });
    // reconciles: the services' top costs add up to C(0.5)·T = 15
    expect(a.topCost + b.topCost).toBe(15);
  });

  it('weights multiply the amounts', () => {
    const blocks = tieBlocks([10, 0], [2, 3]);
    const [a] = serviceBreakdown(blocks, [2, 3], inclusionFractions(blocks, 1), amounts([[0, 0, 10]], ['a']));
    expect(a.total).toBe(20);
  });

  it('leaves out the amounts of persons marked asZero (clipped negatives), users included', () => {
    const blocks = tieBlocks([10, 0]);
    const services = { ...amounts([[0, 0, 10], [1, 0, 4], [1, 1, -4]], ['a', 'b']), asZero: Uint8Array.from([0, 1]) };
    const [a, b] = serviceBreakdown(blocks, null, inclusionFractions(blocks, 0.5), services);
    expect(a).toEqual({ name: 'a', total: 10, topCost: 10, users: 1, topUsers: 1 });
    expect(b).toEqual({ name: 'b', total: 0, topCost: 0, users: 0, topUsers: 0 });
  });

  it('unweighted (plain sums) agrees with weights of 1 (exact sums of every w·f·a, d3 Adder)', () => {
    // The plain path applies the boundary block's fraction once, to an exact sum; the Adder path
    // sums every f·a exactly. Totals and user counts are equal; top costs agree to within one
    // rounding of that product.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.nat(4), fc.integer({ min: -5000, max: 100000 })), { minLength: 1, maxLength: 300, size: 'max' }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (entries, p) => {
          const totals = new Float64Array(41);
          for (const [i, , a] of entries) totals[i] += a;
          const blocks = tieBlocks(totals);
          const f = inclusionFractions(blocks, p);
          const services = amounts(entries, ['a', 'b', 'c', 'd', 'e']);
          const plain = serviceBreakdown(blocks, null, f, services);
          const exact = serviceBreakdown(blocks, new Float64Array(41).fill(1), f, services);
          plain.forEach((row, s) => {
            expect(row.total).toBe(exact[s].total);
            expect(row.users).toBe(exact[s].users);
            expect(row.topCost).toBeCloseTo(exact[s].topCost, 6);
            expect(row.topUsers).toBeCloseTo(exact[s].topUsers, 9);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('weighted: the same figures to the last bit whatever order the pairs are visited in', () => {
    // Threads and tables visit pairs in orders of their own; topUsers sums fractions of a boundary
    // block, which as a running sum of floats would depend on that order.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(30), fc.nat(3), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 200, size: 'max' }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer(),
        (entries, p, seed) => {
          const totals = new Float64Array(31);
          for (const [i, , a] of entries) totals[i] += a;
          const weights = Float64Array.from({ length: 31 }, (_, i) => 0.5 + ((i * 7) % 5) / 3);
          const blocks = tieBlocks(totals, weights);
          const f = inclusionFractions(blocks, p);
          // Each (person, service) once, as a table holds them; then in another order.
          const sums = new Map<string, [number, number, number]>();
          for (const [i, s, a] of entries) sums.set(`${i}/${s}`, [i, s, (sums.get(`${i}/${s}`)?.[2] ?? 0) + a]);
          const pairs = [...sums.values()];
          const shuffled = [...pairs].sort((x, y) => ((x[0] * 31 + x[1]) ^ seed) - ((y[0] * 31 + y[1]) ^ seed));
          const names = ['a', 'b', 'c', 'd'];
          expect(serviceBreakdown(blocks, weights, f, amounts(shuffled, names))).toEqual(serviceBreakdown(blocks, weights, f, amounts(pairs, names)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
