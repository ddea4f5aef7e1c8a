// `costcurve compare --from <input...> --to <input...>`: do the costliest residents stay costly?
// Its help text is its specification.

import { Command, Option } from 'commander';
import type { CompareReport } from '../compare.js';
import { ANALYSE_DEFAULTS } from '../options/analyse.js';
import { compareOptions } from '../options/compare.js';
import type { Lang } from '../report/format.js';
import { decimalNotes, skippedNotes } from './notes.js';
import { writeFilesWhole, type Io } from './output.js';
import { addPopulationFlags, addReadFlags } from './readOptions.js';

const EXAMPLES = `
Examples:
  costcurve compare --from 2023/*.csv --to 2024/*.csv
      both years' top shares, how many of each top group stayed in it, and the decile transitions
  costcurve compare --roster register.csv --from kulut2023.csv.gz --to kulut2024.csv.gz --top 1,5,10 --json
  costcurve compare --from 2023.csv --to 2024.csv --svg transitions.svg

The population is everyone seen in either period (and in the roster, or up to --population); a
resident absent from a period has no costs there. Residents are matched by their id, so both
periods must use the same pseudonyms. Persistence: of the first period's top p, the share that is
in the second period's top p (a tie block at the boundary counts by its inclusion fraction), and
how many had no costs in the second period. Transitions: of each first-period decile
(1 = costliest tenth), the share in each second-period decile.
Exit codes: 0 ok, 2 usage error, 3 data error.`;

export function compareCommand(io: Io): Command {
  const command = new Command('compare')
    .description('Do the costliest residents stay costly? Persistence of the top groups between two periods.')
    .requiredOption('--from <input...>', "the first period's cost files ('-' for stdin; .gz is read as gzip)")
    .requiredOption('--to <input...>', "the second period's cost files");
  addPopulationFlags(addReadFlags(command))
    .option('--top <list>', 'top cuts in percent', ANALYSE_DEFAULTS.top)
    .option('--focus <pct>', 'the top group of the headline sentence, in percent', ANALYSE_DEFAULTS.focus)
    .addOption(new Option('--negatives <policy>', 'residents whose net total is below zero').choices(['clip', 'keep', 'error']).default(ANALYSE_DEFAULTS.negatives))
    .option('--min-cell <n>', 'suppress figures that describe fewer persons than this (0: off)', ANALYSE_DEFAULTS.minCell)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--json', 'the same as --format json')
    .option('--output <file>', 'write the report to a file (with any chart files: all whole, or none; never over an input)')
    .addOption(new Option('--lang <lang>', "labels and numbers: 'fi' gives Finnish labels and 81,5 %").choices(['en', 'fi']).default('en'))
    .option('--svg <file>', 'draw the decile transition table as an SVG heat map')
    .option('--strict', 'stop at the first bad row')
    .option('--max-rejected <r>', 'fail when more than this fraction (or percent) of rows is rejected', ANALYSE_DEFAULTS.maxRejected)
    .option('--quiet', 'no notes on stderr')
    .option('--allow-identifiers', 'compare even when ids look like Finnish personal identity codes (see the README)')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: Record<string, unknown>) => {
      const { from, to, ...rest } = flags as { from: string[]; to: string[] } & Record<string, unknown>;
      // Loaded here, not at start-up, as every command's own code is.
      const { compareFiles } = await import('../compare.js');
      const report = await compareFiles(from, to, compareOptions(rest));
      const inputs = [...from, ...to, ...(typeof rest.roster === 'string' ? [rest.roster] : [])];
      const format = rest.json ? 'json' : (rest.format as string);
      const colour = rest.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
      const lang = rest.lang as Lang;
      let text: string;
      if (format === 'json') text = (await import('../report/json.js')).renderJson(report);
      else {
        const { renderCompareTable } = await import('../report/compareTable.js');
        const { numberFormat } = await import('../report/format.js');
        text = renderCompareTable(report, { colour, format: numberFormat(lang, report.suppression.minCell) });
      }
      // The files all or none (the report's own file with them), then stdout.
      const output = rest.output as string | undefined;
      const toFile = output !== undefined && output !== '-';
      const files: [string, string][] = toFile ? [[output, text]] : [];
      if (typeof rest.svg === 'string') files.unshift([rest.svg, (await import('../report/transitionsSvg.js')).transitionsSvg(report, lang)]);
      await writeFilesWhole(files, inputs);
      if (!toFile) io.stdout.write(text);
      notes(report, io, rest.quiet === true);
    });
  return command;
}

function notes(report: CompareReport, io: Io, quiet: boolean): void {
  if (quiet) return;
  // Both periods' rosters are one file: its note once.
  const skipped = new Set([...skippedNotes(report.from.input, ' of the --from files'), ...skippedNotes(report.to.input, ' of the --to files')]);
  for (const note of skipped) io.stderr.write(note);
  for (const note of [...decimalNotes(report.from.input), ...decimalNotes(report.to.input)]) io.stderr.write(note);
}
