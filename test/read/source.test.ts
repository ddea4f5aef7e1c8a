// Opening inputs: files, gzip by magic bytes, peeking without losing bytes, the service label, and
// the errors for missing files and directories.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromStream, gunzipIfCompressed, openInput, peekBytes, serviceLabelFor } from '../../src/read/source.js';

async function collect(bytes: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of bytes) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'costcurve-source-'));
});

describe('serviceLabelFor', () => {
  it.each([
    ['erikoissairaanhoito.csv.gz', 'erikoissairaanhoito'],
    ['data/kotihoito.csv', 'kotihoito'],
    ['/abs/path/suun terveys.tsv', 'suun terveys'],
    ['vuodeosasto', 'vuodeosasto'],
    ['.hidden.csv', '.hidden'],
    ['-', 'stdin'],
  ])('%j → %j', (path, label) => {
    expect(serviceLabelFor(path)).toBe(label);
  });
});

describe('openInput', () => {
  it('reads a plain file', async () => {
    const path = join(dir, 'plain.csv');
    await writeFile(path, 'id;cost\n1;2\n');
    expect(await collect(await openInput(path))).toBe('id;cost\n1;2\n');
  });

  it('decompresses gzip by its magic bytes, whatever the name', async () => {
    const path = join(dir, 'looks-plain.csv');
    await writeFile(path, gzipSync('id;cost\n1;2\n'));
    expect(await collect(await openInput(path))).toBe('id;cost\n1;2\n');
  });

  it('reads a .gz file that is not compressed as it is', async () => {
    const path = join(dir, 'not-really.csv.gz');
    await writeFile(path, 'id;cost\n');
    expect(await collect(await openInput(path))).toBe('id;cost\n');
  });

  it('decompresses concatenated gzip members (cat a.gz b.gz)', async () => {
    const path = join(dir, 'two-members.csv.gz');
    await writeFile(path, Buffer.concat([gzipSync('id;cost\n'), gzipSync('1;2\n')]));
    expect(await collect(await openInput(path))).toBe('id;cost\n1;2\n');
  });

  it('reports a damaged gzip file as a data error', async () => {
    const path = join(dir, 'truncated.csv.gz');
    const whole = gzipSync('id;cost\n'.repeat(1000));
    await writeFile(path, whole.subarray(0, whole.length - 10));
    await expect(collect(await openInput(path))).rejects.toMatchObject({
      code: 'CC_DATA_GZIP',
      location: { file: path },
    });
  });

  it('reports a missing file as a data error naming it', async () => {
    const path = join(dir, 'nope.csv');
    await expect(openInput(path)).rejects.toMatchObject({
      code: 'CC_DATA_NOT_FOUND',
      exitCode: 3,
      location: { file: path },
      message: expect.stringContaining(`'${path}'`),
    });
  });

  it('reports a directory as a usage error', async () => {
    await expect(openInput(dir)).rejects.toMatchObject({ code: 'CC_USAGE', exitCode: 2, location: { file: dir } });
  });

  it('tells onBytes how many bytes of the file it read, before decompression', async () => {
    // 200 000 bytes of text in 64 KiB chunks: 4 calls (3 × 65 536 + 3 392); gzip counts its own size.
    const text = 'id;cost\n' + 'x'.repeat(199_991) + '\n';
    const plain = join(dir, 'counted.csv');
    const zipped = join(dir, 'counted.csv.gz');
    await writeFile(plain, text);
    await writeFile(zipped, gzipSync(text));
    for (const [path, size] of [[plain, 200_000], [zipped, gzipSync(text).length]] as const) {
      const calls: number[] = [];
      expect(await collect(await openInput(path, (n) => calls.push(n)))).toBe(text);
      expect(calls.reduce((a, b) => a + b, 0)).toBe(size);
      expect(calls.length).toBe(Math.ceil(size / 65_536));
    }
  });

  it('reads a stream such as stdin, gzip or not', async () => {
    const plain = fromStream(Readable.from([Buffer.from('a;'), Buffer.from('b\n')]), 'stdin');
    expect(await collect(await gunzipIfCompressed(plain, 'stdin'))).toBe('a;b\n');
    const zipped = fromStream(Readable.from([gzipSync('a;b\n')]), 'stdin');
    expect(await collect(await gunzipIfCompressed(zipped, 'stdin'))).toBe('a;b\n');
  });
});

describe('peekBytes', () => {
  async function* parts(...texts: string[]): AsyncGenerator<Buffer> {
    for (const text of texts) yield Buffer.from(text);
  }

  it.each<[string[], number, string]>([
    [['ab', 'cd', 'ef'], 3, 'abcd'], // whole chunks until at least 3 bytes
    [['ab', 'cd'], 10, 'abcd'], // fewer at the end of the input
    [[], 2, ''],
  ])('%j, n=%d → head %j, and rest replays everything', async (texts, n, head) => {
    const peeked = await peekBytes(parts(...texts), n);
    expect(peeked.head.toString()).toBe(head);
    expect(await collect(peeked.rest)).toBe(texts.join(''));
  });
});
