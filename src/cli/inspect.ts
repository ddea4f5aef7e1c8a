// `costcurve inspect <input...>`: what the reader detected in each file, before trusting a result.
// Its help text is its specification.

import { Command, Option } from 'commander';
import { CostcurveError, ExitCode, usageError } from '../errors.js';
import type { Io } from './output.js';
import { parseWhole } from '../options/parse.js';
import { readOptions } from '../options/read.js';
import { addReadFlags } from './readOptions.js';

const EXAMPLES = `
Examples:
  costcurve inspect costs.csv
      the delimiter, decimal mark, encoding, BOM and line ending detected; each column's role and
      why it got it; the first records as parsed; how many rows were read and rejected
  costcurve inspect --rows 20 erikoissairaanhoito.csv perusterveydenhuolto.csv.gz
  costcurve inspect --cost euroa --decimal , costs.csv
      check what the flags you mean to give analyse will do
  costcurve inspect --json costs.csv | jq '.files[0].columns'

Privacy: inspect never prints a resident id. The values of the id column, and of any column named
like one (asiakas_id, … even with --no-id), are shown as •••, and so is any value holding something
shaped like a Finnish personal identity code (DDMMYY, century sign, number, check character),
whichever column it is in, also where it is parsed into a service or group. When the columns cannot
be decided, no records are shown at all, since which column holds the ids is not known, and header
cells with four digits or more, and more digits than letters, show as ••• (the "header" may be a
resident's row).

Exit codes: 0 when every file reads cleanly; else the code of the first problem (2 usage, e.g. a
column that cannot be found; 3 data, e.g. an unclosed quote), after everything has been printed.`;

export function inspectCommand(io: Io): Command {
  const command = new Command('inspect')
    .description('Show how each file is read: dialect, column roles, the first records as parsed, row counts.')
    .argument('<input...>', "cost files ('-' for stdin; .gz is read as gzip)");
  addReadFlags(command)
    .option('--rows <n>', 'how many records to show per file', '5')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--json', 'the same as --format json')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], flags: Record<string, unknown>) => {
      const read = readOptions(flags);
      const rows = parseWhole('--rows', String(flags.rows));
      if (rows > 1000) throw usageError(`--rows ${rows} is more than 1000; inspect shows the first records only`);
      // Loaded here, not at start-up, as every command's own code is.
      const { inspectFile, maskCodeShapes } = await import('../read/inspect.js');
      const { renderInspectionJson, renderInspectionTable } = await import('../report/inspect.js');
      const files = [];
      for (const input of inputs) {
        const file = await inspectFile(input, read, rows);
        // An identity code quoted in the problem is masked, by shape as inspect masks values.
        if (file.problem !== null) file.problem.message = maskCodeShapes(file.problem.message);
        files.push(file);
      }
      const json = flags.json === true || flags.format === 'json';
      io.stdout.write(json ? renderInspectionJson(files) : renderInspectionTable(files));
      const problem = files.find((f) => f.problem !== null)?.problem;
      // Shown on stdout already; main prints its line on stderr and exits with its code.
      if (problem) throw new CostcurveError('CC_INSPECT_PROBLEM', problem.message, {}, problem.exitCode === ExitCode.usage ? 'usage' : 'data');
    });
  return command;
}
