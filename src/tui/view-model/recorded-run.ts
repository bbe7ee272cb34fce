import { journalTotals } from './journal-totals.ts';
import type { Recording } from '../../workbench/index.ts';
import type { ProjectConfig } from '../../workflow/index.ts';
import type { RunSummary } from '../source.ts';

/** A runs-view line for a run known only from its trace file: its figures come from the journal. */
export function summaryOfRecording(r: Recording, prices: ProjectConfig['models']['prices']): RunSummary {
  const t = journalTotals(r.journal, prices);
  const open = r.run.status === 'running' || r.run.status === 'waiting_approval';
  return {
    runId: r.run.runId, correlationId: r.run.correlationId, workflow: r.run.workflow, status: r.run.status, endState: r.run.endState, startedAt: r.run.startedAt,
    endedAt: open ? null : (r.journal.at(-1)?.ts ?? r.run.startedAt), costUsd: Math.round(t.costUsd * 1e6) / 1e6, tokens: t.tokensIn + t.tokensOut, approvals: t.approvals,
    pendingApprovals: r.run.status === 'waiting_approval' ? 1 : 0, policyBlocks: t.policyBlocks, origin: 'trace',
  };
}
