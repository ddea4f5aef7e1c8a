import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CostcurveError } from '../../src/errors.js';
import { generateSample, SAMPLE_DEFAULTS } from '../../src/sample/index.js';

const digest = (files: { name: string; bytes: Buffer }[]): string[] =>
  files.map((file) => `${file.name} ${createHash('sha256').update(file.bytes).digest('hex')}`);

describe('generateSample', () => {
  it('gives the same bytes for the same seed', () => {
    const a = generateSample({ persons: 3000, seed: 99 });
    const b = generateSample({ persons: 3000, seed: 99 });
    expect(digest(b.files)).toEqual(digest(a.files));
  });

  it('gives different data in every file for a different seed', () => {
    const a = generateSample({ persons: 3000, seed: 99 }).files;
    const b = generateSample({ persons: 3000, seed: 100 }).files;
    expect(b.map((file) => file.name)).toEqual(a.map((file) => file.name));
    for (let i = 0; i < a.length; i++) expect(b[i].bytes.equals(a[i].bytes)).toBe(false);
  });

  it('writes a register and one file per sector', () => {
    expect(generateSample({ persons: 200, seed: 1 }).files.map((file) => file.name)).toEqual([
      'register.csv',
      'costs/erikoissairaanhoito.csv',
      'costs/perusterveydenhuolto.csv.gz',
      'costs/vanhuspalvelut.csv',
      'costs/sosiaalipalvelut.csv',
      'costs/suun_terveydenhuolto.csv',
    ]);
  });

  it.each([200, 201, 317])('works for a register of %d, with rows in every sector file', (persons) => {
    const files = generateSample({ persons, seed: 5 }).files;
    expect(files[0].bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(persons + 1);
    for (const file of files.slice(1)) {
      const text = (file.name.endsWith('.gz') ? gunzipSync(file.bytes) : file.bytes).toString('latin1');
      expect(text.trimEnd().split(/\r?\n/).length, file.name).toBeGreaterThan(1);
    }
  });

  it('defaults to the bundled fixture size and seed', () => {
    expect(SAMPLE_DEFAULTS).toEqual({ persons: 20_000, seed: 2013 });
  });

  it.each([
    [{ persons: 0, seed: 1 }, /--persons .* got 0/],
    [{ persons: 199, seed: 1 }, /--persons must be a whole number from 200 .* got 199/],
    [{ persons: 2.5, seed: 1 }, /--persons .* got 2.5/],
    [{ persons: NaN, seed: 1 }, /--persons .* got NaN/],
    [{ persons: 1_000_001, seed: 1 }, /--persons .* got 1000001/],
    [{ persons: 200, seed: -1 }, /--seed .* got -1/],
    [{ persons: 200, seed: 2 ** 32 }, /--seed .* got 4294967296/],
    [{ persons: 200, seed: 0.5 }, /--seed .* got 0.5/],
  ])('rejects %j as a usage error', (options, message) => {
    let thrown: unknown;
    try {
      generateSample(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CostcurveError);
    expect((thrown as CostcurveError).exitCode).toBe(2);
    expect((thrown as CostcurveError).message).toMatch(message);
  });
});
