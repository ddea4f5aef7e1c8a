import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CostcurveError } from '../../src/errors.js';
import { generateSample, writeSample } from '../../src/sample/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'costcurve-sample-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...(await listFiles(root, name)));
    else names.push(name);
  }
  return names.sort();
}

describe('writeSample', () => {
  it('writes exactly the generated files into a new folder', async () => {
    const out = join(dir, 'new', 'sample');
    const written = await writeSample({ persons: 500, seed: 8, out });
    const expected = generateSample({ persons: 500, seed: 8 }).files;
    expect(written).toEqual(expected.map((file) => join(out, ...file.name.split('/'))));
    expect(await listFiles(out)).toEqual(expected.map((file) => file.name).sort());
    for (const file of expected) {
      expect((await readFile(join(out, file.name))).equals(file.bytes)).toBe(true);
    }
  });

  it('refuses to overwrite an existing sample file and writes nothing', async () => {
    await mkdir(join(dir, 'costs'));
    await writeFile(join(dir, 'costs', 'vanhuspalvelut.csv'), 'edited by hand\n');
    const attempt = writeSample({ persons: 500, seed: 8, out: dir });
    await expect(attempt).rejects.toBeInstanceOf(CostcurveError);
    await expect(attempt).rejects.toThrow(/vanhuspalvelut\.csv already exists/);
    expect(await listFiles(dir)).toEqual(['costs/vanhuspalvelut.csv']);
    expect(await readFile(join(dir, 'costs', 'vanhuspalvelut.csv'), 'utf8')).toBe('edited by hand\n');
  });

  it('leaves nothing behind when the folder cannot be created', async () => {
    await writeFile(join(dir, 'occupied'), 'a file, not a folder\n');
    const attempt = writeSample({ persons: 200, seed: 8, out: join(dir, 'occupied') });
    await expect(attempt).rejects.toThrow(/cannot write the sample/);
    expect(await listFiles(dir)).toEqual(['occupied']);
  });

  it('keeps files that are not part of the sample', async () => {
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    await writeSample({ persons: 200, seed: 8, out: dir });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('validates the options before touching the disk', async () => {
    await expect(writeSample({ persons: 0, seed: 8, out: join(dir, 'x') })).rejects.toThrow(/--persons/);
    expect(await listFiles(dir)).toEqual([]);
  });
});
