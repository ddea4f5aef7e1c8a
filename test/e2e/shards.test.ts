// Scale beyond one machine (README): shards of the raw events are pre-aggregated per person and
// service where they live, and costcurve reads the partial totals with the same figures as the raw
// run. The pre-aggregation here is the test's own (csv-parse and integer cents, as the README's SQL
// does with DECIMAL sums), not costcurve's.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSampleFile, toCents } from '../sample/readSample.js';
import { ROOT, run, scratch } from './run.js';

const SAMPLE = join(ROOT, 'fixtures', 'sample');
const SHARDS = 3;

/** Cents as the SQL engines write a DECIMAL(18, 2): -12.5 € → "-12.50". */
function euros(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

describe('pre-aggregated shards give the figures of the raw events', () => {
  it('three shards, each summed per person and service on its own, give byte-identical JSON figures', () => {
    // Each file's rows are cut into three consecutive shards (as if kept by three regions).
    const shards = Array.from({ length: SHARDS }, () => new Map<string, number>());
    for (const name of readdirSync(join(SAMPLE, 'costs')).sort()) {
      const parsed = parseSampleFile(`costs/${name}`, readFileSync(join(SAMPLE, 'costs', name)));
      const service = parsed.header.length === 4 ? 1 : null; // id; [service;] date; cost
      const fileService = name.replace(/\..*$/, ''); // no service column: the file's name, as costcurve does
      parsed.records.forEach((record, k) => {
        const id = record[0];
        const cents = toCents(record[record.length - 1], parsed.dialect.decimal!);
        if (id === '' || cents === null) return; // the SQL's WHERE: bad rows are left out
        const shard = shards[Math.floor((k * SHARDS) / parsed.records.length)];
        const key = `${id};${service === null ? fileService : record[service]}`;
        shard.set(key, (shard.get(key) ?? 0) + cents);
      });
    }
    const files: Record<string, string> = {};
    shards.forEach((sums, s) => {
      const lines = [...sums].map(([key, cents]) => `${key};${euros(cents)}`);
      expect(lines.every((line) => line.split(';').length === 3)).toBe(true); // no ';' inside a name
      files[`partial-${s + 1}.csv`] = ['asiakas_id;palvelu;kustannus_eur', ...lines].join('\n') + '\n';
    });
    const dir = scratch(files);

    const options = ['--roster', join(SAMPLE, 'register.csv'), '--json', '--quiet', '--ci', '95', '--bootstrap', '100'];
    const costs = readdirSync(join(SAMPLE, 'costs')).map((name) => join(SAMPLE, 'costs', name));
    const raw = run([...costs, ...options]);
    const partial = run([...Object.keys(files), ...options], { cwd: dir });
    expect(raw.code).toBe(0);
    expect(partial.code).toBe(0);
    const figures = (text: string) => {
      const { input, ...rest } = JSON.parse(text);
      return JSON.stringify(rest, null, 2);
    };
    expect(figures(partial.stdout)).toBe(figures(raw.stdout));
    // Not a vacuous match: the raw run read the events, the other fewer partial rows.
    const rows = (text: string) => JSON.parse(text).input.rows;
    expect(rows(raw.stdout)).toBe(144_695); // fixtures/sample/README.md
    expect(rows(partial.stdout)).toBeLessThan(rows(raw.stdout));
    expect(JSON.parse(partial.stdout).shares.find((s: { top: number }) => s.top === 0.1).share).toBeCloseTo(0.815, 3); // 81.5 %, README
  });
});
