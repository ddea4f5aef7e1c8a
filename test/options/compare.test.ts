// compare's flags: the same normaliser as analyse, and every flag known to the library by name.

import { describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/compare.js';
import type { Io } from '../../src/cli/output.js';
import { analyseOptions } from '../../src/options/analyse.js';
import { COMPARE_OPTION_NAMES, compareOptions } from '../../src/options/compare.js';

const io = { stdout: process.stdout, stderr: process.stderr, env: {} } as unknown as Io;

describe('compare options', () => {
  it('are the analyse options without --expect and --ci', () => {
    const flags = { top: '1,10', minCell: 0, roster: 'r.csv', negatives: 'keep', allowIdentifiers: true };
    const { expect: _expect, ci: _ci, ...shared } = analyseOptions(flags);
    expect(compareOptions(flags)).toEqual(shared);
  });

  it('knows every flag of the command line by its camelCase name', () => {
    const commandOnly = ['from', 'to', 'format', 'json', 'output', 'lang', 'svg', 'quiet'];
    const names = compareCommand(io).options.map((o) => (o.negate ? `no${o.attributeName()[0].toUpperCase()}${o.attributeName().slice(1)}` : o.attributeName()));
    expect(names.filter((n) => !commandOnly.includes(n)).sort()).toEqual([...COMPARE_OPTION_NAMES].sort());
  });
});
