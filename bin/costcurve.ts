#!/usr/bin/env node
// The costcurve command's first module: it starts the threads that will read a large file named in
// the arguments (src/aggregate/readingThreads.ts), then loads the command (run.ts) while they boot.
import { startEarlyThreads } from '../src/aggregate/readingThreads.js';

try {
  startEarlyThreads(process.argv.slice(2), new URL('./scanWorker.js', import.meta.url));
} catch {
  // None started: the command starts its own when it splits a file, and tells what stops them.
}
// A path made at run time: the bundler leaves the command in a file of its own, loaded after this.
await import(new URL('./run.js', import.meta.url).href);
