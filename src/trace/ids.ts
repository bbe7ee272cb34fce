import { createHash } from 'node:crypto';

/**
 * Deterministic trace and span IDs derived from the run and the journal position, so exporting a
 * run twice yields the same trace, and a span can be found again from its journal row.
 */
export function traceIdFor(runId: string): string {
  return createHash('sha256').update(`trace:${runId}`).digest('hex').slice(0, 32);
}

export function spanIdFor(runId: string, key: string): string {
  return createHash('sha256').update(`span:${runId}:${key}`).digest('hex').slice(0, 16);
}
