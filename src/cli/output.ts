// Writing results: to stdout, or to a file written whole (temp file + rename) and never over an input.

import { randomBytes } from 'node:crypto';
import { realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';

/** The process's streams, passed in so tests can run commands in-process. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export async function writeOutput(io: Io, text: string, file: string | undefined, inputs: string[]): Promise<void> {
  if (file === undefined || file === '-') {
    io.stdout.write(text);
    return;
  }
  await writeFileWhole(file, text, inputs);
}

/** Writes `text` to `file` whole or not at all; refuses to write over one of `inputs` (links followed). */
export async function writeFileWhole(file: string, text: string | Uint8Array, inputs: string[]): Promise<void> {
  const target = resolve(file);
  const real = await realpath(target).catch(() => target);
  for (const input of inputs) {
    if (input === '-') continue;
    if (resolve(input) === target || (await realpath(input).catch(() => resolve(input))) === real) {
      throw usageError(`will not write over the input file '${input}'; choose another output file`);
    }
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `the folder '${dirname(file)}' does not exist` : code === 'EACCES' ? 'permission denied' : code ?? (error as Error).message;
    throw usageError(`cannot write '${file}': ${why}`);
  }
}
