import type { ApprovalRecord } from '../../store/index.ts';
import { jsonLines, untrustedLines } from './text.ts';

export function approvalLine(a: ApprovalRecord): string {
  const got = a.decisions.filter((d) => d.decision !== 'deny').length;
  return `${a.approvalId}  ${got}/${a.requiredApprovals}  ${a.action.summary}`;
}

/** The full context an approver needs: the exact action, why it is asked, who may decide, what the run had seen. */
export function approvalContext(a: ApprovalRecord, now: number): string[] {
  const got = a.decisions.filter((d) => d.decision !== 'deny').length;
  const context = a.context as { event?: unknown; steps?: Record<string, { output?: unknown }> };
  return [
    `run ${a.runId}  step ${a.stepKey}  started by ${a.requestedBy}  asked ${new Date(a.requestedAt).toISOString()}${a.expiresAt ? `  expires in ${Math.max(0, Math.round((a.expiresAt - now) / 60_000))} min` : ''}`,
    `why:    ${a.reason}${a.policyRef ? ` [${a.policyRef}${a.context.rule ? ` ${String(a.context.rule)}` : ''}]` : ''}`,
    `needs:  ${a.requiredApprovals} approval(s)${a.role ? ` by role ${a.role}` : ''}; ${got} so far${a.decisions.length ? ` (${a.decisions.map((d) => `${d.principal}: ${d.decision}`).join(', ')})` : ''}; the requester cannot approve`,
    `action: ${a.action.tool ?? a.action.summary}  (digest ${a.actionDigest.slice(0, 19)}…)`,
    ...(a.action.args !== undefined ? jsonLines(a.action.args) : []),
    ...(context.event !== undefined ? ['the event (untrusted):', ...untrustedLines(jsonLines(context.event))] : []),
    ...Object.entries(context.steps ?? {}).flatMap(([step, v]) => [`step ${step} gave:`, ...jsonLines(v.output)]),
  ];
}
