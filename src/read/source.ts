// Opening an input: a file path, `-` for stdin, gzip detected by its magic bytes. Streams only —
// a file is never read into memory whole.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CostcurveError, usageError } from '../errors.js';
import { isUtf8Prefix } from './dialect.js';

/** Read-ahead per chunk. 64 KiB is also what dialect sniffing looks at. */
export const CHUNK_BYTES = 64 * 1024;

/** How an input is named in messages: `-` is `stdin`, a path is itself. */
export function displayName(input: string): string {
  return input === '-' ? 'stdin' : input;
}

/**
 * The service label a file gives its rows when it has no service column: the base name without
 * any extension, so that one file per sector still gives a per-sector breakdown.
 *
 * @example serviceLabelFor('data/erikoissairaanhoito.csv.gz') // 'erikoissairaanhoito'
 * @example serviceLabelFor('-') // 'stdin'
 */
export function serviceLabelFor(input: string): string {
  if (input === '-') return 'stdin';
  const base = basename(input);
  // A leading dot belongs to the name (`.kotihoito.csv` → `.kotihoito`), not to an extension.
  const dot = base.indexOf('.', 1);
  return dot === -1 ? base : base.slice(0, dot);
}

/**
 * Opens an input as a stream of byte chunks, decompressing gzip on the fly. Whether the input is
 * gzip is decided by its first two bytes (1f 8b), so `x.csv.gz` that is plain text and gzip named
 * `x.csv` both read right.
 *
 * Fails at once (before the first chunk) when the input cannot be opened: a missing or unreadable
 * file is a data error (exit 3), a directory a usage error (exit 2).
 *
 * `onBytes`, when given, hears of every chunk as it is read, before decompression (bytes of the
 * file on disk, for a progress line); one call per 64 KiB chunk, nothing per row.
 *
 * @example for await (const chunk of await openInput('kotihoito.csv.gz')) total += chunk.length;
 */
export async function openInput(input: string, onBytes?: (bytes: number) => void): Promise<AsyncIterable<Buffer>> {
  if (input === '-') return gunzipIfCompressed(fromStream(process.stdin, 'stdin', onBytes), 'stdin');
  try {
    const info = await stat(input);
    if (info.isDirectory()) {
      throw usageError(`'${input}' is a directory; give the CSV files in it, e.g. ${input}/*.csv`, {
        file: input,
      });
    }
  } catch (error) {
    throw openError(error, input);
  }
  const stream = createReadStream(input, { highWaterMark: CHUNK_BYTES });
  // Opening is asynchronous; wait for it so that a permission error surfaces here, not mid-read.
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  }).catch((error: unknown) => {
    throw openError(error, input);
  });
  return gunzipIfCompressed(fromStream(stream, input, onBytes), input);
}

/**
 * A readable stream as byte chunks; a stream error becomes a data error naming the input.
 * Strings (a stdin set to an encoding) are turned back into bytes.
 */
export async function* fromStream(stream: Readable, file: string, onBytes?: (bytes: number) => void): AsyncIterable<Buffer> {
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      onBytes?.(bytes.length);
      yield bytes;
    }
  } catch (error) {
    throw openError(error, file);
  } finally {
    stream.destroy();
  }
}

/** The input, decompressed when it starts with the gzip magic bytes 1f 8b; else unchanged. */
export async function gunzipIfCompressed(
  bytes: AsyncIterable<Buffer>,
  file: string,
): Promise<AsyncIterable<Buffer>> {
  const { head, rest } = await peekBytes(bytes, 2);
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return rest;
  return gunzip(rest, file);
}

async function* gunzip(compressed: AsyncIterable<Buffer>, file: string): AsyncIterable<Buffer> {
  const unzip = createGunzip();
  const out = new PassThrough();
  // pipeline destroys every stream on the first error and hands that error to `out`'s reader.
  pipeline(compressed, unzip, out, () => {});
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof CostcurveError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CostcurveError(
      'CC_DATA_GZIP',
      `cannot decompress '${file}' (${detail}); the gzip file is damaged or truncated — compress it again or give the uncompressed file`,
      { file },
    );
  } finally {
    out.destroy();
  }
}

/**
 * Reads at least `n` bytes (fewer only at the end of the input) without losing them: `head` is
 * those bytes, `rest` replays them and then yields the remaining chunks.
 *
 * If `rest` is never iterated, call `rest[Symbol.asyncIterator]().return()` to close the input.
 *
 * @example const { head, rest } = await peekBytes(chunks, 2); // head: the first 2+ bytes
 */
export async function peekBytes(
  bytes: AsyncIterable<Buffer>,
  n: number,
): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const iterator = bytes[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      yield* taken;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  return { head: Buffer.concat(taken), rest: replay() };
}

function openError(error: unknown, file: string): CostcurveError {
  if (error instanceof CostcurveError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new CostcurveError('CC_DATA_NOT_FOUND', `cannot open '${file}': no such file — check the path`, {
      file,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new CostcurveError(
      'CC_DATA_UNREADABLE',
      `cannot read '${file}': permission denied — check the file's permissions`,
      { file },
    );
  }
  if (code === 'EISDIR') {
    return usageError(`'${file}' is a directory; give the CSV files in it, e.g. ${file}/*.csv`, { file });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CostcurveError('CC_DATA_UNREADABLE', `cannot read '${file}': ${detail}`, { file });
}

/**
 * Whether `input` is a plain file (one that can be read again: not stdin, a pipe or gzip) whose
 * first byte beyond ASCII starts no valid UTF-8 character: a Windows-1252 file whose first `ä`
 * came after the bytes its encoding was told from. (A file whose first such bytes are UTF-8 and
 * that breaks later is neither: that stays an error.)
 */
export async function windows1252FromStart(input: string): Promise<boolean> {
  if (input === '-') return false;
  const handle = await open(input, 'r').catch(() => null);
  if (handle === null) return false;
  try {
    if (!(await handle.stat()).isFile()) return false;
    const chunk = Buffer.alloc(CHUNK_BYTES);
    for (let at = 0; ; ) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, at);
      if (bytesRead === 0) return false;
      if (at === 0 && chunk[0] === 0x1f && chunk[1] === 0x8b) return false; // gzip
      const k = chunk.subarray(0, bytesRead).findIndex((byte) => byte >= 0x80);
      if (k !== -1) {
        const next = Buffer.alloc(4);
        const { bytesRead: n } = await handle.read(next, 0, 4, at + k);
        // Four bytes hold any one character: a valid start of UTF-8 there, or not.
        return !isUtf8Prefix(next.subarray(0, n));
      }
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
