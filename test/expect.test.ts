// --expect expressions: parsing (a malformed one is a usage error naming it) and evaluation.

import { describe, expect, it } from 'vitest';
import { describeFailure, evaluateExpectations, parseExpectation } from '../src/expect.js';

const CUTS = [0.005, 0.01, 0.05, 0.1, 0.2, 0.5];

describe('parseExpectation', () => {
  it.each([
    ['top10 >= 60%', { figure: 'top10', top: 0.1, op: '>=', value: 0.6 }],
    ['top10>=0.6', { figure: 'top10', top: 0.1, op: '>=', value: 0.6 }],
    ['  top1 < 25 %  ', { expr: 'top1 < 25 %', figure: 'top1', top: 0.01, op: '<', value: 0.25 }],
    ['top0.5 > 0,1', { figure: 'top0.5', top: 0.005, op: '>', value: 0.1 }],
    ['top0,5 != 0', { figure: 'top0.5', top: 0.005, op: '!=', value: 0 }],
    ['Gini <= 0.9', { figure: 'gini', op: '<=', value: 0.9 }],
    ['zeroshare == 40%', { figure: 'zeroShare', op: '==', value: 0.4 }],
    ['persons == 20008', { figure: 'persons', op: '==', value: 20008 }],
    ['total > 8e7', { figure: 'total', op: '>', value: 80_000_000 }],
    ['rejected <= 0.5%', { figure: 'rejected', op: '<=', value: 0.005 }],
    ['gini > -1', { figure: 'gini', op: '>', value: -1 }],
  ])('%s', (text, parsed) => {
    expect(parseExpectation(text, CUTS)).toMatchObject(parsed);
  });

  it.each([
    ['top10 >> 0.6', /--expect 'top10 >> 0.6' is not an expectation; write FIGURE OP NUMBER/],
    ['top10 >=', /--expect 'top10 >=' is not an expectation/],
    ['top10', /is not an expectation/],
    ['', /--expect '' is not an expectation/],
    ['median > 3', /--expect 'median > 3': unknown figure 'median'/],
    ['gini2 > 0.1', /unknown figure 'gini2'/],
    ['top > 0.1', /unknown figure 'top'/],
    ['top3 > 0.1', /--expect 'top3 > 0.1': 3 % is not one of the top cuts \(0\.5, 1, 5, 10, 20, 50\); add it to --top/],
    ['top0 > 0.1', /is not a percentage/],
    ['persons > 50%', /persons is not a share, so it cannot be compared with a percentage/],
    ['top10 >= 6O%', /is not an expectation/],
  ])('refuses %j', (text, message) => {
    expect(() => parseExpectation(text, CUTS)).toThrow(message);
    try {
      parseExpectation(text, CUTS);
    } catch (error) {
      expect((error as { kind: string }).kind).toBe('usage');
    }
  });
});

describe('evaluateExpectations', () => {
  // top10 = 0.5, top50 = 0.9 (the 50 % cut suppressed here), gini 0.63, 10 persons, total 100,
  // 1 of 11 rows rejected.
  const figures = {
    shares: [
      { top: 0.1, share: 0.5 },
      { top: 0.5, share: null },
    ],
    gini: 0.63,
    zeroShare: 0.1,
    persons: 10,
    total: 100,
    rows: 11,
    rejectedRows: 1,
  };
  const check = (text: string) => evaluateExpectations([parseExpectation(text, [0.1, 0.5])], figures)[0];

  it.each([
    ['top10 == 50%', 0.5, true],
    ['top10 != 0.5', 0.5, false],
    ['top10 > 0.5', 0.5, false],
    ['top10 >= 0.5', 0.5, true],
    ['top10 < 0.5', 0.5, false],
    ['top10 <= 0.5', 0.5, true],
    ['gini < 0.7', 0.63, true],
    ['zeroShare > 10%', 0.1, false],
    ['persons == 10', 10, true],
    ['total >= 100.01', 100, false],
    ['rejected < 10%', 1 / 11, true], // 0.0909…
    ['rejected < 9%', 1 / 11, false],
  ])('%s: value %d, pass %s', (text, value, pass) => {
    expect(check(text)).toMatchObject({ expr: text, value, pass });
  });

  it('a suppressed figure fails, with value null', () => {
    expect(check('top50 > 0')).toEqual({ expr: 'top50 > 0', figure: 'top50', value: null, pass: false });
  });

  it('describes a failure on one line with the actual value', () => {
    expect(describeFailure(check('rejected < 9%'))).toBe(`expectation failed: rejected < 9% (rejected is ${1 / 11}, 9.09 %)`);
    expect(describeFailure(check('persons == 11'))).toBe('expectation failed: persons == 11 (persons is 10)');
    expect(describeFailure(check('top50 > 0'))).toMatch(/^expectation failed: top50 > 0 \(top50 is suppressed/);
  });
});
