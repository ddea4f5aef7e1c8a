// Exit codes and error lines for everything a user can get wrong (DESIGN.md: Exit codes, Bad input).

import { spawn } from 'node:child_process';
import { closeSync, existsSync, linkSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, run, scratch } from './run.js';

const GOOD = 'id;kustannus\na;10,5\nb;20\nc;0\nd;7\ne;3\nf;1\n';

describe('data errors exit 3 with one line naming the file and line', () => {
  it.each([
    { name: 'unclosed quote', file: 'id;kustannus\na;10\nb;"20\nc;5\n', code: 3, message: /x\.csv:3(:\d+)?: .*quote/i },
    { name: 'an Excel workbook', file: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0]), code: 3, message: /x\.csv.*not a CSV text file.*ZIP/ },
    { name: 'binary content', file: Buffer.from('id;kustannus\na;1\u0000\u0000\u0001\u0002;3\n'), code: 3, message: /x\.csv.*not a CSV text file/ },
    { name: 'an empty file', file: '', code: 3, message: /x\.csv.*empty/i },
    { name: 'a header only', file: 'id;kustannus\n', code: 3, message: /x\.csv.*(no rows|only a header|header only|no data)/i },
    { name: 'no usable cost', file: 'id;kustannus\na;x\nb;y\nc;z\n', code: 3, message: /x\.csv.*3 of 3 rows.*rejected.*--max-rejected/ },
    { name: 'a total of zero', file: 'id;kustannus\na;0\nb;0\n', code: 3, message: /nothing to analyse.*zero/ },
    // a's costs for A: 60 + 60 = 120 trillion euros, 1.2 · 10^16 cents, beyond 2^53 ≈ 9.007 · 10^15
    // (B's −60 trillion keeps a's total in range, so the sum found too large is A's, worked out
    // from the total after the last row: the file is named, no line).
    { name: 'a service sum beyond the exact range', file: 'id;palvelu;kustannus\na;A;60000000000000\na;B;-60000000000000\na;A;60000000000000\nb;A;5\n', code: 3, message: /^costcurve: x\.csv: a sum of costs is too large.*round the amounts to cents/ },
  ])('$name', ({ file, code, message }) => {
    const dir = scratch({ 'x.csv': file });
    const r = run(['x.csv'], { cwd: dir });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1); // one line, no stack trace
  });

  it('a sum beyond the exact range is told at the same line on 1, 2 and 4 threads (files of 10 MiB: split once, on 2 or 4)', () => {
    // 880 000 rows of 1,00 between a first and a last row, on lines 2 and 880 003. 'merge': big has
    // 50 trillion euros on each (5 · 10^15 cents, under 2^53 ≈ 9.007 · 10^15; the two, 10^16, over
    // it): the sum leaves the range at the last line, where the threads' sums are each in range.
    // 'rescale': big has 10^11 euros, and the last row an amount in millionths, which moves every
    // sum to them (10^17 units, over 2^53): the last line, where the thread that meets it has no big.
    const middle = Array.from({ length: 880_000 }, (_, i) => `p${i % 1000};x;1,00\n`).join('');
    const files = {
      'merge.csv': `id;palvelu;kustannus\nbig;x;50000000000000,00\n${middle}big;x;50000000000000,00\n`,
      'rescale.csv': `id;palvelu;kustannus\nbig;x;100000000000,00\n${middle}tiny;x;0,000001\n`,
    };
    const dir = scratch(files);
    for (const name of Object.keys(files)) {
      for (const threads of ['1', '2', '4']) {
        const r = run([name, '--json', '--threads', threads], { cwd: dir });
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(new RegExp(`^costcurve: ${name.replace('.', '\\.')}:880003: a sum of costs is too large`));
      }
    }
  });

  it("the note on bad rows counts the cost files' of their rows and the roster's of its own", () => {
    // Costs: 4 rows, 1 with an empty cost. Roster: 4 rows, 1 with an empty weight. By hand: 1 of 4
    // and 1 of 4, not 2 of 4.
    const dir = scratch({
      'k.csv': 'id;kustannus;paino\nA1;10,00;1\nA2;5,00;1\nA3;;1\nA4;7,00;1\n',
      'r.csv': 'id;paino\nA1;1\nA2;\nA3;1\nA4;1\n',
    });
    const r = run(['k.csv', '--roster', 'r.csv', '--weight', 'paino', '--max-rejected', '0.5'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: 1 of 4 rows were skipped as bad rows (see the data-quality section)\n');
    expect(r.stderr).toContain('note: 1 of 4 rows of the roster were skipped as bad rows (see the data-quality section)\n');
  });

  it("an export's totals row read as a resident stops the run; a resident called Total with less does not", () => {
    // GOOD's rows add up to 10,5 + 20 + 0 + 7 + 3 + 1 = 41,5; the last line is the report's total.
    const dir = scratch({ 'x.csv': `${GOOD}Yhteensä;41,5\n`, 'z.csv': `${GOOD}KAIKKI YHTEENSÄ:;41,5\n`, 'y.csv': `${GOOD}Total;12\n` });
    const totals = run(['x.csv', '--quiet'], { cwd: dir });
    expect(totals.code).toBe(3);
    expect(totals.stderr).toMatch(/^costcurve: x\.csv: the id 'Yhteensä' has the costs of all the other rows together: a totals row/);
    expect(run(['z.csv', '--quiet'], { cwd: dir }).stderr).toMatch(/the id 'KAIKKI YHTEENSÄ:' has the costs of all the other rows together/);
    // Subtotals beside a grand total under one id (2 × 41,5), two words, and credits as a negative total.
    const more = scratch({ 's.csv': `${GOOD}Yhteensä;20\nYhteensä;21,5\nYhteensä;41,5\n`, 'w.csv': `${GOOD}Summa;20\nYhteensä;21,5\n`, 'n.csv': `${GOOD}Total;-41,5\n` });
    for (const name of ['s.csv', 'w.csv', 'n.csv']) expect(run([name, '--quiet'], { cwd: more }).stderr).toMatch(/costs of all the other rows together: (a totals row|totals rows)/);
    // 41,5 + 12 €: a resident called Total, with a quarter of the costs, is a resident.
    const resident = run(['y.csv', '--quiet', '--min-cell', '0', '--json'], { cwd: dir });
    expect(resident.code).toBe(0);
    expect(JSON.parse(resident.stdout)).toMatchObject({ total: 53.5, population: { persons: 7 } });
  });

  it('notes a decimal mark chosen from amounts that read either way, and names the flag for the other', () => {
    // 136.893 and 12.500: a ';' file's convention reads them as 136 893 and 12 500 (a '.' in thousands).
    const dir = scratch({ 'x.csv': 'id;kustannus\na;136.893\nb;12.500\nc;7\nd;1\ne;2\n', 'y.csv': 'id;kustannus\na;136.89\nb;12.5\nc;7\nd;1\ne;2\n' });
    const ambiguous = run(['x.csv', '--min-cell', '0', '--json'], { cwd: dir });
    expect(JSON.parse(ambiguous.stdout).input.files[0]).toMatchObject({ decimal: ',', decimalAmbiguous: true });
    expect(JSON.parse(ambiguous.stdout).total).toBe(136893 + 12500 + 7 + 1 + 2);
    expect(ambiguous.stderr).toContain("note: x.csv: amounts with one '.' or ',' and three digits after it (such as 1.234 or 1,234) read either way");
    expect(ambiguous.stderr).toContain('give --decimal .');
    const clear = run(['y.csv', '--min-cell', '0', '--json'], { cwd: dir });
    expect(JSON.parse(clear.stdout).input.files[0]).toMatchObject({ decimal: '.', decimalAmbiguous: false });
    expect(clear.stderr).not.toContain('note:');
  });

  it('a file plain ASCII in its first 64 KiB and Windows-1252 after is read again as Windows-1252; from stdin it is an error', () => {
    // 15 000 ASCII rows (~ 360 KB), then 'Sosiaalityö' with ö as the Windows-1252 byte F6 on line 15 002.
    const rows = Array.from({ length: 15000 }, (_, i) => `p${i};Kotihoito;${(i % 50) + 1},00`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`id;palvelu;kustannus\n${rows}\nq1;Sosiaality`), Buffer.from([0xf6]), Buffer.from(';12,50\n')]);
    const dir = scratch({ 'late.csv': bytes });
    for (const reader of ['scanner', 'csv-parse']) {
      const r = run(['late.csv', '--reader', reader, '--min-cell', '0', '--json'], { cwd: dir });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.input.files[0]).toMatchObject({ encoding: 'windows-1252', rows: 15001 });
      expect(report.services.map((s: { service: string }) => s.service)).toContain('Sosiaalityö');
    }
    const piped = run(['-', '--quiet'], { cwd: dir, input: bytes });
    expect(piped.code).toBe(3);
    expect(piped.stderr).toMatch(/line 15002.*--encoding windows-1252/);
    // inspect reads it as analyse does.
    const inspected = JSON.parse(run(['inspect', 'late.csv', '--json'], { cwd: dir }).stdout);
    expect(inspected.files[0]).toMatchObject({ encoding: 'windows-1252', problem: null, rows: 15001 });
  });

  it('a file with UTF-8 letters after its first 64 KiB and a broken byte later stays an error, not a re-read as Windows-1252', () => {
    // 'Päivystys' in UTF-8 on line 15 002, then a lone FF byte on line 15 003.
    const rows = Array.from({ length: 15000 }, (_, i) => `p${i};Kotihoito;${(i % 50) + 1},00`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`id;palvelu;kustannus\n${rows}\nq1;Päivystys;1,00\nq2;x`), Buffer.from([0xff]), Buffer.from(';2,00\n')]);
    const dir = scratch({ 'broken.csv': bytes });
    const r = run(['broken.csv', '--quiet'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/line 15003/);
  });

  it('a missing file', () => {
    const r = run(['nope.csv'], { cwd: scratch() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/nope\.csv/);
  });

  it('--strict stops at the first bad row with its line', () => {
    const dir = scratch({ 'x.csv': 'id;kustannus\na;10\nb;n/a\nc;5\n' });
    const r = run(['x.csv', '--strict'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^costcurve: x\.csv:3: .*--strict/);
  });

  it('--max-rejected: 1 bad row of 4 passes at 0.3 and fails at the default 1 %', () => {
    const dir = scratch({ 'x.csv': 'id;kustannus\na;10\nb;n/a\nc;5\nd;1\n' });
    expect(run(['x.csv', '--max-rejected', '0.3', '--min-cell', '0'], { cwd: dir }).code).toBe(0);
    const r = run(['x.csv'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/1 of 4 rows \(25 %\) were rejected/);
  });

  it('--negatives error stops on a resident with net credits', () => {
    const dir = scratch({ 'x.csv': 'id;kustannus\na;10\nb;-5\nc;5\n' });
    const r = run(['x.csv', '--negatives', 'error'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/1 resident has a negative net total/);
  });

  it('DEBUG adds the stack trace', () => {
    const r = run(['nope.csv'], { cwd: scratch(), env: { DEBUG: '1' } });
    expect(r.stderr.split('\n').length).toBeGreaterThan(2);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    { args: ['x.csv', '--bogus'], message: /unknown option '--bogus'/ },
    { args: ['x.csv', '--top', 'ten'], message: /--top 'ten' is not a percentage/ },
    { args: ['x.csv', '--top', '150'], message: /--top '150' is not a percentage/ },
    { args: ['x.csv', '--min-cell', '-1'], message: /--min-cell '-1' is not a whole number/ },
    { args: ['x.csv', '--negatives', 'drop'], message: /--negatives/ },
    { args: ['x.csv', '--cost', 'euroa'], message: /euroa.*id;kustannus/ },
    { args: ['x.csv', '--population', '3'], message: /--population 3 is smaller than the 6 persons/ },
    { args: [], message: /missing required argument/ },
  ])('$args', ({ args, message }) => {
    const dir = scratch({ 'x.csv': GOOD });
    const r = run(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a header without a cost column lists the header and names the flag', () => {
    const dir = scratch({ 'x.csv': 'id;maara\na;1\n' });
    const r = run(['x.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/id;maara/);
    expect(r.stderr).toMatch(/--cost/);
  });
});

describe('inputs that would give a wrong population', () => {
  it('the same file twice (a glob and a path) is a usage error, not a doubled total', () => {
    const dir = scratch({ 'x.csv': GOOD });
    const r = run(['x.csv', './x.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'\.\/x\.csv' is given twice \(also as 'x\.csv'\)/);
    // A hard link is the same file under another name.
    linkSync(join(dir, 'x.csv'), join(dir, 'copy.csv'));
    const linked = run(['x.csv', 'copy.csv'], { cwd: dir });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/'copy\.csv' is given twice \(also as 'x\.csv'\)/);
  });

  it('a roster that lacks most ids with costs is a data error (wrong file or id column)', () => {
    const dir = scratch({ 'x.csv': GOOD, 'r.csv': 'asiakas_id\nq1\nq2\nq3\n' });
    const r = run(['x.csv', '--roster', 'r.csv'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/r\.csv: 6 of the 6 residents with costs are not in the roster/);
  });

  it('--roster and --population together are a usage error', () => {
    const dir = scratch({ 'x.csv': GOOD, 'r.csv': 'id\na\n' });
    expect(run(['x.csv', '--roster', 'r.csv', '--population', '10'], { cwd: dir }).code).toBe(2);
  });

  it('--id and --no-id together are a usage error', () => {
    const r = run(['x.csv', '--no-id', '--id', 'id'], { cwd: scratch({ 'x.csv': GOOD }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--id and --no-id contradict/);
  });

  it('a stray bad row in a small file passes while all rows together are within --max-rejected', () => {
    // big.csv: 300 good rows; small.csv: 9 good + 1 bad. 1 of 310 rows = 0.3 % ≤ 1 %, and the small
    // file's 1 bad row is within its allowance of 1 % × 10 + 2 stray rows.
    const big = 'id;kustannus\n' + Array.from({ length: 300 }, (_, i) => `p${i};${i + 1}`).join('\n') + '\n';
    const small = 'id;kustannus\n' + Array.from({ length: 9 }, (_, i) => `s${i};5`).join('\n') + '\nz;n/a\n';
    const r = run(['big.csv', 'small.csv', '--quiet'], { cwd: scratch({ 'big.csv': big, 'small.csv': small }) });
    expect(r.code).toBe(0);
  });
});

describe('--output', () => {
  it('writes the report to a file and nothing to stdout', () => {
    const dir = scratch({ 'x.csv': GOOD });
    const r = run(['x.csv', '--output', 'out.json', '--json', '--min-cell', '0'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).total).toBe(41.5); // 10.5 + 20 + 7 + 3 + 1
  });

  it('refuses to write over an input', () => {
    const dir = scratch({ 'x.csv': GOOD });
    const r = run(['x.csv', '--output', 'x.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toBe(GOOD);
  });

  it('refuses to write over the roster, or over an input behind a link', () => {
    const dir = scratch({ 'x.csv': GOOD, 'r.csv': 'id\na\nb\nc\nd\ne\nf\n' });
    expect(run(['x.csv', '--roster', 'r.csv', '--output', 'r.csv'], { cwd: dir }).code).toBe(2);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toBe('id\na\nb\nc\nd\ne\nf\n');
    symlinkSync(join(dir, 'x.csv'), join(dir, 'link.csv'));
    expect(run(['link.csv', '--output', 'x.csv'], { cwd: dir }).code).toBe(2);
    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toBe(GOOD);
  });

  it('names a missing output folder', () => {
    const r = run(['x.csv', '--output', 'no/such/dir/out.txt', '--min-cell', '0'], { cwd: scratch({ 'x.csv': GOOD }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the folder 'no\/such\/dir' does not exist/);
  });

  it('leaves no file behind when the analysis fails', () => {
    const dir = scratch({ 'x.csv': 'id;kustannus\n' });
    expect(run(['x.csv', '--output', 'out.txt'], { cwd: dir }).code).toBe(3);
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });
});

describe('costcurve sample', () => {
  it('writes a sample that analyse reads, even at the smallest size', () => {
    const dir = scratch();
    expect(run(['sample', '--persons', '200', '--seed', '3', '--out', 's'], { cwd: dir }).code).toBe(0);
    const r = run(['--roster', 's/register.csv', 's/costs/erikoissairaanhoito.csv', 's/costs/perusterveydenhuolto.csv.gz', 's/costs/sosiaalipalvelut.csv', 's/costs/suun_terveydenhuolto.csv', 's/costs/vanhuspalvelut.csv', '--quiet'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses fewer than 200 persons with a usage error', () => {
    expect(run(['sample', '--persons', '5', '--out', 's'], { cwd: scratch() }).code).toBe(2);
  });
});

describe('a reader that stops early (costcurve … | head)', () => {
  it.each([['--help'], ['inspect', '--help'], ['--roster', 'fixtures/sample/register.csv', 'fixtures/sample/costs/vanhuspalvelut.csv', '--plot']])(
    '%s: the pipe closed before the output is written ends the run quietly, exit 0',
    async (...args) => {
      // The pipe is closed at once, before node has started: every write the command makes fails.
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
      expect(code).toBe(0);
    },
  );

  it('an output that cannot be written (a full disk: /dev/full) is told in one line, exit 3', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, '--version'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(stderr).toBe('costcurve: the output could not be written: ENOSPC: no space left on device, write\n');
      expect(code).toBe(3);
    } finally {
      closeSync(full);
    }
  });
});
