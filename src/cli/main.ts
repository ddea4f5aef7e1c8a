// The command line: commander wiring, and the one place where errors become exit codes.

import { Command, CommanderError } from 'commander';
import { maskIdentityCodes } from '../aggregate/identityCodes.js';
import { CostcurveError, ExitCode } from '../errors.js';
import { VERSION } from '../version.js';
import { analyseCommand } from './analyse.js';
import { compareCommand } from './compare.js';
import type { Io } from './output.js';
import { inspectCommand } from './inspect.js';
import { sampleCommand } from './sample.js';

export function program(io: Io): Command {
  const program = new Command('costcurve')
    .description('How concentrated are social and health care costs? Reads per-resident cost exports (CSV).')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  program.addCommand(analyseCommand(io), { isDefault: true });
  program.addCommand(inspectCommand(io));
  program.addCommand(compareCommand(io));
  program.addCommand(sampleCommand(io));
  // Usage errors from commander (unknown option, bad choice) exit 2, not commander's 1.
  const exitOverride = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(exitOverride);
  };
  exitOverride(program);
  for (const command of program.commands) {
    command.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  return program;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    await program(io).parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; --help and --version end with exit code 0.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof CostcurveError) {
    // A message may quote a header or a cell; never an identity code.
    io.stderr.write(`costcurve: ${maskIdentityCodes(error.format())}\n`);
    if (io.env.DEBUG) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`costcurve: internal error: ${message}\n`);
  if (io.env.DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return ExitCode.data;
}

function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
