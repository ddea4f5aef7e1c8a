// After the report is written: every failed --expect on its own stderr line, then exit code 1.

import { CostcurveError } from '../errors.js';
import { describeFailure, type ExpectationResult } from '../expect.js';
import type { Io } from './output.js';

/** Lists the failed expectations on stderr and throws the error that makes the exit code 1. */
export function expectationsFailed(results: ExpectationResult[] | undefined, io: Io): void {
  const failed = (results ?? []).filter((r) => !r.pass);
  if (failed.length === 0) return;
  for (const result of failed) io.stderr.write(`${describeFailure(result)}\n`);
  throw new CostcurveError('CC_EXPECT', `${failed.length} of ${results!.length} expectations failed`, {}, 'expectation');
}
