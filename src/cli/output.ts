// Writing results: to stdout, or to a file written whole (temp file + rename) and never over an input.

import { fstatSync, type Stats } from 'node:fs';
import { chmod, lstat, readlink, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CostcurveError, usageError } from '../errors.js';

/** The process's streams, passed in so tests can run commands in-process. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/**
 * Writes each file whole, and all of them or none: every one is written to a temporary file
 * beside it first, and only when all are written are they renamed into place. Refuses to write
 * over any of `inputs` — by path, through links, and as the same file (a hard link, or the file
 * stdin was read from). A file written over keeps its permissions (a report kept private stays so).
 */
export async function writeFilesWhole(files: [string, string | Uint8Array][], inputs: string[]): Promise<void> {
  const targets = await Promise.all(files.map(async ([file]) => ({ file, ...(await checkTarget(file, inputs)) })));
  for (let k = 1; k < targets.length; k++) {
    const earlier = targets.slice(0, k).find((t) => t.target === targets[k].target || (t.id !== null && t.id === targets[k].id));
    if (earlier !== undefined) throw usageError(`'${earlier.file}' and '${targets[k].file}' are the same file: give each output its own`);
  }
  const temps: string[] = [];
  let current = 0;
  try {
    for (let k = 0; k < files.length; k++) {
      current = k;
      const { target, mode, special } = targets[k];
      // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is: a file renamed
      // over it would take its place.
      if (special) continue;
      // Loaded here, not at start-up (some 6 ms): only a run that writes a file needs it.
      const { randomBytes } = await import('node:crypto');
      const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
      temps[k] = temp;
      await writeFile(temp, files[k][1], mode === null ? {} : { mode });
      if (mode !== null) await chmod(temp, mode);
    }
    for (let k = 0; k < files.length; k++) {
      current = k;
      if (targets[k].special) await writeFile(targets[k].target, files[k][1]);
      else await rename(temps[k], targets[k].target);
    }
  } catch (error) {
    await Promise.all(temps.map((temp) => temp !== undefined && unlink(temp).catch(() => undefined)));
    const file = files[current][0];
    const code = (error as NodeJS.ErrnoException).code;
    // A folder that is not there, or not writable, is the path given; anything else (a full disk) the machine's.
    if (code === 'ENOENT' || code === 'ENOTDIR') throw usageError(`cannot write '${file}': the folder '${dirname(file)}' does not exist`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') throw usageError(`cannot write '${file}': ${code === 'EISDIR' ? 'it is a folder' : 'permission denied'}`);
    throw new CostcurveError('CC_OUTPUT', `cannot write '${file}': ${code ?? (error as Error).message}`);
  }
}

/**
 * The path to write — through links, so that a link stays a link and the file it points to gets
 * the report —, the mode and identity of the file there now (null when there is none), and whether it is to be
 * written in place: a device or a pipe, or anything under /dev or /proc (`/dev/stdout` is a link to
 * whatever stdout is, a file included), where a file renamed over it would take its place.
 * Refuses an input.
 */
async function checkTarget(file: string, inputs: string[]): Promise<{ target: string; mode: number | null; special: boolean; id: string | null }> {
  const given = resolve(file);
  // A link to a file not there yet (realpath fails) still points to where the report goes.
  const real = await realpath(given).catch(async () => ((await lstat(given).catch(() => null))?.isSymbolicLink() ? resolve(dirname(given), await readlink(given)) : given));
  const existing = await stat(real).catch(() => null);
  // An input is there already: the same file by its device and inode, whatever its name (a link,
  // a hard link, or the file stdin was read from).
  for (const input of inputs) {
    if (existing === null || !sameFile(existing, input === '-' ? stdinStat() : await stat(input).catch(() => null))) continue;
    throw usageError(`will not write over the input file '${input === '-' ? file : input}'${input === '-' ? ' (stdin is read from it)' : ''}; choose another output file`);
  }
  const system = /^\/(dev|proc)\//.test(given) || /^\/(dev|proc)\//.test(real);
  const special = system || (existing !== null && !existing.isFile() && !existing.isDirectory());
  // A file there now by its device and inode: two outputs that are one file by a hard link.
  const id = existing === null ? null : `${existing.dev}:${existing.ino}`;
  return { target: special ? given : real, mode: existing?.isFile() ? existing.mode & 0o7777 : null, special, id };
}

function sameFile(a: Stats, b: Stats | null): boolean {
  return b !== null && a.dev === b.dev && a.ino === b.ino;
}

/** What stdin is (a file it was redirected from, a pipe, a terminal), or null when that cannot be told. */
function stdinStat(): Stats | null {
  try {
    return fstatSync(0);
  } catch {
    return null;
  }
}
