import type { ScoreResult } from './types.ts';

/** One gold case in a report. */
export interface CaseReport {
  readonly key: string;
  readonly id: string;
  readonly workflow: string;
  readonly file: string;
  readonly run_id: string;
  readonly end: string;
  readonly pass: boolean;
  readonly failed: string[];
  readonly scores: ScoreResult[];
  readonly cost_usd: number;
  readonly tokens: number;
  readonly latency_ms: number;
  /** What `latency_ms` is: the modelled duration (offline, scripted runs) or the wall clock (live runs). */
  readonly latency_source?: 'modelled' | 'wall';
  readonly grounded: boolean;
  readonly hard_violations: number;
  readonly policy_blocks: number;
  /** Tool calls that reached a tool (executed or dry runs; blocked attempts are not counted). */
  readonly tool_calls: number;
  /** Approvals the run asked for. */
  readonly approvals: number;
  /** Policy and workflow rule sides the run exercised (`<item key>#<side>`, see src/coverage/). */
  readonly coverage?: string[];
}

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

export interface EvalReport {
  readonly tollgate_report: 1;
  readonly created_at: string;
  readonly model: string | null;
  readonly shards: { index: number; total: number }[];
  readonly cases: CaseReport[];
  readonly totals: ReportTotals;
}

/** Totals of a set of case reports; pure. */
export function totalsOf(cases: readonly CaseReport[]): ReportTotals {
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

/** Joins shard reports into one (cases by key; a case in two shards is an error). */
export function mergeReports(reports: readonly EvalReport[]): EvalReport {
  const seen = new Map<string, CaseReport>();
  for (const r of reports) {
    for (const c of r.cases) {
      if (seen.has(c.key)) throw new Error(`case ${c.key} appears in more than one shard report`);
      seen.set(c.key, c);
    }
  }
  const cases = [...seen.values()].sort((a, b) => a.key.localeCompare(b.key));
  return { tollgate_report: 1, created_at: new Date().toISOString(), model: reports[0]?.model ?? null, shards: reports.flatMap((r) => r.shards), cases, totals: totalsOf(cases) };
}
