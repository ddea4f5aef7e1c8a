// The costcurve command, loaded by its first module (costcurve.ts) once that has started the threads
// that will read a large file it names.
import { main } from '../src/cli/main.js';
import { ExitCode } from '../src/errors.js';

// A reader that stops early (`costcurve … | head`) closes the pipe: the writes after it fail and
// are let go, as a shell command's are, and the run ends with its own exit code. Any other failure
// to write the output (a full disk) is told in one line, and the run fails.
let unwritten: string | null = null;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED' && unwritten === null) unwritten = error.message;
});

const code = await main(process.argv);
// The output's last write done or failed before the exit code is decided.
await new Promise<void>((done) => process.stdout.write('', () => done()));
if (unwritten !== null) process.stderr.write(`costcurve: the output could not be written: ${unwritten}\n`);
process.exitCode = unwritten !== null && code === ExitCode.ok ? ExitCode.data : code;
