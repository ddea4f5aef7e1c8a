// `costcurve sample`: writes a synthetic municipal export for demos and tests.

import { Command } from 'commander';
import { SAMPLE_DEFAULTS } from '../sample/defaults.js';
import type { Io } from './output.js';
import { parseWhole } from '../options/parse.js';

const EXAMPLES = `
Examples:
  costcurve sample --out demo
      a register of 20 000 residents and one cost file per sector in demo/
  costcurve sample --persons 200000 --seed 7 --out big && costcurve --roster big/register.csv big/costs/*

The files come in the dialects real exports come in: semicolons with decimal commas and a BOM,
Windows-1252, comma-separated, gzip. A few rows are bad on purpose and some are credits.`;

export function sampleCommand(io: Io): Command {
  return new Command('sample')
    .description('Write a synthetic municipal cost export (a register and one file per sector).')
    .option('--persons <n>', 'residents in the register', String(SAMPLE_DEFAULTS.persons))
    .option('--seed <s>', 'random seed: the same seed gives the same files', String(SAMPLE_DEFAULTS.seed))
    .option('--out <dir>', 'output folder', 'costcurve-sample')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: Record<string, string>) => {
      // The generator is loaded here, not at start-up.
      const { writeSample } = await import('../sample/index.js');
      const written = await writeSample({
        persons: parseWhole('--persons', flags.persons, 1),
        seed: parseWhole('--seed', flags.seed),
        out: flags.out,
      });
      io.stderr.write(`wrote ${written.length} files to ${flags.out}\n`);
    });
}
