import type { AuditLog } from '../audit/index.ts';
import { digestOf } from '../shared/index.ts';
import type { JournalRow } from '../core/index.ts';

/**
 * Chooses which journal rows become audit rows — policy decisions, approvals, writes, run starts
 * and ends — and what they say. Arguments enter the audit as digests, never as values.
 */
export function auditJournalRow(audit: AuditLog, runId: string, row: JournalRow, writeTools: ReadonlySet<string>, pending: Map<string, string>): void {
  const d = row.data as Record<string, any>;
  const base = { ts: row.ts, actor: 'engine', runId };
  switch (row.kind) {
    case 'run.started':
      audit.append({ ...base, action: 'run.started', data: { workflow: d.workflow, env: d.env, correlation_id: d.correlation_id } });
      break;
    case 'policy.decision':
      audit.append({ ...base, action: `policy.${d.effect}`, data: { step: row.stepKey, tool: d.tool, args_sha256: digestOf(d.args ?? null), policy: d.policy, rule: d.ruleId, reason: d.reason, dry_run: d.dryRun } });
      break;
    case 'approval.requested':
      audit.append({ ...base, action: 'approval.requested', data: { step: row.stepKey, approval_id: d.approval_id, action_digest: d.action_digest, approvers: d.approvers, role: d.role } });
      break;
    case 'tool.started':
      if (writeTools.has(d.input?.tool)) pending.set(row.stepKey, d.input.tool);
      break;
    case 'tool.done': {
      const tool = pending.get(row.stepKey);
      if (!tool) break;
      pending.delete(row.stepKey);
      // A timed-out attempt may have reached the tool: its outcome is unknown, not failed.
      const failed = d.error?.code === 'TG_TOOL_TIMEOUT' ? 'tool.write_outcome_unknown' : 'tool.write_failed';
      audit.append({ ...base, action: d.error ? failed : d.output?.dryRun ? 'tool.write_dry_run' : 'tool.write', data: { step: row.stepKey, tool, idempotency_key: `${runId}:${row.stepKey}`, status: d.output?.status ?? null, error: d.error?.code ?? null } });
      break;
    }
    case 'tool.outcome_unknown':
      audit.append({ ...base, action: 'tool.outcome_unknown', data: { step: row.stepKey, tool: d.tool, idempotency_key: d.idempotency_key, attempts: d.attempts, last_error: d.last_error } });
      break;
    case 'run.ended':
      audit.append({ ...base, action: 'run.ended', data: { status: d.status, end: d.end ?? null, reason: d.reason ?? null } });
      break;
  }
}
