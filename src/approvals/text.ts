import { fencedLines, FENCE, safeJsonLines, type ApprovalView } from './view.ts';

/**
 * An approval as text for a terminal: system lines first, then the action's arguments and every
 * piece of outside data, each line of them fenced. `short` keeps each untrusted block to a few lines.
 */
export function approvalText(v: ApprovalView, options: { short?: boolean } = {}): string[] {
  const decided = v.quorum.decisions.map((d) => `${d.principal}: ${d.decision}`).join(', ');
  const lines = [
    `${v.approval_id}  ${v.status}  run ${v.run_id}${v.workflow ? ` (${v.workflow})` : ''} step ${v.step}`,
    `  why:      ${v.rule.reason}${v.rule.policy ? ` [${v.rule.policy}${v.rule.id ? ` ${v.rule.id}` : ''}]` : ''}`,
    `  needs:    ${v.quorum.required} approval(s)${v.quorum.role ? ` by role ${v.quorum.role}` : ''}; ${v.quorum.so_far} so far${decided ? ` (${decided})` : ''}; the requester cannot approve`,
    `  action:   ${v.action.tool ?? v.action.summary}  (digest ${v.action.digest.slice(0, 19)}…)`,
    `  ${FENCE} arguments (values may carry text the agent read):`,
    ...safeJsonLines(v.action.args).map((l) => `  ${FENCE}   ${l}`),
  ];
  if (v.edited_args) lines.push(`  edited by ${v.edited_args.by}; runs instead if approved:`, ...safeJsonLines(v.edited_args.args).map((l) => `  ${FENCE}   ${l}`));
  for (const block of v.untrusted) {
    const fenced = fencedLines(block, '  ');
    lines.push(...(options.short && fenced.length > 8 ? [...fenced.slice(0, 6), `  ${FENCE}   … ${fenced.length - 7} more lines (tollgate approvals --json shows all)`, fenced[fenced.length - 1]!] : fenced));
  }
  lines.push(`  started by ${v.requested_by}; requested ${v.requested_at}`);
  return lines;
}
