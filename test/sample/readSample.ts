// An independent reader for the sample, for the tests: the dialect of every file is written out
// here by hand (not taken from src/sample), the files are parsed with csv-parse, and amounts are
// summed in integer cents. Nothing from src/ is used, so the tests check the generator against
// the contract, not against itself.

import { parse } from 'csv-parse/sync';
import { gunzipSync } from 'node:zlib';

export interface ExpectedDialect {
  header: string[];
  delimiter: ';' | ',';
  /** null for the register (no amounts). */
  decimal: ',' | '.' | null;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  newline: '\r\n' | '\n';
  gzip: boolean;
}

export const EXPECTED: Record<string, ExpectedDialect> = {
  'register.csv': {
    header: ['asiakas_id', 'ikaryhma', 'alue'],
    delimiter: ';', decimal: null, encoding: 'utf-8', bom: false, newline: '\n', gzip: false,
  },
  'costs/erikoissairaanhoito.csv': {
    header: ['asiakas_id', 'palvelu', 'pvm', 'kustannus_eur'],
    delimiter: ';', decimal: ',', encoding: 'utf-8', bom: true, newline: '\r\n', gzip: false,
  },
  'costs/perusterveydenhuolto.csv.gz': {
    header: ['asiakasnumero', 'palvelu', 'pvm', 'summa'],
    delimiter: ';', decimal: ',', encoding: 'utf-8', bom: false, newline: '\n', gzip: true,
  },
  'costs/vanhuspalvelut.csv': {
    header: ['henkilo_id', 'palveluryhma', 'pvm', 'euroa'],
    delimiter: ';', decimal: ',', encoding: 'windows-1252', bom: false, newline: '\r\n', gzip: false,
  },
  'costs/sosiaalipalvelut.csv': {
    header: ['client_id', 'service', 'date', 'cost'],
    delimiter: ',', decimal: '.', encoding: 'utf-8', bom: false, newline: '\n', gzip: false,
  },
  'costs/suun_terveydenhuolto.csv': {
    header: ['id', 'pvm', 'kustannus'],
    delimiter: ';', decimal: ',', encoding: 'utf-8', bom: false, newline: '\n', gzip: false,
  },
};

export interface ParsedFile {
  name: string;
  dialect: ExpectedDialect;
  /** Decoded text without the BOM. */
  text: string;
  header: string[];
  records: string[][];
}

/** Decodes and parses one file with the dialect it is meant to have; throws if it does not fit. */
export function parseSampleFile(name: string, bytes: Buffer): ParsedFile {
  const dialect = EXPECTED[name];
  if (!dialect) throw new Error(`unexpected file ${name}`);
  const raw = dialect.gzip ? gunzipSync(bytes) : bytes;
  const hasBom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  if (hasBom !== dialect.bom) throw new Error(`${name}: BOM ${hasBom}, expected ${dialect.bom}`);
  const body = hasBom ? raw.subarray(3) : raw;
  const text = new TextDecoder(dialect.encoding, { fatal: true }).decode(body);
  const [header, ...records] = parse(text, {
    delimiter: dialect.delimiter,
    record_delimiter: dialect.newline,
    relax_column_count: false,
  }) as string[][];
  return { name, dialect, text, header, records };
}

/**
 * Exact euro cents from a cost field in the file's decimal style, or null when it is not an amount.
 * Comma style allows thousands grouped by single spaces (`1 234,50`).
 */
export function toCents(field: string, decimal: ',' | '.'): number | null {
  const pattern =
    decimal === ','
      ? /^(-?)(\d{1,3}(?: \d{3})+|\d+)(?:,(\d{1,2}))?$/
      : /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
  const match = pattern.exec(field);
  if (!match) return null;
  const cents = Number(match[2].replaceAll(' ', '')) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}

export interface SampleTotals {
  /** Register id → age band. */
  register: Map<string, string>;
  /** Id → net cents over all cost files. */
  totals: Map<string, number>;
  /** Id → file name → net cents. */
  bySource: Map<string, Map<string, number>>;
  rows: number;
  rejected: number;
  rejectedByFile: Map<string, number>;
  rowsByFile: Map<string, number>;
  creditRows: number;
}

/** Sums every person's costs exactly, skipping the rows a reader must reject. */
export function sumSample(files: { name: string; bytes: Buffer }[]): SampleTotals {
  const register = new Map<string, string>();
  const totals = new Map<string, number>();
  const bySource = new Map<string, Map<string, number>>();
  const rejectedByFile = new Map<string, number>();
  const rowsByFile = new Map<string, number>();
  let rows = 0;
  let rejected = 0;
  let creditRows = 0;
  for (const file of files) {
    const parsed = parseSampleFile(file.name, file.bytes);
    if (file.name === 'register.csv') {
      for (const [id, band] of parsed.records) register.set(id, band);
      continue;
    }
    const decimal = parsed.dialect.decimal!;
    const idColumn = 0;
    const costColumn = parsed.header.length - 1;
    let fileRejected = 0;
    for (const record of parsed.records) {
      rows += 1;
      const id = record[idColumn];
      const cents = toCents(record[costColumn], decimal);
      if (id === '' || cents === null) {
        fileRejected += 1;
        continue;
      }
      if (cents < 0) creditRows += 1;
      totals.set(id, (totals.get(id) ?? 0) + cents);
      let sources = bySource.get(id);
      if (!sources) bySource.set(id, (sources = new Map()));
      sources.set(file.name, (sources.get(file.name) ?? 0) + cents);
    }
    rejected += fileRejected;
    rejectedByFile.set(file.name, fileRejected);
    rowsByFile.set(file.name, parsed.records.length);
  }
  return { register, totals, bySource, rows, rejected, rejectedByFile, rowsByFile, creditRows };
}

/**
 * Share of all costs held by the top fraction p of persons, largest first, the boundary person
 * counted by the fraction of them inside (linear interpolation).
 */
export function topShare(descending: readonly number[], p: number): number {
  const total = descending.reduce((sum, x) => sum + x, 0);
  const inside = p * descending.length;
  const whole = Math.floor(inside);
  let sum = 0;
  for (let i = 0; i < whole; i++) sum += descending[i];
  if (whole < descending.length) sum += (inside - whole) * descending[whole];
  return sum / total;
}
