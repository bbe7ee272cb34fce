import { costOf } from '../../models/index.ts';
import type { Recording } from '../../trace/index.ts';
import type { ProjectConfig } from '../../workflow/index.ts';
import type { RunSummary } from '../source.ts';

/** A runs-view line for a run known only from its trace file: its figures come from the journal. */
export function summaryOfRecording(r: Recording, prices: ProjectConfig['models']['prices']): RunSummary {
  let tokens = 0, cost = 0, approvals = 0, blocks = 0;
  for (const row of r.journal) {
    const d = row.data as Record<string, any>;
    if (row.kind === 'model.done' && d.output) {
      tokens += d.output.inputTokens + d.output.outputTokens;
      cost += costOf(prices, d.output.model, d.output.inputTokens, d.output.outputTokens);
    }
    if (row.kind === 'approval.requested') approvals++;
    if (row.kind === 'policy.decision' && d.effect === 'deny') blocks++;
  }
  const open = r.run.status === 'running' || r.run.status === 'waiting_approval';
  return {
    runId: r.run.runId, correlationId: r.run.correlationId, workflow: r.run.workflow, status: r.run.status, endState: r.run.endState, startedAt: r.run.startedAt,
    endedAt: open ? null : (r.journal.at(-1)?.ts ?? r.run.startedAt), costUsd: Math.round(cost * 1e6) / 1e6, tokens, approvals,
    pendingApprovals: r.run.status === 'waiting_approval' ? 1 : 0, policyBlocks: blocks, origin: 'trace',
  };
}
