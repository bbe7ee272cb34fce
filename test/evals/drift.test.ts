import { describe, expect, it } from 'vitest';
import { judge, totalsOf, type Baseline, type CaseSummary, type EvalReport } from '../../src/evals/index.ts';
import { GateSchema } from '../../src/workflow/gate-schema.ts';

const caseReport = (key: string, m: { tokens: number; cost_usd: number; tool_calls: number; approvals: number }): CaseSummary => ({
  key, id: key.split('/')[1]!, workflow: key.split('/')[0]!, file: `evals/gold/${key}.yaml`, run_id: `run_${key}`, end: 'resolved', pass: true, failed: [], scores: [],
  grounding: { checked: 0, ungrounded: 0, unchecked: 0, judged: false, claims: [] },
  latency_ms: 0, grounded: true, hard_violations: 0, policy_blocks: 0, ...m,
});
const report = (cases: CaseSummary[]): EvalReport => ({ tollgate_report: 1, created_at: '2026-11-29T00:00:00Z', model: null, shards: [], cases, totals: totalsOf(cases) });
const baseline: Baseline = { tollgate_baseline: 1, cases: { 'wf/a': { pass: true, end: 'resolved', cost_usd: 0.001, tokens: 1000, tool_calls: 4, approvals: 1 } } };
const gate = (drift: unknown) => GateSchema.parse({ thresholds: {}, baseline: { drift } });

describe('two-sided drift against the baseline', () => {
  it('a large drop is behaviour change: fewer tokens, tool calls or approvals fail as surely as more', () => {
    const v = judge(report([caseReport('wf/a', { tokens: 400, cost_usd: 0.001, tool_calls: 2, approvals: 0 })]), gate({ tokens: { drop: 0.3 }, tool_calls: { drop: 0 }, approvals: { drop: 0 } }), baseline);
    expect(v.pass).toBe(false);
    expect(v.reasons.map((r) => [r.code, r.message])).toEqual([
      ['drift', 'wf/a: tokens dropped 1,000 → 400 (-60%, tolerance 30%)'],
      ['drift', 'wf/a: tool_calls dropped 4 → 2 (-50%, tolerance 0%)'],
      ['drift', 'wf/a: approvals dropped 1 → 0 (-100%, tolerance 0%)'],
    ]);
    expect(v.baseline.drift.map((d) => [d.metric, d.direction, d.severity])).toEqual([['tokens', 'drop', 'fail'], ['tool_calls', 'drop', 'fail'], ['approvals', 'drop', 'fail']]);
  });

  it('within tolerance nothing is said; a metric set to warn warns without failing', () => {
    const within = judge(report([caseReport('wf/a', { tokens: 800, cost_usd: 0.00105, tool_calls: 4, approvals: 1 })]), gate({ tokens: { drop: 0.3, rise: 0.3 } }), baseline);
    expect([within.pass, within.reasons, within.warnings]).toEqual([true, [], []]);
    const warned = judge(report([caseReport('wf/a', { tokens: 1000, cost_usd: 0.001, tool_calls: 4, approvals: 3 })]), gate({ approvals: { rise: 0, on_rise: 'warn' } }), baseline);
    expect(warned.pass).toBe(true);
    expect(warned.warnings.map((w) => w.message)).toEqual(['wf/a: approvals rose 1 → 3 (+200%, tolerance 0%)']);
  });

  it('a cost rise beyond cost_tolerance fails as a cost regression (the default rule), a cost drop only when a rule says so', () => {
    const up = judge(report([caseReport('wf/a', { tokens: 1000, cost_usd: 0.0012, tool_calls: 4, approvals: 1 })]), gate({}), baseline);
    expect(up.reasons.map((r) => [r.code, r.message])).toEqual([['cost_regression', 'wf/a: cost_usd rose $0.001 → $0.0012 (+20%, tolerance 10%)']]);
    expect(up.baseline.cost_up).toEqual(['wf/a']);
    const down = report([caseReport('wf/a', { tokens: 1000, cost_usd: 0.0003, tool_calls: 4, approvals: 1 })]);
    expect(judge(down, gate({}), baseline).pass).toBe(true);
    expect(judge(down, gate({ cost_usd: { drop: 0.3 } }), baseline).reasons.map((r) => r.message)).toEqual(['wf/a: cost_usd dropped $0.001 → $0.0003 (-70%, tolerance 30%)']);
  });

  it('cases new to the baseline are listed, not compared', () => {
    const v = judge(report([caseReport('wf/a', { tokens: 1000, cost_usd: 0.001, tool_calls: 4, approvals: 1 }), caseReport('wf/new', { tokens: 9, cost_usd: 1, tool_calls: 99, approvals: 0 })]), gate({ tokens: { drop: 0 } }), baseline);
    expect([v.pass, v.baseline.new_cases]).toEqual([true, ['wf/new']]);
  });

  it('a rise from zero exceeds any tolerance; a baseline written before a metric was recorded is not compared on it', () => {
    const fromZero: Baseline = { tollgate_baseline: 1, cases: { 'wf/a': { pass: true, end: 'resolved', cost_usd: 0.001, tokens: 1000, tool_calls: 4, approvals: 0 } } };
    const v = judge(report([caseReport('wf/a', { tokens: 1000, cost_usd: 0.001, tool_calls: 4, approvals: 1 })]), gate({ approvals: { rise: 5 } }), fromZero);
    expect(v.reasons.map((r) => r.message)).toEqual(['wf/a: approvals rose 0 → 1 (from zero, tolerance 500%)']);
    const older: Baseline = { tollgate_baseline: 1, cases: { 'wf/a': { pass: true, end: 'resolved', cost_usd: 0.001, tokens: 1000 } } };
    const calm = judge(report([caseReport('wf/a', { tokens: 1000, cost_usd: 0.001, tool_calls: 40, approvals: 9 })]), gate({ tool_calls: { rise: 0 }, approvals: { rise: 0 } }), older);
    expect([calm.pass, calm.baseline.drift]).toEqual([true, []]);
  });
});
