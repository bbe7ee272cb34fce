import { digestOf, EffectFailed } from '../shared/index.ts';
import { DATA_CLASS_ENTITY, evaluateToolCall, type PolicyDecision } from '../policy/index.ts';
import { DEFAULT_RETRY, retryDelay, type ToolOutcome } from '../tools/index.ts';
import { awaitApproval } from './approvals.ts';
import { RunEnded } from './errors.ts';
import { DEFAULT_STEP_TIMEOUT_MS, effectiveLimits, effectTimeoutMs, enforceBudgets } from './limits.ts';
import type { RunScope } from './run-scope.ts';

export type ToolCallResult =
  | { readonly ok: true; readonly output: unknown; readonly dryRun: boolean }
  | { readonly ok: false; readonly decision: PolicyDecision; readonly deniedByApprover?: boolean };

export interface ToolCallSpec {
  /** Journal key of this call: `step`, `step/call2`, `compensate:step`. */
  readonly callKey: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly stepTimeout?: string;
  /** Tools the model was offered (agent calls); absent for deterministic tool steps. */
  readonly offeredTools?: readonly string[];
  /** Compensations run even when the run's budgets or time are spent. */
  readonly compensation?: boolean;
}

/**
 * Every tool call, from a tool step, an agent or a compensation, goes through here: budget and
 * loop limits, the policy check, approvals, then the journaled HTTP attempts with retries.
 */
export async function callTool(scope: RunScope, spec: ToolCallSpec): Promise<ToolCallResult> {
  const { journal, input, defs } = scope;
  if (!spec.compensation) enforceBudgets(scope, { toolCall: true });
  const connector = defs.tools.get(spec.tool);
  const decision: PolicyDecision = connector
    ? evaluateToolCall({ tool: spec.tool, args: spec.args, sideEffect: connector.side_effect, env: input.env, workflow: defs.workflow.id, runId: input.runId, dataEntities: scope.effects.vault.entitiesIn(spec.args), ...(spec.offeredTools ? { offeredTools: spec.offeredTools } : {}) }, defs.policies)
    : { effect: 'deny', policy: null, ruleId: 'unknown-tool', reason: `no connector defines tool ${spec.tool}`, dryRun: false };
  journal.mark('policy.decision', spec.callKey, { tool: spec.tool, args: spec.args, ...decision });
  scope.decisions.push(decision);
  if (decision.effect === 'deny') {
    scope.totals.policyBlocks++;
    return { ok: false, decision };
  }
  if (decision.effect === 'escalate') throw new RunEnded('escalated', `policy ${decision.policy} rule ${decision.ruleId}: ${decision.reason}`);

  let args = spec.args;
  if (decision.effect === 'require_approval') {
    const approved = await awaitApproval(scope, spec.callKey, { tool: spec.tool, args, summary: `${spec.tool} ${JSON.stringify(args)}` }, decision);
    if (!approved.ok) return { ok: false, deniedByApprover: true, decision: { ...decision, effect: 'deny', reason: `denied by ${approved.by.join(', ') || 'approver'}${approved.reason ? `: ${approved.reason}` : ''}` } };
    args = approved.args ?? args;
  }

  const loopKey = digestOf({ tool: spec.tool, args });
  const seen = (scope.identicalCalls.get(loopKey) ?? 0) + 1;
  scope.identicalCalls.set(loopKey, seen);
  const limits = effectiveLimits(scope);
  if (seen > limits.maxIdenticalToolCalls) {
    const reason = `loop: ${spec.tool} called ${seen} times with the same arguments (limit ${limits.maxIdenticalToolCalls})`;
    if (limits.loopAction === 'escalate') throw new RunEnded('escalated', reason);
    scope.totals.policyBlocks++;
    return { ok: false, decision: { effect: 'deny', policy: null, ruleId: 'loops', reason, dryRun: false } };
  }

  const outcome = await attemptWithRetries(scope, spec, args, decision.dryRun, connector!);
  scope.totals.toolCalls++;
  return { ok: true, output: outcome.body, dryRun: outcome.dryRun === true };
}

async function attemptWithRetries(scope: RunScope, spec: ToolCallSpec, args: Record<string, unknown>, dryRun: boolean, connector: NonNullable<ReturnType<RunScope['defs']['tools']['get']>>): Promise<ToolOutcome> {
  const { journal, input, effects } = scope;
  const idempotencyKey = `${input.runId}:${spec.callKey}`;
  const policy = connector.retry ?? DEFAULT_RETRY;
  const allowed = new Set(connector.data_classes.flatMap((c) => (c in DATA_CLASS_ENTITY ? [DATA_CLASS_ENTITY[c as keyof typeof DATA_CLASS_ENTITY]] : [])));
  for (let attempt = 1; ; attempt++) {
    if (!spec.compensation) enforceBudgets(scope);
    const timeoutMs = spec.compensation ? DEFAULT_STEP_TIMEOUT_MS : effectTimeoutMs(scope, connector.timeout ?? spec.stepTimeout);
    // Raw values leave only here, only of the classes this connector declares; replies come back tokenised.
    const send = async () => {
      try {
        const outcome = await effects.sendTool({ connector, args: effects.vault.detokenize(args, allowed).value, idempotencyKey, correlationId: input.correlationId, runId: input.runId, timeoutMs, dryRun });
        return effects.vault.tokenize(outcome);
      } catch (error) {
        if (error instanceof EffectFailed) throw new EffectFailed({ ...error.failure, message: effects.vault.tokenizeText(error.failure.message) });
        throw error;
      }
    };
    try {
      const result = await journal.effect(
        'tool',
        spec.callKey,
        { tool: spec.tool, args, idempotency_key: idempotencyKey, attempt, dry_run: dryRun },
        () => (effects.throttleTool ? effects.throttleTool(spec.tool, send) : send()),
        attempt,
      );
      return result.value;
    } catch (error) {
      if (!(error instanceof EffectFailed)) throw error;
      const delay = retryDelay(policy, attempt, error.failure, `${idempotencyKey}#${attempt}`);
      if (delay === undefined) throw error;
      scope.totals.retries++;
      if (!journal.replaying) await effects.clock.sleep(delay);
    }
  }
}
