// A progress line on stderr for long reads: bytes read of the total, rows per second and time
// left. Only on a terminal (never in pipes or CI), only once a read has taken a second, and
// erased when the read ends, so it never mixes with output.
//
// The reader only counts bytes (`ReadOptions.onBytes`, once per 64 KiB chunk); rows are estimated
// from each file's first 64 KiB (rows per byte of the file on disk, gzip included), so the hot
// path does no extra work per row.

import { open, stat } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import type { Io } from './output.js';

/** How long a read runs before the line appears, and how often it is redrawn (ms). */
export const PROGRESS_DELAY = 1000;
const REDRAW = 250;
const HEAD_BYTES = 64 * 1024;

export interface ProgressFile {
  /** Bytes on disk; null for stdin. */
  size: number | null;
  /** Rows per byte on disk, from the file's head; null when unknown. */
  rowsPerByte: number | null;
}

/**
 * Starts a progress line for reading `inputs`, or returns null when it must not show: turned off
 * (--no-progress, --quiet), stderr not a terminal, or running in CI.
 */
export async function startProgress(io: Io, inputs: string[], enabled: boolean): Promise<Progress | null> {
  if (!enabled || io.stderr.isTTY !== true || io.env.CI) return null;
  const files = await Promise.all(inputs.map(describeFile));
  const progress = new Progress(io.stderr as NodeJS.WritableStream & { columns?: number }, files, Date.now());
  progress.timer = setInterval(() => progress.draw(Date.now()), REDRAW);
  progress.timer.unref();
  return progress;
}

export class Progress {
  bytes = 0;
  timer: NodeJS.Timeout | null = null;
  private shown = false;
  private readonly total: number | null;
  private readonly rowsPerByte: number | null;

  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    files: ProgressFile[],
    private readonly started: number,
  ) {
    const known = files.every((f) => f.size !== null);
    this.total = known ? files.reduce((sum, f) => sum + f.size!, 0) : null;
    // One rate for all files, weighted by size: rows ≈ bytes read × rows per byte.
    const sized = files.filter((f) => f.size !== null && f.rowsPerByte !== null);
    const bytes = sized.reduce((sum, f) => sum + f.size!, 0);
    this.rowsPerByte = bytes > 0 ? sized.reduce((sum, f) => sum + f.size! * f.rowsPerByte!, 0) / bytes : null;
  }

  /** The reader's hook (`ReadOptions.onBytes`). */
  readonly onBytes = (n: number): void => {
    this.bytes += n;
  };

  /** The line for the moment `now`, or null before PROGRESS_DELAY has passed. */
  line(now: number): string | null {
    const seconds = (now - this.started) / 1000;
    if (seconds * 1000 < PROGRESS_DELAY || this.bytes === 0) return null;
    // Threads read a little more than the file in all (each reads ahead past its range's end, and
    // a range that began inside a quoted record is read again from its end): never shown as more.
    const bytes = this.total !== null ? Math.min(this.bytes, this.total) : this.bytes;
    const parts = [`reading ${megabytes(bytes)}${this.total !== null ? ` of ${megabytes(this.total)} (${Math.floor((100 * bytes) / this.total)} %)` : ''}`];
    if (this.rowsPerByte !== null) parts.push(`≈ ${rate((bytes * this.rowsPerByte) / seconds)} rows/s`);
    else parts.push(`${(bytes / 1e6 / seconds).toFixed(1)} MB/s`);
    if (this.total !== null && bytes < this.total) parts.push(`${duration(((this.total - bytes) * seconds) / bytes)} left`);
    return parts.join(' · ');
  }

  draw(now: number): void {
    const line = this.line(now);
    if (line === null) return;
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r${[...line].slice(0, width).join('')}\x1b[K`);
    this.shown = true;
  }

  /** Stops redrawing and erases the line. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/** A file's size and its rows per byte, from its first 64 KiB (decompressed first when gzip). */
export async function describeFile(input: string): Promise<ProgressFile> {
  if (input === '-') return { size: null, rowsPerByte: null };
  try {
    const size = (await stat(input)).size;
    const handle = await open(input, 'r');
    try {
      const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const raw = head.subarray(0, bytesRead);
      const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
      // A truncated gzip stream decompresses as far as it goes with a sync flush.
      const text = gzip ? gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH }) : raw;
      let lines = 0;
      for (let at = text.indexOf(0x0a); at !== -1; at = text.indexOf(0x0a, at + 1)) lines++;
      return { size, rowsPerByte: raw.length > 0 && lines > 0 ? lines / raw.length : null };
    } finally {
      await handle.close();
    }
  } catch {
    // The reader reports a missing or unreadable file properly; progress just knows less.
    return { size: null, rowsPerByte: null };
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function rate(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)} M` : perSecond >= 1e3 ? `${(perSecond / 1e3).toFixed(0)} k` : perSecond.toFixed(0);
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
