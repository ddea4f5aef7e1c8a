// `costcurve [analyse] <input...>`: the default command. Its help text is its specification.

import { Command, Option } from 'commander';
import { analyseFiles, type AnalyseOptions, type Report } from '../analyse.js';
import { usageError } from '../errors.js';
import { parseChoice, parseFraction, parsePercent, parsePercentList, parseWhole } from './parse.js';
import { addReadFlags, readOptions } from './readOptions.js';
import { writeOutput, type Io } from './output.js';
import { render, type OutputFormat } from './render.js';

const EXAMPLES = `
Examples:
  costcurve costs.csv
      the concentration of costs in one export (one row per event or per resident)
  costcurve --roster register.csv erikoissairaanhoito.csv perusterveydenhuolto.csv.gz
      several sector files summed per resident; residents with no costs come from the register
  costcurve --population 205000 --top 1,5,10 --json costs.csv > result.json
  zcat costs.csv.gz | costcurve - --cost euroa --id asiakasnumero
  costcurve --roster register.csv --group ikaryhma costs/*
      each age band's figures side by side (the group from the register, else from the cost rows)
  costcurve h171.csv --id DUPERSID --cost TOTEXP14 --weight PERWT14F
      a survey file: every figure weighted; weight 0 is out of scope
  costcurve --no-id --cost kotihoito,vuodeosasto,laakkeet wide.csv
      one row per resident and a column per service; an empty cell is zero

Input: files, '-' for stdin, and .gz files. Delimiter, decimal mark and encoding are detected per
file; columns are found by their names (asiakas_id, kustannus_eur, palvelu, …; see the README).
Ids must be pseudonyms: valid Finnish personal identity codes (henkilötunnus) among the ids stop the
run (exit 3) unless --allow-identifiers. Figures about fewer than --min-cell persons (counted in the
file, not by weight) are suppressed, small groups included.
Exit codes: 0 ok, 2 usage error, 3 data error (unreadable or malformed input, too many bad rows,
--strict violations, identity codes, a person without a weight, nothing to analyse).`;

export function analyseCommand(io: Io): Command {
  const command = new Command('analyse')
    .description('How concentrated are the costs? Top shares, Gini, deciles and services.')
    .argument('<input...>', "cost files ('-' for stdin; .gz is read as gzip)");
  addReadFlags(command)
    .option('--roster <file>', 'a register of the whole population; residents without cost rows count as zero-cost')
    .option('--population <n>', 'the size of the whole population; residents without cost rows count as zero-cost')
    .option('--top <list>', 'top cuts in percent', '1,5,10,20,50')
    .option('--focus <pct>', 'the top group that the service and group breakdowns describe, in percent', '10')
    .addOption(new Option('--negatives <policy>', 'residents whose net total is below zero').choices(['clip', 'keep', 'error']).default('clip'))
    .option('--min-cell <n>', 'suppress figures that describe fewer persons than this (0: off)', '5')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--json', 'the same as --format json')
    .option('--output <file>', 'write the report to a file (written whole or not at all)')
    .option('--strict', 'stop at the first bad row')
    .option('--max-rejected <r>', 'fail when more than this fraction (or percent) of rows is rejected', '0.01')
    .option('--quiet', 'no notes on stderr')
    .option('--allow-identifiers', 'analyse even when ids look like Finnish personal identity codes (see the README)')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], flags: Record<string, unknown>) => {
      const options = analyseOptions(flags);
      const report = await analyseFiles(inputs, options);
      const format: OutputFormat = flags.json ? 'json' : (flags.format as OutputFormat);
      const protectedFiles = options.roster === null ? inputs : [...inputs, options.roster];
      await writeOutput(io, render(report, format, io, flags.output !== undefined, options.figures.minCell), flags.output as string | undefined, protectedFiles);
      notes(report, io, flags.quiet === true);
    });
  return command;
}

/** argv flags → the narrow options the pipeline takes. Exported for the table of argv → options tests. */
export function analyseOptions(flags: Record<string, unknown>): AnalyseOptions {
  if (flags.roster !== undefined && flags.population !== undefined) {
    throw usageError('give either --roster (who the residents are) or --population (how many there are), not both');
  }
  return {
    read: readOptions(flags),
    strict: flags.strict === true,
    maxRejected: parseFraction('--max-rejected', String(flags.maxRejected)),
    roster: (flags.roster as string | undefined) ?? null,
    population: flags.population === undefined ? null : parseWhole('--population', String(flags.population), 1),
    allowIdentifiers: flags.allowIdentifiers === true,
    negatives: parseChoice('--negatives', String(flags.negatives), ['clip', 'keep', 'error'] as const),
    figures: {
      top: parsePercentList('--top', String(flags.top)),
      focus: parsePercent('--focus', String(flags.focus)),
      minCell: parseWhole('--min-cell', String(flags.minCell)),
      reach: [0.5, 0.8, 0.9],
      bottom: [0.5],
      curveStep: 0.01,
    },
  };
}

function notes(report: Report, io: Io, quiet: boolean): void {
  if (quiet) return;
  const { rejectedRows, rows } = report.input;
  if (rejectedRows > 0) io.stderr.write(`note: ${rejectedRows} of ${rows} rows were skipped as bad rows (see the data-quality section)\n`);
  const missing = report.population.notInRoster ?? 0;
  if (missing > 0) io.stderr.write(`note: ${missing} ${missing === 1 ? 'resident' : 'residents'} with costs ${missing === 1 ? 'is' : 'are'} not in the roster; counted all the same\n`);
}
