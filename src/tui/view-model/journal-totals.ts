import { costOf } from '../../core/index.ts';
import type { JournalRow } from '../../core/index.ts';
import type { ProjectConfig } from '../../workflow/index.ts';

export interface JournalTotals {
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  toolCalls: number;
  approvals: number;
  policyBlocks: number;
}

/** What a run had spent and done, from its journal, up to and including event `uptoSeq`; pure. */
export function journalTotals(rows: readonly JournalRow[], prices: ProjectConfig['models']['prices'], uptoSeq = Infinity): JournalTotals {
  const t: JournalTotals = { tokensIn: 0, tokensOut: 0, costUsd: 0, toolCalls: 0, approvals: 0, policyBlocks: 0 };
  for (const row of rows) {
    if (row.seq > uptoSeq) break;
    const d = row.data as Record<string, any>;
    if (row.kind === 'model.done' && d.output) {
      t.tokensIn += d.output.inputTokens;
      t.tokensOut += d.output.outputTokens;
      t.costUsd += costOf(prices, d.output.model, d.output.inputTokens, d.output.outputTokens);
    }
    if (row.kind === 'tool.done' && row.attempt === 1) t.toolCalls++;
    if (row.kind === 'approval.requested') t.approvals++;
    if (row.kind === 'policy.decision' && d.effect === 'deny') t.policyBlocks++;
  }
  return t;
}
