import { denials, finalOutput, toolCalls } from '../journal-facts.ts';
import type { Scorer } from '../types.ts';

/** End state, tools called and not called, approvals asked for, policy blocks, final output fields. */
export const outcomeScorer: Scorer = {
  name: 'outcome',
  score({ goldCase: gc, run, journal }) {
    const expect = gc.expect;
    const problems: string[] = [];
    const end = run.endState ?? run.status;
    if (end !== expect.end) problems.push(`ended ${end}${run.reason ? ` (${run.reason})` : ''}, expected ${expect.end}`);
    const called = new Set(toolCalls(journal).map((c) => c.tool));
    for (const tool of expect.tools_called) if (!called.has(tool)) problems.push(`did not call ${tool}`);
    for (const tool of expect.tools_not_called) if (called.has(tool)) problems.push(`called ${tool}, which it must not`);
    const approvals = journal.filter((r) => r.kind === 'approval.requested').length;
    if (expect.approvals_requested !== undefined && approvals !== expect.approvals_requested) problems.push(`asked for ${approvals} approval(s), expected ${expect.approvals_requested}`);
    const blocks = denials(journal).length;
    if (expect.policy_blocks !== undefined && blocks !== expect.policy_blocks) problems.push(`${blocks} policy block(s), expected ${expect.policy_blocks}`);
    const output = finalOutput(journal) ?? {};
    for (const [field, want] of Object.entries(expect.output ?? {})) {
      if (JSON.stringify(output[field]) !== JSON.stringify(want)) problems.push(`output.${field} is ${JSON.stringify(output[field])}, expected ${JSON.stringify(want)}`);
    }
    const checks = 1 + expect.tools_called.length + expect.tools_not_called.length + (expect.approvals_requested !== undefined ? 1 : 0) + (expect.policy_blocks !== undefined ? 1 : 0) + Object.keys(expect.output ?? {}).length;
    return {
      scorer: 'outcome', pass: problems.length === 0, score: Math.round(((checks - problems.length) / checks) * 1000) / 1000,
      reason: problems.length === 0 ? `ended ${end} as expected (${checks} checks)` : problems.join('; '),
      details: { end, tools_called: [...called], approvals_requested: approvals, policy_blocks: blocks },
    };
  },
};
