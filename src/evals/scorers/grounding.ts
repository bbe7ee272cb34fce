import { groundClaims, type ClaimVerdict } from '../../grounding/index.ts';
import type { GateConfig } from '../../workflow/index.ts';
import { evidence, writeToolsOf } from '../journal-facts.ts';
import { clockOf, saidBy } from '../run-claims.ts';
import type { CaseRun, Scorer, ScoreResult } from '../types.ts';

/**
 * Deterministic grounding: every answer and the final output are split into claims, and each
 * figure, date, identifier, name, address, link and status a claim asserts must be stated by the
 * event or a tool reply, for the same thing (not by what a write tool echoed back of the run's own
 * words). Claims with nothing to check (promises, policies) are left for a judge.
 */
export const groundingScorer: Scorer = {
  name: 'grounding',
  score(run, gate) {
    return groundingResult(claimsOfRun(run, gate), run.goldCase.expect.grounded === true);
  },
};

/** The claims of a case run, each with its deterministic verdict. */
export function claimsOfRun(run: CaseRun, gate: GateConfig | undefined): ClaimVerdict[] {
  const g = gate?.grounding;
  return groundClaims(saidBy(run.journal), evidence(run.run.event, run.journal, writeToolsOf(run.definitions)), { clock: clockOf(run.run), names: g?.names ?? [], hedgeTolerance: g?.hedge_tolerance ?? 0.05 });
}

/** The grounding score of a case from its claims' verdicts (the judge's, when one was asked). */
export function groundingResult(claims: readonly ClaimVerdict[], required: boolean, extra: Record<string, unknown> = {}): ScoreResult {
  const checked = claims.filter((c) => c.verdict !== 'unchecked');
  const ungrounded = checked.filter((c) => c.verdict === 'ungrounded');
  const unchecked = claims.length - checked.length;
  const score = checked.length === 0 ? 1 : Math.round(((checked.length - ungrounded.length) / checked.length) * 1000) / 1000;
  const left = unchecked ? `; ${unchecked} claim(s) without a figure, ID, date or name left for a judge` : '';
  return {
    scorer: 'grounding', score, pass: !required || ungrounded.length === 0,
    reason: ungrounded.length === 0 ? `${checked.length} claim(s), all supported by the event or tool replies${left}` : ungrounded.map(describeUngrounded).join('; '),
    ...(required && ungrounded.length > 0 ? { at: ['expect', 'grounded'] } : {}),
    details: { claims, checked: checked.length, ungrounded: ungrounded.length, unchecked, required, ...extra },
  };
}

/** `"Refund of 77 USD promised." (steps.triage.output.summary): amount 77 USD: no 77 USD in the event or any tool reply`. */
export function describeUngrounded(c: ClaimVerdict): string {
  const why = c.judgement?.note ?? c.atoms.flatMap((a) => (a.verdict === 'unsupported' ? [`${a.atom.kind} "${a.atom.text}": no ${a.lookedFor} in the event or any tool reply`] : [])).join(', ');
  return `"${c.claim}" (${c.source}): ${why}`;
}
