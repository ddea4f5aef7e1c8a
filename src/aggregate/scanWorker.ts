// A reading thread: scans the records of one range of a cost file into a table of its own and sends
// the table back as its buffers (moved, not copied); or, on 2 threads, reads the rest of the file
// for the table's thread, handing it the rows through a ring (rowRing.ts). See scanFile.ts for how
// ranges are chosen, checked and merged.

import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { FEED_BYTES } from '../read/feedBytes.js';
import { feed, fileFill, type FeedEnd } from '../read/scanInput.js';
import type { PlainRows } from '../read/plainRows.js';
import { RecordScanner } from '../read/scanner.js';
import { sinkFor } from './collect.js';
import { PersonAttributes } from './attributes.js';
import { CostRows, plainRowsKernel } from './costRows.js';
import { PersonTable, transferables } from './persons.js';
import { Rejections } from './rejections.js';
import { RingTable, RingWriter } from './rowRing.js';
import type { RowSink } from '../read/types.js';
import { firstError, threadProblem, type PipedResult, type RangeResult, type RangeTask } from './scanFile.js';

// The thread starts before its range is known (its modules load meanwhile): the range comes as
// the first message.
parentPort!.once('message', (task: RangeTask) => void (task.ring === undefined ? readRange(task) : pipeRange(task, task.ring)));

async function readRange(task: RangeTask): Promise<void> {
  const table = new PersonTable({ handedOver: true });
  const attributes = new PersonAttributes();
  const rejections = new Rejections(task.strict);
  const kernel = plainRowsKernel();
  const rows = new CostRows(task.layout, table, sinkFor(table, attributes, rejections, task.layout.noId), attributes, kernel);
  const scanner = new RecordScanner(task.layout.dialect.delimiter.charCodeAt(0), rows);

  let result: RangeResult;
  try {
    const end = await scanRange(task, scanner, kernel);
    rows.flush();
    const parts = table.parts(true);
    const { counts, examples, total } = rejections;
    result = {
      ok: true,
      parts,
      ...rows.counts(),
      rejections: { counts, examples, total },
      attributes: attributes.parts(parts.length),
      end,
    };
  } catch (error) {
    result = { ok: false, problem: threadProblem(firstError(rows, error)) };
  }
  parentPort!.postMessage(result, result.ok ? transferables(result.parts) : []);
}

/** The sink of a CostRows that sends its records on: none reaches it. */
const SENDS_ON: RowSink = {
  row: () => {
    throw new Error('a reading thread sends its records on');
  },
  reject: () => {
    throw new Error('a reading thread sends its records on');
  },
};

/**
 * Reads the records of the task's range for the table's thread (rowRing.ts): each batch CostRows
 * reads, each service's name and each record out of the ordinary go through the ring, in order,
 * and the end last. Lines count from the task's `line`, as this thread reads on from the table's.
 */
async function pipeRange(task: RangeTask, ring: SharedArrayBuffer): Promise<void> {
  let writer: RingWriter | null = null;
  let rows: CostRows | null = null;
  let result: PipedResult;
  try {
    writer = new RingWriter(ring);
    const send = writer;
    const kernel = plainRowsKernel();
    rows = new CostRows(task.layout, new RingTable(send, task.services), SENDS_ON, new PersonAttributes(), kernel, (record, line) => send.record(record, line));
    const scanner = new RecordScanner(task.layout.dialect.delimiter.charCodeAt(0), rows, task.line);
    const end = await scanRange(task, scanner, kernel);
    rows.flush();
    result = { ok: true, piped: true, end };
  } catch (error) {
    // The rows read before the problem go first (the table's thread may stop at one of them).
    rows?.flush();
    result = { ok: false, problem: threadProblem(error) };
  }
  writer?.end();
  parentPort!.postMessage(result);
}

/**
 * Feeds the task's range of its file to `scanner`, read into `kernel`'s buffer; resolves to where
 * its records ended (an offset of the file) and the line there. With `task.progress`, tells the
 * bytes read in messages of at least 8 MiB.
 */
async function scanRange(task: RangeTask, scanner: RecordScanner, kernel: PlainRows): Promise<FeedEnd> {
  const handle = await open(task.path, 'r');
  try {
    // Read when asked, by this thread: the other threads keep the cores busy (see fileFill).
    const read = fileFill(handle, task.start, FEED_BYTES, () => true);
    let unsent = 0;
    const fill: typeof read = async (target, offset, length) => {
      const n = await read(target, offset, length);
      unsent += n;
      if (task.progress && unsent >= 8 * 1024 * 1024) {
        parentPort!.postMessage({ bytes: unsent });
        unsent = 0;
      }
      return n;
    };
    const steps = feed(fill, scanner, { encoding: task.layout.dialect.encoding, stop: task.stop - task.start, buffer: kernel.work });
    let step = await steps.next();
    while (!step.done) step = await steps.next();
    if (task.progress && unsent > 0) parentPort!.postMessage({ bytes: unsent });
    return { offset: task.start + step.value.offset, line: step.value.line };
  } finally {
    await handle.close();
  }
}
