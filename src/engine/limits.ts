import { parseDuration } from '../shared/index.ts';
import { RunEnded } from './errors.ts';
import type { RunScope } from './run-scope.ts';

export const DEFAULT_STEP_TIMEOUT_MS = 30_000;

type Limits = ReturnType<typeof limitsOf>;
// Definitions do not change during a run; the limits are asked for before every effect.
const limitsByDefs = new WeakMap<RunScope['defs'], Limits>();

/** The tightest of the workflow's limits and its policies' budgets. */
export function effectiveLimits(scope: RunScope): Limits {
  let limits = limitsByDefs.get(scope.defs);
  if (!limits) limitsByDefs.set(scope.defs, (limits = limitsOf(scope.defs)));
  return limits;
}

function limitsOf(defs: RunScope['defs']) {
  const l = defs.workflow.limits;
  const budgets = defs.policies.map((p) => p.budgets);
  const min = (...xs: (number | undefined)[]) => {
    const defined = xs.filter((x): x is number => x !== undefined);
    return defined.length ? Math.min(...defined) : undefined;
  };
  return {
    maxToolCalls: min(l.max_tool_calls, ...budgets.map((b) => b.max_tool_calls)),
    maxTokens: min(l.max_tokens, ...budgets.map((b) => b.max_tokens)),
    maxCostUsd: min(l.max_cost_usd, ...budgets.map((b) => b.max_cost_usd)),
    runTimeoutMs: min(l.run_timeout ? parseDuration(l.run_timeout) : undefined, ...budgets.map((b) => (b.max_duration ? parseDuration(b.max_duration) : undefined))),
    maxSteps: l.max_steps ?? 100,
    maxIdenticalToolCalls: min(...defs.policies.map((p) => p.loops.max_identical_tool_calls)) ?? 3,
    maxDeniedCalls: {
      perStep: min(...defs.policies.map((p) => p.loops.max_denied_calls?.per_step)) ?? 3,
      perRun: min(...defs.policies.map((p) => p.loops.max_denied_calls?.per_run)) ?? 6,
    },
    loopAction: defs.policies.some((p) => p.loops.on_exceed === 'block') ? ('block' as const) : ('escalate' as const),
  };
}

/** Ends the run when a budget is spent or its time is up; checked before every effect. */
export function enforceBudgets(scope: RunScope, next: { toolCall?: boolean } = {}): void {
  const limits = effectiveLimits(scope);
  const t = scope.totals;
  if (limits.maxToolCalls !== undefined && next.toolCall && t.toolCalls + 1 > limits.maxToolCalls) {
    throw new RunEnded('budget_exceeded', `tool call budget spent: ${t.toolCalls} of ${limits.maxToolCalls} calls made`);
  }
  if (limits.maxTokens !== undefined && t.tokensIn + t.tokensOut > limits.maxTokens) {
    throw new RunEnded('budget_exceeded', `token budget spent: ${t.tokensIn + t.tokensOut} tokens used, limit ${limits.maxTokens}`);
  }
  if (limits.maxCostUsd !== undefined && t.costUsd > limits.maxCostUsd) {
    throw new RunEnded('budget_exceeded', `cost budget spent: $${t.costUsd.toFixed(6)} used, limit $${limits.maxCostUsd}`);
  }
  const elapsed = scope.journal.time - scope.input.startedAt - t.waitedMs - scope.journal.downtime;
  if (limits.runTimeoutMs !== undefined && elapsed > limits.runTimeoutMs) {
    throw new RunEnded('timed_out', `run timed out after ${elapsed}ms (limit ${limits.runTimeoutMs}ms)`);
  }
}

/**
 * Milliseconds an effect may take: the step's timeout, capped by what is left of the run's; `byRun`
 * when the cap is the run's (its timing out then means the run's time is up).
 */
export function effectTimeout(scope: RunScope, stepTimeout: string | undefined): { ms: number; byRun: boolean } {
  const step = parseDuration(stepTimeout ?? scope.defs.workflow.limits.step_timeout ?? '') ?? DEFAULT_STEP_TIMEOUT_MS;
  const run = effectiveLimits(scope).runTimeoutMs;
  if (run === undefined) return { ms: step, byRun: false };
  const left = run - (scope.journal.time - scope.input.startedAt - scope.totals.waitedMs - scope.journal.downtime);
  return left < step ? { ms: Math.max(1, left), byRun: true } : { ms: step, byRun: false };
}

/**
 * An effect given the rest of the run's time ran out of it: the run ended timed out. Said apart from
 * enforceBudgets because a timer may fire a millisecond before the clock reads the limit, and such a
 * timeout must not pass for the step's own (a write would end "outcome unknown" instead).
 */
export function runTimedOut(scope: RunScope): never {
  const elapsed = scope.journal.time - scope.input.startedAt - scope.totals.waitedMs - scope.journal.downtime;
  throw new RunEnded('timed_out', `run timed out after ${Math.max(elapsed, effectiveLimits(scope).runTimeoutMs!)}ms (limit ${effectiveLimits(scope).runTimeoutMs}ms)`);
}
