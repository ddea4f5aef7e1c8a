// RecordScanner's contract with a handler that reads records itself (RecordHandler.rows): it is
// handed only what ends by the buffer's last LF, found once per scan, so that a buffer without an
// LF (a file of CR line ends) is not searched again at every record.

import { describe, expect, it } from 'vitest';
import { RecordScanner } from '../../src/read/scanner.js';

const LF = 0x0a;

/** Scans `text` whole with a handler whose `rows` reads nothing; what `rows` was handed, and the records. */
function scanWithRows(text: string, final: boolean) {
  const buf = new TextEncoder().encode(text);
  const calls: { pos: number; end: number }[] = [];
  const records: { line: number; fields: string[] }[] = [];
  const scanner = new RecordScanner(';'.charCodeAt(0), {
    record(s, line) {
      const fields = Array.from({ length: s.count }, (_, k) => new TextDecoder().decode(s.bytes.subarray(s.starts[k], s.ends[k])));
      records.push({ line, fields });
    },
    rows(b, pos, end) {
      calls.push({ pos, end });
      expect(b[end - 1]).toBe(LF);
      expect(pos).toBeLessThan(end);
      return pos;
    },
  });
  const stopped = scanner.scan(buf, 0, buf.length, final, Infinity);
  return { calls, records, stopped, length: buf.length };
}

describe('RecordScanner: what a handler reading rows itself is handed', () => {
  it('a buffer of CR line ends has no LF: rows is never called, and every record is read', () => {
    const { calls, records, stopped, length } = scanWithRows('a;1\rb;2\rc;3\r', true);
    expect(calls).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', '1'] },
      { line: 2, fields: ['b', '2'] },
      { line: 3, fields: ['c', '3'] },
    ]);
    expect(stopped).toBe(length);
  });

  it('records up to the last LF, each call ending just past it (offset 12 of "a;1\\rb;2\\nc;3\\nd;4\\re;")', () => {
    // a;1\r is 0–3, b;2\n 4–7, c;3\n 8–11, d;4\r 12–15, e; from 16 (more may follow: not final).
    const { calls, records, stopped } = scanWithRows('a;1\rb;2\nc;3\nd;4\re;', false);
    // The handler reads nothing, so the scanner reads a record after each call that starts before 12.
    expect(calls).toEqual([
      { pos: 0, end: 12 },
      { pos: 4, end: 12 },
      { pos: 8, end: 12 },
    ]);
    expect(records.map((r) => r.fields[0])).toEqual(['a', 'b', 'c', 'd']);
    expect(stopped).toBe(16);
  });
});
