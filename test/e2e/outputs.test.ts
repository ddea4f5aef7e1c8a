// The analyse command's outputs end to end on the bundled sample: the SVG and HTML files, the
// terminal plot, CSV and Markdown, Finnish, and the usage errors around them.

import { parse } from 'csv-parse/sync';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, closeSync, linkSync, lstatSync, openSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { all, parseSvg, pathPoints } from '../report/svgRead.js';
import { BIN, ROOT, run, runJson, scratch } from './run.js';

const COSTS = readdirSync(join(ROOT, 'fixtures/sample/costs')).map((f) => join(ROOT, 'fixtures/sample/costs', f));
const ARGS = ['--roster', join(ROOT, 'fixtures/sample/register.csv'), ...COSTS, '--quiet'];

describe('analyse outputs on the bundled sample', () => {
  let report: any;
  let dir: string;
  beforeAll(() => {
    report = runJson(ARGS);
    dir = scratch();
  });

  it('writes an SVG whose curve and markers are the report’s', () => {
    const r = run([...ARGS, '--svg', join(dir, 'curve.svg')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = parseSvg(readFileSync(join(dir, 'curve.svg'), 'utf8'));
    const points = pathPoints(doc.getElementById('curve')!.getAttribute('d')!);
    const near = (p: number, c: number) => points.some(([x, y]) => Math.abs(x - p) < 3e-5 && Math.abs(y - c) < 3e-5);
    for (const [p, c] of report.curve) if (c !== null) expect(near(p, c), `(${p}, ${c})`).toBe(true);
    // Marker labels: the cut, then the share in whole percent (an independent rounding of the JSON).
    const labels = all(doc, 'text').filter((t) => t.getAttribute('class') === 'marker-label').map((t) => t.textContent);
    const expected = report.shares.map((s: any) => {
      const whole = Math.round(s.share * 100);
      return `${s.top * 100} % → ${whole < 100 ? whole : (Math.round(s.share * 1000) / 10).toFixed(1)} %`;
    });
    expect(labels).toEqual(expected);
    expect(labels).toContain('10 % → 82 %'); // the sample's top 10 % bear 81.5 %, as its table says
    expect(all(doc, 'text')[0].textContent).toBe('Cost concentration: costs (5 files)');
  });

  it('writes a self-contained HTML report beside the table on stdout', () => {
    const r = run([...ARGS, '--html', join(dir, 'report.html'), '--title', 'Esimerkkikunta 2024']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The top 10 % of residents account for 81.5 % of costs');
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toContain('<title>Esimerkkikunta 2024</title>');
    expect(page).toContain('The top 10 % of residents account for 81.5 % of costs; the top 5 % for 66.4 %.');
    expect(page).not.toMatch(/<script|<link|src=|href=/);
  });

  it('draws the plot after the table, within 100 columns', () => {
    const r = run([...ARGS, '--plot']);
    expect(r.code).toBe(0);
    const plotAt = r.stdout.indexOf('Cost concentration: costs (5 files)');
    expect(plotAt).toBeGreaterThan(r.stdout.indexOf('Data quality'));
    for (const line of r.stdout.slice(plotAt).split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect(r.stdout).toContain('o 10 % → 81.5 %');
  });

  it('writes CSV whose figures are the JSON’s, to the last digit', () => {
    const records: string[][] = parse(run([...ARGS, '--format', 'csv']).stdout, { from_line: 2 });
    const value = (section: string, key: string, metric: string) => records.find((r) => r[0] === section && r[1] === key && r[2] === metric)?.[3];
    for (const s of report.shares) expect(Number(value('shares', String(s.top), 'share'))).toBe(s.share);
    expect(Number(value('summary', '', 'total'))).toBe(report.total);
    expect(Number(value('summary', '', 'gini'))).toBe(report.gini);
    for (const s of report.services) expect(Number(value('services', s.service, 'total'))).toBe(s.total);
  });

  it('writes Finnish CSV that Finnish Excel opens: BOM, semicolons, decimal commas', () => {
    const text = run([...ARGS, '--format', 'csv', '--lang', 'fi']).stdout;
    expect(text.startsWith('\ufeffsection;key;metric;value\r\n')).toBe(true);
    const records: string[][] = parse(text, { delimiter: ';', bom: true, from_line: 2 });
    const gini = records.find((r) => r[0] === 'summary' && r[2] === 'gini')![3];
    expect(gini).toMatch(/^0,\d+$/);
    expect(Number(gini.replace(',', '.'))).toBe(report.gini);
  });

  it('lists the roster among the CSV’s files, and leaves JSON alone with --lang fi', () => {
    const records: string[][] = parse(run([...ARGS, '--format', 'csv']).stdout, { from_line: 2 });
    expect(records).toContainEqual(['roster', join(ROOT, 'fixtures/sample/register.csv'), 'rows', String(report.input.roster.rows)]);
    expect(run([...ARGS, '--json', '--lang', 'fi']).stdout).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('writes Markdown tables, in Finnish with --lang fi', () => {
    const md = run([...ARGS, '--format', 'markdown', '--lang', 'fi']).stdout;
    expect(md).toContain('**Kalleimmat 10 % asukkaista aiheuttavat 81,5 % kustannuksista; kalleimmat 5 % aiheuttavat 66,4 %.**');
    expect(md).toContain('| palvelu | yhteensä € | osuus |');
    expect(md).toContain('| Ympärivuorokautinen palveluasuminen | 20\u00a0100\u00a0652 | 24,6 % |');
  });

  it('prints the table in Finnish with --lang fi', () => {
    const text = run([...ARGS, '--lang', 'fi']).stdout;
    expect(text).toContain('costcurve — 20\u00a0008 asukasta, 5 tiedostoa, yhteensä 81\u00a0571\u00a0935 €');
    expect(text).toMatch(/Gini-kerroin +0,872/);
  });

  it.each([
    [['--plot', '--json'], /--plot draws on stdout.*--output FILE/],
    [['--plot', '--format', 'csv'], /--plot draws on stdout/],
    [['--lang', 'sv'], /argument 'sv' is invalid/],
    [['--svg', '-'], /--svg needs a file name/],
  ])('%j is a usage error', (flags, message) => {
    const r = run([...ARGS, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('does not write a chart over an input, nor half a file', () => {
    const text = 'id;kustannus\na;10\nb;20\nc;30\nd;40\ne;50\n';
    const folder = scratch({ 'costs.csv': text });
    const over = run([join(folder, 'costs.csv'), '--svg', join(folder, 'costs.csv')]);
    expect(over.code).toBe(2);
    expect(readFileSync(join(folder, 'costs.csv'), 'utf8')).toBe(text);
    const missing = run([join(folder, 'costs.csv'), '--html', join(folder, 'no/such/dir/r.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot write/);
    expect(readdirSync(folder)).toEqual(['costs.csv']);
  });

  it('writes every output file or none: a chart is not left behind when the report cannot be written', () => {
    const text = 'id;kustannus\na;10\nb;20\nc;30\nd;40\ne;50\n';
    const folder = scratch({ 'costs.csv': text });
    const r = run([join(folder, 'costs.csv'), '--svg', join(folder, 'chart.svg'), '--output', join(folder, 'no/such/dir/r.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write '.*r\.json': the folder .* does not exist/);
    expect(readdirSync(folder)).toEqual(['costs.csv']);
  });

  it('does not write over the file stdin was read from, nor over a hard link to an input', () => {
    const text = 'id;kustannus\na;10\nb;20\nc;30\nd;40\ne;50\n';
    const folder = scratch({ 'costs.csv': text });
    const input = join(folder, 'costs.csv');
    const fd = openSync(input, 'r');
    const viaStdin = spawnSync(process.execPath, [BIN, '-', '--output', input, '--json'], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
    closeSync(fd);
    expect(viaStdin.status).toBe(2);
    expect(viaStdin.stderr).toMatch(/will not write over the input file/);
    linkSync(input, join(folder, 'link.csv'));
    const viaLink = run([input, '--output', join(folder, 'link.csv'), '--json']);
    expect(viaLink.code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(text);
  });

  it('writes to a pipe (or a device) as it is, never putting a file in its place', async () => {
    const folder = scratch({ 'costs.csv': 'id;kustannus\na;10\nb;20\nc;30\nd;40\ne;50\n' });
    const fifo = join(folder, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (chunk) => (got += chunk));
    const closed = once(reader, 'close');
    try {
      const r = spawnSync(process.execPath, [BIN, join(folder, 'costs.csv'), '--json', '--output', fifo], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      // A file renamed over it would have taken the pipe's place (as root, over /dev/null too).
      expect(statSync(fifo).isFIFO()).toBe(true);
      await closed;
      expect(JSON.parse(got).population.persons).toBe(5);
    } finally {
      reader.kill();
    }
  });

  it('writes through a link (the link stays), and refuses one file for two outputs', () => {
    const folder = scratch({ 'costs.csv': 'id;kustannus\na;10\nb;20\nc;30\nd;40\ne;50\n' });
    symlinkSync(join(folder, 'real.json'), join(folder, 'link.json'));
    expect(run([join(folder, 'costs.csv'), '--json', '--output', join(folder, 'link.json')]).code).toBe(0);
    expect(lstatSync(join(folder, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, 'real.json'), 'utf8')).population.persons).toBe(5);
    const twice = run([join(folder, 'costs.csv'), '--output', join(folder, 'r.svg'), '--svg', join(folder, 'r.svg')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/are the same file/);
    // One file under two names by a hard link.
    linkSync(join(folder, 'real.json'), join(folder, 'hard.json'));
    const linked = run([join(folder, 'costs.csv'), '--output', join(folder, 'real.json'), '--svg', join(folder, 'hard.json')]);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/are the same file/);
  });

  it('keeps the permissions of a file it writes over', () => {
    const folder = scratch({ 'costs.csv': 'id;kustannus\na;10\nb;20\nc;30\nd;40\ne;50\n', 'report.json': '{}' });
    chmodSync(join(folder, 'report.json'), 0o600);
    const r = run([join(folder, 'costs.csv'), '--output', join(folder, 'report.json'), '--json']);
    expect(r.code).toBe(0);
    expect(statSync(join(folder, 'report.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')).population.persons).toBe(5);
  });

  it('shows no progress in a pipe', () => {
    // stderr is a pipe here: no progress line, only the notes (bad rows, ids not in the roster).
    const r = run(ARGS.filter((a) => a !== '--quiet'));
    const lines = r.stderr.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).length).toBeGreaterThan(0);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^note: /);
    expect(r.stderr).not.toMatch(/\r|reading|\x1b/);
  });
});
