import type { CaseReport } from './case-report.ts';
import type { CaseSummary } from './case-summary.ts';

export interface ReportTotals {
  readonly cases: number;
  readonly passed: number;
  readonly pass_rate: number;
  readonly grounding_rate: number;
  readonly hard_violations: number;
  readonly policy_blocks: number;
  readonly cost_total_usd: number;
  readonly cost_per_run_usd: number;
  readonly tokens_total: number;
  readonly p50_latency_ms: number;
  readonly p95_latency_ms: number;
}

/** An eval's report as the gate reads it: a summary per case (the full reports are in a case log). */
export interface EvalReport {
  readonly tollgate_report: 1;
  readonly created_at: string;
  readonly model: string | null;
  readonly shards: { index: number; total: number }[];
  readonly cases: CaseSummary[];
  readonly totals: ReportTotals;
}

/** The report as its file holds it (eval.json, gate.json): every case in full. */
export interface EvalReportFile extends Omit<EvalReport, 'cases'> {
  readonly cases: CaseReport[];
}

type Totalled = Pick<CaseReport, 'pass' | 'grounded' | 'latency_ms' | 'cost_usd' | 'hard_violations' | 'policy_blocks' | 'tokens'>;

/** Totals of a set of cases; pure. */
export function totalsOf(cases: readonly Totalled[]): ReportTotals {
  const n = cases.length;
  const latencies = cases.map((c) => c.latency_ms).sort((a, b) => a - b);
  const pct = (p: number) => (n === 0 ? 0 : latencies[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  const cost = cases.reduce((s, c) => s + c.cost_usd, 0);
  const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    cases: n,
    passed: cases.filter((c) => c.pass).length,
    pass_rate: n === 0 ? 0 : round(cases.filter((c) => c.pass).length / n),
    grounding_rate: n === 0 ? 0 : round(cases.filter((c) => c.grounded).length / n),
    hard_violations: cases.reduce((s, c) => s + c.hard_violations, 0),
    policy_blocks: cases.reduce((s, c) => s + c.policy_blocks, 0),
    cost_total_usd: round(cost, 6),
    cost_per_run_usd: n === 0 ? 0 : round(cost / n, 6),
    tokens_total: cases.reduce((s, c) => s + c.tokens, 0),
    p50_latency_ms: pct(50),
    p95_latency_ms: pct(95),
  };
}
