import { evaluateToolCall, type PolicyDecision, type ToolRequest } from '../policy/index.ts';
import type { ToolConnector } from '../workflow/index.ts';
import { RunEnded } from './errors.ts';
import { effectiveLimits } from './limits.ts';
import type { RunScope } from './run-scope.ts';

/** The request the policy judges for a call (in placeholder space: the args the model chose). */
export function toolRequest(scope: RunScope, tool: string, args: Record<string, unknown>, connector: ToolConnector | undefined, offeredTools?: readonly string[]): ToolRequest {
  const { input, defs, effects } = scope;
  return {
    tool, args, sideEffect: connector?.side_effect ?? 'read', env: input.env, workflow: defs.workflow.id, runId: input.runId, event: input.event,
    dataEntities: effects.vault.entitiesIn(args), ...(offeredTools ? { offeredTools } : {}),
  };
}

/** The whole policy check of a proposed call, journaled (and so audited) before anything else happens. */
export function judgeCall(scope: RunScope, callKey: string, request: ToolRequest, connector: ToolConnector | undefined, extra: Record<string, unknown> = {}): PolicyDecision {
  const decision: PolicyDecision = connector
    ? evaluateToolCall(request, scope.defs.policies)
    : { effect: 'deny', policy: null, ruleId: 'unknown-tool', reason: `no connector defines tool ${request.tool}`, dryRun: false };
  journalDecision(scope, callKey, { tool: request.tool, args: request.args, ...decision, ...extra });
  return decision;
}

export function journalDecision(scope: RunScope, callKey: string, data: PolicyDecision & { tool: string; args: unknown } & Record<string, unknown>): void {
  scope.journal.mark('policy.decision', callKey, data);
  scope.decisions.push(data);
}

/**
 * Counts a blocked call (a deny, a withheld reply, a stopped loop) and ends the run when an agent
 * keeps hammering the policy: past the denied-call cap of its step or of the run, escalated.
 */
export function countDenial(scope: RunScope, callKey: string, tool: string, agentStep: string | undefined): void {
  scope.totals.policyBlocks++;
  const inStep = agentStep ? (scope.denials.get(agentStep) ?? 0) + 1 : 0;
  if (agentStep) scope.denials.set(agentStep, inStep);
  const cap = effectiveLimits(scope).maxDeniedCalls;
  const over = agentStep && inStep > cap.perStep ? `${inStep} denied calls in step ${agentStep} (limit ${cap.perStep})` : scope.totals.policyBlocks > cap.perRun ? `${scope.totals.policyBlocks} denied calls in the run (limit ${cap.perRun})` : undefined;
  if (!over) return;
  const reason = `loop: ${over}; the agent keeps trying what the policy refuses`;
  journalDecision(scope, `${callKey}/cap`, { tool, args: null, effect: 'escalate', policy: null, ruleId: 'loops:denied-calls', reason, dryRun: false });
  throw new RunEnded('escalated', reason);
}
