// fileFill: a file's bytes from a position, read a chunk ahead (or, once told to, when asked).
// Whatever the chunk and the sizes asked for, the bytes handed out are the file's (compared with
// the file read at once by readFile), in order, and then 0 for good; a read that fails reaches the
// caller.

import { mkdtemp, open, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileFill } from '../../src/read/scanInput.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'costcurve-scaninput-'));
});

/**
 * Every byte `fill` hands out, asking for `wants[k % wants.length]` bytes at the k-th call, until
 * it gives 0 (twice, to see that the end stays the end); fails past `most` bytes (a fill that
 * never ends).
 */
async function drain(fill: ReturnType<typeof fileFill>, wants: number[], most = 100_000): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for (let k = 0; ; k++) {
    if (total > most) throw new Error(`more than ${most} bytes handed out`);
    const want = wants[k % wants.length];
    // Written at an offset into a larger target, as feed writes after the bytes it keeps.
    const target = new Uint8Array(want + 3).fill(0xee);
    const n = await fill(target, 3, want);
    expect(n).toBeLessThanOrEqual(want);
    if (n === 0) {
      expect(await fill(target, 3, want)).toBe(0);
      return Buffer.concat(parts);
    }
    // Nothing written outside the n bytes at the offset.
    expect(target.subarray(0, 3).every((b) => b === 0xee) && target.subarray(3 + n).every((b) => b === 0xee)).toBe(true);
    parts.push(Buffer.from(target.subarray(3, 3 + n)));
    total += n;
  }
}

describe('fileFill', () => {
  it('hands out the file from the position on, for any chunk and request sizes, reading ahead or, from any call on, when asked', async () => {
    const path = join(dir, 'bytes.bin');
    const bytes = Buffer.alloc(10_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    await writeFile(path, bytes);
    const whole = await readFile(path);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: whole.length + 5 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 8 }),
        // The call from which `sync()` is true (reads when asked, by this thread), or none.
        fc.option(fc.integer({ min: 0, max: 12 })),
        async (position, chunk, wants, syncFrom) => {
          const handle = await open(path, 'r');
          let calls = 0;
          const sync = () => syncFrom !== null && calls >= syncFrom;
          const fill = fileFill(handle, position, chunk, sync);
          const counted: typeof fill = (target, offset, want) => (calls++, fill(target, offset, want));
          try {
            const got = await drain(counted, wants);
            expect(got.equals(whole.subarray(Math.min(position, whole.length)))).toBe(true);
          } finally {
            await handle.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hands out every byte when reads come back short anywhere (a handle that reads a few bytes at a time)', async () => {
    const source = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 10, size: 'max' }), fc.integer({ min: 1, max: 1000 }), async (shorts, chunk) => {
        let reads = 0;
        // Read k brings at most shorts[k % shorts.length] bytes: short reads before the end too.
        const handle = {
          read: async (buffer: Uint8Array, offset: number, length: number, position: number) => {
            const n = Math.max(0, Math.min(length, shorts[reads++ % shorts.length], source.length - position));
            buffer.set(source.subarray(position, position + n), offset);
            return { bytesRead: n, buffer };
          },
        } as unknown as FileHandle;
        expect((await drain(fileFill(handle, 0, chunk), [500, 3, 1024])).equals(source)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('lets a read that fails after the caller stopped go: it fails nothing (no unhandled rejection)', async () => {
    let reads = 0;
    const handle = {
      read: async (buffer: Uint8Array, offset: number) => {
        if (reads++ > 0) throw Object.assign(new Error('EIO: the disk went away'), { code: 'EIO' });
        buffer.fill(0x41, offset, offset + 8);
        return { bytesRead: 8, buffer };
      },
    } as unknown as FileHandle;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const fill = fileFill(handle, 0, 8);
      // The first chunk comes; the second read, started ahead, fails while nobody waits for it.
      expect(await fill(new Uint8Array(8), 0, 8)).toBe(8);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      // A caller that does ask again gets the failure.
      await expect(fill(new Uint8Array(8), 0, 8)).rejects.toMatchObject({ code: 'EIO' });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reads an empty file as its end at once', async () => {
    const path = join(dir, 'empty.bin');
    await writeFile(path, '');
    const handle = await open(path, 'r');
    try {
      expect((await drain(fileFill(handle, 0, 16), [8])).length).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('passes a failed read on to the caller', async () => {
    // A directory opens, but reading it fails (EISDIR).
    const handle = await open(dir, 'r');
    try {
      await expect(fileFill(handle, 0, 16)(new Uint8Array(8), 0, 8)).rejects.toMatchObject({ code: 'EISDIR' });
    } finally {
      await handle.close();
    }
  });

  it('may be closed with a read under way (the caller stopped before the end)', async () => {
    const path = join(dir, 'left.bin');
    await writeFile(path, Buffer.alloc(100, 0x41));
    const handle = await open(path, 'r');
    const fill = fileFill(handle, 0, 10);
    const target = new Uint8Array(4);
    expect(await fill(target, 0, 4)).toBe(4);
    expect(Buffer.from(target).toString()).toBe('AAAA');
    // The next chunk is being read now; the caller stops here. FileHandle.close waits for it.
    await expect(handle.close()).resolves.toBeUndefined();
  });
});
