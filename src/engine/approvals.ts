import { digestOf } from '../shared/index.ts';
import type { PolicyDecision } from '../policy/index.ts';
import { RunEnded, RunSuspended } from './errors.ts';
import type { RunScope } from './run-scope.ts';

export type ApprovalOutcome =
  | { readonly ok: true; readonly args?: Record<string, unknown>; readonly by: readonly string[]; readonly editedBy?: string; readonly quorum?: { approvers: number; role: string | null } }
  | { readonly ok: false; readonly by: readonly string[]; readonly reason?: string };

/** Deterministic approval ID: the same run and step always ask for the same approval. */
export function approvalIdFor(runId: string, callKey: string): string {
  return `apr_${digestOf({ runId, callKey }).slice(0, 20)}`;
}

/**
 * Opens an approval (once) and waits for it durably: while it is pending the run suspends; the
 * decision, when it comes, is journaled so a replay sees the same answer.
 */
export async function awaitApproval(
  scope: RunScope,
  callKey: string,
  action: { tool?: string; args?: Record<string, unknown>; summary: string },
  decision: Pick<PolicyDecision, 'policy' | 'ruleId' | 'reason' | 'approval'>,
): Promise<ApprovalOutcome> {
  const { journal, input, effects, defs } = scope;
  const approvalId = approvalIdFor(input.runId, callKey);
  const actionDigest = digestOf(action);
  journal.mark('approval.requested', callKey, { approval_id: approvalId, action_digest: actionDigest, approvers: decision.approval?.approvers ?? 1, role: decision.approval?.role ?? null, reason: decision.reason });
  scope.totals.approvalsRequested++;
  const askedAt = journal.time;
  const result = await journal.effect('approval', callKey, { approval_id: approvalId, action_digest: actionDigest }, async () => {
    effects.approvals.open({
      approvalId, runId: input.runId, stepKey: callKey, requestedBy: input.requestedBy, action, reason: decision.reason,
      policyRef: decision.policy, ruleId: decision.ruleId, approvers: decision.approval?.approvers ?? 1, role: decision.approval?.role ?? null,
      definitionsDigest: defs.definitionsDigest, context: { steps: scope.steps, event: input.event },
    });
    const state = effects.approvals.state(approvalId);
    if (state.status === 'pending') throw new RunSuspended(approvalId);
    return state;
  }, 1, { changesWorld: true });
  // Journal times, so a replay counts the same wait.
  scope.totals.waitedMs += Math.max(0, result.ts - askedAt);
  const state = result.value;
  if (state.status === 'approved') return { ok: true, by: state.approvers, ...(state.args ? { args: state.args } : {}), ...(state.editedBy ? { editedBy: state.editedBy } : {}), ...(state.quorum ? { quorum: state.quorum } : {}) };
  if (state.status === 'expired') throw new RunEnded('escalated', `approval ${approvalId} expired without a decision`);
  return { ok: false, by: state.approvers, ...(state.reason ? { reason: state.reason } : {}) };
}
