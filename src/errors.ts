// One error type for everything a user can get wrong, and the exit codes it maps to.

/** Exit codes, decided here and nowhere else (DESIGN.md: Exit codes). */
export const ExitCode = {
  ok: 0,
  expectationFailed: 1,
  usage: 2,
  data: 3,
} as const;

export type ErrorKind = 'usage' | 'data' | 'expectation';

/** Where in the input an error was found; every field optional. */
export interface Location {
  file?: string;
  line?: number;
  column?: number | string;
}

/**
 * A user-facing error: a stable code (`CC_…`), a message that says what was found and what to do,
 * and the location. `kind` decides the exit code (usage → 2, data → 3, a failed --expect → 1).
 */
export class CostcurveError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly location: Location;

  constructor(code: string, message: string, location: Location = {}, kind?: ErrorKind) {
    super(message);
    this.name = 'CostcurveError';
    this.code = code;
    this.location = location;
    this.kind = kind ?? (code.startsWith('CC_USAGE') ? 'usage' : 'data');
  }

  get exitCode(): number {
    return this.kind === 'usage' ? ExitCode.usage : this.kind === 'expectation' ? ExitCode.expectationFailed : ExitCode.data;
  }

  /** One line for stderr: `file:line:column: message`. */
  format(): string {
    const { file, line, column } = this.location;
    const where = [file, line, column].filter((part) => part !== undefined && part !== '').join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

export function usageError(message: string, location: Location = {}): CostcurveError {
  return new CostcurveError('CC_USAGE', message, location, 'usage');
}
