// Reader flags shared by every command that reads cost files (analyse, inspect, compare). Their
// values are normalised by src/options/read.ts, which the library API uses too.

import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';

/** Adds the reader flags to a command. */
export function addReadFlags(command: Command): Command {
  // --id and --no-id share one value in commander (the last one wins), so their clash is caught here.
  const given = new Set<string>();
  command.on('option:id', () => given.add('--id')).on('option:no-id', () => given.add('--no-id'));
  command.hook('preAction', () => {
    if (given.size === 2) throw usageError('--id and --no-id contradict each other: name the id column, or say there is none');
  });
  return command
    .option('--id <col>', 'the id column (a header name, or a 1-based number with --no-header)')
    .option('--cost <col>', 'the cost column; repeat it or separate by commas for wide format (one service per column)', collect)
    .option('--service <col>', 'the service column (default: detected; else the file name is the service)')
    .option('--group <col>', 'a column to compare groups by (age band, area), in the roster or the cost files')
    .option('--weight <col>', 'survey weights, in the roster or the cost files (0 = out of scope, left out)')
    .option('--no-id', 'each row is a separate person (files without an id column)')
    .option('--no-header', 'the files have no header row; columns are named by number')
    .option('--delimiter <c>', "field delimiter: ',', ';', tab, '|' (default: detected per file)")
    .addOption(new Option('--decimal <mark>', 'decimal mark (default: detected per file)').choices(['.', ',']))
    .option('--encoding <name>', 'utf-8, windows-1252 or latin1, for every file but one with a UTF-8 BOM (default: detected per file)')
    .option('--threads <n>', "threads that read a large file together (default: the machine's cores)")
    // The csv-parse reader, the reference the byte scanner is tested against: for `npm run bench`.
    .addOption(new Option('--reader <name>').choices(['scanner', 'csv-parse']).hideHelp());
}

/** Commander argument parser for repeatable flags. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The whole population: a roster or a count (analyse, compare). */
export function addPopulationFlags(command: Command): Command {
  return command
    .option('--roster <file>', 'a register of the whole population; residents without cost rows count as zero-cost')
    .option('--population <n>', 'the size of the whole population; residents without cost rows count as zero-cost');
}
