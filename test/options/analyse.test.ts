// argv → options, and library flags → the same options: one normaliser serves both.

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { analyseCommand } from '../../src/cli/analyse.js';
import type { Io } from '../../src/cli/output.js';
import { ANALYSE_OPTION_NAMES, analyseOptions } from '../../src/options/analyse.js';

const io = { stdout: process.stdout, stderr: process.stderr, env: {} } as unknown as Io;

/** The flags commander hands the analyse action for `argv` (the action itself is replaced). */
function flagsOf(argv: string[]): Record<string, unknown> {
  const command = analyseCommand(io).exitOverride();
  let flags: Record<string, unknown> = {};
  command.action((_inputs: string[], f: Record<string, unknown>) => {
    flags = f;
  });
  command.parse(['x.csv', ...argv], { from: 'user' });
  return flags;
}

describe('argv and library flags give the same options', () => {
  it.each<[string[], Record<string, unknown>]>([
    [[], {}],
    [['--top', '1,5', '--min-cell', '0'], { top: [1, 5], minCell: 0 }],
    [['--top', '0.5'], { top: 0.5 }],
    [['--focus', '5', '--negatives', 'keep'], { focus: 5, negatives: 'keep' }],
    [['--max-rejected', '2%', '--strict'], { maxRejected: '2%', strict: true }],
    [['--population', '1000'], { population: 1000 }],
    [['--roster', 'r.csv', '--id', 'hetu'], { roster: 'r.csv', id: 'hetu' }],
    [['--cost', 'a', '--cost', 'b,c'], { cost: ['a', 'b', 'c'] }],
    [['--cost', 'a,b'], { cost: 'a,b' }],
    [['--no-id', '--no-header', '--delimiter', 'tab', '--decimal', ','], { noId: true, noHeader: true, delimiter: '\t', decimal: ',' }],
    [['--encoding', 'latin1'], { encoding: 'windows-1252' }],
    [['--roster', 'r.csv', '--group', 'ikaryhma', '--weight', 'paino'], { roster: 'r.csv', group: 'ikaryhma', weight: 'paino' }],
    [['--allow-identifiers'], { allowIdentifiers: true }],
    [['--threads', '3', '--reader', 'csv-parse'], { threads: 3, reader: 'csv-parse' }],
  ])('%j', (argv, library) => {
    expect(analyseOptions(library)).toEqual(analyseOptions(flagsOf(argv)));
  });

  it('normalises the defaults as the command line shows them', () => {
    const options = analyseOptions({});
    expect(options.figures).toMatchObject({ top: [0.01, 0.05, 0.1, 0.2, 0.5], focus: 0.1, minCell: 5 });
    expect(options).toMatchObject({ maxRejected: 0.01, negatives: 'clip', roster: null, population: null, strict: false });
    // --threads defaults to the cores this process may use (DESIGN.md: "default: the machine's cores").
    expect(options.read).toEqual({ header: true, noId: false, roster: false, columns: { id: undefined, cost: undefined, service: undefined, group: undefined, weight: undefined }, threads: availableParallelism() });
  });

  it.each([
    [{ top: 'ten' }, /--top 'ten' is not a percentage/],
    [{ minCell: -1 }, /--min-cell '-1' is not a whole number/],
    [{ negatives: 'drop' }, /--negatives 'drop' is not one of: clip, keep, error/],
    [{ decimal: ';' }, /--decimal ';' is not one of/],
    [{ id: 'x', noId: true }, /--id and --no-id contradict each other/],
    [{ roster: 'r.csv', population: 10 }, /give either --roster .* or --population/],
  ])('a bad library value is a usage error quoting it: %j', (flags, message) => {
    expect(() => analyseOptions(flags)).toThrow(message);
  });

  it('knows every analysis flag of the command line by its camelCase name', () => {
    // Flags that only shape the command line's output; the library returns the report object.
    const outputOnly = ['format', 'json', 'output', 'quiet', 'lang', 'svg', 'html', 'plot', 'title', 'noProgress'];
    const names = analyseCommand(io).options.map((o) => (o.negate ? `no${o.attributeName()[0].toUpperCase()}${o.attributeName().slice(1)}` : o.attributeName()));
    expect(names.filter((n) => !outputOnly.includes(n)).sort()).toEqual([...ANALYSE_OPTION_NAMES].sort());
  });
});
