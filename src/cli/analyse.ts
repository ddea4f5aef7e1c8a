// `costcurve [analyse] <input...>`: the default command. Its help text is its specification.

import { Command, Option } from 'commander';
import type { Report } from '../analyse.js';
import { ANALYSE_DEFAULTS, analyseOptions, CI_DEFAULTS } from '../options/analyse.js';
import { expectationsFailed } from './expectations.js';
import { addPopulationFlags, addReadFlags, collect } from './readOptions.js';
import { decimalNotes, skippedNotes } from './notes.js';
import type { Io } from './output.js';
import { reportOutputs, writeReports } from './outputs.js';
import { startProgress } from './progress.js';
import { OUTPUT_FORMATS } from './render.js';

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
  costcurve costs.csv --svg curve.svg --html report.html --title "Oulu 2024"
      a chart for a document and a self-contained report that prints on A4
  costcurve costs.csv --plot
      the table, then the curve drawn in the terminal
  costcurve costs.csv --format csv --lang fi --output luvut.csv
      one figure per row; ';' and decimal commas, so Finnish Excel opens it as it is
  costcurve --roster register.csv costs.csv --ci 95 --bootstrap 2000 --seed 7
      95 % percentile bootstrap intervals for every top share, reach and the Gini
  costcurve costs.csv --expect 'top10 >= 60%' --expect 'rejected < 0.5%' --expect 'persons == 20008'
      a CI check: every failing expectation is listed on stderr, and the exit code is 1

Input: files, '-' for stdin, and .gz files. Delimiter, decimal mark and encoding are detected per
file; columns are found by their names (asiakas_id, kustannus_eur, palvelu, …; see the README).
Ids must be pseudonyms: valid Finnish personal identity codes (henkilötunnus) among the ids stop the
run (exit 3) unless --allow-identifiers. Figures about fewer than --min-cell persons (counted in the
file, not by weight) are suppressed, small groups included.
Expectations: top<cut> (a --top cut: top1, top0.5, …), gini, zeroShare, persons, total (€),
rejected (the fraction of rows); compared with < <= > >= == != to a number or a percentage.
Exit codes: 0 ok, 1 an --expect failed, 2 usage error, 3 data error (unreadable or malformed input,
too many bad rows, --strict violations, identity codes, a person without a weight, nothing to
analyse).`;

export function analyseCommand(io: Io): Command {
  const command = new Command('analyse')
    .description('How concentrated are the costs? Top shares, Gini, deciles and services.')
    .argument('<input...>', "cost files ('-' for stdin; .gz is read as gzip)");
  addPopulationFlags(addReadFlags(command))
    .option('--top <list>', 'top cuts in percent', ANALYSE_DEFAULTS.top)
    .option('--focus <pct>', 'the top group that the service and group breakdowns describe, in percent', ANALYSE_DEFAULTS.focus)
    .addOption(new Option('--negatives <policy>', 'residents whose net total is below zero').choices(['clip', 'keep', 'error']).default(ANALYSE_DEFAULTS.negatives))
    .option('--min-cell <n>', 'suppress figures that describe fewer persons than this (0: off)', ANALYSE_DEFAULTS.minCell)
    .addOption(new Option('--format <format>', 'output format (csv: one figure per row, section,key,metric,value)').choices(OUTPUT_FORMATS).default('table'))
    .option('--json', 'the same as --format json')
    .option('--output <file>', 'write the report to a file (with any chart files: all whole, or none; never over an input)')
    .addOption(new Option('--lang <lang>', "labels and numbers: 'fi' gives 81,5 % and a ';' CSV for Finnish Excel").choices(['en', 'fi']).default('en'))
    .option('--svg <file>', 'also write the concentration curve as an SVG chart')
    .option('--html <file>', 'also write a self-contained HTML report (chart, tables, definitions; prints on A4)')
    .option('--plot', 'also draw the curve in the terminal (plain text, 100 columns at most)')
    .option('--title <text>', "the chart's and the HTML report's title (default: named after the input files)")
    .option('--no-progress', 'no progress line on stderr (it shows only on a terminal, for reads over a second)')
    .option('--strict', 'stop at the first bad row')
    .option('--max-rejected <r>', 'fail when more than this fraction (or percent) of rows is rejected', ANALYSE_DEFAULTS.maxRejected)
    .option('--quiet', 'no notes or progress on stderr')
    .option('--allow-identifiers', 'analyse even when ids look like Finnish personal identity codes (see the README)')
    .option('--ci <level>', `confidence intervals at this level in percent, by the bootstrap (default when --bootstrap is given: ${CI_DEFAULTS.ci})`)
    .option('--bootstrap <n>', `bootstrap replicates for --ci (default: ${CI_DEFAULTS.bootstrap})`)
    .option('--seed <s>', `seed of the bootstrap: the same seed gives the same intervals (default: ${CI_DEFAULTS.seed})`)
    .option('--expect <expr>', "a check on the figures, e.g. 'top10 >= 60%' (repeatable); exit 1 when one fails", collect)
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], flags: Record<string, unknown>) => {
      const options = analyseOptions(flags);
      const outputs = reportOutputs(flags);
      const files = [...inputs, ...(options.roster !== null ? [options.roster] : [])];
      const progress = await startProgress(io, files, flags.progress !== false && flags.quiet !== true);
      let report: Report;
      try {
        // The pipeline is loaded here, not at start-up: --help and the other commands do without it.
        const { analyseFiles } = await import('../analyse.js');
        report = await analyseFiles(inputs, progress ? { ...options, read: { ...options.read, onBytes: progress.onBytes } } : options);
      } finally {
        progress?.stop();
      }
      await writeReports(io, report, outputs, files, options.figures.minCell);
      notes(report, io, flags.quiet === true);
      expectationsFailed(report.expectations, io);
    });
  return command;
}

function notes(report: Report, io: Io, quiet: boolean): void {
  if (quiet) return;
  for (const note of skippedNotes(report.input, '', ' (see the data-quality section)')) io.stderr.write(note);
  for (const note of decimalNotes(report.input)) io.stderr.write(note);
  const missing = report.population.notInRoster ?? 0;
  if (missing > 0) io.stderr.write(`note: ${missing} ${missing === 1 ? 'resident' : 'residents'} with costs ${missing === 1 ? 'is' : 'are'} not in the roster; counted all the same\n`);
}
