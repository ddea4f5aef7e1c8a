// Decoding: byte chunks to text chunks, in streaming mode so that a character split between two
// chunks comes out whole. Invalid UTF-8 and NUL bytes found past the sniffing window are data
// errors with their line.

import { invalidUtf8Error, nulByteError, truncatedUtf8Error } from './dataErrors.js';
import type { Encoding } from './types.js';

/**
 * Decodes a stream of byte chunks. UTF-8 is decoded in fatal mode: an invalid byte is a data
 * error that suggests `--encoding windows-1252` (sniffing only sees the first 64 KiB, so a file
 * can look like UTF-8 at first). With
 * `bom`, the leading EF BB BF is dropped whatever the encoding.
 *
 * Lines in error messages are physical lines, as the scanner counts them: each LF, CRLF or lone CR
 * ends one, whatever line ending the file was sniffed to have.
 *
 * @example
 * for await (const text of decodeBytes(chunks, 'windows-1252', false, 'a.csv')) out += text;
 * // bytes e4 → 'ä'
 */
export async function* decodeBytes(
  bytes: AsyncIterable<Uint8Array>,
  encoding: Encoding,
  bom: boolean,
  file: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true });
  let skip = bom ? 3 : 0;
  let line = 1;
  // The last 3 bytes before this chunk: a character cut off there may turn out invalid only here,
  // and an LF first in this chunk after a CR there is its CRLF's.
  let tail: Uint8Array = new Uint8Array(0);
  for await (let chunk of bytes) {
    if (skip > 0) {
      const dropped = Math.min(skip, chunk.length);
      chunk = chunk.subarray(dropped);
      skip -= dropped;
    }
    const afterCr = tail.length > 0 && tail[tail.length - 1] === 0x0d;
    const nul = chunk.indexOf(0);
    if (nul !== -1) throw nulByteError(file, line + lineBreaks(chunk, nul, afterCr));
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // The bad sequence may start in the tail (its bytes there are all beyond ASCII: no line break).
      const at = firstInvalidUtf8(Buffer.concat([tail, chunk]));
      if (at < tail.length) throw invalidUtf8Error(file, line, tail[at]);
      throw invalidUtf8Error(file, line + lineBreaks(chunk, at - tail.length, afterCr), chunk[at - tail.length]);
    }
    line += lineBreaks(chunk, chunk.length, afterCr);
    // A copy (a Buffer's slice is a view, and a reader may fill the chunk's memory again).
    tail = Uint8Array.from((chunk.length >= 3 ? chunk : Buffer.concat([tail, chunk])).subarray(-3));
    if (text.length > 0) yield text;
  }
  try {
    const last = decoder.decode();
    if (last.length > 0) yield last;
  } catch {
    throw truncatedUtf8Error(file, line);
  }
}

/**
 * Line breaks among `bytes[0 .. end)`: every CR, and every LF but a CRLF's (`afterCr`: the byte
 * before `bytes` was a CR).
 */
function lineBreaks(bytes: Uint8Array, end: number, afterCr: boolean): number {
  let n = 0;
  for (let at = bytes.indexOf(0x0d); at !== -1 && at < end; at = bytes.indexOf(0x0d, at + 1)) n++;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) {
    if (!(at === 0 ? afterCr : bytes[at - 1] === 0x0d)) n++;
  }
  return n;
}

/**
 * Offset of the first byte of the first sequence that is not UTF-8 as the WHATWG decoder reads it
 * (no overlong forms, no surrogates, nothing above U+10FFFF); `bytes.length` when there is none.
 * A sequence cut off by the end of `bytes` counts as valid (it continues in the next chunk), and
 * continuation bytes at the very start are skipped for the same reason.
 *
 * @example firstInvalidUtf8(Buffer.from([0x61, 0xc3, 0xa4, 0xe4, 0x3b])) // 3: e4 is not followed by a continuation byte
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need === -1) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4 (overlong forms, surrogates, > U+10FFFF).
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const c = bytes[i + k];
      if (k === 1 ? c < low || c > high : (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
