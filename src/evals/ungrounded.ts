import type { ClaimVerdict } from '../grounding/index.ts';
import type { EvalReport } from './report.ts';
import { describeUngrounded } from './scorers/grounding.ts';

/** Every ungrounded claim of a report, with its case: what the grounding line and the summary name. */
export function ungroundedClaims(report: EvalReport): { case: string; file: string; claim: ClaimVerdict; text: string }[] {
  return report.cases.flatMap((c) => claimsOf(c).filter((v) => v.verdict === 'ungrounded').map((claim) => ({ case: c.key, file: c.file, claim, text: describeUngrounded(claim) })));
}

/** How many claims the report's cases made, checked and left for a judge. */
export function claimCounts(report: EvalReport): { checked: number; ungrounded: number; unchecked: number } {
  const all = report.cases.flatMap(claimsOf);
  return { checked: all.filter((v) => v.verdict !== 'unchecked').length, ungrounded: all.filter((v) => v.verdict === 'ungrounded').length, unchecked: all.filter((v) => v.verdict === 'unchecked').length };
}

function claimsOf(c: EvalReport['cases'][number]): ClaimVerdict[] {
  return (c.scores.find((s) => s.scorer === 'grounding')?.details?.claims ?? []) as ClaimVerdict[];
}
