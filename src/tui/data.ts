import type { ApprovalRecord, JournalRow, RunRecord } from '../store/index.ts';
import type { QuorumVerdict } from '../policy/index.ts';

/** What the TUI reads and does; the CLI backs it with the workbench, tests with fixture runs. */
export interface TuiData {
  runs(): RunRecord[];
  journal(runId: string): JournalRow[];
  pendingApprovals(): ApprovalRecord[];
  decide(approvalId: string, decision: 'approve' | 'deny', comment?: string): Promise<QuorumVerdict>;
}
