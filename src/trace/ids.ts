import { sha256Hex } from '../shared/index.ts';

/**
 * Deterministic trace and span IDs derived from the run and the journal position, so exporting a
 * run twice yields the same trace, and a span can be found again from its journal row.
 */
export function traceIdFor(runId: string): string {
  return sha256Hex(`trace:${runId}`).slice(0, 32);
}

export function spanIdFor(runId: string, key: string): string {
  return sha256Hex(`span:${runId}:${key}`).slice(0, 16);
}
