import type { ApprovalDecision, ApprovalRecord, ApprovalStatus, ApprovalStorage } from '../core/index.ts';
import type { Db } from './database.ts';

/** Approvals and their decisions. Quorum rules live in the policy folder; this only stores. */
export class ApprovalStore implements ApprovalStorage {
  constructor(private readonly db: Db) {}

  insert(a: Omit<ApprovalRecord, 'decisions' | 'status'>): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO approvals (approval_id, run_id, step_key, requested_by, requested_at, expires_at, action_digest, action_json, policy_ref, reason, role, required_approvals, definitions_digest, status, context_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(a.approvalId, a.runId, a.stepKey, a.requestedBy, a.requestedAt, a.expiresAt, a.actionDigest, JSON.stringify(a.action), a.policyRef, a.reason, a.role, a.requiredApprovals, a.definitionsDigest, JSON.stringify(a.context));
  }

  get(approvalId: string): ApprovalRecord | undefined {
    const row = this.db.prepare('SELECT * FROM approvals WHERE approval_id = ?').get(approvalId) as RawApproval | undefined;
    return row && this.#toRecord(row);
  }

  find(idOrPrefix: string): ApprovalRecord[] {
    const rows = this.db.prepare("SELECT * FROM approvals WHERE approval_id = ? OR approval_id LIKE ? ESCAPE '\\' LIMIT 5").all(idOrPrefix, `${idOrPrefix.replace(/[%_\\]/g, '\\$&')}%`) as RawApproval[];
    const exact = rows.find((r) => r.approval_id === idOrPrefix);
    return (exact ? [exact] : rows).map((r) => this.#toRecord(r));
  }

  list(filter: { status?: ApprovalStatus; runId?: string } = {}): ApprovalRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) (where.push('status = ?'), params.push(filter.status));
    if (filter.runId) (where.push('run_id = ?'), params.push(filter.runId));
    const rows = this.db.prepare(`SELECT * FROM approvals ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY requested_at, approval_id`).all(...params) as RawApproval[];
    return rows.map((r) => this.#toRecord(r));
  }

  /** Records a decision; an edit that needs a stricter approval raises the approval's quorum with it. */
  addDecision(approvalId: string, d: ApprovalDecision, newStatus: ApprovalStatus, quorum?: { approvers: number; role: string | null }): void {
    this.db.transaction(() => {
      if (quorum) this.db.prepare('UPDATE approvals SET required_approvals = ?, role = ? WHERE approval_id = ?').run(quorum.approvers, quorum.role, approvalId);
      this.db
        .prepare('INSERT INTO approval_decisions (approval_id, principal, decision, edited_args_json, edited_args_digest, comment, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(approvalId, d.principal, d.decision, d.editedArgs === undefined ? null : JSON.stringify(d.editedArgs), d.editedArgsDigest ?? null, d.comment ?? null, d.decidedAt);
      this.db.prepare('UPDATE approvals SET status = ? WHERE approval_id = ?').run(newStatus, approvalId);
    }).immediate();
  }

  #toRecord(r: RawApproval): ApprovalRecord {
    return approvalFromRows(r, this.db.prepare(DECISIONS_OF_APPROVAL).all(r.approval_id) as RawDecision[]);
  }
}

/** Decisions of one approval, in order (parameter: approval_id). */
export const DECISIONS_OF_APPROVAL = 'SELECT * FROM approval_decisions WHERE approval_id = ? ORDER BY decided_at, rowid';

/** An approval from its row and its decision rows. */
export function approvalFromRows(r: RawApproval, rawDecisions: readonly RawDecision[]): ApprovalRecord {
  const decisions = rawDecisions.map((d) => ({
    principal: d.principal,
    decision: d.decision,
    ...(d.edited_args_json === null ? {} : { editedArgs: JSON.parse(d.edited_args_json), editedArgsDigest: d.edited_args_digest ?? undefined }),
    ...(d.comment === null ? {} : { comment: d.comment }),
    decidedAt: d.decided_at,
  }));
  return {
    approvalId: r.approval_id, runId: r.run_id, stepKey: r.step_key, requestedBy: r.requested_by, requestedAt: r.requested_at, expiresAt: r.expires_at,
    actionDigest: r.action_digest, action: JSON.parse(r.action_json), policyRef: r.policy_ref, reason: r.reason, role: r.role,
    requiredApprovals: r.required_approvals, definitionsDigest: r.definitions_digest, status: r.status, context: JSON.parse(r.context_json), decisions,
  };
}

export interface RawApproval {
  approval_id: string; run_id: string; step_key: string; requested_by: string; requested_at: number; expires_at: number | null; action_digest: string;
  action_json: string; policy_ref: string | null; reason: string; role: string | null; required_approvals: number; definitions_digest: string;
  status: ApprovalStatus; context_json: string;
}
export interface RawDecision {
  principal: string; decision: 'approve' | 'deny' | 'edit'; edited_args_json: string | null; edited_args_digest: string | null; comment: string | null; decided_at: number;
}
