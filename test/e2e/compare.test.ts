// compare end to end: persistence and transitions on hand-computed cases (persons present in one
// period only, ties spread over deciles), the table, the SVG, determinism and errors.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runJson, scratch } from './run.js';

// a, c only in the first period; d, e only in the second; b in both.
const FIRST = 'id;kustannus\na;100\nb;50\nc;10\n';
const SECOND = 'id;kustannus\nb;80\nd;60\ne;5\n';
const ROSTER = 'id\na\nb\nc\nd\ne\nf\n';
const OPEN = ['--min-cell', '0', '--top', '20,40,60'];

describe('compare: persons present in one period only', () => {
  const dir = scratch({ 'first.csv': FIRST, 'second.csv': SECOND, 'roster.csv': ROSTER });

  it('counts the union of both periods, absent persons as zero', () => {
    const report = runJson(['compare', '--from', 'first.csv', '--to', 'second.csv', ...OPEN], { cwd: dir });
    expect(report).toMatchObject({ version: 1, command: 'compare', definitions: { population: 'union' } });
    expect(report.population).toEqual({ persons: 5, inBoth: 1, onlyFrom: 2, onlyTo: 2, neither: 0 });
    expect(report.from).toMatchObject({ total: 160, population: { persons: 5, zeroCost: 2 } });
    expect(report.to).toMatchObject({ total: 145, population: { persons: 5, zeroCost: 2 } });
    // First: a 100 > b 50 > c 10 > d = e = 0; second: b 80 > d 60 > e 5 > a = c = 0.
    expect(report.persistence).toEqual([
      // Top 20 % = 1 person: a, then b. Nobody stayed; a has no costs later.
      { top: 0.2, persons: 1, stayed: 0, stayedPersons: 0, noCost: 1, noCostShare: 1, suppressed: false },
      // Top 40 %: {a, b}, then {b, d}: b stayed; a has no costs.
      { top: 0.4, persons: 2, stayed: 0.5, stayedPersons: 1, noCost: 1, noCostShare: 0.5, suppressed: false },
      // Top 60 %: {a, b, c}, then {b, d, e}: b stayed; a and c have no costs.
      { top: 0.6, persons: 3, stayed: 1 / 3, stayedPersons: 1, noCost: 2, noCostShare: 2 / 3, suppressed: false },
    ]);
  });

  it('the decile transition table spreads tie blocks over the deciles they span', () => {
    const report = runJson(['compare', '--from', 'first.csv', '--to', 'second.csv', ...OPEN], { cwd: dir });
    // Deciles of 0.5 persons. First: a = deciles 1–2, b 3–4, c 5–6, {d, e} (tied at 0) 7–10, each
    // member ¼ in each. Second: b 1–2, d 3–4, e 5–6, {a, c} 7–10.
    const zeroBlock = [0, 0, 0, 0, 0, 0, 0.25, 0.25, 0.25, 0.25];
    const expected = [
      zeroBlock, zeroBlock, // a → the zero block
      [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0], [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0], // b → 1–2
      zeroBlock, zeroBlock, // c → the zero block
      // {d, e}: each decile is ¼ d (→ 3–4) and ¼ e (→ 5–6), as a share of the decile's 0.5
      ...new Array(4).fill([0, 0, 0.25, 0.25, 0.25, 0.25, 0, 0, 0, 0]),
    ];
    expect(report.transitions.map((row: { to: number[] }) => row.to)).toEqual(expected);
    expect(report.transitions[0]).toMatchObject({ decile: 1, persons: 0.5, suppressed: false });
  });

  it('a roster adds residents with no costs in either period', () => {
    const report = runJson(['compare', '--roster', 'roster.csv', '--from', 'first.csv', '--to', 'second.csv', ...OPEN], { cwd: dir });
    expect(report.definitions.population).toBe('roster');
    expect(report.population).toEqual({ persons: 6, inBoth: 1, onlyFrom: 2, onlyTo: 2, neither: 1 });
    // Top 1/6 would be one person; the 20 % cut is 1.2 persons: a, and 0.2 of b (the next block).
    // Second: b, and 0.2 of d. Σ f1·f2 = b's 0.2 · 1 = 0.2 of 1.2; a (1) has no costs later.
    expect(report.persistence[0].stayed).toBeCloseTo(0.2 / 1.2, 12);
    expect(report.persistence[0].noCostShare).toBeCloseTo(1 / 1.2, 12);
  });

  it('--population pads both periods with residents without costs', () => {
    const report = runJson(['compare', '--population', '10', '--from', 'first.csv', '--to', 'second.csv', ...OPEN], { cwd: dir });
    expect(report.population).toEqual({ persons: 10, inBoth: 1, onlyFrom: 2, onlyTo: 2, neither: 5 });
    // Top 20 % = 2 persons: {a, b} then {b, d}, as before.
    expect(report.persistence[0]).toMatchObject({ persons: 2, stayed: 0.5 });
  });
});

describe('compare: small counts of residents by period', () => {
  // 12 residents with costs in both periods; 2 (or 6) only in the first; 6 only in the second.
  const rows = (ids: string[]) => ['id;kustannus', ...ids.map((id, i) => `${id};${100 + i}`), ''].join('\n');
  const both = Array.from({ length: 12 }, (_, i) => `p${i}`);
  const only = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('withholds all four counts when one is 1 to --min-cell − 1: with the periods\' counts, any follows from the others', () => {
    const dir = scratch({ 'first.csv': rows([...both, ...only('q', 2)]), 'second.csv': rows([...both, ...only('r', 6)]) });
    const report = runJson(['compare', '--from', 'first.csv', '--to', 'second.csv', '--json'], { cwd: dir });
    // 2 only in the first would follow as the first period's 14 with costs less the 12 in both.
    expect(report.population).toEqual({ persons: 20, inBoth: null, onlyFrom: null, onlyTo: null, neither: null });
    // Nobody is in neither period here (the union), so in both = 20 − the two periods' zero-cost
    // counts (6 and 2): those are hidden too.
    for (const p of [report.from, report.to]) expect(p.population).toMatchObject({ withCost: null, zeroCost: null, zeroShare: null });
    expect(report.suppression.applied).toBe(true);
    const table = run(['compare', '--from', 'first.csv', '--to', 'second.csv'], { cwd: dir }).stdout;
    expect(table).toContain('20 residents: <5 with costs in both periods, <5 only in the first, <5 only in the second, <5 in neither');
  });

  it('shows them when none is 1 to --min-cell − 1 (0 describes nobody)', () => {
    const dir = scratch({ 'first.csv': rows([...both, ...only('q', 6)]), 'second.csv': rows([...both, ...only('r', 6)]) });
    const report = runJson(['compare', '--from', 'first.csv', '--to', 'second.csv', '--json'], { cwd: dir });
    expect(report.population).toEqual({ persons: 24, inBoth: 12, onlyFrom: 6, onlyTo: 6, neither: 0 });
  });
});

describe('compare: complementary suppression in the transition table', () => {
  // 100 residents with distinct totals, so each decile holds 10. First period: p0 the costliest …
  // p99. Second: p0–p6 keep their ranks (decile 1), p7–p9 fall to ranks 10–12 (decile 2), p10–p12
  // rise to ranks 7–9 (decile 1), the rest keep theirs. Row 1 is then 7 → decile 1 and 3 → decile 2.
  const rank2 = (i: number) => (i >= 7 && i <= 9 ? i + 3 : i >= 10 && i <= 12 ? i - 3 : i);
  const csv = (total: (i: number) => number) => ['id;kustannus', ...Array.from({ length: 100 }, (_, i) => `p${i};${total(i)}`), ''].join('\n');
  const dir = scratch({ 'first.csv': csv((i) => 100 - i), 'second.csv': csv((i) => 100 - rank2(i)) });

  it('hides the other cells of a row or a column that holds a single hidden cell', () => {
    const report = runJson(['compare', '--from', 'first.csv', '--to', 'second.csv', '--json'], { cwd: dir });
    // Cells (1, 2) and (2, 1) hold 3 persons each: hidden. Each row adds up to 1 and each column to
    // its decile, so (1, 1) and (2, 2), 7 persons each, would give them away: hidden too. The other
    // cells of rows 1 and 2 hold nobody (0 < 5: hidden as before).
    for (const row of report.transitions.slice(0, 2)) expect(row.to).toEqual(new Array(10).fill(null));
    // Rows 3–10 stay where they were.
    expect(report.transitions[2].to[2]).toBe(1);
    expect(report.transitions[9].to[9]).toBe(1);
  });
});

describe('compare: ties at the boundary', () => {
  it('counts boundary persons by their inclusion fractions', () => {
    // 10, 5, 5, 0 → 5, 10, 0, 5 (persons a–d). Top 50 %: first a + ½ of b and c; second b + ½ of
    // a and d. stayed = (1·½ + ½·1) / 2 = 0.5; c's ½ has no costs later: 0.5 persons, 0.25.
    const dir = scratch({ 'y1.csv': 'id;kustannus\na;10\nb;5\nc;5\nd;0\n', 'y2.csv': 'id;kustannus\na;5\nb;10\nc;0\nd;5\n' });
    const report = runJson(['compare', '--from', 'y1.csv', '--to', 'y2.csv', '--min-cell', '0', '--top', '50'], { cwd: dir });
    expect(report.persistence).toEqual([{ top: 0.5, persons: 2, stayed: 0.5, stayedPersons: 1, noCost: 0.5, noCostShare: 0.25, suppressed: false }]);
  });
});

describe('compare: suppression, output, determinism', () => {
  const dir = scratch({ 'first.csv': FIRST, 'second.csv': SECOND, 'f1.csv': 'id;kustannus\na;60\n', 'f2.csv': 'id;kustannus\na;40\nb;50\nc;10\n' });

  it('suppresses top groups and cells with fewer than --min-cell persons', () => {
    const report = runJson(['compare', '--from', 'first.csv', '--to', 'second.csv', '--top', '20'], { cwd: dir });
    expect(report.persistence[0]).toEqual({ top: 0.2, persons: 1, stayed: null, stayedPersons: null, noCost: null, noCostShare: null, suppressed: true });
    expect(report.transitions[0]).toMatchObject({ decile: 1, to: new Array(10).fill(null), suppressed: true });
    expect(report.suppression).toEqual({ minCell: 5, applied: true });
  });

  it('the same data split over files in another order gives the same bytes', () => {
    const a = run(['compare', '--from', 'first.csv', '--to', 'second.csv', '--json', ...OPEN], { cwd: dir });
    const b = run(['compare', '--from', 'f2.csv', 'f1.csv', '--to', 'second.csv', '--json', ...OPEN], { cwd: dir });
    expect(a.code).toBe(0);
    const figures = (text: string) => {
      const { from, ...rest } = JSON.parse(text);
      const { input, ...period } = from;
      return JSON.stringify({ ...rest, from: period });
    };
    // Only the first period's input section, which names the files, may differ.
    expect(figures(b.stdout)).toBe(figures(a.stdout));
  });

  it('prints a readable table and draws the transition table as SVG', () => {
    const r = run(['compare', '--from', 'first.csv', '--to', 'second.csv', ...OPEN, '--svg', 'transitions.svg'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^costcurve compare — 5 residents: 1 with costs in both periods, 2 only in the first, 2 only in the second, 0 in neither/);
    expect(r.stdout).toMatch(/top 20 %\s+62\.5 %\s+55\.2 %/); // 100/160 and 80/145
    expect(r.stdout).toMatch(/\n\s+40 %\s+2\s+50\.0 %\s+1\s+1 \(50\.0 %\)/);
    expect(r.stdout).toMatch(/from \\ to\s+1\s+2\s+3/);
    const svg = readFileSync(join(dir, 'transitions.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const cells = [...svg.matchAll(/<title>first period decile (\d+) → second period decile (\d+): ([^<]*)<\/title>/g)];
    expect(cells).toHaveLength(100);
    expect(cells.find(([, d, e]) => d === '3' && e === '1')?.[3]).toBe('50.0 %');
    // Every element is closed: as many opening as closing tags of each kind (no XML parser at hand).
    for (const tag of ['svg', 'text', 'title', 'rect']) {
      const open = svg.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0;
      const closed = (svg.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0) + (svg.match(new RegExp(`<${tag}[^>]*/>`, 'g'))?.length ?? 0);
      expect(closed).toBe(open);
    }
  });
});

describe('compare: in Finnish', () => {
  it('--lang fi gives Finnish labels and numbers in the table and the SVG', () => {
    const dir = scratch({ 'first.csv': FIRST, 'second.csv': SECOND });
    const r = run(['compare', '--from', 'first.csv', '--to', 'second.csv', ...OPEN, '--lang', 'fi', '--svg', 'siirtymat.svg'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^costcurve compare — 5 asukasta; kustannuksia molempina kausina 1, vain ensimmäisenä 2, vain toisena 2, ei kumpanakaan 0/);
    expect(r.stdout).toMatch(/kalleimmat 20 %\s+62,5 %\s+55,2 %/);
    const svg = readFileSync(join(dir, 'siirtymat.svg'), 'utf8');
    expect(svg).toContain('<title>Desiilisiirtymät kahden kauden välillä</title>');
    expect(svg).toContain('ensimmäisen kauden desiili 3 → toisen kauden desiili 1: 50,0 %');
  });
});

describe('compare: errors', () => {
  // big.csv: a's A costs 60 + 60 trillion euros, 1.2 · 10^16 cents, beyond 2^53 ≈ 9.007 · 10^15 (B's
  // −60 trillion keeps a's total in range): known only from the total, so the files are named.
  const big = 'id;palvelu;kustannus\na;A;60000000000000\na;B;-60000000000000\na;A;60000000000000\nb;A;5\n';
  const dir = scratch({ 'first.csv': FIRST, 'second.csv': SECOND, 'zero.csv': 'id;kustannus\na;0\n', 'big.csv': big });
  it.each([
    { args: ['compare', '--from', 'first.csv'], code: 2, message: /required option '--to <input...>' not specified/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'second.csv', '--no-id'], code: 2, message: /compare follows residents .* by their ids/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'second.csv', '--population', '4'], code: 2, message: /--population 4 is smaller than the 5 persons found in the two periods/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'second.csv', '--ci', '95'], code: 2, message: /unknown option '--ci'/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'second.csv', '--weight', 'paino'], code: 2, message: /compare does not take --weight yet/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'second.csv', '--group', 'alue'], code: 2, message: /compare does not take --group yet/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'zero.csv'], code: 3, message: /nothing to compare: the total cost of the --to files is zero/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'missing.csv'], code: 3, message: /missing\.csv/ },
    { args: ['compare', '--from', 'first.csv', '--to', 'big.csv'], code: 3, message: /^costcurve: big\.csv: a sum of costs is too large/ },
  ])('$args → exit $code', ({ args, code, message }) => {
    const r = run(args, { cwd: dir });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('refuses to write the SVG over an input', () => {
    const r = run(['compare', '--from', 'first.csv', '--to', 'second.csv', '--svg', 'second.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'second.csv'), 'utf8')).toBe(SECOND);
  });
});
