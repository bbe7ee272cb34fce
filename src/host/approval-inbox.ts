import type { ApprovalInbox, ApprovalRequest, ApprovalState } from '../engine/index.ts';
import type { ApprovalStorage } from '../core/index.ts';
import { digestOf } from '../shared/index.ts';

/** Approvals kept in the project database: they survive restarts, and any process can decide them. */
export class DatabaseApprovalInbox implements ApprovalInbox {
  constructor(
    private readonly store: ApprovalStorage,
    private readonly now: () => number,
  ) {}

  open(r: ApprovalRequest): void {
    this.store.insert({
      approvalId: r.approvalId, runId: r.runId, stepKey: r.stepKey, requestedBy: r.requestedBy, requestedAt: this.now(), expiresAt: null,
      actionDigest: digestOf(r.action), action: r.action, policyRef: r.policyRef, reason: r.reason, role: r.role,
      requiredApprovals: r.approvers, definitionsDigest: r.definitionsDigest, context: { ...r.context, rule: r.ruleId },
    });
  }

  state(approvalId: string): ApprovalState {
    const a = this.store.get(approvalId);
    if (!a) return { status: 'pending', approvers: [] };
    const approvers = a.decisions.filter((d) => d.decision !== 'deny').map((d) => d.principal);
    if (a.status === 'approved') {
      const lastEdit = a.decisions.map((d) => d.decision).lastIndexOf('edit');
      if (lastEdit < 0) return { status: 'approved', approvers };
      const edit = a.decisions[lastEdit]!;
      // The engine checks the edited action again and needs to know what approval it actually got.
      const ofEdited = a.decisions.slice(lastEdit).filter((d) => d.decision !== 'deny').length;
      return { status: 'approved', approvers, args: edit.editedArgs as Record<string, unknown>, editedBy: edit.principal, quorum: { approvers: ofEdited, role: a.role } };
    }
    if (a.status === 'denied') {
      const denial = a.decisions.find((d) => d.decision === 'deny');
      return { status: 'denied', approvers: denial ? [denial.principal] : [], ...(denial?.comment ? { reason: denial.comment } : {}) };
    }
    return { status: a.status, approvers };
  }
}
