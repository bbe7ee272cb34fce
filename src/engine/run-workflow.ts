import { EffectFailed } from '../shared/index.ts';
import type { RunStatus } from '../core/index.ts';
import { stepKind, type ToolStep, type WorkflowStep } from '../workflow/index.ts';
import { runAgentStep } from './agent-step.ts';
import { awaitApproval } from './approvals.ts';
import { DivergenceError, JournalUnavailable, RunEnded, RunSuspended } from './errors.ts';
import { evaluateMap, ExpressionError } from './expressions.ts';
import { Journal, type JournalSink, type MakeDurable } from './journal.ts';
import { effectiveLimits, enforceBudgets } from './limits.ts';
import { runVars, type RunDefinitions, type RunEffects, type RunInput, type RunScope, type RunTotals } from './run-scope.ts';
import { callTool } from './tool-calls.ts';
import type { JournalRow } from '../core/index.ts';

/** How an execution of a run ended (for now: it may be suspended and resumed later). */
export interface RunResult {
  readonly status: RunStatus;
  readonly endState: string | null;
  readonly reason: string | null;
  readonly output?: unknown;
  readonly approvalId?: string;
  readonly totals: RunTotals;
}

/**
 * Executes (or resumes, or replays) a run: the same code every time, with every effect read back
 * from `recorded` where it exists. Deterministic given definitions, input and journal.
 */
export async function executeRun(
  defs: RunDefinitions,
  input: RunInput,
  effects: RunEffects,
  recorded: readonly JournalRow[],
  sink: JournalSink,
  hooks: { onReplayed?: (row: JournalRow) => void; makeDurable?: MakeDurable } = {},
): Promise<RunResult> {
  const journal = new Journal(recorded, sink, () => effects.clock.now(), hooks);
  let result: RunResult;
  try {
    result = await runToEnd(defs, input, effects, journal);
  } catch (error) {
    // What was decided before an unexpected failure is still a true journal: keep it if the store can.
    if (!(error instanceof JournalUnavailable)) {
      try {
        journal.settle();
      } catch {
        // The original error says more.
      }
    }
    throw error;
  }
  journal.settle();
  return result;
}

async function runToEnd(defs: RunDefinitions, input: RunInput, effects: RunEffects, journal: Journal): Promise<RunResult> {
  const scope: RunScope = {
    defs, input, effects, journal, steps: {}, writes: [], identicalCalls: new Map(), denials: new Map(), withheldPlaceholders: new Set(), decisions: [],
    totals: { toolCalls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, policyBlocks: 0, approvalsRequested: 0, retries: 0, waitedMs: 0 },
  };
  const wf = defs.workflow;
  // Version and definitions digest stay out of the mark: a replay under new definitions must get past it.
  journal.mark('run.started', 'run', { workflow: wf.id, env: input.env, correlation_id: input.correlationId });
  // Durable at once: a run resumed after a crash counts the time since its newest row as downtime, not its own.
  journal.settle();
  try {
    let step: WorkflowStep = wf.steps[0]!;
    const visits = new Map<string, number>();
    for (let entered = 1; ; entered++) {
      const visit = (visits.get(step.id) ?? 0) + 1;
      visits.set(step.id, visit);
      const stepKey = visit === 1 ? step.id : `${step.id}#${visit}`;
      if (entered > effectiveLimits(scope).maxSteps) throw new RunEnded('escalated', `loop: ${entered - 1} steps entered (limit ${effectiveLimits(scope).maxSteps}); it would next enter ${step.id}`);
      enforceBudgets(scope);
      journal.mark('step.entered', stepKey, { step: step.id, kind: stepKind(step), ...('agent' in step ? { agent: step.agent } : {}) });
      if ('end' in step) {
        const output = step.output ? evaluateMap(step.output, 'step', runVars(scope)) : undefined;
        journal.mark('run.ended', stepKey, { status: 'completed', end: step.end, ...(output ? { output } : {}) });
        return { status: 'completed', endState: step.end, reason: null, ...(output ? { output } : {}), totals: scope.totals };
      }
      const output = await runStep(scope, step, stepKey);
      scope.steps[step.id] = { output };
      journal.mark('step.completed', stepKey, { output });
      const nextId = chooseNextStep(scope, step, output);
      journal.mark('transition', stepKey, { to: nextId });
      step = wf.steps.find((s) => s.id === nextId)!;
    }
  } catch (error) {
    if (error instanceof RunSuspended) return { status: 'waiting_approval', endState: null, reason: `waiting for approval ${error.approvalId}`, approvalId: error.approvalId, totals: scope.totals };
    if (error instanceof DivergenceError) throw error;
    const ended = asRunEnded(error);
    if (!ended) throw error;
    return await finishUnsuccessfully(scope, ended);
  }
}

async function runStep(scope: RunScope, step: Exclude<WorkflowStep, { end: string }>, stepKey: string): Promise<unknown> {
  if ('agent' in step) return runAgentStep(scope, step, stepKey);
  if ('tool' in step) return runToolStep(scope, step, stepKey);
  const outcome = await awaitApproval(scope, stepKey, { summary: step.approval.reason }, { policy: null, ruleId: `step:${step.id}`, reason: step.approval.reason, approval: { approvers: step.approval.approvers, role: step.approval.role ?? null } });
  if (outcome.ok) return { decision: 'approved', approvers: outcome.by };
  if (step.on_deny) return { decision: 'denied', approvers: outcome.by, reason: outcome.reason ?? null, on_deny: true };
  throw new RunEnded('denied', `approval for step ${step.id} denied by ${outcome.by.join(', ')}${outcome.reason ? `: ${outcome.reason}` : ''}`);
}

async function runToolStep(scope: RunScope, step: ToolStep, stepKey: string): Promise<unknown> {
  const args = evaluateMap(step.args, 'step', runVars(scope));
  const result = await callTool(scope, { callKey: stepKey, tool: step.tool, args, ...(step.timeout ? { stepTimeout: step.timeout } : {}) });
  if (!result.ok) {
    const d = result.decision;
    if (result.deniedByApprover) throw new RunEnded('denied', `step ${step.id}: ${step.tool} ${d.reason}`);
    if (result.withheld) throw new RunEnded('escalated', `step ${step.id}: the reply of ${step.tool} is withheld by policy ${d.policy} (${d.ruleId}): ${d.reason}`);
    throw new RunEnded('failed', `step ${step.id}: ${step.tool} blocked by policy ${d.policy ?? ''} (${d.ruleId}): ${d.reason}`.replace('policy  (', 'policy ('));
  }
  if (step.compensate && !result.dryRun) scope.writes.push({ stepId: step.id, stepKey, output: result.output });
  return result.output;
}

function chooseNextStep(scope: RunScope, step: Exclude<WorkflowStep, { end: string }>, output: unknown): string {
  const wf = scope.defs.workflow;
  if ('on_deny' in step && step.on_deny && (output as { on_deny?: boolean }).on_deny) return step.on_deny;
  if (!step.next) {
    const following = wf.steps[wf.steps.indexOf(step) + 1];
    if (!following) throw new RunEnded('failed', `step ${step.id} has no next step`);
    return following.id;
  }
  const vars = runVars(scope, output);
  for (const t of step.next) {
    if (t.when === undefined) return t.to;
    const holds = evaluateTransition(t.when, vars);
    if (holds) return t.to;
  }
  throw new RunEnded('failed', `no transition of step ${step.id} matched its output`);
}

function evaluateTransition(expression: string, vars: Record<string, unknown>): boolean {
  return evaluateMap({ when: expression }, 'transition', vars).when === true;
}

function asRunEnded(error: unknown): RunEnded | undefined {
  if (error instanceof RunEnded) return error;
  if (error instanceof EffectFailed) return new RunEnded('failed', error.message);
  if (error instanceof ExpressionError) return new RunEnded('failed', error.message);
  return undefined;
}

/** Failure after writes: run the declared compensations in reverse order, journaled like any call. */
async function finishUnsuccessfully(scope: RunScope, ended: RunEnded): Promise<RunResult> {
  const { journal } = scope;
  const compensable = ended.status === 'failed' || ended.status === 'timed_out' || ended.status === 'budget_exceeded';
  let status: RunStatus = ended.status;
  let reason = ended.reason;
  if (compensable && scope.writes.length > 0) {
    const failures: string[] = [];
    for (const write of [...scope.writes].reverse()) {
      const step = scope.defs.workflow.steps.find((s) => s.id === write.stepId) as ToolStep;
      try {
        const args = evaluateMap(step.compensate!.args, 'transition', runVars(scope, write.output));
        const result = await callTool(scope, { callKey: `compensate:${write.stepKey}`, tool: step.compensate!.tool, args, compensation: true });
        if (!result.ok) failures.push(`${step.compensate!.tool} blocked: ${result.decision.reason}`);
      } catch (error) {
        if (error instanceof RunSuspended || error instanceof DivergenceError || error instanceof JournalUnavailable) throw error;
        failures.push(`${step.compensate!.tool}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    status = failures.length === 0 ? 'compensated' : 'failed';
    reason = failures.length === 0 ? `${reason}; compensated ${scope.writes.length} write(s)` : `${reason}; compensation failed: ${failures.join('; ')}`;
  }
  journal.mark('run.ended', 'run', { status, reason });
  return { status, endState: null, reason, totals: scope.totals };
}
