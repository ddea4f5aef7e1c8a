// The sample's costs are concentrated like Oulu's (Leskelä et al., Suomen Lääkärilehti 48/2013:
// top 10 % of residents 81 % of costs, top 5 % 68 %, about 40 % with no cost), checked by an
// independent computation: the files parsed with csv-parse, summed per person in integer cents,
// register residents without rows counted as zero, net negatives clipped to zero.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateSample, SAMPLE_DEFAULTS } from '../../src/sample/index.js';
import { EXPECTED, sumSample, topShare, type SampleTotals } from './readSample.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'sample');
const fixtureFiles = Object.keys(EXPECTED).map((name) => ({
  name,
  bytes: readFileSync(join(FIXTURE, ...name.split('/'))),
}));

interface Figures {
  persons: number;
  top10: number;
  top5: number;
  zeroShare: number;
  unregistered: number;
  netNegative: number;
  /** Share of the top 10 %'s costs from specialised care and care for older people. */
  topFromSpecialisedAndElderly: number;
  meanByBand: Map<string, number>;
}

function figures(sample: SampleTotals): Figures {
  const ids = new Set([...sample.register.keys(), ...sample.totals.keys()]);
  const persons = [...ids].map((id) => ({ id, cents: Math.max(0, sample.totals.get(id) ?? 0) }));
  persons.sort((a, b) => b.cents - a.cents);
  const descending = persons.map((p) => p.cents);

  const top = persons.slice(0, Math.round(persons.length / 10));
  let topTotal = 0;
  let topMain = 0;
  for (const { id, cents } of top) {
    topTotal += cents;
    const sources = sample.bySource.get(id)!;
    topMain += (sources.get('costs/erikoissairaanhoito.csv') ?? 0) + (sources.get('costs/vanhuspalvelut.csv') ?? 0);
  }

  const bandSums = new Map<string, { cents: number; persons: number }>();
  for (const [id, band] of sample.register) {
    const entry = bandSums.get(band) ?? { cents: 0, persons: 0 };
    entry.cents += Math.max(0, sample.totals.get(id) ?? 0);
    entry.persons += 1;
    bandSums.set(band, entry);
  }
  return {
    persons: persons.length,
    top10: topShare(descending, 0.1),
    top5: topShare(descending, 0.05),
    zeroShare: descending.filter((x) => x === 0).length / persons.length,
    unregistered: [...sample.totals.keys()].filter((id) => !sample.register.has(id)).length,
    netNegative: [...sample.totals.values()].filter((x) => x < 0).length,
    topFromSpecialisedAndElderly: topMain / topTotal,
    meanByBand: new Map([...bandSums].map(([band, { cents, persons: n }]) => [band, cents / n / 100])),
  };
}

describe.each([
  ['the bundled fixture (persons 20000, seed 2013)', () => fixtureFiles],
  ['another seed (persons 20000, seed 7)', () => generateSample({ persons: 20_000, seed: 7 }).files],
])('%s', (_, files) => {
  const sample = sumSample(files());
  const f = figures(sample);

  it('has the register plus a handful of ids missing from it', () => {
    expect(sample.register.size).toBe(20_000);
    expect(f.unregistered).toBeGreaterThanOrEqual(3);
    expect(f.unregistered).toBeLessThanOrEqual(10);
  });

  it('has 100 000–300 000 cost rows, a few hundred of them credits', () => {
    expect(sample.rows).toBeGreaterThanOrEqual(100_000);
    expect(sample.rows).toBeLessThanOrEqual(300_000);
    expect(sample.creditRows).toBeGreaterThan(100);
  });

  it('has a few persons whose net total is negative', () => {
    expect(f.netNegative).toBeGreaterThanOrEqual(1);
    expect(f.netNegative).toBeLessThanOrEqual(10);
  });

  it('puts 76–84 % of costs on the top 10 % and 60–70 % on the top 5 %', () => {
    expect(f.top10).toBeGreaterThanOrEqual(0.76);
    expect(f.top10).toBeLessThanOrEqual(0.84);
    expect(f.top5).toBeGreaterThanOrEqual(0.6);
    expect(f.top5).toBeLessThanOrEqual(0.7);
  });

  it('has 35–45 % of residents without costs', () => {
    expect(f.zeroShare).toBeGreaterThanOrEqual(0.35);
    expect(f.zeroShare).toBeLessThanOrEqual(0.45);
  });

  it('lets specialised care and care for older people dominate the top 10 %', () => {
    expect(f.topFromSpecialisedAndElderly).toBeGreaterThan(0.6);
  });

  it('raises costs with age', () => {
    const mean = (band: string) => f.meanByBand.get(band)!;
    expect(mean('18-64')).toBeLessThan(mean('65-74'));
    expect(mean('0-17')).toBeLessThan(mean('65-74'));
    expect(mean('65-74')).toBeLessThan(mean('75-84'));
    expect(mean('75-84')).toBeLessThan(mean('85+'));
  });
});

describe('fixtures/sample', () => {
  it('is what the generator makes with the defaults (regenerate: scripts/make-fixtures.ts)', () => {
    expect(existsSync(join(FIXTURE, 'README.md'))).toBe(true);
    const generated = generateSample(SAMPLE_DEFAULTS).files;
    expect(generated.map((file) => file.name)).toEqual(fixtureFiles.map((file) => file.name));
    for (const file of generated) {
      const onDisk = fixtureFiles.find((fixture) => fixture.name === file.name)!.bytes;
      // gzip bytes may differ between zlib versions; what is inside must not.
      const content = (bytes: Buffer) => (file.name.endsWith('.gz') ? gunzipSync(bytes) : bytes);
      expect(content(onDisk).equals(content(file.bytes)), file.name).toBe(true);
    }
  });
});
