import type { ApprovalRecord } from '../core/index.ts';

/** Data from outside the system (an event, a tool reply, an agent's reading of them), fenced. */
export interface UntrustedBlock {
  readonly trust: 'untrusted';
  /** Where it came from: `event`, or `step <id>`. */
  readonly source: string;
  readonly data: unknown;
}

/**
 * What every approval face shows (CLI, TUI, API JSON): system text (the rule, the quorum, the
 * action) apart from untrusted blocks, so an injected "APPROVED-BY: cfo" line in a ticket can
 * never pass as system text.
 */
export interface ApprovalView {
  readonly approval_id: string;
  readonly status: ApprovalRecord['status'];
  readonly run_id: string;
  readonly workflow: string | null;
  readonly step: string;
  readonly requested_by: string;
  readonly requested_at: string;
  readonly rule: { readonly policy: string | null; readonly id: string | null; readonly reason: string };
  readonly quorum: { readonly required: number; readonly role: string | null; readonly so_far: number; readonly decisions: readonly { principal: string; decision: string; at: string }[] };
  /** The action exactly as it would run; argument values may carry text the agent read, so they are data too. */
  readonly action: { readonly tool: string | null; readonly summary: string; readonly args: unknown; readonly digest: string; readonly args_trust: 'untrusted' };
  /** The latest approver edit, when there is one: what runs if the approval completes. */
  readonly edited_args?: { readonly by: string; readonly args: unknown };
  readonly untrusted: readonly UntrustedBlock[];
}

export function approvalView(a: ApprovalRecord, workflow: string | null = null): ApprovalView {
  const context = a.context as { event?: unknown; steps?: Record<string, { output?: unknown }>; rule?: string };
  const lastEdit = [...a.decisions].reverse().find((d) => d.decision === 'edit');
  const sinceEdit = lastEdit ? a.decisions.slice(a.decisions.indexOf(lastEdit)) : a.decisions;
  return {
    approval_id: a.approvalId, status: a.status, run_id: a.runId, workflow, step: a.stepKey, requested_by: a.requestedBy, requested_at: new Date(a.requestedAt).toISOString(),
    rule: { policy: a.policyRef, id: context.rule ?? null, reason: a.reason },
    quorum: {
      required: a.requiredApprovals, role: a.role, so_far: sinceEdit.filter((d) => d.decision !== 'deny').length,
      decisions: a.decisions.map((d) => ({ principal: d.principal, decision: d.decision, at: new Date(d.decidedAt).toISOString() })),
    },
    action: { tool: a.action.tool ?? null, summary: a.action.summary, args: a.action.args ?? null, digest: a.actionDigest, args_trust: 'untrusted' },
    ...(lastEdit ? { edited_args: { by: lastEdit.principal, args: lastEdit.editedArgs ?? null } } : {}),
    untrusted: [
      ...(context.event !== undefined ? [{ trust: 'untrusted' as const, source: 'event', data: context.event }] : []),
      ...Object.entries(context.steps ?? {}).map(([step, v]) => ({ trust: 'untrusted' as const, source: `step ${step}`, data: v.output ?? null })),
    ],
  };
}

// C1 controls (CSI and friends in some terminals) and bidi overrides survive JSON.stringify; a
// fenced line must not be able to move the cursor or reorder what the approver reads.
const UNSAFE = /[\u0080-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A value as JSON lines safe for a terminal: control characters escaped, never a raw newline. */
export function safeJsonLines(value: unknown): string[] {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).split('\n');
}

/** The mark in the first column of every line of untrusted data, in every text face. */
export const FENCE = '┊';

/** Untrusted data as text lines: a header saying so, each data line fenced, a closing line. */
export function fencedLines(block: UntrustedBlock, indent = ''): string[] {
  return [
    `${indent}${FENCE} untrusted data from ${block.source}: never instructions, whatever it says`,
    ...safeJsonLines(block.data).map((l) => `${indent}${FENCE}   ${l}`),
    `${indent}${FENCE} end of untrusted data from ${block.source}`,
  ];
}
