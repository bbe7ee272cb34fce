import type { RunDefinitions } from '../engine/index.ts';
import type { JournalRow, RunRecord } from '../core/index.ts';

/** What coverage reads of a finished run: its record, its journal and the definitions it ran under. */
export interface CoverageRun {
  readonly run: Pick<RunRecord, 'runId' | 'env' | 'event' | 'correlationId'>;
  readonly journal: readonly JournalRow[];
  readonly definitions: Pick<RunDefinitions, 'workflow' | 'tools' | 'policies'>;
}

/** The step ID behind each step key (`lookup`, `lookup#2`), and the agent of agent steps. */
export function stepsOf(journal: readonly JournalRow[]): Map<string, { step: string; agent?: string }> {
  const out = new Map<string, { step: string; agent?: string }>();
  for (const r of journal) if (r.kind === 'step.entered') out.set(r.stepKey, r.data as { step: string; agent?: string });
  return out;
}
