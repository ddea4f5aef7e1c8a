// Reading amounts and weights exactly as exports write them, and guessing the decimal mark.
// Every expected value is worked out by hand from the text: units = the digits without separators,
// scale = the digits after the decimal mark (shifted by an exponent).

import { describe, expect, it } from 'vitest';
import { detectDecimal, guessDecimal, parseAmount, parseWeight } from '../../src/read/number.js';
import type { DecimalMark } from '../../src/read/types.js';
import { ACCEPTED, HALF_EVEN, REJECTED, WEIGHTS } from './amountCases.js';

describe('parseAmount accepts what exports write', () => {
  it.each(ACCEPTED)('%j with decimal %j → units %d, scale %d', (text, decimal, units, scale) => {
    expect(parseAmount(text, decimal)).toEqual({ units, scale });
  });

  it.each(HALF_EVEN)('%j → units %d at scale 6 (half-even)', (text, units) => {
    expect(parseAmount(text, '.')).toEqual({ units, scale: 6 });
  });

  it('gives units 0, not -0, for a negative zero', () => {
    // Object.is tells 0 from -0; a -0 would print as "-0" in some outputs.
    expect(Object.is(parseAmount('-0,00', ',')?.units, 0)).toBe(true);
  });
});

describe('parseAmount rejects what is not an amount', () => {
  it.each(REJECTED)('%j with decimal %j → null (%s)', (text, decimal) => {
    expect(parseAmount(text, decimal)).toBeNull();
  });
});

describe('parseWeight', () => {
  it.each(WEIGHTS)('%j with decimal %j → %s', (text, decimal, expected) => {
    expect(parseWeight(text, decimal)).toBe(expected);
  });
});

describe('detectDecimal', () => {
  it.each<[string[], string, DecimalMark, string]>([
    [['1.234,50', '12'], ';', ',', 'both marks: the last is the decimal'],
    [['1,234.50', '12'], ';', '.', 'both marks: the last is the decimal'],
    [['12,50', '7,5'], ';', ',', 'only commas'],
    [['12,50', '7,5'], ',', ',', 'only commas (quoted), not all groups of three'],
    [['1,234', '5,678'], ',', '.', 'only commas, all three digits after, delimiter ","'],
    [['1,234', '5,678'], ';', ',', 'only commas, all three digits, delimiter ";": decimals'],
    [['1,234,567'], ';', '.', 'two commas in one value: thousands'],
    [['12.50', '7.5'], ',', '.', 'only dots'],
    [['12.50', '7.5'], ';', '.', 'only dots, not all groups of three'],
    [['1.234', '5.678'], ';', ',', 'only dots, all three digits after, delimiter ";"'],
    [['1.234', '5.678'], ',', '.', 'only dots, all three digits, delimiter ",": decimals'],
    [['1.234.567'], ',', ',', 'two dots in one value: thousands'],
    [['1.234', '12,5'], ',', ',', 'dots in groups of three, a comma that is not: comma is decimal'],
    [['1,234', '12.5'], ';', '.', 'commas in groups of three, a dot that is not: dot is decimal'],
    [['12', '7'], ';', ',', 'no marks, delimiter ";"'],
    [['12', '7'], ',', '.', 'no marks, delimiter ","'],
    [['12', '7'], '\t', '.', 'no marks, tab'],
    [[], ';', ',', 'no samples, delimiter ";"'],
    [['', 'abc', 'n/a', '12,5'], '|', ',', 'empty and non-numeric samples are ignored'],
    [['€ 15,00', '2 500,75'], ';', ',', 'currency and space groups'],
    [['-1.234,5', '1.234,5', '1,5'], ';', ',', 'majority of both-mark values'],
    [['123,45', '123,45', '1,234.50'], ';', ',', 'two decimal commas outvote one value with both marks'],
    [['0.500', '12.250', '136.893'], ';', '.', 'a lone 0 before a dot: the dot is decimal, not a thousands group'],
    [['1234.567', '136.893'], ';', '.', 'four digits before a dot: decimal'],
    [['123,45', '123,45', '12,345,678'], ';', ',', 'two decimal commas outvote one with commas as thousands'],
    [['12.5', '12.5', '1.234.567'], ',', '.', 'two decimal dots outvote one with dots as thousands'],
  ])('%j with delimiter %j → %j (%s)', (samples, delimiter, expected) => {
    expect(detectDecimal(samples, delimiter)).toBe(expected);
  });

  it.each<[string[], boolean]>([
    [['1.234', '5.678'], true], // a decimal or a thousands group: nothing tells
    [['1.234', '5.6'], false], // 5.6 tells
    [['1,234', '12'], true],
    // No thousands group has a lone 0, more than 3 digits or space groups before it.
    [['0.500', '1.234'], false],
    [['1234.567', '1.234'], false],
    [['1 234.567', '1.234'], false],
    [['12', '7'], false], // no mark at all: nothing to misread
    [['1.234,50', '5,678'], false], // 1.234,50 tells
  ])('guessDecimal(%j) is ambiguous: %j', (samples, ambiguous) => {
    expect(guessDecimal(samples, ';').ambiguous).toBe(ambiguous);
  });

  it('one odd value does not outvote a thousand plain ones (it is then a bad row of its own)', () => {
    expect(detectDecimal([...Array(999).fill('123,45'), '1,234.50'], ';')).toBe(',');
    expect(detectDecimal([...Array(999).fill('123,45'), '12,345,678'], ';')).toBe(',');
    expect(detectDecimal([...Array(999).fill('12.5'), '1.234.567'], ',')).toBe('.');
  });
});
