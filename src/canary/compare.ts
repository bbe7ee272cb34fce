import { diffJson, diffWordsWithSpace } from 'diff';
import type { GateConfig } from '../workflow/index.ts';
import type { CanaryReport, CaseComparison, CaseFinding, Sample, SideSummary, Verdict } from './types.ts';

/** A p95 slowdown smaller than this is treated as noise, whatever its ratio. */
export const MIN_LATENCY_DELTA_MS = 250;

export const STATISTIC =
  'Each case runs N times per model. A case is regressed when the baseline passes in every repeat and the candidate fails in every repeat (improved: the reverse); ' +
  'when either model both passes and fails across its own repeats the case is flaky, and a flaky case is never counted as a regression.';

/** Compares the samples of one case; pure. */
export function compareCase(key: string, file: string, baseline: Sample[], candidate: Sample[]): CaseComparison {
  const allPass = (s: Sample[]) => s.every((x) => x.pass);
  const allFail = (s: Sample[]) => s.every((x) => !x.pass);
  const mixed = (s: Sample[]) => !allPass(s) && !allFail(s);
  const notes: string[] = [];
  let finding: CaseFinding;
  if (mixed(baseline) || mixed(candidate)) {
    finding = 'flaky';
    for (const [name, s] of [['baseline', baseline], ['candidate', candidate]] as const) if (mixed(s)) notes.push(`${name} passed ${s.filter((x) => x.pass).length} of ${s.length} repeats`);
  } else if (allPass(baseline) && allFail(candidate)) {
    finding = 'regressed';
    notes.push(`candidate fails: ${[...new Set(candidate.flatMap((x) => x.failed))].join(', ')} (ends ${candidate[0]!.end}, baseline ${baseline[0]!.end})`);
  } else if (allFail(baseline) && allPass(candidate)) {
    finding = 'improved';
  } else {
    const b = baseline[0]!;
    const c = candidate[0]!;
    const changed = b.answer !== c.answer || JSON.stringify(b.tool_calls) !== JSON.stringify(c.tool_calls) || b.end !== c.end;
    finding = changed ? 'changed' : 'same';
  }
  const b = baseline[0]!;
  const c = candidate[0]!;
  if (c.tools.length !== b.tools.length || c.tools.some((t, i) => t !== b.tools[i])) notes.push(`tool calls: ${b.tools.join(', ') || '—'} → ${c.tools.join(', ') || '—'}`);
  if (b.answer !== c.answer) notes.push('the answer text differs');
  const cost = (s: Sample[]) => s.reduce((n, x) => n + x.cost_usd, 0) / s.length;
  if (cost(baseline) > 0 && cost(candidate) > cost(baseline) * 1.2) notes.push(`cost ×${(cost(candidate) / cost(baseline)).toFixed(2)}`);
  if (c.hard_violations > b.hard_violations) notes.push(`${c.hard_violations} hard violation(s)`);
  return {
    key, file, baseline, candidate, finding, notes,
    answerDiff: diffWordsWithSpace(b.answer, c.answer),
    toolDiff: diffJson(b.tool_calls as object, c.tool_calls as object),
  };
}

export function summarise(model: string, cases: CaseComparison[], side: 'baseline' | 'candidate'): SideSummary {
  const samples = cases.flatMap((c) => c[side]);
  const latencies = samples.map((s) => s.latency_ms).sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : 0);
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    model,
    pass_rate: samples.length ? round(samples.filter((s) => s.pass).length / samples.length, 4) : 0,
    hard_violations: samples.reduce((n, s) => n + s.hard_violations, 0),
    policy_blocks: samples.reduce((n, s) => n + s.policy_blocks, 0),
    approvals: samples.reduce((n, s) => n + s.approvals, 0),
    tokens: samples.reduce((n, s) => n + s.tokens, 0),
    cost_per_case_usd: samples.length ? round(samples.reduce((n, s) => n + s.cost_usd, 0) / samples.length, 6) : 0,
    p50_latency_ms: pct(50),
    p95_latency_ms: pct(95),
  };
}

/** promote / hold / reject with reasons, from `canary:` thresholds in evals/gate.yaml; pure. */
export function verdictOf(cases: CaseComparison[], baseline: SideSummary, candidate: SideSummary, thresholds: NonNullable<GateConfig['canary']>): { verdict: Verdict; reasons: string[] } {
  const reject: string[] = [];
  const hold: string[] = [];
  const regressed = cases.filter((c) => c.finding === 'regressed');
  if (regressed.length / Math.max(1, cases.length) > thresholds.max_pass_rate_drop) reject.push(`${regressed.length} case(s) regressed: ${regressed.map((c) => c.key).join(', ')}`);
  if (candidate.hard_violations > baseline.hard_violations) reject.push(`hard violations ${baseline.hard_violations} → ${candidate.hard_violations}`);
  const flaky = cases.filter((c) => c.finding === 'flaky');
  if (flaky.length) hold.push(`${flaky.length} flaky case(s) need more repeats or a look: ${flaky.map((c) => c.key).join(', ')}`);
  if (baseline.cost_per_case_usd > 0 && candidate.cost_per_case_usd > baseline.cost_per_case_usd * (1 + thresholds.max_cost_increase)) {
    hold.push(`cost per case $${baseline.cost_per_case_usd} → $${candidate.cost_per_case_usd} (over +${Math.round(thresholds.max_cost_increase * 100)}%)`);
  }
  // Latency noise of a few milliseconds is not a finding: the slowdown must also be large in absolute terms.
  const slower = candidate.p95_latency_ms - baseline.p95_latency_ms;
  if (baseline.p95_latency_ms > 0 && candidate.p95_latency_ms > baseline.p95_latency_ms * (1 + thresholds.max_p95_latency_increase) && slower >= MIN_LATENCY_DELTA_MS) {
    hold.push(`p95 latency ${baseline.p95_latency_ms} → ${candidate.p95_latency_ms} ms (over +${Math.round(thresholds.max_p95_latency_increase * 100)}%)`);
  }
  if (reject.length) return { verdict: 'reject', reasons: [...reject, ...hold] };
  if (hold.length) return { verdict: 'hold', reasons: hold };
  return { verdict: 'promote', reasons: ['no regression beyond tolerance, no new hard violation, cost and latency within budget'] };
}

export function assemble(base: Omit<CanaryReport, 'verdict' | 'reasons' | 'baseline' | 'candidate' | 'statistic'>, models: { baseline: string; candidate: string }, thresholds: NonNullable<GateConfig['canary']>): CanaryReport {
  const baseline = summarise(models.baseline, base.cases, 'baseline');
  const candidate = summarise(models.candidate, base.cases, 'candidate');
  return { ...base, statistic: STATISTIC, baseline, candidate, ...verdictOf(base.cases, baseline, candidate, thresholds) };
}
