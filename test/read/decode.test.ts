// Decoding byte chunks to text: characters split between chunks, the BOM split between chunks,
// Windows-1252, and invalid UTF-8 or NUL bytes past the sniffing window with their line.

import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidUtf8 } from '../../src/read/decode.js';
import type { Encoding } from '../../src/read/types.js';

async function* chunks(...parts: number[][]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Uint8Array.from(part);
}

async function decodeAll(parts: number[][], encoding: Encoding, bom = false): Promise<string> {
  let text = '';
  for await (const piece of decodeBytes(chunks(...parts), encoding, bom, 'x.csv')) text += piece;
  return text;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('decodeBytes', () => {
  it.each<[string, number[][], Encoding, boolean, string]>([
    // 'ä' is C3 A4 in UTF-8; split between two chunks it must still come out as one 'ä'.
    ['UTF-8 ä split between chunks', [[0x50, 0xc3], [0xa4, 0x0a]], 'utf-8', false, 'Pä\n'],
    // '€' is E2 82 AC in UTF-8, split over three chunks.
    ['UTF-8 € in three chunks', [[0xe2], [0x82], [0xac]], 'utf-8', false, '€'],
    // Windows-1252: E4 = ä, F6 = ö, 80 = €.
    ['Windows-1252', [[0xe4, 0xf6, 0x80]], 'windows-1252', false, 'äö€'],
    // The BOM EF BB BF dropped even when it arrives one byte per chunk.
    ['BOM split over chunks', [[0xef], [0xbb], [0xbf, 0x61]], 'utf-8', true, 'a'],
    // A BOM on a file forced to Windows-1252 is still not text.
    ['BOM with forced Windows-1252', [[0xef, 0xbb, 0xbf, 0xe4]], 'windows-1252', true, 'ä'],
  ])('%s', async (_, parts, encoding, bom, expected) => {
    expect(await decodeAll(parts, encoding, bom)).toBe(expected);
  });

  it('reports invalid UTF-8 past the first chunk with its line and a hint', async () => {
    // Lines 1-2 in chunk 1; line 3 holds E4 (Windows-1252 ä) in chunk 2.
    const parts = [ascii('id;palvelu\n1;A\n'), [...ascii('2;P'), 0xe4, ...ascii('ivystys\n')]];
    await expect(decodeAll(parts, 'utf-8')).rejects.toMatchObject({
      code: 'CC_DATA_ENCODING',
      location: { file: 'x.csv', line: 3 },
      message: expect.stringMatching(/line 3 \(byte 0xe4\).*--encoding windows-1252/),
    });
  });

  it('reports a file that ends mid-character', async () => {
    await expect(decodeAll([[0x61, 0x0a, 0xc3]], 'utf-8')).rejects.toMatchObject({
      code: 'CC_DATA_ENCODING',
      location: { line: 2 },
    });
  });

  it('reports a NUL byte with its line', async () => {
    // LF, LF, then NUL: line 3.
    await expect(decodeAll([ascii('a\nb\n'), [0x00]], 'utf-8')).rejects.toMatchObject({
      code: 'CC_DATA_BINARY',
      location: { line: 3 },
    });
  });
});

describe('decodeBytes line numbers', () => {
  // Physical lines, as the scanner counts them: LF, CRLF and a lone CR each end one, in any mix,
  // whatever line ending the file was sniffed to have; a CRLF split between chunks ends one.
  it('counts a lone CR, and a CRLF split between chunks once, before a NUL byte', async () => {
    // 'a' line 1, CR; 'b' line 2, CR | LF (one break); 'c' line 3, LF; NUL on line 4.
    await expect(decodeAll([ascii('a\rb\r'), ascii('\nc\n'), [0x00]], 'utf-8')).rejects.toMatchObject({ code: 'CC_DATA_BINARY', location: { line: 4 } });
  });

  it("names the byte and line of a character cut off by a chunk's end and invalid only in the next", async () => {
    // C3 at the end of chunk 1 (line 2) wants a continuation byte; chunk 2 starts with ';'.
    await expect(decodeAll([ascii('a\nb'), [0xc3], [0x3b, 0x0a]], 'utf-8')).rejects.toMatchObject({ code: 'CC_DATA_ENCODING', location: { line: 2 }, message: expect.stringMatching(/byte 0xc3/) });
    // E2 82 over two chunks (line 2), then 'A' in a third: the sequence started two chunks back.
    await expect(decodeAll([ascii('x\n'), [0xe2], [0x82], ascii('A\n')], 'utf-8')).rejects.toMatchObject({ location: { line: 2 }, message: expect.stringMatching(/byte 0xe2/) });
    // A line break in the chunk that shows it: the line is still the character's.
    await expect(decodeAll([ascii('x\n'), [0xe2], ascii('\n\n')], 'utf-8')).rejects.toMatchObject({ location: { line: 2 }, message: expect.stringMatching(/byte 0xe2/) });
  });

  it('counts them before invalid UTF-8 too', async () => {
    // 'x' line 1, CR; 'y' line 2, CR | LF; E4 on line 3.
    await expect(decodeAll([ascii('x\ry\r'), [0x0a, 0xe4]], 'utf-8')).rejects.toMatchObject({ code: 'CC_DATA_ENCODING', location: { line: 3 } });
  });
});

describe('firstInvalidUtf8', () => {
  it.each<[number[], number]>([
    [[0x61, 0x62], 2], // all valid: the length
    [[0x61, 0xe4, 0x62], 1], // E4 starts a 3-byte sequence, 62 cannot continue it
    [[0x61, 0x80], 1], // a continuation byte with no lead
    [[0x61, 0xc3], 2], // cut off at the end: continues in the next chunk
    [[0xa4, 0x61], 2], // continuation at the start: the end of the previous chunk's character
    [[0xc0, 0x80], 0], // C0 is never valid (overlong)
    // What TextDecoder's fatal mode refuses beyond that (WHATWG Encoding, UTF-8 decoder):
    [[0x61, 0xe0, 0x80, 0xaf], 1], // E0 needs A0–BF next: E0 80 AF is an overlong '/'
    [[0x61, 0xed, 0xa0, 0x80], 1], // ED needs 80–9F next: ED A0 80 is the surrogate U+D800
    [[0xf4, 0x90, 0x80, 0x80], 0], // F4 needs 80–8F next: F4 90 80 80 is above U+10FFFF
    [[0xe2, 0x82, 0xac], 3], // € (E2 82 AC) is fine
  ])('%j → %d', (bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
});
