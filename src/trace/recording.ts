import type { JournalRow } from '../core/index.ts';

/** The run facts a trace carries besides its journal, enough to replay it with nothing else. */
export interface RecordedRun {
  readonly runId: string;
  readonly correlationId: string;
  readonly workflow: string;
  readonly version: number;
  readonly env: string;
  readonly triggerType: string;
  readonly definitionsDigest: string;
  readonly event: unknown;
  readonly startedAt: number;
  readonly requestedBy: string;
  readonly modelOverride?: string;
  readonly status: string;
  readonly endState: string | null;
  readonly reason: string | null;
  /** Definition files by path, as the run saw them. */
  readonly definitions?: Record<string, string>;
  /** Set on a replay's trace: the run it replayed. */
  readonly replayOf?: string;
}

export interface Recording {
  readonly run: RecordedRun;
  readonly journal: JournalRow[];
}

/** Span event names that carry the recording inside the trace. */
export const RECORDING_EVENT = { run: 'tollgate.recording.run', journal: 'tollgate.recording.journal' } as const;
