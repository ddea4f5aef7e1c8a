// The threads that read parts of a large file (scanWorker.ts), and how many a file is worth.
//
// Why a module of few imports: a thread takes a tenth of a second or more to boot and load its
// modules, and it reads only once it has, while this thread reads on alone. The command's first
// module (bin/costcurve.ts) starts them from its arguments, before the rest of the command loads
// (some 60 ms here), and scanFile takes them when it splits a file (starting any more it needs): on
// 2 threads the benchmark's 300 MB took 0.05–0.08 s less (medians of 8 runs each, in turn, three
// times: 1.61 against 1.69 s, 1.93 against 2.00, 2.04 against 2.11). A thread started and not
// taken (the large file named is a roster, or not split) is idle, and holds the process up for
// nothing: it is unref'd until taken and ends with the process.

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

/**
 * The threads that would read the largest regular file `args` name (not a `.gz` one) with their
 * `--threads` (the last given; the cores by default, as the command's): `readersFor` its size.
 * A guess from the arguments alone: the command decides, and stops what it does not take.
 */
export function earlyThreadCount(args: string[]): number {
  let threads = availableParallelism();
  let largest = 0;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '--threads' || arg.startsWith('--threads=')) {
      const value = arg === '--threads' ? args[++k] : arg.slice('--threads='.length);
      threads = value !== undefined && /^\d+$/.test(value) ? Number(value) : 1;
      continue;
    }
    if (arg.startsWith('-') || /\.gz$/i.test(arg)) continue;
    try {
      const stat = statSync(arg);
      if (stat.isFile()) largest = Math.max(largest, stat.size);
    } catch {
      // not a file: the command says so
    }
  }
  return readersFor(largest, { threads });
}
