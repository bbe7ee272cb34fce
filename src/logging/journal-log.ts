import type { JournalRow } from '../core/index.ts';
import type { Logger } from './logger.ts';

/**
 * One log line per meaningful journal row, carrying the run, correlation and trace IDs. Rows are
 * already tokenised (placeholders, never raw PII), and only summaries are logged, not payloads.
 */
export function logJournalRow(log: Logger, ids: { runId: string; correlationId: string; traceId: string; workflow: string }, row: JournalRow): void {
  const d = row.data as Record<string, any>;
  const base = { run_id: ids.runId, correlation_id: ids.correlationId, trace_id: ids.traceId, workflow: ids.workflow, seq: row.seq, step: row.stepKey };
  switch (row.kind) {
    case 'run.started':
      return log.info({ ...base, env: d.env }, 'run started');
    case 'step.entered':
      return log.info({ ...base, kind: d.kind }, `step ${d.step}`);
    case 'policy.decision':
      if (d.effect === 'allow') return log.debug({ ...base, tool: d.tool, rule: d.ruleId }, 'policy allow');
      return log.warn({ ...base, tool: d.tool, effect: d.effect, policy: d.policy, rule: d.ruleId, reason: d.reason }, `policy ${d.effect} ${d.tool}`);
    case 'tool.done':
      if (d.error) return log.warn({ ...base, error_code: d.error.code, retryable: d.error.retryable, duration_ms: d.duration_ms }, `tool call failed: ${d.error.code}`);
      return log.debug({ ...base, status: d.output.status, dry_run: d.output.dryRun === true, duration_ms: d.duration_ms }, 'tool call done');
    case 'model.done':
      if (d.error) return log.warn({ ...base, error_code: d.error.code, duration_ms: d.duration_ms }, `model call failed: ${d.error.code}`);
      return log.debug({ ...base, model: d.output.model, input_tokens: d.output.inputTokens, output_tokens: d.output.outputTokens, duration_ms: d.duration_ms }, 'model call done');
    case 'approval.requested':
      return log.info({ ...base, approval_id: d.approval_id, approvers: d.approvers, role: d.role }, 'approval requested');
    case 'run.ended':
      return log.info({ ...base, status: d.status, end: d.end ?? null, reason: d.reason ?? null }, 'run ended');
  }
}
