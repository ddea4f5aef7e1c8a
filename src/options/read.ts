// Reader options, normalised once from flags (the command line's or the library's) into the narrow
// object every reader takes. Shared by every command that reads cost files.

import { availableParallelism } from 'node:os';
import type { DecimalMark, Encoding, ReadOptions } from '../read/types.js';
import { parseChoice, parseWhole } from './parse.js';
import { usageError } from '../errors.js';

/**
 * The reader flags, named as on the command line in camelCase. The command line's `--no-id` and
 * `--no-header` arrive from commander as `id: false` and `header: false`; the library spells them
 * `noId: true` and `noHeader: true`. Both are understood.
 */
export interface ReadFlags {
  id?: string;
  /** One column, a comma-separated list, or a list: several columns = wide format. */
  cost?: string | string[];
  service?: string;
  /** A column to compare groups by (age band, area), in the roster or the cost files. */
  group?: string;
  /** Survey weights, in the roster or the cost files. */
  weight?: string;
  noId?: boolean;
  noHeader?: boolean;
  delimiter?: string;
  decimal?: DecimalMark;
  encoding?: string;
  /** Threads that read a large file together (default: the machine's cores). */
  threads?: number | string;
  /** 'csv-parse': read with the reference reader the byte scanner is tested against (slow; for benchmarks). */
  reader?: 'scanner' | 'csv-parse';
}

export const READ_OPTION_NAMES = ['id', 'cost', 'service', 'group', 'weight', 'noId', 'noHeader', 'delimiter', 'decimal', 'encoding', 'threads', 'reader'] as const;

/** Normalises the reader flags once into the narrow object every reader takes. */
export function readOptions(flags: Readonly<Record<string, unknown>>): ReadOptions {
  if (typeof flags.id === 'string' && flags.noId === true) {
    throw usageError('--id and --no-id contradict each other: name the id column, or say there is none');
  }
  const cost = flags.cost === undefined ? undefined : ([] as unknown[]).concat(flags.cost).flatMap((c) => String(c).split(',')).map((c) => c.trim()).filter((c) => c);
  return {
    delimiter: flags.delimiter === undefined ? undefined : delimiter(String(flags.delimiter)),
    decimal: flags.decimal === undefined ? undefined : parseChoice('--decimal', String(flags.decimal), ['.', ','] as const),
    encoding: flags.encoding === undefined ? undefined : encoding(String(flags.encoding)),
    header: flags.header !== false && flags.noHeader !== true,
    noId: flags.id === false || flags.noId === true,
    columns: {
      id: typeof flags.id === 'string' ? flags.id : undefined,
      cost: cost && cost.length > 0 ? cost : undefined,
      service: flags.service as string | undefined,
      group: flags.group as string | undefined,
      weight: flags.weight as string | undefined,
    },
    // With a roster, --group and --weight may name columns that only the roster has.
    roster: flags.roster !== undefined,
    threads: flags.threads === undefined ? availableParallelism() : parseWhole('--threads', String(flags.threads), 1),
    ...(flags.reader === undefined ? {} : { reader: parseChoice('--reader', String(flags.reader), ['scanner', 'csv-parse'] as const) }),
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
