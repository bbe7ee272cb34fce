import type { GateConfig } from '../workflow/index.ts';
import type { EvalReport } from './report.ts';
import { describeDrift, driftOf, driftRules, type Drift } from './drift.ts';

export interface GateReason {
  readonly code: 'pass_rate' | 'grounding_rate' | 'hard_violations' | 'cost_per_run' | 'p95_latency' | 'regression' | 'cost_regression' | 'drift' | 'coverage' | 'mutation_score' | 'case_failed';
  readonly message: string;
  /** The gold case (and its file) a reason is about, for annotations. */
  readonly case?: string;
  readonly file?: string;
  /** The line in `file` of the expectation that failed. */
  readonly line?: number;
}

export interface GateVerdict {
  readonly pass: boolean;
  /** Why the gate fails (thresholds, baseline); empty when it passes. */
  readonly reasons: GateReason[];
  /** Each failing case with its failing scorers (reported whether or not the thresholds tolerate it). */
  readonly failures: GateReason[];
  /** Changes worth a look that do not fail the gate (drift set to warn). */
  readonly warnings: GateReason[];
  /** Case keys: newly failing, newly passing, cost up beyond tolerance, drift either way, not in the baseline. */
  readonly baseline: { regressions: string[]; fixed: string[]; cost_up: string[]; missing: string[]; new_cases: string[]; drift: Drift[]; compared: boolean };
}

/** A committed baseline: per case, whether it passed and what it cost. */
export interface Baseline {
  readonly tollgate_baseline: 1;
  readonly cases: Record<string, { pass: boolean; end: string; cost_usd: number; tokens: number; tool_calls?: number; approvals?: number }>;
}

export function baselineOf(report: EvalReport): Baseline {
  return { tollgate_baseline: 1, cases: Object.fromEntries(report.cases.map((c) => [c.key, { pass: c.pass, end: c.end, cost_usd: c.cost_usd, tokens: c.tokens, tool_calls: c.tool_calls, approvals: c.approvals }])) };
}

/** The gate's verdict on a report, against thresholds and the baseline; pure. */
export function judge(report: EvalReport, gate: GateConfig, baseline: Baseline | undefined): GateVerdict {
  const t = gate.thresholds;
  const totals = report.totals;
  const reasons: GateReason[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const failures: GateReason[] = report.cases
    .filter((x) => !x.pass)
    .map((c) => {
      const failing = c.scores.filter((s) => !s.pass);
      const line = failing.find((s) => s.line !== undefined)?.line;
      return { code: 'case_failed' as const, message: `${c.key} failed — ${failing.map((s) => `${s.scorer}: ${s.reason}`).join('; ')}`, case: c.key, file: c.file, ...(line !== undefined ? { line } : {}) };
    });
  if (totals.pass_rate < t.pass_rate) reasons.push({ code: 'pass_rate', message: `pass rate ${pct(totals.pass_rate)} is below ${pct(t.pass_rate)}` });
  if (totals.grounding_rate < t.grounding_rate) reasons.push({ code: 'grounding_rate', message: `grounding rate ${pct(totals.grounding_rate)} is below ${pct(t.grounding_rate)}` });
  if (totals.hard_violations > t.hard_violations) reasons.push({ code: 'hard_violations', message: `${totals.hard_violations} hard policy violation(s); at most ${t.hard_violations} allowed` });
  if (t.max_cost_per_run_usd !== undefined && totals.cost_per_run_usd > t.max_cost_per_run_usd) reasons.push({ code: 'cost_per_run', message: `cost per run $${totals.cost_per_run_usd} is over $${t.max_cost_per_run_usd}` });
  if (t.p95_latency_ms !== undefined && totals.p95_latency_ms > t.p95_latency_ms) reasons.push({ code: 'p95_latency', message: `p95 latency ${totals.p95_latency_ms} ms is over ${t.p95_latency_ms} ms` });

  const warnings: GateReason[] = [];
  const comparison = { regressions: [] as string[], fixed: [] as string[], cost_up: [] as string[], missing: [] as string[], new_cases: [] as string[], drift: [] as Drift[], compared: baseline !== undefined };
  if (baseline) {
    const rules = driftRules(gate);
    for (const c of report.cases) {
      const before = baseline.cases[c.key];
      if (!before) {
        comparison.new_cases.push(c.key);
        continue;
      }
      if (before.pass && !c.pass) comparison.regressions.push(c.key);
      if (!before.pass && c.pass) comparison.fixed.push(c.key);
      for (const d of driftOf(c.key, before, c, rules)) {
        comparison.drift.push(d);
        if (d.metric === 'cost_usd' && d.direction === 'rise') comparison.cost_up.push(c.key);
        const reason: GateReason = { code: d.metric === 'cost_usd' && d.direction === 'rise' ? 'cost_regression' : 'drift', message: describeDrift(d), case: c.key, file: c.file };
        (d.severity === 'fail' ? reasons : warnings).push(reason);
      }
    }
    const ran = new Set(report.cases.map((c) => c.key));
    comparison.missing.push(...Object.keys(baseline.cases).filter((k) => !ran.has(k)));
    if (comparison.regressions.length > gate.baseline.allow_new_failures) {
      for (const key of comparison.regressions) {
        const c = report.cases.find((x) => x.key === key)!;
        reasons.push({ code: 'regression', message: `${key} passed in the baseline and fails now`, case: key, file: c.file });
      }
    }
  }
  return { pass: reasons.length === 0, reasons, failures, warnings, baseline: comparison };
}
