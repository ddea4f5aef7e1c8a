// A published figure from a real survey file: MEPS 2014 (AHRQ), weighted by the person weights.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceTopShare } from '../curve/reference.js';
import { ROOT, runJson } from './run.js';

const FILE = 'fixtures/meps-2014/meps_2014_fyc_extract.csv';

describe('MEPS 2014 full-year extract, --weight PERWT14F (fixtures/meps-2014)', () => {
  let report: any;
  // Independent: the file split by hand (it has no quotes), persons with weight 0 left out.
  let persons: { x: number; w: number }[];
  let outOfScope: number;
  beforeAll(() => {
    report = runJson([FILE, '--id', 'DUPERSID', '--cost', 'TOTEXP14', '--weight', 'PERWT14F']);
    const [header, ...lines] = readFileSync(join(ROOT, FILE), 'utf8').trim().split('\n');
    const names = header.split(',');
    const rows = lines.map((line) => line.split(','));
    const x = names.indexOf('TOTEXP14');
    const w = names.indexOf('PERWT14F');
    const all = rows.map((r) => ({ x: Number(r[x]), w: Number(r[w]) }));
    persons = all.filter((p) => p.w > 0);
    outOfScope = all.length - persons.length;
  });

  it('leaves the persons with weight 0 out of scope', () => {
    expect(outOfScope).toBe(1713); // awk -F, 'NR > 1 && $7 == 0' counts the same
    expect(report.population).toMatchObject({ persons: persons.length, outOfScope, weightConflicts: 0 });
    expect(report.input.rejectedRows).toBe(0);
    expect(report.giniCorrected).toBeNull();
  });

  // AHRQ, MEPS Statistical Brief #497 (Mitchell, November 2016): "about 15 percent of the U.S.
  // civilian noninstitutionalized population had no health care expenditures in 2014, and only five
  // percent of the population accounted for over half of health care spending".
  it('reproduces AHRQ: about 15 % had no expenditures (rounds to 15 %)', () => {
    expect(Math.round(report.population.zeroShare * 100)).toBe(15);
  });

  it('reproduces AHRQ: the top 5 % account for just over half of spending', () => {
    const top5 = report.shares.find((s: any) => s.top === 0.05).share;
    expect(top5).toBeGreaterThan(0.5);
    expect(top5).toBeLessThan(0.51);
  });

  // Emily Mitchell (AHRQ) on the same 2014 data, interviewed by medicalresearch.com (2016): "the
  // bottom 50 percent accounted for only 2.8 percent of expenditures".
  it('reproduces AHRQ: the bottom 50 % account for 2.8 %', () => {
    const bottom = report.bottom.find((b: any) => b.bottom === 0.5).share;
    expect(Math.round(bottom * 1000) / 10).toBe(2.8);
  });

  it.each([0.01, 0.05, 0.1, 0.2, 0.5])('the top %s share agrees with a person-by-person reference', (p) => {
    const share = report.shares.find((s: any) => s.top === p).share;
    expect(share).toBeCloseTo(
      referenceTopShare(
        persons.map((q) => q.x),
        persons.map((q) => q.w),
        p,
      ),
      10,
    );
  });

  it('weights the population and the zero share', () => {
    const W = persons.reduce((s, q) => s + q.w, 0);
    expect(report.population.weight).toBeCloseTo(W, 4);
    const zero = persons.filter((q) => q.x === 0).reduce((s, q) => s + q.w, 0);
    expect(report.population.zeroShare).toBeCloseTo(zero / W, 12);
  });
});
