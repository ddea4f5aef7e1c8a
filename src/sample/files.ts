// The sample's files and how each is written: every cost file in a different dialect, as exports
// from different client and cost-accounting systems arrive in practice.

import { gzipSync } from 'node:zlib';
import { DAYS_IN_YEAR, SECTORS, YEAR } from './costModel.js';
import { RowKind, type EventLog } from './eventLog.js';
import { formatAmount, type AmountStyle } from './formatAmount.js';
import { AGE_BANDS, AREAS, type Population } from './population.js';
import { encodeWindows1252 } from './windows1252.js';

export interface CostFileFormat extends AmountStyle {
  /** Path inside the output folder, `/`-separated. */
  name: string;
  /** Index into SECTORS. */
  sector: number;
  /** Column names in order; the service column is left out of files that have none. */
  columns: { id: string; service: string | null; date: string; cost: string };
  delimiter: ';' | ',';
  date: 'd.m.yyyy' | 'yyyy-mm-dd';
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  newline: '\r\n' | '\n';
  gzip: boolean;
}

/** One file per sector; the header names are aliases the reader detects. */
export const COST_FILES: readonly CostFileFormat[] = [
  {
    name: 'costs/erikoissairaanhoito.csv',
    sector: 0,
    columns: { id: 'asiakas_id', service: 'palvelu', date: 'pvm', cost: 'kustannus_eur' },
    delimiter: ';', decimal: ',', thousands: ' ', fixedDecimals: true, date: 'd.m.yyyy',
    encoding: 'utf-8', bom: true, newline: '\r\n', gzip: false,
  },
  {
    name: 'costs/perusterveydenhuolto.csv.gz',
    sector: 1,
    columns: { id: 'asiakasnumero', service: 'palvelu', date: 'pvm', cost: 'summa' },
    delimiter: ';', decimal: ',', thousands: '', fixedDecimals: true, date: 'd.m.yyyy',
    encoding: 'utf-8', bom: false, newline: '\n', gzip: true,
  },
  {
    name: 'costs/vanhuspalvelut.csv',
    sector: 2,
    columns: { id: 'henkilo_id', service: 'palveluryhma', date: 'pvm', cost: 'euroa' },
    delimiter: ';', decimal: ',', thousands: '', fixedDecimals: true, date: 'd.m.yyyy',
    encoding: 'windows-1252', bom: false, newline: '\r\n', gzip: false,
  },
  {
    name: 'costs/sosiaalipalvelut.csv',
    sector: 3,
    columns: { id: 'client_id', service: 'service', date: 'date', cost: 'cost' },
    delimiter: ',', decimal: '.', thousands: '', fixedDecimals: false, date: 'yyyy-mm-dd',
    encoding: 'utf-8', bom: false, newline: '\n', gzip: false,
  },
  {
    name: 'costs/suun_terveydenhuolto.csv',
    sector: 4,
    columns: { id: 'id', service: null, date: 'pvm', cost: 'kustannus' },
    delimiter: ';', decimal: ',', thousands: '', fixedDecimals: true, date: 'd.m.yyyy',
    encoding: 'utf-8', bom: false, newline: '\n', gzip: false,
  },
];

export const REGISTER_FILE = 'register.csv';

/** `asiakas_id;ikaryhma;alue`, UTF-8 without BOM, LF: one row per registered resident. */
export function renderRegister(population: Population): Buffer {
  const lines = new Array<string>(population.registered + 1);
  lines[0] = 'asiakas_id;ikaryhma;alue';
  for (let i = 0; i < population.registered; i++) {
    lines[i + 1] = `${population.ids[i]};${AGE_BANDS[population.band[i]]};${AREAS[population.area[i]]}`;
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// Rows are joined and encoded in chunks: one string per file could pass V8's string length limit.
const CHUNK_ROWS = 16_384;

/** One sector's events, ordered by date, in the file's dialect. */
export function renderCostFile(format: CostFileFormat, log: EventLog, ids: readonly string[]): Buffer {
  const d = format.delimiter;
  const services = SECTORS[format.sector].services.map((name) => quote(name, d));
  const dates = datesOfYear(format.date);
  const header = [format.columns.id, format.columns.service, format.columns.date, format.columns.cost]
    .filter((name): name is string => name !== null)
    .map((name) => quote(name, d))
    .join(d);
  const withService = format.columns.service !== null;

  const encode = (text: string): Buffer =>
    format.encoding === 'windows-1252' ? encodeWindows1252(text) : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  if (format.bom) chunks.push(Buffer.from([0xef, 0xbb, 0xbf]));
  let lines: string[] = [header];
  const order = log.orderByDay(DAYS_IN_YEAR);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const kind = log.kind[i];
    const id = kind === RowKind.missingId ? '' : ids[log.person[i]];
    const cost =
      kind === RowKind.emptyCost ? '' : kind === RowKind.notANumber ? 'n/a' : formatAmount(log.cents[i], format);
    lines.push(withService ? id + d + services[log.service[i]] + d + dates[log.day[i]] + d + cost : id + d + dates[log.day[i]] + d + cost);
    if (lines.length === CHUNK_ROWS) {
      chunks.push(encode(lines.join(format.newline) + format.newline));
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(encode(lines.join(format.newline) + format.newline));
  const bytes = Buffer.concat(chunks);
  return format.gzip ? gzipFixedHeader(bytes) : bytes;
}

/** RFC 4180 quoting, only where a field needs it. */
function quote(field: string, delimiter: string): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function datesOfYear(style: CostFileFormat['date']): string[] {
  const dates: string[] = [];
  for (let day = 0; day < DAYS_IN_YEAR; day++) {
    const date = new Date(Date.UTC(YEAR, 0, 1 + day));
    const [y, m, dd] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    dates.push(
      style === 'd.m.yyyy' ? `${dd}.${m}.${y}` : `${y}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`,
    );
  }
  return dates;
}

/**
 * gzip with the header's OS byte fixed to 3 (Unix): zlib writes the build platform there, and the
 * sample should be the same bytes everywhere (mtime is already 0). Not part of any checksum.
 */
function gzipFixedHeader(bytes: Buffer): Buffer {
  const gz = gzipSync(bytes);
  gz[9] = 3;
  return gz;
}
