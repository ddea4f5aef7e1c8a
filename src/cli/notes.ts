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
