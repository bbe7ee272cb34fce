import type { ClaimVerdict } from '../grounding/index.ts';
import type { CaseReport } from './case-report.ts';
import type { ScoreResult } from './types.ts';

/** A scorer's verdict without its details: what the summaries, annotations and JUnit show. */
export type ScoreLine = Omit<ScoreResult, 'details'>;

/** The grounding scorer's claims, counted; only the ungrounded ones are kept (they are named in the summaries). */
export interface GroundingTally {
  readonly checked: number;
  readonly ungrounded: number;
  readonly unchecked: number;
  /** A judge model ruled on the claims the deterministic check left unchecked. */
  readonly judged: boolean;
  readonly claims: ClaimVerdict[];
}

/**
 * What an eval keeps of a case while it runs: the case report without the scorers' details. The
 * full report goes to a case log (on disk for the CLI), so 20,000 cases do not live in memory.
 */
export interface CaseSummary extends Omit<CaseReport, 'scores'> {
  readonly scores: ScoreLine[];
  readonly grounding: GroundingTally;
}

/** The summary of a full case report; `intern` shares repeated strings (coverage keys) between cases. */
export function summaryOf(c: CaseReport, intern: (s: string) => string = (s) => s): CaseSummary {
  const { scores, coverage, ...rest } = c;
  const details = scores.find((s) => s.scorer === 'grounding')?.details;
  const claims = (details?.claims ?? []) as ClaimVerdict[];
  const count = (verdict: ClaimVerdict['verdict']) => claims.filter((v) => v.verdict === verdict).length;
  return {
    ...rest,
    ...(coverage ? { coverage: coverage.map(intern) } : {}),
    scores: scores.map(({ details: _, ...line }) => line),
    grounding: { checked: claims.length - count('unchecked'), ungrounded: count('ungrounded'), unchecked: count('unchecked'), judged: details?.judge !== undefined, claims: claims.filter((v) => v.verdict === 'ungrounded') },
  };
}

/** A string interner for one eval: the coverage keys repeat in every case that takes the same path. */
export function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}
