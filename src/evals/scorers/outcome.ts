import { denials, finalOutput, toolCalls } from '../journal-facts.ts';
import type { Scorer } from '../types.ts';

/** End state, tools called and not called, approvals asked for, policy blocks, final output fields. */
export const outcomeScorer: Scorer = {
  name: 'outcome',
  score({ goldCase: gc, run, journal }) {
    const expect = gc.expect;
    const problems: string[] = [];
    let at: (string | number)[] | undefined;
    const fail = (where: (string | number)[], problem: string) => {
      problems.push(problem);
      at ??= ['expect', ...where];
    };
    const end = run.endState ?? run.status;
    if (end !== expect.end) fail(['end'], `ended ${end}${run.reason ? ` (${run.reason})` : ''}, expected ${expect.end}`);
    const called = new Set(toolCalls(journal).map((c) => c.tool));
    for (const [i, tool] of expect.tools_called.entries()) if (!called.has(tool)) fail(['tools_called', i], `did not call ${tool}`);
    for (const [i, tool] of expect.tools_not_called.entries()) if (called.has(tool)) fail(['tools_not_called', i], `called ${tool}, which it must not`);
    const approvals = journal.filter((r) => r.kind === 'approval.requested').length;
    if (expect.approvals_requested !== undefined && approvals !== expect.approvals_requested) fail(['approvals_requested'], `asked for ${approvals} approval(s), expected ${expect.approvals_requested}`);
    const blocks = denials(journal).length;
    if (expect.policy_blocks !== undefined && blocks !== expect.policy_blocks) fail(['policy_blocks'], `${blocks} policy block(s), expected ${expect.policy_blocks}`);
    const output = finalOutput(journal) ?? {};
    for (const [field, want] of Object.entries(expect.output ?? {})) {
      if (JSON.stringify(output[field]) !== JSON.stringify(want)) fail(['output', field], `output.${field} is ${JSON.stringify(output[field])}, expected ${JSON.stringify(want)}`);
    }
    const checks = 1 + expect.tools_called.length + expect.tools_not_called.length + (expect.approvals_requested !== undefined ? 1 : 0) + (expect.policy_blocks !== undefined ? 1 : 0) + Object.keys(expect.output ?? {}).length;
    return {
      scorer: 'outcome', pass: problems.length === 0, score: Math.round(((checks - problems.length) / checks) * 1000) / 1000,
      reason: problems.length === 0 ? `ended ${end} as expected (${checks} checks)` : problems.join('; '), ...(at ? { at } : {}),
      details: { end, tools_called: [...called], approvals_requested: approvals, policy_blocks: blocks },
    };
  },
};
