import { claimCounts, ungroundedClaims, type EvalReport } from '../evals/index.ts';
import { paint } from './colour.ts';

/**
 * The gate's grounding line, then each ungrounded claim with its case, so a reader of the CI log
 * sees which sentence of which case is not backed by the evidence:
 * `  ✗ refund-request/x: "Refund of 77 USD promised." (steps.triage.output.summary): amount 77 USD: no 77 USD in …`.
 */
export function groundingLines(report: EvalReport): string[] {
  const n = claimCounts(report);
  const judged = report.cases.some((c) => c.grounding.judged);
  const left = n.unchecked && !judged ? `; ${n.unchecked} without a figure, date or status left unchecked (--judge asks a model)` : '';
  return [
    `grounding: ${n.checked} claim(s) checked in ${report.cases.length} case(s), ${n.ungrounded} ungrounded${left}`,
    ...ungroundedClaims(report).map((u) => `  ${paint('✗', 'red')} ${u.case}: ${u.text}`),
  ];
}
