// Writes a generated sample into a folder: every file whole (temporary file, then rename), never
// over an existing file, and nothing left behind when something fails.

import { lstat, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CostcurveError } from '../errors.js';
import { generateSample, type SampleOptions } from './generateSample.js';

export interface WriteSampleOptions extends SampleOptions {
  /** The output folder; created if missing. */
  out: string;
}

/**
 * Generates the sample and writes it under `out`; returns the paths written, in file order.
 * Refuses (usage error, nothing written) when any of the sample's files already exists there, so a
 * second run cannot silently replace data someone has edited. If a write fails, the files this call
 * has written are removed again.
 */
export async function writeSample(options: WriteSampleOptions): Promise<string[]> {
  const { files } = generateSample(options);
  const targets = files.map((file) => ({ path: join(options.out, ...file.name.split('/')), bytes: file.bytes }));

  for (const { path } of targets) {
    if (await exists(path)) {
      throw new CostcurveError(
        'CC_USAGE_OUTPUT_EXISTS',
        `${path} already exists; sample never overwrites files — choose a new --out folder or remove the old sample`,
        { file: path },
      );
    }
  }

  const written: string[] = [];
  const temporary = new Set<string>();
  try {
    for (const { path, bytes } of targets) {
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      temporary.add(temp);
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, path);
      temporary.delete(temp);
      written.push(path);
    }
  } catch (error) {
    await Promise.all([...temporary, ...written].map((path) => unlink(path).catch(() => undefined)));
    const reason = error instanceof Error ? error.message : String(error);
    throw new CostcurveError('CC_USAGE_OUTPUT', `cannot write the sample to ${options.out}: ${reason}`, {
      file: options.out,
    });
  }
  return written;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    // ENOTDIR: a parent is a file; creating the folder then fails with a clear message.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}
