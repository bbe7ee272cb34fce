export { executeRun, type RunResult } from './run-workflow.ts';
export type { RunDefinitions, RunEffects, RunInput, ApprovalInbox, ApprovalRequest, ApprovalState, RunTotals } from './run-scope.ts';
export { RunEnded, RunSuspended, DivergenceError, JournalUnavailable } from './errors.ts';
export { approvalIdFor } from './approvals.ts';
export type { JournalSink } from './journal.ts';
