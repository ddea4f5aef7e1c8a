// --expect end to end: exit codes 0 / 1 / 2, the failure lines on stderr, and the JSON field.

import { describe, expect, it } from 'vitest';
import { run, scratch } from './run.js';

// Ten residents, total 100 €: top 10 % = 50/100; zero share 1/10; plain Gini 0.63
// (Σ|xi − xj| over ordered pairs = 1260, / (2 · n² · mean) = 1260 / 2000).
const COSTS = 'id;kustannus\na;50\nb;20\nc;10\nd;5\ne;5\nf;4\ng;3\nh;2\ni;1\nj;0\n';
const WITH_BAD_ROW = COSTS + 'k;n/a\n'; // 1 of 11 rows rejected

const BASE = ['costs.csv', '--min-cell', '0', '--max-rejected', '0.2'];

describe('--expect', () => {
  it('all expectations met: exit 0, nothing on stderr, and the JSON lists them', () => {
    const dir = scratch({ 'costs.csv': COSTS });
    const r = run([...BASE, '--json', '--expect', 'top10 == 50%', '--expect', 'gini > 0.62', '--expect', 'gini < 0.64', '--expect', 'persons == 10', '--expect', 'total == 100', '--expect', 'zeroShare <= 0.1', '--expect', 'rejected == 0'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.expectations).toHaveLength(7);
    expect(report.expectations[0]).toEqual({ expr: 'top10 == 50%', figure: 'top10', value: 0.5, pass: true });
    expect(report.expectations.every((e: { pass: boolean }) => e.pass)).toBe(true);
  });

  it('failures: exit 1, one stderr line each with the actual value, and the report is still written', () => {
    const dir = scratch({ 'costs.csv': WITH_BAD_ROW });
    const r = run([...BASE, '--quiet', '--expect', 'top10 >= 60%', '--expect', 'persons == 10', '--expect', 'rejected < 5%', '--expect', 'gini < 0.5'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      'expectation failed: top10 >= 60% (top10 is 0.5, 50 %)',
      `expectation failed: rejected < 5% (rejected is ${1 / 11}, 9.09 %)`,
      expect.stringMatching(/^expectation failed: gini < 0\.5 \(gini is 0\.6(3|29999\d*|30000\d*)\)$/),
      'costcurve: 3 of 4 expectations failed',
    ]);
    expect(r.stdout).toMatch(/Expectations \(1 of 4 met\)/);
    expect(r.stdout).toMatch(/FAILED\s+top10 >= 60%\s+top10 = 50\.00 %/);
  });

  it('failures with --json: the JSON says which failed', () => {
    const dir = scratch({ 'costs.csv': COSTS });
    const r = run([...BASE, '--json', '--expect', 'top20 > 0.8'], { cwd: dir });
    expect(r.code).toBe(1);
    // top 20 % = (50 + 20) / 100
    expect(JSON.parse(r.stdout).expectations).toEqual([{ expr: 'top20 > 0.8', figure: 'top20', value: 0.7, pass: false }]);
  });

  it('a suppressed figure fails the expectation', () => {
    const dir = scratch({ 'costs.csv': COSTS });
    // The top 1 % of 10 persons is 0.1 persons, fewer than --min-cell 5.
    const r = run(['costs.csv', '--expect', 'top1 > 0'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/expectation failed: top1 > 0 \(top1 is suppressed/);
  });

  it.each([
    ['top10 >> 0.6', /--expect 'top10 >> 0.6' is not an expectation/],
    ['median < 5', /--expect 'median < 5': unknown figure 'median'/],
    ['top3 > 0.1', /--expect 'top3 > 0.1': 3 % is not one of the top cuts/],
    ['persons > 50%', /--expect 'persons > 50%': persons is not a share/],
  ])('a malformed expression %j is a usage error (exit 2) naming it', (expr, message) => {
    const dir = scratch({ 'costs.csv': COSTS });
    const r = run([...BASE, '--expect', 'top10 > 0.1', '--expect', expr], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
