// The threads that read parts of a large file (scanWorker.ts), and how many a file is worth.
//
// Why a module of few imports: a thread takes a tenth of a second or more to boot and load its
// modules, and it reads only once it has, while this thread reads on alone. The command's first
// module (bin/costcurve.ts) starts them from its arguments, before the rest of the command loads
// (some 60 ms here), and scanFile takes them when it splits a file (starting any more it needs): on
// 2 threads the benchmark's 300 MB took 0.05–0.08 s less (medians of 8 runs each, in turn, three
// times: 1.61 against 1.69 s, 1.93 against 2.00, 2.04 against 2.11). A thread started and not
// taken (the file is not split: a gzip file by another name, one the scanner does not read) boots
// on another core and idles, and holds the process up for nothing: it is unref'd until taken and
// ends with the process.

import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FEED_BYTES } from '../read/feedBytes.js';
import type { RangeResult, Threads } from './scanFile.js';

/** Files whose rest (after the head) is shorter than this are read on one thread. */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Threads to start for a file of `size` bytes: as many as it may have ranges beyond this thread's
 * (splitPoints: shares of at least half SPLIT_MIN_BYTES of what is left after the head, which the
 * first buffer holds), at most `threads.threads` − 1.
 */
export function readersFor(size: number, threads: Pick<Threads, 'threads' | 'minBytes' | 'bufferBytes' | 'near'>): number {
  const min = threads.minBytes ?? SPLIT_MIN_BYTES;
  const rest = size - (threads.bufferBytes ?? FEED_BYTES);
  if (threads.threads <= 1 || rest < min) return 0;
  if (threads.near !== undefined) return Math.min(threads.threads - 1, threads.near.length);
  return Math.min(threads.threads, Math.floor(rest / Math.max(1, min / 2))) - 1;
}

/** A reading thread, started. */
export interface ReadingThread {
  worker: Worker;
  /**
   * Resolves when the thread fails or stops, to the problem to report: listened for from the start,
   * so that a thread that failed before it was taken is not waited for.
   */
  ended: Promise<RangeResult>;
}

/** Starts a reading thread from its module's `url`. */
export function startThread(url: URL): ReadingThread {
  const worker = new Worker(url);
  const ended = new Promise<RangeResult>((resolve) => {
    worker.once('error', (error) => resolve({ ok: false, problem: { kind: 'other', message: error.stack ?? String(error) } }));
    worker.once('exit', (code) => resolve({ ok: false, problem: { kind: 'other', message: `the reading thread stopped (exit code ${code})` } }));
  });
  return { worker, ended };
}

/** Where the threads started early wait to be taken: on the global object, for the command's first module and the rest are bundled apart. */
const EARLY = Symbol.for('costcurve.earlyThreads');
type Early = Record<typeof EARLY, ReadingThread[] | undefined>;

/**
 * Starts the threads the command's arguments `args` may take (`earlyThreadCount`), from the
 * module at `url`, for `takeEarlyThread` to hand out. Returns how many.
 */
export function startEarlyThreads(args: string[], url: URL): number {
  const threads = Array.from({ length: earlyThreadCount(args) }, () => {
    const thread = startThread(url);
    thread.worker.unref();
    return thread;
  });
  (globalThis as unknown as Early)[EARLY] = threads;
  return threads.length;
}

/** A thread `startEarlyThreads` started and none took yet, now holding the process up as any; or none. */
export function takeEarlyThread(): ReadingThread | undefined {
  const thread = (globalThis as unknown as Early)[EARLY]?.shift();
  thread?.worker.ref();
  return thread;
}

/** The options whose value is a file other than a cost file (written, or a roster): none to split. */
export const FILE_OPTIONS = ['--roster', '--output', '--svg', '--html'];
/** Commands that read no cost file whole: `inspect` (its first rows), `sample` (it writes files), `help`. */
export const UNSPLIT_COMMANDS = ['inspect', 'sample', 'help'];

/**
 * The threads that would read the largest regular file `args` name as a cost file (not a `.gz`
 * one, nor an option's file) with their `--threads` (the last given; the cores by default, as the
 * command's): `readersFor` its size. None for `--help`, `--version`, the csv-parse reader or a
 * command that reads no file whole. A guess from the arguments alone: the command takes what it
 * needs, and a thread it does not take idles until the process ends.
 */
export function earlyThreadCount(args: string[]): number {
  let threads = availableParallelism();
  let largest = 0;
  let first = true;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '-h' || arg === '--help' || arg === '-V' || arg === '--version') return 0;
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const value = (): string | undefined => (equals < 0 ? args[++k] : arg.slice(equals + 1));
    if (name === '--threads') {
      const given = value();
      threads = given !== undefined && /^\d+$/.test(given) ? Number(given) : 1;
    } else if (name === '--reader') {
      if (value() === 'csv-parse') return 0;
    } else if (FILE_OPTIONS.includes(name)) {
      value();
    } else if (!arg.startsWith('-')) {
      if (first && UNSPLIT_COMMANDS.includes(arg)) return 0;
      first = false;
      if (!/\.gz$/i.test(arg)) largest = Math.max(largest, fileSize(arg));
    }
  }
  return readersFor(largest, { threads });
}

/** The size of a regular file, 0 for anything else (the command tells what is wrong with it). */
function fileSize(path: string): number {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0;
  }
}
