// Reader flags shared by every command that reads cost files (analyse, inspect, compare).

import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import type { DecimalMark, Encoding, ReadOptions } from '../read/types.js';
import { parseChoice } from './parse.js';

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
    .option('--encoding <name>', 'utf-8, windows-1252 or latin1 (default: detected per file)');
}

/** Normalises the reader flags once into the narrow object every reader takes. */
export function readOptions(flags: Record<string, unknown>): ReadOptions {
  const cost = (flags.cost as string[] | undefined)?.flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c);
  return {
    delimiter: flags.delimiter === undefined ? undefined : delimiter(String(flags.delimiter)),
    decimal: flags.decimal as DecimalMark | undefined,
    encoding: flags.encoding === undefined ? undefined : encoding(String(flags.encoding)),
    header: flags.header !== false,
    noId: flags.id === false,
    columns: {
      id: typeof flags.id === 'string' ? flags.id : undefined,
      cost: cost && cost.length > 0 ? cost : undefined,
      service: flags.service as string | undefined,
      group: flags.group as string | undefined,
      weight: flags.weight as string | undefined,
    },
    // With a roster, --group and --weight may name columns that only the roster has.
    roster: flags.roster !== undefined,
  };
}

function delimiter(text: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const value = named[text.toLowerCase()] ?? text;
  if ([...value].length !== 1 || value === '"' || value === '\n' || value === '\r') {
    throw usageError(`--delimiter '${text}' must be one character (or 'tab')`);
  }
  return value;
}

function encoding(text: string): Encoding {
  const value = parseChoice('--encoding', text, ['utf-8', 'utf8', 'windows-1252', 'cp1252', 'latin1', 'iso-8859-1'] as const);
  return value === 'utf-8' || value === 'utf8' ? 'utf-8' : 'windows-1252';
}

/** Commander argument parser for repeatable flags. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
