import type { RunDefinitions } from '../engine/index.ts';
import { approvalRuleOf, DATA_CLASS_ENTITY, evaluateToolCall, judgeEdit, type PiiVault, type PolicyDecision } from '../policy/index.ts';
import type { ApprovalRecord } from '../core/index.ts';
import { validateToolArgs } from '../tools/index.ts';

const ALL_ENTITIES = new Set(Object.values(DATA_CLASS_ENTITY));

export type EditVerdict =
  | { readonly ok: false; readonly code: string; readonly reason: string }
  | {
      readonly ok: true;
      /** The edited arguments in the run's placeholder space (raw PII typed by an approver is vaulted). */
      readonly args: Record<string, unknown>;
      /** What the edited action now needs: the stricter of the original approval and the re-check. */
      readonly quorum: { readonly approvers: number; readonly role: string | null };
      readonly decision: PolicyDecision;
    };

/**
 * An edit is a new proposed action, vetted before it is recorded, whoever makes it (CLI, TUI,
 * API): the tool's schema, the record it is about, the arguments the rule lets change, then the
 * whole policy check of the run's own definitions. A blocked or escalating edit is refused; one
 * needing a stricter approval raises the quorum. The engine checks the same again on resume.
 */
export function vetEdit(defs: RunDefinitions, run: { env: string; event: unknown; runId: string }, approval: ApprovalRecord, editedArgs: Record<string, unknown>, vault: PiiVault): EditVerdict {
  const tool = approval.action.tool;
  const connector = tool ? defs.tools.get(tool) : undefined;
  if (!tool || !connector) return { ok: false, code: 'TG_EDIT_NOT_A_TOOL', reason: 'this approval is not about a tool call; there are no arguments to edit' };
  const args = vault.tokenize(editedArgs);
  // The schema judges what the tool would receive: placeholders the approver kept stand for their values.
  const problems = validateToolArgs(connector, vault.detokenize(args, ALL_ENTITIES).value);
  if (problems.length > 0) return { ok: false, code: 'TG_EDIT_SCHEMA', reason: `the edited arguments do not match ${tool}'s schema: ${problems.join('; ')}` };
  const original = (approval.action.args ?? {}) as Record<string, unknown>;
  const rule = approvalRuleOf(defs.policies, approval.policyRef, (approval.context as { rule?: string }).rule ?? null);
  const outside = judgeEdit(original, args, { recordKeys: connector.record_keys ?? [], editable: rule?.editable, rule: rule?.id ?? null });
  if (outside) return { ok: false, code: outside.code, reason: outside.reason };
  const decision = evaluateToolCall(
    { tool, args, sideEffect: connector.side_effect, env: run.env as 'dev' | 'staging' | 'prod', workflow: defs.workflow.id, runId: run.runId, event: run.event as Record<string, unknown>, dataEntities: vault.entitiesIn(args) },
    defs.policies,
  );
  if (decision.effect === 'deny' || decision.effect === 'escalate') {
    const outcome = decision.effect === 'deny' ? 'blocks' : 'escalates';
    return { ok: false, code: 'TG_EDIT_BLOCKED', reason: `policy ${decision.policy ?? ''} rule ${decision.ruleId} ${outcome} the edited action: ${decision.reason}` };
  }
  const needed = decision.effect === 'require_approval' ? decision.approval : undefined;
  const role = needed?.role ?? approval.role;
  if (needed?.role && approval.role && needed.role !== approval.role) {
    return { ok: false, code: 'TG_EDIT_ROLE', reason: `the edited action needs an approver with role ${needed.role}, this approval one with ${approval.role}: deny it and let the run ask again` };
  }
  return { ok: true, args, decision, quorum: { approvers: Math.max(approval.requiredApprovals, needed?.approvers ?? 0), role } };
}
