export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

export interface ApprovalRecord {
  readonly approvalId: string;
  readonly runId: string;
  readonly stepKey: string;
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly expiresAt: number | null;
  /** SHA-256 of the canonical action exactly as shown to approvers. */
  readonly actionDigest: string;
  readonly action: { tool?: string; args?: unknown; summary: string };
  readonly policyRef: string | null;
  readonly reason: string;
  readonly role: string | null;
  readonly requiredApprovals: number;
  readonly definitionsDigest: string;
  readonly status: ApprovalStatus;
  readonly context: Record<string, unknown>;
  readonly decisions: ApprovalDecision[];
}

export interface ApprovalDecision {
  readonly principal: string;
  readonly decision: 'approve' | 'deny' | 'edit';
  readonly editedArgs?: unknown;
  readonly editedArgsDigest?: string;
  readonly comment?: string;
  readonly decidedAt: number;
}
