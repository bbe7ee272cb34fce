import type { CaseSummary } from '../../evals/index.ts';
import type { EvalView } from '../source.ts';
import { fit, usd } from './text.ts';

/** A case's standing against the committed baseline. */
export function baselineMark(view: EvalView, key: string): string {
  const b = view.verdict?.baseline;
  if (!b?.compared) return '';
  if (b.regressions.includes(key)) return 'NEWLY FAILING';
  if (b.fixed.includes(key)) return 'newly passing';
  if (b.cost_up.includes(key)) return 'cost up';
  return '';
}

export function evalTitle(view: EvalView): string {
  return `Evals · ${view.kind} report of ${view.report.created_at.slice(0, 19).replace('T', ' ')}${view.report.model ? ` · ${view.report.model}` : ''}`;
}

export function evalTotals(view: EvalView): string {
  const t = view.report.totals;
  const verdict = view.verdict ? (view.verdict.pass ? 'gate PASSES' : 'gate FAILS') : 'no gate.yaml';
  return `${t.passed}/${t.cases} passed · ${verdict} · ${usd(t.cost_per_run_usd)}/run · p95 ${t.p95_latency_ms} ms · ${t.policy_blocks} blocks · ${t.hard_violations} hard violations`;
}

export function baselineSummary(view: EvalView): string {
  const b = view.verdict?.baseline;
  if (!b) return 'no gate config: nothing to compare against';
  if (!b.compared) return `no baseline at ${view.baselineFile ?? 'evals/baseline.json'}`;
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');
  return `against the baseline: newly failing ${list(b.regressions)} · newly passing ${list(b.fixed)} · cost up ${list(b.cost_up)}`;
}

export function caseLine(c: CaseSummary, view: EvalView, width: number): string {
  const mark = baselineMark(view, c.key);
  const tail = ` ${c.end.padEnd(14)} ${usd(c.cost_usd).padStart(9)} ${`${c.latency_ms}ms`.padStart(7)}${mark ? `  ${mark}` : ''}`;
  return fit(`${c.pass ? '✓' : '✗'} ${c.key}`, Math.max(10, width - tail.length)) + tail;
}

/** Why a case failed: each failing scorer and its reason (or that every scorer passed). */
export function caseDetail(c: CaseSummary): string[] {
  const failing = c.scores.filter((s) => !s.pass);
  return [
    `${c.key}  (${c.file})  run ${c.run_id}`,
    ...(failing.length ? failing.map((s) => `✗ ${s.scorer}: ${s.reason}`) : [`✓ every scorer passed (${c.scores.map((s) => s.scorer).join(', ')})`]),
  ];
}
