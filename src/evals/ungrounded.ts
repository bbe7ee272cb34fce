import type { ClaimVerdict } from '../grounding/index.ts';
import type { EvalReport } from './report.ts';
import { describeUngrounded } from './scorers/grounding.ts';

/** Every ungrounded claim of a report, with its case: what the grounding line and the summary name. */
export function ungroundedClaims(report: EvalReport): { case: string; file: string; claim: ClaimVerdict; text: string }[] {
  return report.cases.flatMap((c) => c.grounding.claims.map((claim) => ({ case: c.key, file: c.file, claim, text: describeUngrounded(claim) })));
}

/** How many claims the report's cases made, checked and left for a judge. */
export function claimCounts(report: EvalReport): { checked: number; ungrounded: number; unchecked: number } {
  const sum = (n: (c: EvalReport['cases'][number]) => number) => report.cases.reduce((s, c) => s + n(c), 0);
  return { checked: sum((c) => c.grounding.checked), ungrounded: sum((c) => c.grounding.ungrounded), unchecked: sum((c) => c.grounding.unchecked) };
}
