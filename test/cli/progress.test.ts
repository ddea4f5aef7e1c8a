// The progress line: only on a terminal, never in CI or when turned off; what it says, when it
// appears, and that it is erased afterwards.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/output.js';
import { describeFile, Progress, startProgress } from '../../src/cli/progress.js';

/** A stderr that says it is a terminal (or not) and keeps what is written to it. */
function terminal(isTTY: boolean, columns = 100): NodeJS.WritableStream & { isTTY: boolean; columns: number; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WritableStream & { isTTY: boolean; columns: number; text: () => string };
  const parts: string[] = [];
  stream.write = ((chunk: string) => parts.push(chunk) > 0) as typeof stream.write;
  stream.isTTY = isTTY;
  stream.columns = columns;
  stream.text = () => parts.join('');
  return stream;
}

const io = (isTTY: boolean, env: NodeJS.ProcessEnv = {}): Io => ({ stdout: terminal(false), stderr: terminal(isTTY), env });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'costcurve-progress-'));
});

describe('startProgress', () => {
  it.each([
    ['stderr is a pipe', io(false), true],
    ['in CI', io(true, { CI: 'true' }), true],
    ['--no-progress or --quiet', io(true), false],
  ])('shows nothing when %s', async (_, where, enabled) => {
    expect(await startProgress(where, ['-'], enabled)).toBeNull();
  });

  it('starts on a terminal, and stops without a trace when the read was quick', async () => {
    const where = io(true);
    const progress = await startProgress(where, ['-'], true);
    expect(progress).not.toBeNull();
    progress!.onBytes(1000);
    progress!.stop();
    expect((where.stderr as ReturnType<typeof terminal>).text()).toBe('');
  });
});

describe('Progress', () => {
  // 100 MB in files of 20 bytes per row: 5 M rows. After 5 s, 50 MB read: 2.5 M rows,
  // 500 k rows/s, and the other 50 MB take 5 s more.
  const files = [
    { size: 60e6, rowsPerByte: 1 / 20 },
    { size: 40e6, rowsPerByte: 1 / 20 },
  ];

  it('says nothing during the first second', () => {
    const progress = new Progress(terminal(true), files, 0);
    progress.onBytes(10e6);
    expect(progress.line(999)).toBeNull();
  });

  it('gives bytes of the total, rows per second and time left', () => {
    const progress = new Progress(terminal(true), files, 0);
    progress.onBytes(30e6);
    progress.onBytes(20e6);
    expect(progress.line(5000)).toBe('reading 50.0 MB of 100.0 MB (50 %) · ≈ 500 k rows/s · 5 s left');
  });

  it('never shows more than the files hold (threads read a little past their ranges)', () => {
    // 103 MB read of 100 MB: shown as 100.0 MB, 100 %, rows at 1/20 per byte over 2 s
    // (100 MB / 20 / 2 s = 2.5 M rows/s, not 103 MB's 2.6 M), nothing left.
    const progress = new Progress(terminal(true), files, 0);
    progress.onBytes(103e6);
    expect(progress.line(2000)).toBe('reading 100.0 MB of 100.0 MB (100 %) · ≈ 2.5 M rows/s');
  });

  it('weights each file’s rows per byte by its size', () => {
    // 60 MB at 1/20 and 40 MB at 1/40 rows per byte: (3 M + 1 M) rows / 100 MB = 1/25 per byte.
    const progress = new Progress(terminal(true), [files[0], { size: 40e6, rowsPerByte: 1 / 40 }], 0);
    progress.onBytes(50e6);
    expect(progress.line(2000)).toBe('reading 50.0 MB of 100.0 MB (50 %) · ≈ 1.0 M rows/s · 2 s left');
  });

  it('gives MB/s and no time left for stdin, whose size is unknown', () => {
    const progress = new Progress(terminal(true), [{ size: null, rowsPerByte: null }], 0);
    progress.onBytes(12e6);
    expect(progress.line(4000)).toBe('reading 12.0 MB · 3.0 MB/s');
  });

  it('draws over itself on one line, cut to the terminal, and erases itself at the end', () => {
    const stream = terminal(true, 30);
    const progress = new Progress(stream, files, 0);
    progress.onBytes(50e6);
    progress.draw(500);
    expect(stream.text()).toBe('');
    progress.draw(5000);
    expect(stream.text()).toBe('\rreading 50.0 MB of 100.0 MB (\x1b[K');
    progress.stop();
    expect(stream.text().endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('describeFile', () => {
  it('counts rows per byte from the head of a plain file', async () => {
    // 1 + 999 lines of 10 bytes: 1000 rows in 10 000 bytes.
    const path = join(dir, 'rows.csv');
    await writeFile(path, 'id;kustan\n' + 'abcd;1234\n'.repeat(999));
    expect(await describeFile(path)).toEqual({ size: 10_000, rowsPerByte: 1000 / 10_000 });
  });

  it('counts rows per compressed byte for gzip', async () => {
    const text = 'abcd;1234\n'.repeat(100_000);
    const zipped = gzipSync(text);
    const path = join(dir, 'rows.csv.gz');
    await writeFile(path, zipped);
    const described = await describeFile(path);
    expect(described.size).toBe(zipped.length);
    // The whole file fits in the 64 KiB head here, so the estimate is exact: 100 000 rows.
    expect(zipped.length).toBeLessThan(65_536);
    expect(described.rowsPerByte! * zipped.length).toBeCloseTo(100_000, 6);
  });

  it('knows nothing about stdin or a missing file', async () => {
    expect(await describeFile('-')).toEqual({ size: null, rowsPerByte: null });
    expect(await describeFile(join(dir, 'missing.csv'))).toEqual({ size: null, rowsPerByte: null });
  });
});
