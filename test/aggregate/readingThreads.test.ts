// The reading threads the command starts from its arguments, before the rest of it loads: how many
// (readersFor of the largest file named, as the command would split it), and that a thread started
// is handed out once, reports a failure that came before it was taken, and holds nothing up untaken.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { PersonAttributes } from '../../src/aggregate/attributes.js';
import { sinkFor } from '../../src/aggregate/collect.js';
import { PersonTable } from '../../src/aggregate/persons.js';
import { earlyThreadCount, FILE_OPTIONS, startEarlyThreads, startThread, takeEarlyThread, UNSPLIT_COMMANDS } from '../../src/aggregate/readingThreads.js';
import { Rejections } from '../../src/aggregate/rejections.js';
import { scanCostFile } from '../../src/aggregate/scanFile.js';
import { program } from '../../src/cli/main.js';

const MiB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), 'costcurve-threads-'));
/** A file of `bytes` bytes (sparse: only its size is read). */
function sized(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}
/** A thread's module, in the scratch folder. */
function module(name: string, source: string): URL {
  const path = join(dir, name);
  writeFileSync(path, source);
  return pathToFileURL(path);
}
/** Until the thread has ended (its id is -1 then). */
async function ended(worker: Worker): Promise<void> {
  while (worker.threadId !== -1) await new Promise((done) => setTimeout(done, 10));
}
const waits = module('waits.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', (m) => parentPort.postMessage({ echo: m }));\n");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('earlyThreadCount', () => {
  const big = sized('big.csv', 21 * MiB);
  const small = sized('small.csv', 9 * MiB - 1);

  it('counts the threads readersFor gives the largest file named, with the last --threads given', () => {
    // 21 MiB: 20 MiB after the first buffer's 1 MiB, a range per 4 MiB: 5 ranges; on 4 threads, 3 more than this one.
    expect(earlyThreadCount([big, '--threads', '4'])).toBe(3);
    expect(earlyThreadCount(['--threads=4', big])).toBe(3);
    expect(earlyThreadCount(['--threads', '8', big, '--threads', '2'])).toBe(1);
    expect(earlyThreadCount([small, big, '--threads', '24'])).toBe(4);
    // 9 MiB − 1 byte: less than 8 MiB after the first buffer, read on one thread.
    expect(earlyThreadCount([small, '--threads', '4'])).toBe(0);
  });

  it('starts none for one thread, a --threads that is not a count, or no large regular file', () => {
    expect(earlyThreadCount([big, '--threads', '1'])).toBe(0);
    expect(earlyThreadCount([big, '--threads', 'x'])).toBe(0);
    expect(earlyThreadCount([big, '--threads'])).toBe(0);
    expect(earlyThreadCount([sized('big.csv.gz', 21 * MiB), '--threads', '4'])).toBe(0);
    expect(earlyThreadCount(['-', '--threads', '4'])).toBe(0);
    expect(earlyThreadCount([join(dir, 'none.csv'), '--threads', '4'])).toBe(0);
    mkdirSync(join(dir, 'folder'));
    expect(earlyThreadCount([join(dir, 'folder'), '--threads', '4'])).toBe(0);
  });

  it("starts none for help, the version, the csv-parse reader, a command that reads no file whole, or an option's file", () => {
    for (const flag of ['-h', '--help', '-V', '--version']) expect(earlyThreadCount([big, '--threads', '4', flag])).toBe(0);
    expect(earlyThreadCount([big, '--threads', '4', '--reader', 'csv-parse'])).toBe(0);
    expect(earlyThreadCount([big, '--threads', '4', '--reader=csv-parse'])).toBe(0);
    expect(earlyThreadCount([big, '--threads', '4', '--reader', 'scanner'])).toBe(3);
    for (const command of ['inspect', 'sample', 'help']) expect(earlyThreadCount([command, big, '--threads', '4'])).toBe(0);
    expect(earlyThreadCount(['compare', small, big, '--threads', '4'])).toBe(3);
    expect(earlyThreadCount([small, '--roster', big, '--threads', '4'])).toBe(0);
    expect(earlyThreadCount([small, '--output=' + big, '--threads', '4'])).toBe(0);
    expect(earlyThreadCount([small, '--svg', big, big, '--threads', '4'])).toBe(3);
  });

  it("knows every option of the command whose value is a file, and its commands that read no file whole", () => {
    const sink = new PassThrough();
    const commands = program({ stdout: sink, stderr: sink, env: {} }).commands;
    const fileOptions = new Set(commands.flatMap((command) => command.options.filter((option) => option.flags.includes('<file>')).map((option) => option.long!)));
    expect([...fileOptions].sort()).toEqual([...FILE_OPTIONS].sort());
    const names = commands.map((command) => command.name());
    for (const command of UNSPLIT_COMMANDS.filter((name) => name !== 'help')) expect(names).toContain(command);
    expect(names.filter((name) => !UNSPLIT_COMMANDS.includes(name)).sort()).toEqual(['analyse', 'compare']);
  });
});

describe('reading threads', () => {
  it('reports a thread that stopped or failed before it was waited for', async () => {
    const stops = startThread(module('stops.mjs', 'process.exit(3);\n'));
    const fails = startThread(module('fails.mjs', "throw new Error('no such thing here');\n"));
    // Both are over before anything waits for them.
    await ended(stops.worker);
    await ended(fails.worker);
    expect(await stops.ended).toEqual({ ok: false, problem: { kind: 'other', message: 'the reading thread stopped (exit code 3)' } });
    const failed = await fails.ended;
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.problem.kind === 'other' && failed.problem.message).toContain('no such thing here');
  });

  it('hands out each thread started early once, working', async () => {
    expect(startEarlyThreads([sized('two.csv', 21 * MiB), '--threads', '2'], waits)).toBe(1);
    const thread = takeEarlyThread()!;
    expect(takeEarlyThread()).toBeUndefined();
    const answer = new Promise((done) => thread.worker.once('message', done));
    thread.worker.postMessage('range');
    expect(await answer).toEqual({ echo: 'range' });
    await thread.worker.terminate();
  });

  it('fails a read whose thread, started early, stopped before it was taken: naming the file, not waiting for it', async () => {
    expect(startEarlyThreads([sized('stopped.csv', 21 * MiB), '--threads', '2'], module('stops-early.mjs', 'process.exit(3);\n'))).toBe(1);
    const early = (globalThis as unknown as Record<symbol, { worker: Worker }[]>)[Symbol.for('costcurve.earlyThreads')];
    await ended(early[0].worker);
    const path = join(dir, 'costs.csv');
    // 4 000 rows: the first 1 000 are the head, read as strings (their decimal commas tell the
    // decimal mark); the file is split after them.
    writeFileSync(path, 'id;kustannus\n' + Array.from({ length: 4000 }, (_, i) => `p${i % 50};${i},50\n`).join(''));
    const table = new PersonTable();
    const attributes = new PersonAttributes();
    const rejections = new Rejections(false);
    const sink = sinkFor(table, attributes, rejections, false);
    // Split near the middle, its second half for the other thread: the one started early, stopped.
    const threads = { threads: 2, rejections, strict: false, minBytes: 0, near: [Math.floor(statSync(path).size / 2)], bufferBytes: 256 };
    await expect(scanCostFile(path, { header: true, noId: false, columns: {} }, { table, attributes, sink }, threads)).rejects.toThrow(
      `a thread reading '${path}' failed: the reading thread stopped (exit code 3)`,
    );
    expect(takeEarlyThread()).toBeUndefined();
  });

  it('leaves a process free to end with a thread started early and not taken', () => {
    const threads = pathToFileURL(resolve(import.meta.dirname, '../../dist/src/aggregate/readingThreads.js')).href;
    // (A script of its own: a process run with `--input-type=module -e` ends with its script, threads or not.)
    const script = module('untaken.mjs', `import { startEarlyThreads } from ${JSON.stringify(threads)};\nconsole.log(startEarlyThreads(${JSON.stringify([sized('untaken.csv', 21 * MiB), '--threads', '2'])}, new URL(${JSON.stringify(waits.href)})));\n`);
    const child = spawnSync(process.execPath, [script.pathname], { encoding: 'utf8', timeout: 20_000 });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('1');
  });
});
