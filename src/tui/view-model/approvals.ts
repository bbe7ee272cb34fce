import type { ApprovalRecord } from '../../core/index.ts';
import { approvalView, fencedLines } from '../../approvals/view.ts';

export function approvalLine(a: ApprovalRecord): string {
  const got = a.decisions.filter((d) => d.decision !== 'deny').length;
  return `${a.approvalId}  ${got}/${a.requiredApprovals}  ${a.action.summary}`;
}

/**
 * The full context an approver needs: the exact action, why it is asked, who may decide, what the
 * run had seen. Outside data (the event, step outputs) and the action's arguments are fenced with ┊.
 */
export function approvalContext(a: ApprovalRecord, now: number): string[] {
  const v = approvalView(a);
  const decided = v.quorum.decisions.map((d) => `${d.principal}: ${d.decision}`).join(', ');
  return [
    `run ${a.runId}  step ${a.stepKey}  started by ${a.requestedBy}  asked ${v.requested_at}${a.expiresAt ? `  expires in ${Math.max(0, Math.round((a.expiresAt - now) / 60_000))} min` : ''}`,
    `why:    ${v.rule.reason}${v.rule.policy ? ` [${v.rule.policy}${v.rule.id ? ` ${v.rule.id}` : ''}]` : ''}`,
    `needs:  ${v.quorum.required} approval(s)${v.quorum.role ? ` by role ${v.quorum.role}` : ''}; ${v.quorum.so_far} so far${decided ? ` (${decided})` : ''}; the requester cannot approve`,
    `action: ${v.action.tool ?? v.action.summary}  (digest ${v.action.digest.slice(0, 19)}…)`,
    ...(a.action.args !== undefined ? fencedLines({ trust: 'untrusted', source: 'the arguments (values may carry text the agent read)', data: a.action.args }) : []),
    ...(v.edited_args ? [`edited by ${v.edited_args.by}; runs instead if approved:`, ...fencedLines({ trust: 'untrusted', source: 'the edit', data: v.edited_args.args })] : []),
    ...v.untrusted.flatMap((block) => fencedLines(block)),
  ];
}

/** What an edit changes, key by key: `amount 300 → 250`, `+note "x"`, `-reason` (nothing when equal). */
export function argsChange(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const show = (v: unknown) => JSON.stringify(v) ?? 'undefined';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => show(before[k]) !== show(after[k]))
    .map((k) => (!(k in after) ? `-${k}` : !(k in before) ? `+${k} ${show(after[k])}` : `${k} ${show(before[k])} → ${show(after[k])}`))
    .join(', ');
}
