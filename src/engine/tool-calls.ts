import { digestOf, EffectFailed } from '../shared/index.ts';
import { approvalRuleOf, DATA_CLASS_ENTITY, evaluateToolResult, judgeEdit, placeholdersIn, type PolicyDecision } from '../policy/index.ts';
import { DEFAULT_RETRY, retryDelay, type ToolOutcome } from '../tools/index.ts';
import { awaitApproval } from './approvals.ts';
import { RunEnded } from './errors.ts';
import { DEFAULT_STEP_TIMEOUT_MS, effectiveLimits, effectTimeout, enforceBudgets, runTimedOut } from './limits.ts';
import { countDenial, journalDecision, judgeCall, toolRequest } from './policy-gate.ts';
import { releaseArgs } from './release-args.ts';
import type { RunScope } from './run-scope.ts';

export type ToolCallResult =
  | { readonly ok: true; readonly output: unknown; readonly dryRun: boolean }
  | { readonly ok: false; readonly decision: PolicyDecision; readonly deniedByApprover?: boolean; readonly withheld?: boolean };

export interface ToolCallSpec {
  /** Journal key of this call: `step`, `step/call2`, `compensate:step`. */
  readonly callKey: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly stepTimeout?: string;
  /** Tools the model was offered (agent calls); absent for deterministic tool steps. */
  readonly offeredTools?: readonly string[];
  /** The agent step making the call, for the denied-call cap per step. */
  readonly agentStep?: string;
  /** Compensations run even when the run's budgets or time are spent. */
  readonly compensation?: boolean;
}

/** Rounds of "approver edits, the edit needs a stricter approval" before the run escalates. */
const MAX_EDIT_ROUNDS = 3;

/**
 * Every tool call, from a tool step, an agent or a compensation, goes through here: budget and
 * loop limits, the policy check, approvals (an edit is checked again as a new action), the
 * journaled HTTP attempts with retries, then the rules over the reply (data ownership).
 */
export async function callTool(scope: RunScope, spec: ToolCallSpec): Promise<ToolCallResult> {
  const { defs } = scope;
  if (!spec.compensation) enforceBudgets(scope, { toolCall: true });
  const connector = defs.tools.get(spec.tool);
  let decision = judgeCall(scope, spec.callKey, toolRequest(scope, spec.tool, spec.args, connector, spec.offeredTools), connector);
  let args = spec.args;
  for (let round = 1; ; round++) {
    if (decision.effect === 'deny') return blocked(scope, spec, decision);
    if (decision.effect === 'escalate') throw new RunEnded('escalated', `policy ${decision.policy} rule ${decision.ruleId}: ${decision.reason}`);
    if (decision.effect !== 'require_approval') break;
    const key = round === 1 ? spec.callKey : `${spec.callKey}/edit${round - 1}`;
    const approved = await awaitApproval(scope, key, { tool: spec.tool, args, summary: `${spec.tool} ${JSON.stringify(args)}` }, decision);
    if (!approved.ok) return { ok: false, deniedByApprover: true, decision: { ...decision, effect: 'deny', reason: `denied by ${approved.by.join(', ') || 'approver'}${approved.reason ? `: ${approved.reason}` : ''}` } };
    if (!approved.args) break;
    // An edited approval is a new proposed action: the record it is about stays, and the whole check runs again.
    const edited = approved.args;
    const rule = approvalRuleOf(defs.policies, decision.policy, decision.ruleId);
    const outside = judgeEdit(args, edited, { recordKeys: connector?.record_keys ?? [], editable: rule?.editable, rule: decision.ruleId });
    const editKey = `${spec.callKey}/edited${round}`;
    if (outside) {
      const refused: PolicyDecision = { effect: 'deny', policy: decision.policy, ruleId: outside.ruleId, reason: outside.reason, dryRun: false };
      journalDecision(scope, editKey, { tool: spec.tool, args: edited, ...refused, edited_by: approved.editedBy ?? null });
      return blocked(scope, spec, refused);
    }
    args = edited;
    decision = judgeCall(scope, editKey, toolRequest(scope, spec.tool, args, connector, spec.offeredTools), connector, { edited_by: approved.editedBy ?? null });
    if (decision.effect === 'require_approval' && quorumMet(approved.quorum, decision)) break;
    if (decision.effect === 'require_approval' && round >= MAX_EDIT_ROUNDS) throw new RunEnded('escalated', `approval of ${spec.tool} was edited ${round} times, each edit needing a new approval`);
  }

  const loopKey = digestOf({ tool: spec.tool, args });
  const seen = (scope.identicalCalls.get(loopKey) ?? 0) + 1;
  scope.identicalCalls.set(loopKey, seen);
  const limits = effectiveLimits(scope);
  if (seen > limits.maxIdenticalToolCalls) {
    // Stopping a loop is a policy decision like any other: journaled, audited, counted.
    const reason = `loop: ${spec.tool} called ${seen} times with the same arguments (limit ${limits.maxIdenticalToolCalls})`;
    const stop: PolicyDecision = { effect: limits.loopAction === 'escalate' ? 'escalate' : 'deny', policy: null, ruleId: 'loops', reason, dryRun: false };
    journalDecision(scope, `${spec.callKey}/loop`, { tool: spec.tool, args, ...stop });
    if (stop.effect === 'escalate') throw new RunEnded('escalated', reason);
    return blocked(scope, spec, stop);
  }

  const outcome = await attemptWithRetries(scope, spec, args, decision.dryRun, connector!);
  scope.totals.toolCalls++;
  const ownership = outcome.dryRun ? undefined : evaluateToolResult(toolRequest(scope, spec.tool, args, connector, spec.offeredTools), outcome.body, defs.policies);
  if (ownership) {
    const withheld: PolicyDecision = { effect: ownership.effect === 'escalate' ? 'escalate' : 'deny', policy: ownership.policy, ruleId: ownership.ruleId, reason: ownership.reason, dryRun: false };
    journalDecision(scope, `${spec.callKey}/result`, { tool: spec.tool, args, ...withheld, withheld: true });
    // Values only this reply brought in stay locked: a model that guesses their placeholder gets nothing.
    const own = JSON.stringify(scope.input.event);
    for (const p of placeholdersIn(JSON.stringify(outcome.body ?? null))) if (!own.includes(p)) scope.withheldPlaceholders.add(p);
    if (withheld.effect === 'escalate') throw new RunEnded('escalated', `policy ${withheld.policy} rule ${withheld.ruleId}: ${withheld.reason}`);
    return { ...blocked(scope, spec, withheld), withheld: true };
  }
  return { ok: true, output: outcome.body, dryRun: outcome.dryRun === true };
}

function blocked(scope: RunScope, spec: ToolCallSpec, decision: PolicyDecision): { ok: false; decision: PolicyDecision } {
  countDenial(scope, spec.callKey, spec.tool, spec.agentStep);
  return { ok: false, decision };
}

/** Whether the approval an edited action received already meets what the edit now requires. */
function quorumMet(got: { approvers: number; role: string | null } | undefined, need: PolicyDecision): boolean {
  if (!got) return false;
  const role = need.approval?.role ?? null;
  return got.approvers >= (need.approval?.approvers ?? 1) && (role === null || role === got.role);
}

async function attemptWithRetries(scope: RunScope, spec: ToolCallSpec, args: Record<string, unknown>, dryRun: boolean, connector: NonNullable<ReturnType<RunScope['defs']['tools']['get']>>): Promise<ToolOutcome> {
  const { journal, input, effects } = scope;
  const idempotencyKey = `${input.runId}:${spec.callKey}`;
  const policy = connector.retry ?? DEFAULT_RETRY;
  const allowed = new Set(connector.data_classes.flatMap((c) => (c in DATA_CLASS_ENTITY ? [DATA_CLASS_ENTITY[c as keyof typeof DATA_CLASS_ENTITY]] : [])));
  for (let attempt = 1; ; attempt++) {
    if (!spec.compensation) enforceBudgets(scope);
    const timeout = spec.compensation ? { ms: DEFAULT_STEP_TIMEOUT_MS, byRun: false } : effectTimeout(scope, connector.timeout ?? spec.stepTimeout);
    const timeoutMs = timeout.ms;
    // Raw values leave only here, only of the classes this connector declares; replies come back tokenised.
    const send = async () => {
      try {
        const outcome = await effects.sendTool({ connector, args: releaseArgs(effects.vault, args, allowed, scope.withheldPlaceholders), idempotencyKey, correlationId: input.correlationId, runId: input.runId, timeoutMs, dryRun });
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
        { changesWorld: connector.side_effect !== 'read' },
      );
      return result.value;
    } catch (error) {
      if (!(error instanceof EffectFailed)) throw error;
      if (timeout.byRun && error.failure.code === 'TG_TOOL_TIMEOUT') runTimedOut(scope);
      const delay = retryDelay(policy, attempt, error.failure, `${idempotencyKey}#${attempt}`);
      if (delay === undefined) {
        if (connector.side_effect === 'write' && !dryRun && error.failure.code === 'TG_TOOL_TIMEOUT') outcomeUnknown(scope, spec, idempotencyKey, attempt, error.failure.message);
        throw error;
      }
      scope.totals.retries++;
      if (!journal.replaying) await effects.clock.sleep(delay);
    }
  }
}

/**
 * A write whose last attempt timed out may have happened or not: it is not a failed write (nothing
 * to compensate, nothing safe to retry blindly). Journaled and audited as "outcome unknown"; the run
 * ends escalated with what is known, for a person to check under the idempotency key.
 */
function outcomeUnknown(scope: RunScope, spec: ToolCallSpec, idempotencyKey: string, attempts: number, last: string): never {
  scope.journal.mark('tool.outcome_unknown', spec.callKey, { tool: spec.tool, idempotency_key: idempotencyKey, attempts, last_error: last });
  throw new RunEnded('escalated', `${spec.tool} (${spec.callKey}): outcome unknown after ${attempts} attempt(s), the last one timed out (${last}); it may have happened: check under Idempotency-Key ${idempotencyKey} before anything is retried`);
}
