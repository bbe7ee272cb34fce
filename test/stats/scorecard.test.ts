import { describe, expect, it } from 'vitest';
import { evaluateAlerts, scorecard, type AlertRule } from '../../src/stats/index.ts';
import type { JournalRow, RunRecord } from '../../src/core/index.ts';
import { openMini, startRefund } from '../support/workbench.ts';

const run = (id: string, over: Partial<RunRecord>): RunRecord => ({
  runId: id, correlationId: id, workflow: 'w', version: 1, definitionsDigest: 'd', env: 'dev', triggerType: 'event', status: 'completed', endState: 'resolved',
  reason: null, event: {}, options: {}, startedAt: 0, updatedAt: 0, endedAt: 100, ownerPid: null, tokensIn: 100, tokensOut: 50, costUsd: 0.001, toolCalls: 2, ...over,
});
const row = (seq: number, kind: string, data: unknown, attempt = 1): JournalRow => ({ seq, kind, stepKey: 's', attempt, inputSha256: null, data, ts: seq });

describe('scorecard', () => {
  it('computes rates, percentiles and per-run and per-step figures', () => {
    const runs = [run('a', { endedAt: 100 }), run('b', { endedAt: 300, status: 'escalated', endState: null }), run('c', { endedAt: 200, status: 'failed', endState: null }), run('d', { status: 'waiting_approval', endState: null, endedAt: null })];
    const journals = new Map([
      ['a', [row(1, 'step.entered', {}), row(2, 'tool.started', {}), row(3, 'tool.done', { error: { code: 'TG_TOOL_TIMEOUT' } }), row(4, 'tool.started', {}, 2), row(5, 'tool.done', { output: {} })]],
      ['b', [row(1, 'step.entered', {}), row(2, 'policy.decision', { effect: 'deny' }), row(3, 'policy.decision', { effect: 'deny', ruleId: 'results:own', withheld: true }), row(4, 'policy.decision', { effect: 'escalate', ruleId: 'loops:denied-calls' })]],
      ['d', [row(1, 'step.entered', {}), row(2, 'approval.requested', {})]],
    ]);
    expect(scorecard(runs, journals)).toEqual({
      runs: 4, ended: 3, success_rate: 0.3333, p50_duration_ms: 200, p95_duration_ms: 300, tool_calls: 2, tool_error_rate: 0.5, retry_rate: 0.5, timeout_rate: 0.5,
      escalation_rate: 0.3333, approval_rate: 0.25, policy_blocks: 2, loop_stops: 1, withheld_results: 1, tokens_per_run: 150, tokens_per_step: 200, cost_per_run_usd: 0.001, cost_per_step_usd: 0.001333,
    });
  });

  it('alerts fire on a doubled escalation rate, up-100% tokens and tripled blocks, and not on noise', () => {
    const rules: AlertRule[] = [
      { id: 'esc', metric: 'escalation_rate', factor: 2, min_runs: 5 },
      { id: 'tok', metric: 'tokens_per_run', factor: 2, min_runs: 5 },
      { id: 'blk', metric: 'policy_blocks', factor: 3, min_runs: 5 },
      { id: 'ok', metric: 'success_rate', below: 0.5, min_runs: 5 },
    ];
    const base = scorecard(Array.from({ length: 10 }, (_, i) => run(`p${i}`, i === 0 ? { status: 'escalated', endState: null } : {})), new Map([['p0', [row(1, 'policy.decision', { effect: 'deny' })]]]));
    const worse = scorecard(
      Array.from({ length: 10 }, (_, i) => run(`c${i}`, { tokensIn: 250, ...(i < 2 ? { status: 'escalated', endState: null } : {}) })),
      new Map([['c0', [row(1, 'policy.decision', { effect: 'deny' }), row(2, 'policy.decision', { effect: 'deny' }), row(3, 'policy.decision', { effect: 'deny' })]]]),
    );
    expect(evaluateAlerts(rules, worse, base).map((a) => a.id)).toEqual(['esc', 'tok', 'blk']);
    expect(evaluateAlerts(rules, base, base)).toEqual([]);
    const few = scorecard([run('x', { status: 'escalated', endState: null })], new Map());
    expect(evaluateAlerts(rules, few, base)).toEqual([]);
  });

  it('runs against the database of real runs', async () => {
    const wb = openMini();
    try {
      await startRefund(wb, 'O-1');
      await startRefund(wb, 'O-4');
      const runs = wb.runs.list();
      const card = scorecard(runs, new Map(runs.map((r) => [r.runId, wb.journal(r.runId)])));
      expect(card).toMatchObject({ runs: 2, ended: 2, success_rate: 0.5, policy_blocks: 1 });
    } finally {
      await wb.close();
    }
  });
});
