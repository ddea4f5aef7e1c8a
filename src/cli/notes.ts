// The notes a run writes on stderr after its output (never with --quiet).

import type { Report } from '../analyse.js';

/**
 * The notes on rows skipped as bad, the cost files' (`of`: which) of their rows and the roster's of
 * its own: the rejections count both, and the cost files' rows alone are not what the roster's are of.
 */
export function skippedNotes(input: Report['input'], of: string, after = ''): string[] {
  const inRoster = input.roster?.rejected ?? 0;
  const inFiles = input.rejectedRows - inRoster;
  const notes: string[] = [];
  if (inFiles > 0) notes.push(`note: ${inFiles} of ${input.rows} rows${of} were skipped as bad rows${after}\n`);
  if (inRoster > 0) notes.push(`note: ${inRoster} of ${input.roster!.rows} rows of the roster were skipped as bad rows${after}\n`);
  return notes;
}

/**
 * A note per file whose decimal mark was chosen from amounts that read either way (`1.234`: one
 * mark and three digits), no amount telling which: the mark taken, and the flag for the other.
 */
export function decimalNotes(input: Report['input']): string[] {
  return input.files
    .filter((f) => f.decimalAmbiguous)
    .map((f) => {
      const other = f.decimal === ',' ? '.' : ',';
      const delimiter = f.delimiter === '\t' ? 'tab' : `'${f.delimiter}'`;
      return (
        `note: ${f.path}: amounts with one '.' or ',' and three digits after it (such as 1${other}234 or 1${f.decimal}234) read either way, ` +
        `and no amount showed the decimal mark: '${f.decimal}' was taken, as usual with a ${delimiter} delimiter — if that is wrong, give --decimal ${other}\n`
      );
    });
}
