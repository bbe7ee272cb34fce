import type { EvalReport } from '../evals/index.ts';
import { paint } from './colour.ts';

/**
 * Each failing case with one line per failing check, so a reader of the console (CI logs) sees
 * why without opening reports/*.json: `✗ refund-request/x (evals/gold/…)` then `  outcome: …`.
 */
export function caseFailureLines(report: EvalReport): string[] {
  return report.cases
    .filter((c) => !c.pass)
    .flatMap((c) => [
      `  ${paint('✗', 'red')} ${c.key} (${c.file})`,
      ...c.scores.filter((s) => !s.pass).flatMap((s) => s.reason.split('; ').map((line) => `      ${s.scorer}: ${line}`)),
    ]);
}
