// A reading thread: scans the records of one range of a cost file into a table of its own and sends
// the table back as its buffers (moved, not copied). See scanFile.ts for how ranges are chosen,
// checked and merged.

import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { FEED_BYTES } from '../read/feedBytes.js';
import { feed, fileFill } from '../read/scanInput.js';
import { RecordScanner } from '../read/scanner.js';
import { sinkFor } from './collect.js';
import { PersonAttributes } from './attributes.js';
import { CostRows, plainRowsKernel } from './costRows.js';
import { PersonTable, transferables } from './persons.js';
import { Rejections } from './rejections.js';
import { firstError, threadProblem, type RangeResult, type RangeTask } from './scanFile.js';

// The thread starts before its range is known (its modules load meanwhile): the range comes as
// the first message.
parentPort!.once('message', (task: RangeTask) => void readRange(task));

async function readRange(task: RangeTask): Promise<void> {
  const table = new PersonTable({ handedOver: true });
  const attributes = new PersonAttributes();
  const rejections = new Rejections(task.strict);
  const kernel = plainRowsKernel();
  const rows = new CostRows(task.layout, table, sinkFor(table, attributes, rejections, task.layout.noId), attributes, kernel);
  const scanner = new RecordScanner(task.layout.dialect.delimiter.charCodeAt(0), rows);

  let result: RangeResult;
  const handle = await open(task.path, 'r');
  try {
    // Read when asked, by this thread: the other threads keep the cores busy (see fileFill).
    const read = fileFill(handle, task.start, FEED_BYTES, () => true);
    // Progress: the bytes read, in messages of at least 8 MiB.
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
    rows.flush();
    const parts = table.parts(true);
    const { counts, examples, total } = rejections;
    if (task.progress && unsent > 0) parentPort!.postMessage({ bytes: unsent });
    result = {
      ok: true,
      parts,
      ...rows.counts(),
      rejections: { counts, examples, total },
      attributes: attributes.parts(parts.length),
      end: { offset: task.start + step.value.offset, line: step.value.line },
    };
  } catch (error) {
    result = { ok: false, problem: threadProblem(firstError(rows, error)) };
  } finally {
    await handle.close();
  }
  parentPort!.postMessage(result, result.ok ? transferables(result.parts) : []);
}
