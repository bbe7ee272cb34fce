import { TollgateError } from '../shared/index.ts';
import type { RunStatus } from '../core/index.ts';

/** Thrown inside a run to end it with a status users can act on (budget, timeout, policy…). */
export class RunEnded extends TollgateError {
  constructor(
    readonly status: RunStatus,
    readonly reason: string,
    readonly endState: string | null = null,
  ) {
    super(`TG_RUN_${status.toUpperCase()}`, reason);
  }
}

/** Thrown when a run must wait for people (an approval); the run resumes when they decide. */
export class RunSuspended extends TollgateError {
  constructor(readonly approvalId: string) {
    super('TG_RUN_SUSPENDED', `waiting for approval ${approvalId}`);
  }
}

/**
 * Thrown when the journal cannot be written (the database is locked, full, read-only). Not a result
 * of the effect: the run stops where it is, stays running, and its next execution repeats the
 * effect with the same idempotency key.
 */
export class JournalUnavailable extends TollgateError {
  constructor(
    readonly row: { kind: string; stepKey: string },
    cause: unknown,
  ) {
    super('TG_JOURNAL_UNAVAILABLE', `the journal could not record ${row.kind} of ${row.stepKey}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Side of a divergence: what one execution did at a journal position. */
export interface JournalEntryView {
  readonly kind: string;
  readonly stepKey: string;
  readonly inputSha256: string | null;
  readonly data?: unknown;
}

/**
 * Thrown when re-executing a run decides something other than what its journal recorded at the
 * same position (as Temporal's non-determinism error, Restate's JOURNAL_MISMATCH).
 */
export class DivergenceError extends TollgateError {
  constructor(
    readonly seq: number,
    readonly recorded: JournalEntryView,
    readonly decided: JournalEntryView,
  ) {
    super('TG_JOURNAL_MISMATCH', `journal mismatch at seq ${seq}: recorded ${recorded.kind} ${recorded.stepKey}, decided now ${decided.kind} ${decided.stepKey}`);
  }
}

export { EffectFailed, type EffectFailure } from '../shared/index.ts';
