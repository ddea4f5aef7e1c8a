// Dialect sniffing: from a file's first bytes, how it is written — encoding, BOM, delimiter, line
// ending — and whether it is a text file at all. Flags override every guess.

import { CostcurveError, usageError } from '../errors.js';
import type { Encoding, LineEnding, SniffedDialect } from './types.js';

/** How many leading bytes sniffing looks at. */
export const SNIFF_BYTES = 64 * 1024;

/** Delimiters tried by sniffing, in order of preference when two fit equally well. */
export const DELIMITERS = [';', ',', '\t', '|'] as const;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Flags that override sniffing (`--delimiter`, `--encoding`). */
export interface DialectFlags {
  delimiter?: string;
  encoding?: Encoding;
}

/**
 * Sniffs the dialect from the first bytes of a (decompressed) input.
 *
 * - encoding: a UTF-8 BOM → utf-8 with `bom: true`, even with --encoding; else --encoding; else
 *   bytes that are valid UTF-8 → utf-8; else windows-1252 (what Excel's "CSV (semicolon)" writes in
 *   Finland).
 * - delimiter: the one Excel's first line `sep=;` names, when it has one (the readers skip that
 *   line); else `;` `,` tab or `|`, whichever occurs the same number of times, outside quotes, on
 *   every one of the first records (see `detectDelimiter`).
 * - line ending: the first line break outside quotes (LF when there is none).
 *
 * `head` may end mid-line or mid-character when the file is longer than `SNIFF_BYTES`; pass
 * `complete: true` when it holds the whole file. Binary content is a data error.
 *
 * @example sniffDialect(Buffer.from('id;kustannus\r\n1;12,50\r\n'), {}, 'a.csv', true)
 * // { encoding: 'utf-8', bom: false, delimiter: ';', lineEnding: 'CRLF' }
 */
export function sniffDialect(
  head: Uint8Array,
  flags: DialectFlags,
  file: string,
  complete: boolean,
): SniffedDialect {
  checkText(head, file);
  const bom = startsWithBom(head);
  const body = bom ? head.subarray(UTF8_BOM.length) : head;
  // A UTF-8 BOM says what the file is, whatever --encoding (given for all the files) says.
  const encoding = bom ? 'utf-8' : (flags.encoding ?? (isUtf8Prefix(body) ? 'utf-8' : 'windows-1252'));
  // Sniffing only looks at ASCII characters, so a lenient decode is enough here.
  const text = new TextDecoder(encoding).decode(body);
  // Excel's first line `sep=;` names the delimiter; the readers skip it (isSeparatorLine).
  const separator = SEPARATOR_LINE.exec(text);
  const delimiter = flags.delimiter ?? (separator !== null ? separator[1] : detectDelimiter(text, complete));
  checkDelimiter(delimiter);
  return { encoding, bom, delimiter, lineEnding: detectLineEnding(text) };
}

/** Excel's `sep=X` first line, which says the delimiter is X (`sep=;`, `sep=,`, `sep=\t`, `sep=|`). */
const SEPARATOR_LINE = /^"?sep=([;,\t|])"?(?:\r\n|\n|\r)/;

/** True when the bytes start with the UTF-8 byte order mark EF BB BF. */
export function startsWithBom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/**
 * True when the bytes are valid UTF-8, allowing one character cut off at the end (the head of a
 * longer file may end mid-character).
 */
export function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses content that is not delimited text, naming what it looks like: a NUL byte (binary, or
 * UTF-16), a ZIP archive (Excel .xlsx), an OLE file (Excel .xls), or mostly control characters.
 */
export function checkText(head: Uint8Array, file: string): void {
  const looksLike = binaryKind(head);
  if (looksLike === null) return;
  throw new CostcurveError(
    looksLike.code,
    `'${file}' is not a CSV text file: ${looksLike.found} — ${looksLike.fix}`,
    { file, line: 1 },
  );
}

function binaryKind(head: Uint8Array): { code: string; found: string; fix: string } | null {
  const save = 'export or save it as CSV (UTF-8 or Windows-1252)';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return { code: 'CC_DATA_BINARY', found: 'it is a ZIP archive (an Excel .xlsx workbook?)', fix: save };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return { code: 'CC_DATA_BINARY', found: 'it is an OLE document (an Excel .xls workbook?)', fix: save };
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return {
      code: 'CC_DATA_ENCODING',
      found: 'it is UTF-16 text (Excel\'s "Unicode text")',
      fix: 'save it as "CSV UTF-8" or convert it with iconv -f UTF-16 -t UTF-8',
    };
  }
  const nul = head.indexOf(0);
  if (nul !== -1) {
    return { code: 'CC_DATA_BINARY', found: `it holds a NUL byte at byte ${nul + 1} (binary data)`, fix: save };
  }
  let control = 0;
  for (const byte of head) {
    // C0 controls other than TAB, LF, VT, FF, CR, ESC and SUB (0x1A, DOS end-of-file).
    if (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1a && byte !== 0x1b) control++;
  }
  if (head.length > 0 && control / head.length > 0.01) {
    return {
      code: 'CC_DATA_BINARY',
      found: `${control} of its first ${head.length} bytes are control characters (binary data)`,
      fix: save,
    };
  }
  return null;
}

/**
 * Picks the delimiter among `;` `,` tab `|` from the first records of `text` (up to 50).
 *
 * Occurrences are counted outside double quotes, per record (a quoted field may span lines). A
 * candidate fits when every record has the same positive count; among those that fit, the one
 * with most fields wins, then the order `;` `,` tab `|`. When none fits, the candidate that occurs
 * most often in the first record (the header) wins. With no candidate in the first record the
 * file has one column, and the delimiter is the first candidate that occurs nowhere (so that a
 * decimal comma does not split a value).
 *
 * Set `complete` to false when `text` may end mid-record: the last record is then left out.
 *
 * @example detectDelimiter('id;palvelu;euroa\n1;A;12,50\n2;B;1 234,00\n', true) // ';'
 * @example detectDelimiter('id,cost\n1,"1,5"\n', true) // ','
 */
export function detectDelimiter(text: string, complete: boolean): string {
  const counts = countPerRecord(text, complete, 50);
  if (counts.length === 0) return ',';
  let best: { delimiter: string; fields: number } | null = null;
  for (const [i, delimiter] of DELIMITERS.entries()) {
    const first = counts[0][i];
    if (first > 0 && counts.every((record) => record[i] === first) && (!best || first > best.fields)) {
      best = { delimiter, fields: first };
    }
  }
  if (best) return best.delimiter;
  const header = counts[0];
  const most = Math.max(...header);
  if (most > 0) return DELIMITERS[header.indexOf(most)];
  const unused = DELIMITERS.findIndex((_, i) => counts.every((record) => record[i] === 0));
  return unused === -1 ? ',' : DELIMITERS[unused];
}

/** Per record, how often each of `DELIMITERS` occurs outside quotes. Blank lines are skipped. */
function countPerRecord(text: string, complete: boolean, maxRecords: number): number[][] {
  const records: number[][] = [];
  let counts = DELIMITERS.map(() => 0);
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i];
    if (c === '"') {
      quoted = !quoted;
      empty = false;
    } else if (!quoted && (c === '\n' || c === '\r')) {
      if (!empty) records.push(counts);
      counts = DELIMITERS.map(() => 0);
      empty = true;
    } else {
      empty = false;
      if (!quoted) {
        const at = (DELIMITERS as readonly string[]).indexOf(c);
        if (at !== -1) counts[at]++;
      }
    }
  }
  if (complete && !empty && records.length < maxRecords) records.push(counts);
  // A head cut mid-record leaves at least the first record when it is the only one.
  if (records.length === 0 && !empty) records.push(counts);
  return records;
}

/**
 * The line ending: the first line break outside quotes. LF when the text has none.
 *
 * @example detectLineEnding('a;b\r\n1;2\r\n') // 'CRLF'
 */
export function detectLineEnding(text: string): LineEnding {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') return 'LF';
    else if (!quoted && c === '\r') {
      // A CR at the very end may be the first half of a CRLF cut off by the sniffing window.
      return text[i + 1] === '\n' || i + 1 === text.length ? 'CRLF' : 'CR';
    }
  }
  return 'LF';
}

/** A delimiter must be one character that cannot be confused with quoting or line breaks. */
export function checkDelimiter(delimiter: string): void {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw usageError(
      `--delimiter ${JSON.stringify(delimiter)} is not a single character usable as a delimiter; use ';', ',', '|' or a tab`,
    );
  }
}
