/** A run's record and the statuses it passes through: the engine's, whichever store keeps them. */
export const RUN_STATUSES = ['running', 'waiting_approval', 'completed', 'failed', 'escalated', 'budget_exceeded', 'timed_out', 'compensated', 'denied'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunRecord {
  readonly runId: string;
  readonly correlationId: string;
  readonly workflow: string;
  readonly version: number;
  readonly definitionsDigest: string;
  readonly env: string;
  readonly triggerType: string;
  readonly status: RunStatus;
  /** The workflow's end name (`resolved`) when status is completed. */
  readonly endState: string | null;
  readonly reason: string | null;
  readonly event: unknown;
  readonly options: Record<string, unknown>;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly endedAt: number | null;
  readonly ownerPid: number | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly toolCalls: number;
}

export interface RunFilter {
  workflow?: string;
  status?: string;
  since?: number;
  limit?: number;
}
