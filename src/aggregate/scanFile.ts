// Reading one cost file with the byte scanner into a PersonTable: the file is sniffed, its head read
// as strings (columns, decimal mark), then the rest scanned byte by byte — a large file split
// between threads. The csv-parse reader (readCostBytes) is the reference this must agree with,
// record for record.
//
// Splitting a file between threads, safely: the rest of the file after its head is cut at split
// points, each the start of a line near an even share, chosen so that the lines after it parse as
// records of the right field count (had the point fallen inside a quoted field, its quotes would
// pair up wrongly and the field counts go astray). Each thread reads the records that start in its
// range, the last one to its end. Whether a point really was a record start is then known for
// certain: the thread before it must have stopped exactly there. If it did not (a quoted field
// with line breaks across the point), that range's result is dropped and the range is read again
// here, from where the thread before really stopped. Threads count lines from their range's start;
// the lines before are added when their results are taken, in file order, so line numbers,
// rejection examples and the first error are those of a single thread.
//
// When one other thread reads (2 threads, or a file too small for more ranges), the file is not
// split but read in a pipeline (rowRing.ts): the other thread reads on from where this one's first
// read ended — a record start this thread's scanner found, so no split point is guessed or checked
// — and hands its rows over in order, for this thread to add to the one table; lines count on from
// this thread's. Files whose rows carry a group or a weight, wide files and files without an id
// column are split as on more threads.

import { availableParallelism } from 'node:os';
import { open, type FileHandle } from 'node:fs/promises';
import { CostcurveError } from '../errors.js';
import { readCostBytes } from '../read/costFile.js';
import { CostHead, type CostLayout } from '../read/costHead.js';
import { SNIFF_BYTES, sniffDialect } from '../read/dialect.js';
import { FEED_BYTES } from '../read/feedBytes.js';
import { feed, fileFill, streamFill, type FeedEnd, type FeedOptions, type Fill } from '../read/scanInput.js';
import { scannable, scanProblemError } from '../read/scannedRecords.js';
import { RecordScanner, ScanProblem, type RecordHandler } from '../read/scanner.js';
import { displayName, openInput, peekBytes, serviceLabelFor } from '../read/source.js';
import type { FileReport, ReadOptions, RowSink, SniffedDialect } from '../read/types.js';
import { CostRows, plainRowsKernel } from './costRows.js';
import type { PlainRows } from '../read/plainRows.js';
import type { PersonAttributes } from './attributes.js';
import type { PersonTable, TableParts } from './persons.js';
import type { Rejections } from './rejections.js';
import { RingReader, rowRing, type RingTaker } from './rowRing.js';
import { readersFor, SPLIT_MIN_BYTES, startThread, takeEarlyThread, type ReadingThread } from './readingThreads.js';

/** How a large file may be read by several threads. */
export interface Threads {
  /** Threads in all, this one included (`--threads`). */
  threads: number;
  /** The main table's rejections, that the threads' are added to. */
  rejections: Rejections;
  /** `--strict`: a thread stops at its first bad row. */
  strict: boolean;
  /** Split even smaller files (tests). */
  minBytes?: number;
  /** Split near these offsets instead of in even shares (tests). */
  near?: number[];
  /**
   * Split the file between 2 threads, each with a table, as between more, instead of reading it in
   * a pipeline (tests).
   */
  split?: boolean;
  /**
   * Read this many bytes at a time here (tests: the file is split where this thread has read to
   * when the head is read, so small reads let small files be split).
   */
  bufferBytes?: number;
}

/** The default `--threads`: the cores this process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

/** Where a file's rows go: the table, the persons' groups and weights, and `sinkFor` both (with the rejections). */
export interface Into {
  table: PersonTable;
  attributes: PersonAttributes;
  sink: RowSink;
}

/**
 * Reads one cost file (a path, `-` or gzip) into `into.table` and `into.attributes`, as
 * readCostFile reads it into `into.sink`: the same rows, rejections (through `sink.reject`, or
 * merged into `threads.rejections`) and report. `sink` must add rows to the table and attributes
 * (collect.ts's `sinkFor`): the records the scanner does not read itself go through it. With
 * `threads`, a large regular file is split between threads; stdin and gzip are read on this one.
 *
 * @example const report = await scanCostFile('kotihoito.csv', opts, { table, attributes, sink: sinkFor(table, attributes, rejections, false) });
 */
export async function scanCostFile(input: string, opts: ReadOptions, into: Into, threads?: Threads): Promise<FileReport> {
  const file = displayName(input);
  const { sink } = into;
  const handle = await regularFile(input);
  if (handle === null) return scanStream(await openInput(input, opts.onBytes), input, opts, into);
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const dialect = sniffDialect(head.subarray(0, bytesRead), { delimiter: opts.delimiter, encoding: opts.encoding }, file, bytesRead < SNIFF_BYTES);
    if (!scannable(dialect)) return readCostBytes(await openInput(input, opts.onBytes), input, opts, sink);
    const size = (await handle.stat()).size;
    // Threads that may read part of the file start now, and load their modules while this one
    // reads the head; they get their ranges when the head is read (or are stopped).
    const readers = threads === undefined ? [] : startReaders(readersFor(size, threads), opts.onBytes);
    try {
      return await scanRegularFile(handle, size, dialect, input, opts, into, threads, readers);
    } finally {
      for (const reader of readers) reader.stop();
    }
  } finally {
    await handle.close();
  }
}

/**
 * Errors met while a file was split between threads. When one is a sum beyond the exact range, the
 * sum was a thread's own or a merged one, not the running sum in file order that one thread checks
 * row by row: `collect` reads the files again on one thread for the error one thread meets.
 */
export const metOnThreads = new WeakSet<CostcurveError>();

/** A plain file opened for reading, or null for stdin, gzip and anything that is not a regular file. */
async function regularFile(input: string): Promise<FileHandle | null> {
  if (input === '-') return null;
  let handle: FileHandle;
  try {
    handle = await open(input, 'r');
  } catch {
    return null; // openInput names the problem
  }
  const magic = Buffer.alloc(2);
  if ((await handle.stat()).isFile()) {
    await handle.read(magic, 0, 2, 0);
    if (!(magic[0] === 0x1f && magic[1] === 0x8b)) return handle;
  }
  await handle.close();
  return null;
}

async function scanStream(bytes: AsyncIterable<Buffer>, input: string, opts: ReadOptions, into: Into): Promise<FileReport> {
  const file = displayName(input);
  const { head, rest } = await peekBytes(bytes, SNIFF_BYTES);
  const source = streamFill(rest);
  try {
    const dialect = sniffDialect(head, { delimiter: opts.delimiter, encoding: opts.encoding }, file, head.length < SNIFF_BYTES);
    if (!scannable(dialect)) return readCostBytes(rest, input, opts, into.sink);
    const { reading, rows, started, kernel } = opening(dialect, input, opts, into);
    try {
      await drain(feed(source.fill, reading.scanner, feedOptions(dialect, kernel)));
      reading.head.finish(reading.scanner);
      rows().flush();
    } catch (error) {
      throw scanProblemError(firstError(started(), error), file, 0);
    }
    return report(input, reading.head.layout!, rows().counts());
  } finally {
    await source.close();
  }
}

/** A scanner for a file's head, that goes on with a CostRows into `into` once the head is read. */
function opening(dialect: SniffedDialect, input: string, opts: ReadOptions, into: Into) {
  let rows: CostRows | null = null;
  // The file is read into the kernel's buffer, for the kernel to read its plain records.
  const kernel = plainRowsKernel();
  const head = new CostHead({ file: displayName(input), label: serviceLabelFor(input), dialect }, opts, (layout, records) => {
    rows = new CostRows(layout, into.table, into.sink, into.attributes, kernel);
    for (const record of records) rows.readRecord(record);
    return rows;
  });
  const scanner = new RecordScanner(dialect.delimiter.charCodeAt(0), head);
  return { reading: { head, scanner }, rows: (): CostRows => rows!, started: (): CostRows | null => rows, kernel };
}

/**
 * The error to report when reading stopped at `error`: the rows still waiting in `rows`'s batch
 * come before it in the file, and adding them may stop at an earlier line (a sum past 2^53).
 */
export function firstError(rows: CostRows | null, error: unknown): unknown {
  try {
    rows?.flush();
  } catch (earlier) {
    return earlier;
  }
  return error;
}

/** `fill`, telling `onBytes` how many bytes each read brought (the progress line). */
function counted(fill: Fill, onBytes: ((bytes: number) => void) | undefined): Fill {
  if (onBytes === undefined) return fill;
  return async (target, offset, length) => {
    const n = await fill(target, offset, length);
    if (n > 0) onBytes(n);
    return n;
  };
}

function feedOptions(dialect: SniffedDialect, kernel: PlainRows): FeedOptions {
  return { encoding: dialect.encoding, skip: dialect.bom ? 3 : 0, buffer: kernel.work };
}

async function drain(steps: AsyncGenerator<number, FeedEnd>): Promise<FeedEnd> {
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

async function scanRegularFile(
  handle: FileHandle,
  size: number,
  dialect: SniffedDialect,
  input: string,
  opts: ReadOptions,
  into: Into,
  threads: Threads | undefined,
  readers: Reader[],
): Promise<FileReport> {
  const file = displayName(input);
  const { reading, rows, started, kernel } = opening(dialect, input, opts, into);
  const options = { ...feedOptions(dialect, kernel), bufferBytes: threads?.bufferBytes };
  let splits: number[] = [];
  const ranges: Promise<RangeResult>[] = [];
  // Or, on 2 threads, the other thread reads the rest of the file for this one's table.
  let piped: { ring: SharedArrayBuffer; services: number; result: Promise<RangeResult | PipedResult> } | null = null;
  const counts = { rows: 0, rejected: 0 };
  try {
    // Read ahead until other threads read ranges of the file too (see fileFill).
    const steps = feed(counted(fileFill(handle, 0, FEED_BYTES, () => ranges.length > 0), opts.onBytes), reading.scanner, options);
    let step = await steps.next();
    while (!step.done) {
      // Once the head is read, the rest may be split: this thread reads up to the first point. (No
      // point may be found yet when no line ends near where one is looked for: after the next
      // buffer, again, while enough of the file is left.)
      const layout = reading.head.layout;
      if (layout !== null && threads !== undefined && ranges.length === 0 && piped === null && readers.length > 0) {
        if (readers.length === 1 && !threads.split && rows().plain) {
          // One other thread: the rest of the file goes through the ring, from here (a record start).
          const ring = rowRing();
          const services = [...into.table.serviceNames];
          const task = { path: input, start: step.value, stop: size, layout, strict: threads.strict, progress: opts.onBytes !== undefined, ring, line: reading.scanner.line, services };
          piped = { ring, services: services.length, result: readers[0].read(task) };
          options.stop = step.value;
        } else {
          splits = (await splitPoints(handle, step.value, size, layout, threads)).slice(0, readers.length);
          if (splits.length > 0) {
            options.stop = splits[0];
            for (let k = 0; k < splits.length; k++) {
              const task = { path: input, start: splits[k], stop: splits[k + 1] ?? size, layout, strict: threads.strict, progress: opts.onBytes !== undefined };
              ranges.push(readers[k].read(task));
            }
          }
          // Threads with no range to read stop now; all of them once too little is left to split.
          const keep = splits.length > 0 ? splits.length : size - step.value >= (threads.minBytes ?? SPLIT_MIN_BYTES) ? readers.length : 0;
          for (const reader of readers.splice(keep)) reader.stop();
        }
      }
      step = await steps.next();
    }
    reading.head.finish(reading.scanner);
    // This thread's rows are added before the other threads' tables, as they come first in the file.
    rows().flush();
    let end = piped === null ? step.value : await takePiped(piped, rows(), into.table, file, opts.onBytes !== undefined);
    for (let k = 0; k < ranges.length; k++) {
      const result = await ranges[k];
      if (end.offset === splits[k]) {
        // The lines before the range: the range counts from 1 at its start, which is line end.line.
        const before = end.line - 1;
        if (!result.ok) throw problemError(result.problem, file, before);
        into.attributes.merge(result.attributes, into.table.merge(result.parts, { file }), before);
        threads!.rejections.merge(result.rejections, before);
        counts.rows += result.rows;
        counts.rejected += result.rejected;
        end = { offset: result.end.offset, line: before + result.end.line };
      } else {
        // The split point fell inside a record: read the range here, from where the records end.
        reading.scanner.line = end.line;
        reading.scanner.handler = rows();
        const stop = (splits[k + 1] ?? size) - end.offset;
        const rest = await drain(feed(counted(fileFill(handle, end.offset), opts.onBytes), reading.scanner, { encoding: dialect.encoding, stop, buffer: kernel.work }));
        rows().flush();
        end = { offset: end.offset + rest.offset, line: rest.line };
      }
    }
  } catch (error) {
    const thrown = scanProblemError(firstError(started(), error), file, 0);
    if (ranges.length > 0 && thrown instanceof CostcurveError) metOnThreads.add(thrown);
    throw thrown;
  }
  const own = rows().counts();
  return report(input, reading.head.layout!, { rows: own.rows + counts.rows, rejected: own.rejected + counts.rejected });
}

/**
 * Adds the rows the other thread reads through the pipe's `ring` (rowRing.ts) to `rows`' table, in
 * order, as it reads them; returns where its records ended. The pipe's `services`: the table's when
 * the thread was told them; its `result`: the thread's. A problem that stopped the thread is thrown
 * once the rows before it are added (one of them may stop this first). With `progress`, the event
 * loop turns now and then (the progress line, the thread's messages).
 */
async function takePiped(
  { ring, services, result }: { ring: SharedArrayBuffer; services: number; result: Promise<RangeResult | PipedResult> },
  rows: CostRows,
  table: PersonTable,
  file: string,
  progress: boolean,
): Promise<FeedEnd> {
  const reader = new RingReader(ring, services);
  const taker: RingTaker = {
    batch: (batch, n) => rows.takeBatch(batch, n),
    record: (record, line) => rows.record(record, line),
    service: (name) => table.serviceOf(name),
  };
  // A thread that stops ends a wait for its rows too (a wait alone would not keep the process from
  // ending): `wake`, the wait's own.
  let stopped = false;
  let wake: (() => void) | null = null;
  void result.then(() => {
    stopped = true;
    wake?.();
  });
  for (;;) {
    const taken = reader.take(taker, progress ? 64 : Infinity);
    if (taken === 'ended') break;
    // A thread that stopped without an end (it failed to start, or was ended) sends nothing more.
    if (taken === 'empty' && stopped) break;
    if (taken === 'empty') {
      await new Promise<void>((resolve) => {
        wake = resolve;
        void reader.wait(20).then(resolve);
      });
      wake = null;
    } else await new Promise((resolve) => setImmediate(resolve));
  }
  const done = await result;
  if (!done.ok) throw problemError(done.problem, file, 0);
  if (!('piped' in done)) throw new Error(`a thread reading '${file}' sent no end`);
  return done.end;
}

function report(input: string, layout: CostLayout, counts: { rows: number; rejected: number }): FileReport {
  return { path: input, ...layout.dialect, decimal: layout.decimal, decimalAmbiguous: layout.decimalAmbiguous, columns: layout.columns, ...counts };
}

/**
 * Where the other threads start: one point per extra thread, each the first line start after an
 * even share of `[from, size)` (or after `near`) whose next lines parse as records of the right
 * field count. Fewer points when the file is small; none to read it on one thread.
 */
async function splitPoints(handle: FileHandle, from: number, size: number, layout: CostLayout, threads: Threads): Promise<number[]> {
  const rest = size - from;
  const min = threads.minBytes ?? SPLIT_MIN_BYTES;
  if (rest < min) return [];
  const count = threads.near === undefined ? Math.min(threads.threads, Math.max(1, Math.floor(rest / Math.max(1, min / 2)))) : threads.near.length + 1;
  const points: number[] = [];
  // This thread's share is a little larger: the others start later (a thread and its modules) and
  // hand their tables over when done, and this one merges them only then.
  const shares = count + OWN_EXTRA;
  for (let k = 1; k < count; k++) {
    const guess = Math.floor(threads.near?.[k - 1] ?? from + ((k + OWN_EXTRA) * rest) / shares);
    const point = await recordStart(handle, Math.max(guess, from), size, layout);
    if (point > (points.at(-1) ?? from) && point < size) points.push(point);
  }
  return points;
}

/**
 * How much more of a split file this thread reads than each other thread, in shares: 10 M rows on
 * 2 threads, the other thread's table came 0.1–0.3 s after this one's reading ended.
 */
const OWN_EXTRA = 0.1;

/** Lines a split point's lines are checked on. */
const CHECKED_LINES = 4;
const WINDOW_BYTES = 64 * 1024;
/** Thrown to end a scan from a line start once CHECKED_LINES records are read. */
const ENOUGH_RECORDS = Symbol('enough records');

/**
 * The first line start at or after `guess` whose next lines (up to CHECKED_LINES) read as records
 * with the file's field count; the first line start at all when none does; -1 when there is none.
 * Each start's scan ends at its CHECKED_LINES-th record, and blank lines are no start (their records
 * are the next line's): a window of blank lines, or of lines that are not records, is read once, not
 * again from each of its lines (64 KiB of blank lines took 30 s).
 */
export async function recordStart(handle: FileHandle, guess: number, size: number, layout: CostLayout): Promise<number> {
  const window = Buffer.alloc(Math.min(WINDOW_BYTES, size - guess));
  const { bytesRead } = await handle.read(window, 0, window.length, guess);
  const bytes = new Uint8Array(window.buffer, window.byteOffset, bytesRead);
  const lineEnd = layout.dialect.lineEnding === 'CR' ? 0x0d : 0x0a;
  const counts: number[] = [];
  const counter: RecordHandler = {
    record: (scanner) => {
      if (counts.push(scanner.count) === CHECKED_LINES) throw ENOUGH_RECORDS;
    },
  };
  let first = -1;
  for (let at = bytes.indexOf(lineEnd); at !== -1 && at + 1 < bytes.length; at = bytes.indexOf(lineEnd, at + 1)) {
    const start = at + 1;
    if (first === -1) first = start;
    if (bytes[start] === 0x0a || bytes[start] === 0x0d) continue;
    counts.length = 0;
    const scanner = new RecordScanner(layout.dialect.delimiter.charCodeAt(0), counter);
    try {
      scanner.scan(bytes, start, bytes.length, guess + bytes.length === size, Infinity);
    } catch (error) {
      if (error !== ENOUGH_RECORDS) continue; // a quote that never closes: not a record start
    }
    if (counts.length > 0 && counts.every((n) => n === layout.fieldCount || n === layout.fieldCount + 1)) return guess + start;
  }
  return first === -1 ? -1 : guess + first;
}

// ---- Threads -------------------------------------------------------------------------------

/** What a thread reads: the records of `path` that start in [start, stop). */
export interface RangeTask {
  path: string;
  start: number;
  stop: number;
  layout: CostLayout;
  strict: boolean;
  /** Send `{ bytes }` messages as the range is read. */
  progress?: boolean;
  /**
   * Read for this thread's table, through this ring (rowRing.ts), from line `line` on; the table's
   * services so far, by their numbers there.
   */
  ring?: SharedArrayBuffer;
  line?: number;
  services?: string[];
}

/** What a thread that read through the ring tells when it is done: where its records ended, or its problem. */
export type PipedResult = { ok: true; piped: true; end: FeedEnd } | { ok: false; problem: ThreadProblem };

/** A problem that stopped a thread, sent as data: its lines count from the range's start. */
export type ThreadProblem =
  | { kind: 'scan'; scan: { kind: ScanProblem['kind']; line: number; detail?: number } }
  | { kind: 'error'; code: string; message: string; errorKind: CostcurveError['kind']; line?: number; column?: number | string }
  | { kind: 'other'; message: string };

export type RangeResult =
  | {
      ok: true;
      parts: TableParts;
      rows: number;
      rejected: number;
      rejections: Pick<Rejections, 'counts' | 'examples' | 'total'>;
      attributes: ReturnType<PersonAttributes['parts']>;
      /** Where the range's records ended (an offset of the file) and the line there (from 1). */
      end: FeedEnd;
    }
  | { ok: false; problem: ThreadProblem };

/** A reading thread, started before its range is known (`startReaders`). */
interface Reader {
  /** Sends the thread its range; resolves to what it read, or the problem that stopped it. */
  read(task: RangeTask): Promise<RangeResult>;
  read(task: RangeTask & { ring: SharedArrayBuffer }): Promise<PipedResult>;
  /** Ends the thread (any time; a result not yet sent is lost). */
  stop(): void;
}

/** A thread's message: its bytes read so far (for the progress line), or its result. */
export type ThreadMessage = { bytes: number } | RangeResult | PipedResult;

/**
 * Starts `count` reading threads, or takes those the command started early (readingThreads.ts).
 * Each loads its modules (a tenth of a second or more) while this thread reads the file's head,
 * then waits for its range.
 */
function startReaders(count: number, onBytes: ((bytes: number) => void) | undefined): Reader[] {
  const readers: Reader[] = [];
  try {
    for (let k = 0; k < count; k++) readers.push(reader(takeEarlyThread() ?? startThread(workerUrl()), onBytes));
  } catch (error) {
    // None started is left holding the process up.
    for (const started of readers) started.stop();
    throw error;
  }
  return readers;
}

/** A started reading thread as a Reader. */
function reader({ worker, ended }: ReadingThread, onBytes: ((bytes: number) => void) | undefined): Reader {
  const sent = new Promise<RangeResult | PipedResult>((resolve) => {
    worker.on('message', (message: ThreadMessage) => {
      if ('bytes' in message) onBytes?.(message.bytes);
      else resolve(message);
    });
  });
  const result = Promise.race([sent, ended]);
  return {
    read: ((task: RangeTask) => {
      worker.postMessage(task);
      return result;
    }) as Reader['read'],
    stop: () => void worker.terminate(),
  };
}

/** The thread's module: next to this one, or in dist/ when this runs from its TypeScript source (tests). */
function workerUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('../../dist/src/aggregate/scanWorker.js', import.meta.url);
  return new URL('./scanWorker.js', import.meta.url);
}

/** A problem as a thread sends it. */
export function threadProblem(error: unknown): ThreadProblem {
  if (error instanceof ScanProblem) return { kind: 'scan', scan: { kind: error.kind, line: error.line, detail: error.detail } };
  if (error instanceof CostcurveError) {
    const { line, column } = error.location;
    return { kind: 'error', code: error.code, message: error.message, errorKind: error.kind, line, column };
  }
  return { kind: 'other', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** A thread's problem as the error it is, `lines` lines further down the file. */
function problemError(problem: ThreadProblem, file: string, lines: number): Error {
  switch (problem.kind) {
    case 'scan':
      return scanProblemError(new ScanProblem(problem.scan.kind, problem.scan.line, problem.scan.detail), file, lines) as Error;
    case 'error': {
      const location = { file, ...(problem.line === undefined ? {} : { line: problem.line + lines }), ...(problem.column === undefined ? {} : { column: problem.column }) };
      return new CostcurveError(problem.code, problem.message, location, problem.errorKind);
    }
    default:
      return new Error(`a thread reading '${file}' failed: ${problem.message}`);
  }
}
