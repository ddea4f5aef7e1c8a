// --ci / --bootstrap / --seed end to end: the JSON fields, reproducibility, order independence,
// suppression and usage errors.

import { describe, expect, it } from 'vitest';
import { run, runJson, scratch } from './run.js';

/** 400 residents with varied costs (ties included), rows in the given order, split over files. */
function rows(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const euros = (i * 7919) % 3001;
    lines.push(`P${i};Kotihoito;${Math.floor(euros / 2)},${String(euros % 100).padStart(2, '0')}`);
    if (i % 5 === 0) lines.push(`P${i};Päivystys;12,50`);
  }
  return lines;
}

const HEADER = 'id;palvelu;kustannus'; // a service column, so file names do not become services
const CI = ['--ci', '95', '--bootstrap', '300', '--seed', '7', '--top', '0.5,1,10,50'];

describe('--ci', () => {
  const dir = scratch({ 'costs.csv': [HEADER, ...rows()].join('\n') + '\n' });

  it('adds an interval to every top share, the focus, reach and the Gini, and says how they were made', () => {
    const report = runJson(['costs.csv', ...CI], { cwd: dir });
    expect(report.ci).toEqual({ level: 0.95, replicates: 300, seed: 7, method: 'percentile', resampling: 'poisson', valid: 300 });
    const shown = [...report.shares, report.focus].map((s) => ({ value: s.share, ci: s.ci }));
    shown.push(...report.reach.map((r: { top: number; ci: number[] }) => ({ value: r.top, ci: r.ci })));
    for (const { value, ci } of shown.filter((f: { value: number | null }) => f.value !== null)) {
      expect(ci).toHaveLength(2);
      expect(ci[0]).toBeLessThanOrEqual(ci[1]);
      // A percentile interval need not contain the estimate, but at n = 400 it is close by.
      expect(value).toBeGreaterThan(ci[0] - 0.05);
      expect(value).toBeLessThan(ci[1] + 0.05);
    }
    expect(report.giniCi[0]).toBeLessThan(report.gini);
    expect(report.giniCi[1]).toBeGreaterThan(report.gini);
  });

  it('a suppressed figure gets no interval', () => {
    const report = runJson(['costs.csv', ...CI], { cwd: dir });
    // The top 0.5 % of 400 residents is 2 persons, fewer than --min-cell 5.
    expect(report.shares[0]).toMatchObject({ top: 0.005, share: null, suppressed: true, ci: null });
  });

  it('is reproducible for a seed, differs for another, and is absent without --ci', () => {
    const a = run(['costs.csv', ...CI, '--json'], { cwd: dir }).stdout;
    expect(run(['costs.csv', ...CI, '--json'], { cwd: dir }).stdout).toBe(a);
    const other = runJson(['costs.csv', ...CI, '--seed', '8'], { cwd: dir });
    expect(other.giniCi).not.toEqual(JSON.parse(a).giniCi);
    const plain = runJson(['costs.csv'], { cwd: dir });
    expect(plain.ci).toBeUndefined();
    expect(plain.giniCi).toBeUndefined();
    expect(plain.shares[0].ci).toBeUndefined();
  });

  it('does not depend on the order of rows or how they are split into files', () => {
    const lines = rows();
    const reversed = [...lines].reverse();
    const split = scratch({
      'a.csv': [HEADER, ...reversed.slice(0, 150)].join('\n') + '\n',
      'b.csv': [HEADER, ...reversed.slice(150)].join('\n') + '\n',
    });
    const whole = runJson(['costs.csv', ...CI], { cwd: dir });
    const parts = runJson(['b.csv', 'a.csv', ...CI], { cwd: split });
    const { input: _a, ...figures } = whole;
    const { input: _b, ...partFigures } = parts;
    expect(JSON.stringify(partFigures)).toBe(JSON.stringify(figures));
  });

  it('shows the intervals in the table', () => {
    const r = run(['costs.csv', ...CI], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Confidence intervals \(95 %, percentile bootstrap, 300 replicates, seed 7\)/);
    expect(r.stdout).toMatch(/top 10 %\s+\d+\.\d %\s+\d+\.\d % – \d+\.\d %/);
    expect(r.stdout).toMatch(/Gini\s+0\.\d{3}\s+0\.\d{3} – 0\.\d{3}/);
  });

  it('carries the intervals into CSV, Markdown and Finnish tables', () => {
    const json = runJson(['costs.csv', ...CI], { cwd: dir });
    const csv = run(['costs.csv', ...CI, '--format', 'csv'], { cwd: dir }).stdout.split('\r\n');
    const top10 = json.shares.find((s: { top: number }) => s.top === 0.1);
    expect(csv).toContain(`shares,0.1,ciLow,${top10.ci[0]}`);
    expect(csv).toContain(`shares,0.1,ciHigh,${top10.ci[1]}`);
    expect(csv).toContain('shares,0.005,ciLow,'); // suppressed: an empty value
    expect(csv).toContain(`summary,,giniCiLow,${json.giniCi[0]}`);
    expect(csv).toContain('ci,,replicates,300');
    expect(run(['costs.csv', ...CI, '--format', 'markdown'], { cwd: dir }).stdout).toMatch(/\| top 10 % \| \d+\.\d % \| \d+\.\d % – \d+\.\d % \|/);
    expect(run(['costs.csv', ...CI, '--lang', 'fi'], { cwd: dir }).stdout).toMatch(/Luottamusvälit \(95 %, persentiilibootstrap, 300 toistoa, siemenluku 7\)\n[^\n]*\n\s+kalleimmat 0,5 %\s+<5\s+<5/);
  });

  it.each([
    [['--ci', '0.95'], /--ci '0.95' is not a confidence level in percent from 50 to below 100/],
    [['--ci', '100'], /--ci '100' is not a confidence level/],
    [['--bootstrap', '0'], /--bootstrap '0' is not a whole number of at least 1/],
    [['--seed', '3'], /--seed is the seed of the bootstrap; add --ci 95/],
    [['--ci', '95', '--seed', '-1'], /--seed '-1' is not a whole number/],
    [['--ci', '95', '--seed', '4294967296'], /--seed '4294967296' is too large/],
  ])('%j is a usage error', (args, message) => {
    const r = run(['costs.csv', ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--bootstrap alone asks for 95 % intervals', () => {
    expect(runJson(['costs.csv', '--bootstrap', '50'], { cwd: dir }).ci).toMatchObject({ level: 0.95, replicates: 50, seed: 1 });
  });
});
