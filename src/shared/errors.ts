/** Stable error codes: callers branch on these, never on message text. */
export const ErrorCode = {
  Usage: 'TG_USAGE',
  Definitions: 'TG_DEFINITIONS_INVALID',
  NotFound: 'TG_NOT_FOUND',
  Internal: 'TG_INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode] | `TG_${string}`;

/** Base of every error tollgate raises on purpose; `userFacing` errors print without a stack. */
export class TollgateError extends Error {
  readonly code: ErrorCode;
  readonly userFacing: boolean;

  constructor(code: ErrorCode, message: string, options: { userFacing?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userFacing = options.userFacing ?? true;
  }
}

/** Thrown when a command line is wrong (unknown option value, missing file argument). */
export class UsageError extends TollgateError {
  constructor(message: string) {
    super(ErrorCode.Usage, message);
  }
}

/** Thrown when a named thing (run, workflow, file) does not exist. */
export class NotFoundError extends TollgateError {
  constructor(message: string) {
    super(ErrorCode.NotFound, message);
  }
}

/**
 * Thrown when the database or a report file cannot be used — read-only, full, locked, corrupt, not
 * a database, empty where runs are expected. The user's to fix: one line, no stack, its own exit code.
 */
export class StorageError extends TollgateError {
  constructor(code: `TG_STORAGE_${string}`, message: string, cause?: unknown) {
    super(code, message, { cause });
  }
}

/** A run the journal could not record: it stopped where it was and stays running, to be resumed. */
export class RunStoppedError extends StorageError {
  constructor(
    readonly runId: string,
    message: string,
    cause?: unknown,
  ) {
    super('TG_STORAGE_JOURNAL', message, cause);
  }
}
