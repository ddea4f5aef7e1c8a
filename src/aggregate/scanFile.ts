// Reading one cost file with the byte scanner into a PersonTable: the file is sniffed, its head read
// as strings (columns, decimal mark), then the rest scanned byte by byte. The csv-parse reader
// (readCostBytes) is the reference this must agree with, record for record.

import { open, type FileHandle } from 'node:fs/promises';
import { readCostBytes } from '../read/costFile.js';
import { CostHead, type CostLayout } from '../read/costHead.js';
import { SNIFF_BYTES, sniffDialect } from '../read/dialect.js';
import { feed, fileFill, streamFill, type Fill } from '../read/scanInput.js';
import { scannable, scanProblemError } from '../read/scannedRecords.js';
import { RecordScanner } from '../read/scanner.js';
import { displayName, openInput, peekBytes, serviceLabelFor } from '../read/source.js';
import type { FileReport, ReadOptions, RowSink, SniffedDialect } from '../read/types.js';
import { CostRows } from './costRows.js';
import type { PersonTable } from './persons.js';

/**
 * Reads one cost file (a path, `-` or gzip) into `table`, as readCostFile reads it into `sink`:
 * the same rows, rejections (through `sink.reject`) and report. `sink` must add rows to `table`
 * (collect.ts's `sinkFor`): the records the scanner does not read itself go through it.
 *
 * @example const report = await scanCostFile('kotihoito.csv', opts, table, sinkFor(table, rejections, false));
 */
export async function scanCostFile(input: string, opts: ReadOptions, table: PersonTable, sink: RowSink): Promise<FileReport> {
  const file = displayName(input);
  const handle = await regularFile(input);
  if (handle === null) return scanStream(await openInput(input), input, opts, table, sink);
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const dialect = sniffDialect(head.subarray(0, bytesRead), { delimiter: opts.delimiter, encoding: opts.encoding }, file, bytesRead < SNIFF_BYTES);
    if (!scannable(dialect)) return readCostBytes(await openInput(input), input, opts, sink);
    return await scanBytes(fileFill(handle, 0), dialect, input, opts, table, sink);
  } finally {
    await handle.close();
  }
}

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

async function scanStream(bytes: AsyncIterable<Buffer>, input: string, opts: ReadOptions, table: PersonTable, sink: RowSink): Promise<FileReport> {
  const file = displayName(input);
  const { head, rest } = await peekBytes(bytes, SNIFF_BYTES);
  const source = streamFill(rest);
  try {
    const dialect = sniffDialect(head, { delimiter: opts.delimiter, encoding: opts.encoding }, file, head.length < SNIFF_BYTES);
    if (!scannable(dialect)) return readCostBytes(rest, input, opts, sink);
    return await scanBytes(source.fill, dialect, input, opts, table, sink);
  } finally {
    await source.close();
  }
}

async function scanBytes(fill: Fill, dialect: SniffedDialect, input: string, opts: ReadOptions, table: PersonTable, sink: RowSink): Promise<FileReport> {
  const file = displayName(input);
  let rows: CostRows | null = null;
  const head = new CostHead({ file, label: serviceLabelFor(input), dialect }, opts, (layout, records) => {
    rows = new CostRows(layout, table, sink);
    for (const record of records) rows.readRecord(record);
    return rows;
  });
  const scanner = new RecordScanner(dialect.delimiter.charCodeAt(0), head);
  try {
    const steps = feed(fill, scanner, { encoding: dialect.encoding, skip: dialect.bom ? 3 : 0 });
    while (!(await steps.next()).done);
    head.finish(scanner);
  } catch (error) {
    throw scanProblemError(error, file, 0);
  }
  return report(input, head.layout!, rows!);
}

function report(input: string, layout: CostLayout, rows: CostRows): FileReport {
  return { path: input, ...layout.dialect, decimal: layout.decimal, columns: layout.columns, ...rows.counts() };
}
