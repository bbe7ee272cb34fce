import type { ScoreResult } from './types.ts';

/** One gold case in a report. */
export interface CaseReport {
  readonly key: string;
  readonly id: string;
  readonly workflow: string;
  readonly file: string;
  readonly run_id: string;
  readonly end: string;
  readonly pass: boolean;
  readonly failed: string[];
  readonly scores: ScoreResult[];
  readonly cost_usd: number;
  readonly tokens: number;
  readonly latency_ms: number;
  /** What `latency_ms` is: the modelled duration (offline, scripted runs) or the wall clock (live runs). */
  readonly latency_source?: 'modelled' | 'wall';
  readonly grounded: boolean;
  readonly hard_violations: number;
  readonly policy_blocks: number;
  /** Tool calls that reached a tool (executed or dry runs; blocked attempts are not counted). */
  readonly tool_calls: number;
  /** Approvals the run asked for. */
  readonly approvals: number;
  /** Policy and workflow rule sides the run exercised (`<item key>#<side>`, see src/coverage/). */
  readonly coverage?: string[];
}
