// The command's reading threads end to end: a large file named in the arguments is read by the
// thread the command's first module started before the rest of it loaded (one thread started in
// all on 2 threads, not one more), with the same JSON as on one thread; a command that reads no
// file whole starts none.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, scratch } from './run.js';

/** Run before the command (`--import`): counts the threads the command starts, told on stderr as it ends. */
const COUNTER = `import { createRequire, syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';
if (isMainThread) {
  const threads = createRequire(import.meta.url)('node:worker_threads');
  const Worker = threads.Worker;
  let started = 0;
  threads.Worker = class extends Worker {
    constructor(...args) {
      started++;
      super(...args);
    }
  };
  syncBuiltinESMExports();
  process.on('exit', () => process.stderr.write('threads started: ' + started + '\\n'));
}
`;

describe('reading threads', () => {
  it('reads a large file with the thread started before the command loaded, as one thread does', () => {
    // 880 000 rows of 13 bytes: 11.4 MB, over 9 MiB, so split once on 2 threads (readersFor: 1).
    const rows = Array.from({ length: 880_000 }, (_, i) => `p${i % 1000};x;${(i % 7) + 1},00\n`).join('');
    const dir = scratch({ 'large.csv': `id;palvelu;kustannus\n${rows}`, 'counter.mjs': COUNTER });
    const env = { NODE_OPTIONS: `--import=${pathToFileURL(join(dir, 'counter.mjs')).href}` };
    const [one, two] = ['1', '2'].map((threads) => run(['large.csv', '--json', '--quiet', '--threads', threads], { cwd: dir, env }));
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.stderr).toBe('threads started: 0\n');
    expect(two.stderr).toBe('threads started: 1\n');
    expect(two.stdout).toBe(one.stdout);
    // 880 000 rows: (1 + … + 7) · 1,00 € per 7 rows, 125 714 whole cycles and 2 rows more (1 + 2).
    expect(JSON.parse(one.stdout).total).toBeCloseTo(125_714 * 28 + 3, 6);
    const inspect = run(['inspect', 'large.csv', '--threads', '2'], { cwd: dir, env });
    expect(inspect.code).toBe(0);
    expect(inspect.stderr).toBe('threads started: 0\n');
  });
});
