// Each file of the sample is written in the dialect it claims (README and DESIGN.md): checked by
// decoding and parsing it with csv-parse under exactly that dialect.

import { describe, expect, it } from 'vitest';
import { generateSample } from '../../src/sample/index.js';
import { EXPECTED, parseSampleFile, toCents } from './readSample.js';

const sample = generateSample({ persons: 5000, seed: 424242 });
const byName = new Map(sample.files.map((file) => [file.name, file.bytes]));
const costFiles = Object.keys(EXPECTED).filter((name) => name !== 'register.csv');
const parsed = new Map(sample.files.map((file) => [file.name, parseSampleFile(file.name, file.bytes)]));

// A valid Finnish personal identity code: DDMMYY, century sign, individual number, check character.
const HETU = /^(\d{6})[-+ABCDEFUVWXY](\d{3})([0-9A-Y])$/;
const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const isHetu = (id: string): boolean => {
  const match = HETU.exec(id);
  return match !== null && HETU_CHECK[Number(match[1] + match[2]) % 31] === match[3];
};

describe('sample files', () => {
  it.each(Object.keys(EXPECTED))('%s parses with its intended dialect and header', (name) => {
    const file = parsed.get(name)!;
    expect(file.header).toEqual(EXPECTED[name].header);
    expect(file.records.length).toBeGreaterThan(100);
    expect(file.records.every((record) => record.length === file.header.length)).toBe(true);
  });

  it.each(Object.keys(EXPECTED))('%s uses one line ending throughout', (name) => {
    const { text, dialect } = parsed.get(name)!;
    if (dialect.newline === '\r\n') expect(text).not.toMatch(/[^\r]\n/);
    else expect(text).not.toMatch(/\r/);
    expect(text.endsWith(dialect.newline)).toBe(true);
  });

  it('has a Windows-1252 file with non-ASCII text that is not valid UTF-8', () => {
    const bytes = byName.get('costs/vanhuspalvelut.csv')!;
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.includes(0xe4)).toBe(true); // ä
    const services = new Set(parsed.get('costs/vanhuspalvelut.csv')!.records.map((r) => r[1]));
    expect(services).toContain('Ympärivuorokautinen palveluasuminen');
  });

  it('has a gzip file and a UTF-8 file with a BOM', () => {
    expect([...byName.get('costs/perusterveydenhuolto.csv.gz')!.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect([...byName.get('costs/erikoissairaanhoito.csv')!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes thousands with spaces and decimal commas in the specialised-care file', () => {
    const costs = parsed.get('costs/erikoissairaanhoito.csv')!.records.map((r) => r[3]);
    expect(costs.some((cost) => /^\d{1,3} \d{3},\d{2}$/.test(cost))).toBe(true);
    expect(costs.some((cost) => cost.includes('.'))).toBe(false);
  });

  it('quotes the comma-separated file only where a field holds a comma', () => {
    const { text, records } = parsed.get('costs/sosiaalipalvelut.csv')!;
    expect(text).toContain('"Lastensuojelu, sijaishuolto"');
    expect(records.some((r) => r[1] === 'Lastensuojelu, sijaishuolto')).toBe(true);
    expect(text).not.toMatch(/"Aikuissosiaalityö"/);
  });

  it('has a file without a service column', () => {
    expect(parsed.get('costs/suun_terveydenhuolto.csv')!.header).not.toContain('palvelu');
  });

  it('has register age bands and districts as documented', () => {
    const records = parsed.get('register.csv')!.records;
    expect(new Set(records.map((r) => r[1]))).toEqual(new Set(['0-17', '18-64', '65-74', '75-84', '85+']));
    expect(new Set(records.map((r) => r[2]))).toEqual(new Set(['Keskusta', 'Pohjoinen', 'Etelä', 'Itä', 'Länsi']));
  });

  it('uses pseudonyms, never personal identity codes', () => {
    const ids = [...parsed.values()].flatMap((file) => file.records.map((record) => record[0]));
    // '' is a bad row with a missing id.
    expect(ids.filter((id) => id !== '' && !/^A\d{8}$/.test(id))).toEqual([]);
    expect(ids.filter(isHetu)).toEqual([]);
    // The check itself works: 131052-308T is the example code in the Finnish authorities' guidance.
    expect(isHetu('131052-308T')).toBe(true);
  });

  it('has unique register ids', () => {
    const ids = parsed.get('register.csv')!.records.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(costFiles)('%s has under 0.6 percent bad rows', (name) => {
    const { records, dialect, header } = parsed.get(name)!;
    const cost = header.length - 1;
    const empty = records.filter((r) => r[cost] === '').length;
    const notNumber = records.filter((r) => r[cost] !== '' && toCents(r[cost], dialect.decimal!) === null).length;
    const missingId = records.filter((r) => r[0] === '').length;
    expect(notNumber).toBe(records.filter((r) => r[cost] === 'n/a').length);
    expect((empty + notNumber + missingId) / records.length).toBeLessThan(0.006);
  });

  it('has every kind of bad row somewhere, at 0.1–0.3 % of all cost rows', () => {
    const all = costFiles.flatMap((name) => parsed.get(name)!.records.map((r) => ({ r, name })));
    const decimalOf = (name: string) => EXPECTED[name].decimal!;
    const last = (r: string[]) => r[r.length - 1];
    const empty = all.filter(({ r }) => last(r) === '').length;
    const notNumber = all.filter(({ r, name }) => last(r) !== '' && toCents(last(r), decimalOf(name)) === null).length;
    const missingId = all.filter(({ r }) => r[0] === '').length;
    expect(empty).toBeGreaterThan(0);
    expect(notNumber).toBeGreaterThan(0);
    expect(missingId).toBeGreaterThan(0);
    const share = (empty + notNumber + missingId) / all.length;
    expect(share).toBeGreaterThanOrEqual(0.001);
    expect(share).toBeLessThanOrEqual(0.003);
  });
});
