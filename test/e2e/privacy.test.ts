// Privacy end to end: identity codes are refused, no output of any format contains an id, and small
// groups are suppressed at the --min-cell boundary however large their weights.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runJson, scratch } from './run.js';

// Check characters computed here, digit by digit, from the published rule (DDMMYYNNN mod 31).
function hetu(ddmmyy: string, sign: string, nnn: string): string {
  let r = 0;
  for (const d of ddmmyy + nnn) r = (r * 10 + Number(d)) % 31;
  return `${ddmmyy}${sign}${nnn}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[r]}`;
}

const CODES = [hetu('131052', '-', '308'), hetu('010594', 'Y', '902'), hetu('290200', 'A', '999'), hetu('150718', '+', '002')];
const LOOKALIKES = [
  '131052-308U', // wrong check character (131052308 → T)
  hetu('310494', '-', '123'), // 31 April
  hetu('290201', 'A', '123'), // 29 February 2001
  hetu('131052', 'G', '308'), // no such century sign
  hetu('131052', '-', '001'), // individual number 001 is never issued
];

function costs(ids: string[]): string {
  return ['asiakas_id;kustannus_eur', ...ids.map((id, i) => `${id};${(i + 1) * 10},50`), ''].join('\n');
}

describe('personal identity codes are refused', () => {
  it('stops with exit 3, counts the codes, and prints none of them', () => {
    const dir = scratch({ 'k.csv': costs([...CODES, 'p1', 'p2', ...LOOKALIKES]) });
    const r = run(['k.csv'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/4 valid Finnish personal identity codes \(henkilötunnus\) found, in 4 of 11 ids: the data must be pseudonymised/);
    expect(r.stderr).toMatch(/--allow-identifiers/);
    for (const id of [...CODES, ...LOOKALIKES]) expect(r.stderr).not.toContain(id);
  });

  it('checks the roster ids too', () => {
    const dir = scratch({ 'k.csv': costs(['p1', 'p2']), 'r.csv': ['id', 'p1', 'p2', CODES[1], ''].join('\n') });
    const r = run(['k.csv', '--roster', 'r.csv'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/1 valid Finnish personal identity code \(henkilötunnus\) found, in 1 of 3 ids/);
    expect(r.stderr).not.toContain(CODES[1]);
  });

  it('checks group labels, which are printed', () => {
    const dir = scratch({ 'k.csv': 'id;kustannus;alue\np1;1;Itä\np2;2;' + CODES[0] + '\n' });
    const r = run(['k.csv', '--group', 'alue'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/found, in 1 group or service label/);
  });

  it('lets look-alikes through', () => {
    const dir = scratch({ 'k.csv': costs(['p1', ...LOOKALIKES]) });
    expect(run(['k.csv', '--min-cell', '0'], { cwd: dir }).code).toBe(0);
  });

  it('--allow-identifiers analyses anyway, and still no output contains an id', () => {
    const dir = scratch({ 'k.csv': costs([...CODES, 'p1', 'p2']) });
    const r = run(['k.csv', '--allow-identifiers', '--min-cell', '0'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = run(['k.csv', '--allow-identifiers', '--min-cell', '0', '--json'], { cwd: dir });
    for (const id of CODES) {
      expect(r.stdout + r.stderr).not.toContain(id);
      expect(json.stdout + json.stderr).not.toContain(id);
    }
  });

  it('masks a code in an error line that quotes a header', () => {
    // A file without a header whose first line is taken for one: the message lists "the header".
    const dir = scratch({ 'k.csv': `${CODES[0]};kustannus\np1;200\n` });
    const r = run(['k.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    // Any header cell of four digits or more is masked where the header is quoted (columns.ts).
    expect(r.stderr).toMatch(/no id column found; header is: •••;kustannus/);
    expect(r.stderr).not.toContain(CODES[0]);
  });

  it('never shows a code that a misplaced column puts in a bad-row example', () => {
    const rows = ['id;kustannus', ...Array.from({ length: 9 }, (_, i) => `p${i};${i + 1}`), `p9;${CODES[2]}`, ''].join('\n');
    const dir = scratch({ 'k.csv': rows });
    const r = run(['k.csv', '--max-rejected', '0.5', '--min-cell', '0', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // The reader shows a bad cell's shape (digits as 9, letters as a), never the cell.
    expect(report.input.examples[0].detail).toMatch(/^'999999a999a' \(shape/);
    expect(r.stdout).not.toContain(CODES[2]);
  });
});

describe('no output of any format contains an id', () => {
  // Ids that cannot occur by chance in a report, with every path that touches persons: a roster,
  // groups, weights, bad rows, persons missing from the roster, small groups.
  const id = (i: number) => `pseud-${String(i).padStart(3, '0')}-xq`;
  const roster = ['id;alue;paino', ...Array.from({ length: 40 }, (_, i) => `${id(i)};${i % 3 === 0 ? 'Itä' : i === 1 ? 'Pieni' : 'Länsi'};${(i % 4) + 1}`), ''].join('\n');
  const rows = [
    'id;palvelu;kustannus',
    ...Array.from({ length: 60 }, (_, i) => `${id(i % 45)};${i % 2 ? 'Kotihoito' : 'Päivystys'};${(i * 37) % 500},25`),
    `${id(7)};Kotihoito;n/a`,
    `;Kotihoito;12`,
    '',
  ].join('\n');
  const ids = Array.from({ length: 45 }, (_, i) => id(i));

  it.each([
    ['table', []],
    ['JSON', ['--json']],
    ['table, --min-cell 0', ['--min-cell', '0']],
    ['JSON, --min-cell 0', ['--json', '--min-cell', '0']],
  ])('%s', (_, extra) => {
    const dir = scratch({ 'r.csv': roster, 'k.csv': rows });
    const args = ['k.csv', '--roster', 'r.csv', '--group', 'alue', '--weight', 'paino', '--max-rejected', '0.1', ...extra];
    // persons with costs that the roster lacks have no weight: without --weight they are counted
    const unweighted = run(args.filter((a, k) => a !== '--weight' && args[k - 1] !== '--weight'), { cwd: dir });
    const toFile = run([...args.filter((a, k) => a !== '--weight' && args[k - 1] !== '--weight'), '--output', 'out.txt'], { cwd: dir });
    expect(unweighted.code).toBe(0);
    expect(toFile.code).toBe(0);
    const outputs = [unweighted.stdout, unweighted.stderr, toFile.stdout, toFile.stderr, readFileSync(join(dir, 'out.txt'), 'utf8')];
    for (const text of outputs) for (const i of ids) expect(text).not.toContain(i);
    expect(unweighted.stdout).toMatch(/Länsi|"Länsi"/);
  });

  it('with weights (every person in the roster)', () => {
    const dir = scratch({ 'r.csv': roster, 'k.csv': rows.replace(/pseud-04[0-4]-xq/g, id(5)) });
    for (const format of [[], ['--json']]) {
      const r = run(['k.csv', '--roster', 'r.csv', '--group', 'alue', '--weight', 'paino', '--max-rejected', '0.1', '--min-cell', '0', ...format], { cwd: dir });
      expect(r.code).toBe(0);
      for (const i of ids) expect(r.stdout + r.stderr).not.toContain(i);
    }
  });
});

describe('--min-cell suppresses a small group at the boundary, in JSON and in the table', () => {
  /** 30 persons in group iso and 10 in keski with weight 1, and `n` in group pieni with weight 10 000 each. */
  function data(n: number): string {
    const lines = ['id;kustannus;ryhma;paino'];
    for (let i = 0; i < 30; i++) lines.push(`b${i};${i * 10};iso;1`);
    for (let i = 0; i < 10; i++) lines.push(`m${i};${i * 7 + 1};keski;1`);
    for (let i = 0; i < n; i++) lines.push(`s${i};${100 + i};pieni;10000`);
    return lines.join('\n') + '\n';
  }

  it.each([
    { n: 4, suppressed: true },
    { n: 5, suppressed: false },
    { n: 6, suppressed: false },
  ])('a group of $n persons (weights 10 000): suppressed $suppressed', ({ n, suppressed }) => {
    const dir = scratch({ 'k.csv': data(n) });
    const args = ['k.csv', '--group', 'ryhma', '--weight', 'paino', '--focus', '100'];
    const report = runJson(args, { cwd: dir });
    const small = report.groups.find((g: any) => g.group === 'pieni');
    expect(small.suppressed).toBe(suppressed);
    for (const key of ['persons', 'weight', 'total', 'mean', 'zeroShare', 'gini', 'ofTop', 'ofPopulation']) {
      expect(small[key] === null, key).toBe(suppressed);
    }
    if (!suppressed) {
      expect(small.persons).toBe(n);
      expect(small.weight).toBe(n * 10000);
      // total = Σ w·x = 10 000 · Σ (100 + i)
      expect(small.total).toBe(10000 * (100 * n + (n * (n - 1)) / 2));
    }
    expect(report.suppression.applied).toBe(true);

    const table = run(args, { cwd: dir }).stdout;
    const section = table.slice(table.indexOf('Groups by ryhma'));
    const cells = (label: string) => section.split('\n').find((line) => line.trimStart().startsWith(label))!.trim().split(/\s{2,}/);
    const header = section.split('\n')[1].trim().split(/\s{2,}/);
    expect(header).toEqual(['iso', 'keski', 'pieni']);
    // With pieni hidden, keski (the next smallest) is hidden too: iso's figures and the
    // population's would otherwise give pieni's by subtraction.
    expect(cells('persons')).toEqual(['persons', '30', suppressed ? '<5' : '10', suppressed ? '<5' : String(n)]);
    expect(cells('Gini')[3] === '<5').toBe(suppressed);
    expect(report.groups.find((g: any) => g.group === 'keski').persons).toBe(suppressed ? null : 10);
    expect(table).toMatch(/Figures that describe fewer than 5 persons are suppressed/);
  });
});

describe('every output format keeps ids out and small cells suppressed', () => {
  /** 30 persons in iso, 10 in keski, and `n` in pieni whose costs (100 + i, weight 10 000) make a recognisable total. */
  function data(n: number): string {
    const lines = ['id;kustannus;ryhma;paino'];
    for (let i = 0; i < 30; i++) lines.push(`iso-${i}-zq;${i * 10};iso;1`);
    for (let i = 0; i < 10; i++) lines.push(`keski-${i}-zq;${i * 7 + 1};keski;1`);
    for (let i = 0; i < n; i++) lines.push(`pieni-${i}-zq;${100 + i};pieni;10000`);
    return lines.join('\n') + '\n';
  }
  const FORMATS: [string, string[]][] = [
    ['table with --plot', ['--plot']],
    ['CSV', ['--format', 'csv']],
    ['Markdown', ['--format', 'markdown']],
    ['Finnish CSV', ['--format', 'csv', '--lang', 'fi']],
  ];

  it.each([4, 5, 6])('a group of %d persons, in the table, CSV, Markdown, HTML and SVG', (n) => {
    const dir = scratch({ 'k.csv': data(n) });
    const args = ['k.csv', '--group', 'ryhma', '--weight', 'paino', '--focus', '100'];
    // pieni's total: 10 000 · Σ (100 + i), i < n — written as digits in CSV, grouped in the others
    const total = 10000 * (100 * n + (n * (n - 1)) / 2);
    const written = [String(total), total.toLocaleString('en-US'), total.toLocaleString('fi-FI')];
    const outputs: string[] = [];
    for (const [, extra] of FORMATS) {
      const r = run([...args, ...extra], { cwd: dir });
      expect(r.code).toBe(0);
      outputs.push(r.stdout + r.stderr);
    }
    expect(run([...args, '--html', 'r.html', '--svg', 'r.svg', '--quiet'], { cwd: dir }).code).toBe(0);
    outputs.push(readFileSync(join(dir, 'r.html'), 'utf8'), readFileSync(join(dir, 'r.svg'), 'utf8'));
    for (const text of outputs) {
      expect(text).not.toMatch(/(iso|keski|pieni)-\d+-zq/);
      const shown = written.some((w) => text.includes(w));
      if (text.includes('<svg') && !text.includes('<html')) continue; // the chart has no group figures
      expect(shown, text.slice(0, 80)).toBe(n >= 5);
    }
  });

  it('inspect and compare show no id either', () => {
    const dir = scratch({ 'a.csv': data(6), 'b.csv': data(5) });
    for (const args of [['inspect', 'a.csv'], ['inspect', 'a.csv', '--json'], ['compare', '--from', 'a.csv', '--to', 'b.csv', '--min-cell', '0'], ['compare', '--from', 'a.csv', '--to', 'b.csv', '--json']]) {
      const r = run(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/(iso|keski|pieni)-\d+-zq/);
    }
  });
});
