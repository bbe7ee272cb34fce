import type { EvalReport, GateVerdict } from '../evals/index.ts';
import type { QuorumVerdict } from '../policy/index.ts';
import type { ReplayReport } from '../replay/index.ts';
import type { ApprovalRecord } from '../core/index.ts';
import type { Recording } from '../workbench/index.ts';
import type { StoredRunSummary } from '../workbench/run-reader.ts';
import type { ProjectConfig } from '../workflow/index.ts';

/** One line of the runs view: a run in the database or a recorded run in `traces/`. */
export interface RunSummary extends StoredRunSummary {
  /** Where the run was found: the project database, or only as a trace file (an incident's recording). */
  readonly origin: 'database' | 'trace';
}

/** The newest eval or gate report, judged against the baseline that is committed now. */
export interface EvalView {
  readonly reportId: string;
  readonly kind: 'eval' | 'gate';
  readonly report: EvalReport;
  /** Undefined when the project has no evals/gate.yaml. */
  readonly verdict: GateVerdict | undefined;
  readonly baselineFile: string | undefined;
}

export type Decision = 'approve' | 'deny' | 'edit';

/**
 * Everything the TUI reads and does. Every read is asynchronous so that the screen never waits
 * on the disk; the CLI backs it with a workbench (see workbench-source.ts).
 */
export interface TuiSource {
  /** Changes whenever anything the TUI shows may have changed (polled for live updates). */
  version(): Promise<string>;
  runs(): Promise<RunSummary[]>;
  recording(runId: string): Promise<Recording>;
  pendingApprovals(): Promise<ApprovalRecord[]>;
  latestEval(): Promise<EvalView | undefined>;
  /** Records a decision under the same quorum rules as the CLI; resumes the run when settled. */
  decide(approvalId: string, decision: Decision, extra: { comment?: string; editedArgs?: Record<string, unknown> }): Promise<QuorumVerdict>;
  /** The approval with the vaulted values its rule lets this person's role see (audited with the reason). */
  reveal(approvalId: string, reason: string): Promise<{ ok: true; lines: string[]; revealed: readonly string[] } | { ok: false; reason: string }>;
  /** Replays a run from its recording with the current definitions. */
  replay(runId: string): Promise<ReplayReport>;
  /** What is wrong with arguments for a tool, by its connector's schema (empty when they fit). */
  argsProblems(tool: string, args: Record<string, unknown>): Promise<string[]>;
  readonly prices: ProjectConfig['models']['prices'];
  /** Called once the first screen has painted: a source may load what later actions need. */
  warm?(): void;
}
