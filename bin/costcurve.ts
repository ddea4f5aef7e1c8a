#!/usr/bin/env node
// The costcurve command.
import { main } from '../src/cli/main.js';

// A reader that stops early (`costcurve … | head`) closes the pipe: stop quietly, as a shell
// command does, rather than with a stack trace for every write after.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
