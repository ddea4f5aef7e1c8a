// The library API: analyse and compare as a program calls them. Each resolves to exactly the object
// that the command's `--format json` prints, and takes the command's options in camelCase,
// normalised by the same functions the command line uses.

import { analyseFiles, type Report } from './analyse.js';
import { compareFiles, type CompareReport } from './compare.js';
import { usageError } from './errors.js';
import { ANALYSE_OPTION_NAMES, analyseOptions, type AnalyseFlags } from './options/analyse.js';
import { COMPARE_OPTION_NAMES, compareOptions, type CompareFlags } from './options/compare.js';
import { renderJson } from './report/json.js';

/**
 * Analyses cost files (paths, `'-'` for stdin, `.gz`) as `costcurve <inputs> --format json` does.
 * Options are the command's flags in camelCase: `{ roster: 'register.csv', top: [1, 5, 10],
 * minCell: 0, ci: 95, expect: ['top10 >= 60%'] }`. A failed expectation does not throw: the
 * report's `expectations` say which hold. Errors are `CostcurveError`s (`kind` 'usage' or 'data').
 *
 * @example
 * const report = await analyse(['costs.csv'], { roster: 'register.csv' });
 * report.shares.find((s) => s.top === 0.1)?.share // 0.815…
 */
export async function analyse(inputs: string[], options: AnalyseFlags = {}): Promise<Report> {
  checkInputs('analyse', 'inputs', inputs);
  checkNames('analyse', options, ANALYSE_OPTION_NAMES);
  const report = await analyseFiles(inputs, analyseOptions(options as Record<string, unknown>));
  // The printed JSON, parsed: the very object --format json writes (no -0, no undefined fields).
  return JSON.parse(renderJson(report)) as Report;
}

/**
 * Compares two periods as `costcurve compare --from <from> --to <to> --format json` does.
 *
 * @example
 * const report = await compare(['2023.csv'], ['2024.csv'], { top: [1, 5, 10] });
 * report.persistence[0].stayed // the share of 2023's top 1 % still in the top 1 % in 2024
 */
export async function compare(from: string[], to: string[], options: CompareFlags = {}): Promise<CompareReport> {
  checkInputs('compare', 'from', from);
  checkInputs('compare', 'to', to);
  checkNames('compare', options, COMPARE_OPTION_NAMES);
  const report = await compareFiles(from, to, compareOptions(options as Record<string, unknown>));
  return JSON.parse(renderJson(report)) as CompareReport;
}

function checkInputs(command: string, name: string, inputs: unknown): void {
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((input) => typeof input === 'string' && input !== '')) {
    throw usageError(`${command}: ${name} must be a non-empty list of file paths ('-' for stdin), got ${JSON.stringify(inputs)}`);
  }
}

/** A misspelt option must not pass unnoticed: every name must be one the command knows. */
function checkNames(command: string, options: object, names: readonly string[]): void {
  if (options === null || typeof options !== 'object') throw usageError(`${command}: options must be an object, got ${JSON.stringify(options)}`);
  for (const name of Object.keys(options)) {
    if (names.includes(name)) continue;
    const camel = name.replace(/^-+/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const hint = names.includes(camel) ? `write ${camel}` : `the options are: ${names.join(', ')}`;
    throw usageError(`${command}: unknown option '${name}'; ${hint}`);
  }
}
