import type { ApprovalDecision, ApprovalRecord, ApprovalStatus } from '../core/index.ts';

export interface Person {
  readonly roles: readonly string[];
}

export type QuorumVerdict =
  | { readonly ok: true; readonly status: ApprovalStatus; readonly remaining: number }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/**
 * Whether `decision` by its principal may be recorded on `approval`, and the approval's status
 * after it. Pure: the two-person rule (distinct approvers up to the quorum), no self-approval by
 * the requester, role checks, and forked review (an edit restarts the count on the edited action).
 */
export function judgeDecision(approval: ApprovalRecord, decision: Pick<ApprovalDecision, 'principal' | 'decision'>, people: Readonly<Record<string, Person>>): QuorumVerdict {
  const who = decision.principal;
  if (approval.status !== 'pending') return refuse('TG_APPROVAL_CLOSED', `approval ${approval.approvalId} is already ${approval.status}`);
  const person = people[who];
  if (!person) return refuse('TG_APPROVER_UNKNOWN', `"${who}" is not listed under people in tollgate.yaml`);
  if (who === approval.requestedBy) return refuse('TG_APPROVER_IS_REQUESTER', `"${who}" started this run and cannot approve it`);
  if (approval.role && !person.roles.includes(approval.role)) {
    return refuse('TG_APPROVER_ROLE', `"${who}" lacks the role "${approval.role}" this approval requires (has: ${person.roles.join(', ') || 'none'})`);
  }
  if (approval.decisions.some((d) => d.principal === who)) return refuse('TG_APPROVER_REPEATED', `"${who}" has already decided on this approval; a second approval must come from someone else`);
  if (decision.decision === 'deny') return { ok: true, status: 'denied', remaining: 0 };
  const lastEdit = approval.decisions.map((d) => d.decision).lastIndexOf('edit');
  const current = decision.decision === 'edit' ? 1 : approval.decisions.slice(Math.max(lastEdit, 0)).filter((d) => d.decision !== 'deny').length + 1;
  const remaining = Math.max(0, approval.requiredApprovals - current);
  return { ok: true, status: remaining === 0 ? 'approved' : 'pending', remaining };
}

function refuse(code: string, reason: string): QuorumVerdict {
  return { ok: false, code, reason };
}
