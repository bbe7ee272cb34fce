import type { JournalRow, RunRecord } from '../core/index.ts';
import { outcomeOf } from './outcome.ts';

/** The operating figures of a set of runs. */
export interface Scorecard {
  readonly runs: number;
  readonly ended: number;
  readonly success_rate: number;
  readonly p50_duration_ms: number;
  readonly p95_duration_ms: number;
  readonly tool_calls: number;
  readonly tool_error_rate: number;
  readonly retry_rate: number;
  readonly timeout_rate: number;
  readonly escalation_rate: number;
  readonly approval_rate: number;
  readonly policy_blocks: number;
  /** Loops the policy stopped: identical calls and denied-call caps (`loops`, `loops:denied-calls`). */
  readonly loop_stops: number;
  /** Tool replies withheld by a result rule (data ownership). */
  readonly withheld_results: number;
  readonly tokens_per_run: number;
  readonly tokens_per_step: number;
  readonly cost_per_run_usd: number;
  readonly cost_per_step_usd: number;
}

export type Metric = keyof Scorecard;

/** Computes a scorecard from runs and their journals; pure. */
export function scorecard(runs: readonly RunRecord[], journals: ReadonlyMap<string, readonly JournalRow[]>): Scorecard {
  const ended = runs.filter((r) => outcomeOf(r.status, r.endState) !== undefined);
  const durations = ended.filter((r) => r.endedAt !== null).map((r) => r.endedAt! - r.startedAt);
  let toolCalls = 0, toolErrors = 0, retries = 0, timeouts = 0, blocks = 0, steps = 0, loopStops = 0, withheld = 0;
  let withApproval = 0;
  for (const run of runs) {
    const rows = journals.get(run.runId) ?? [];
    let asked = false;
    for (const row of rows) {
      const d = row.data as { error?: { code: string }; effect?: string; ruleId?: string | null; withheld?: boolean };
      if (row.kind === 'tool.started') (toolCalls++, row.attempt > 1 && retries++);
      if (row.kind === 'tool.done' && d.error) (toolErrors++, d.error.code === 'TG_TOOL_TIMEOUT' && timeouts++);
      if (row.kind === 'policy.decision' && d.effect === 'deny') blocks++;
      if (row.kind === 'policy.decision' && d.ruleId?.startsWith('loops')) loopStops++;
      if (row.kind === 'policy.decision' && d.withheld) withheld++;
      if (row.kind === 'step.entered') steps++;
      if (row.kind === 'approval.requested') asked = true;
    }
    if (asked) withApproval++;
  }
  const tokens = runs.reduce((n, r) => n + r.tokensIn + r.tokensOut, 0);
  const cost = runs.reduce((n, r) => n + r.costUsd, 0);
  const escalated = ended.filter((r) => outcomeOf(r.status, r.endState) === 'escalated').length;
  const rate = (n: number, d: number) => (d === 0 ? 0 : round(n / d, 4));
  return {
    runs: runs.length,
    ended: ended.length,
    success_rate: rate(ended.filter((r) => outcomeOf(r.status, r.endState) === 'succeeded').length, ended.length),
    p50_duration_ms: percentile(durations, 50),
    p95_duration_ms: percentile(durations, 95),
    tool_calls: toolCalls,
    tool_error_rate: rate(toolErrors, toolCalls),
    retry_rate: rate(retries, toolCalls),
    timeout_rate: rate(timeouts, toolCalls),
    escalation_rate: rate(escalated, ended.length),
    approval_rate: rate(withApproval, runs.length),
    policy_blocks: blocks,
    loop_stops: loopStops,
    withheld_results: withheld,
    tokens_per_run: rate(tokens, runs.length),
    tokens_per_step: rate(tokens, steps),
    cost_per_run_usd: round(runs.length ? cost / runs.length : 0, 6),
    cost_per_step_usd: round(steps ? cost / steps : 0, 6),
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
