import type { AtomKind } from './atom-types.ts';
import type { ClaimVerdict, Judgement } from './check.ts';
import type { EvidenceItem, JudgeVerdict } from './judge-prompt.ts';

export interface JudgeRule {
  /** Kinds of deterministic findings the judge may clear (gate.yaml `grounding.judge.may_clear`). */
  readonly mayClear: readonly AtomKind[];
}

const norm = (s: string) => s.toLowerCase().replace(/[\s"'`“”‘’]+/g, ' ').trim();

/**
 * Applies a judge's verdicts under the gate's rule. The judge decides claims the deterministic check
 * could not read; it may clear a deterministic finding only of a kind the rule lists; and "supported"
 * counts only with a passage that is really in the evidence it names (a judge cannot invent support).
 */
export function applyJudge(claims: readonly ClaimVerdict[], verdicts: readonly JudgeVerdict[] | { error: string }, items: readonly EvidenceItem[], rule: JudgeRule, judge: string): ClaimVerdict[] {
  return claims.map((c, i) => {
    const v = 'error' in verdicts ? undefined : verdicts.find((x) => x.claim.trim() === `C${i + 1}`);
    const quoted = v?.verdict === 'supported' ? quotedIn(v, items) : undefined;
    const said = v?.verdict ?? 'none';
    const support = quoted ? { evidence: `${quoted.id} ${quoted.label}`, passage: v!.passage! } : {};
    const missing = 'error' in verdicts ? `the judge ${judge} ${verdicts.error}` : `the judge ${judge} gave no verdict`;
    let judgement: Judgement;
    let verdict = c.verdict;
    if (c.verdict === 'unchecked') {
      verdict = quoted ? 'grounded' : 'ungrounded';
      const note = quoted ? `supported by ${quoted.id} ${quoted.label}` : said === 'unsupported' ? `the judge ${judge} finds it unsupported` : said === 'supported' ? `the judge ${judge} says supported but quotes no passage the evidence holds` : missing;
      judgement = { said, effect: 'decided', ...support, note };
    } else if (c.verdict === 'ungrounded') {
      const kinds = c.atoms.filter((a) => a.verdict === 'unsupported').map((a) => a.atom.kind);
      const clears = Boolean(quoted) && kinds.every((k) => rule.mayClear.includes(k));
      if (clears) verdict = 'grounded';
      const note = clears ? `cleared by the judge ${judge}: ${quoted!.id} ${quoted!.label} states it` : said === 'unsupported' ? `confirmed by the judge ${judge}` : said === 'supported' ? `the judge ${judge} disagrees, but gate.yaml does not let it clear a ${kinds.join('/')} finding${quoted ? '' : ' (and its passage is not in the evidence)'}` : missing;
      judgement = { said, effect: clears ? 'cleared' : said === 'unsupported' ? 'confirmed' : 'kept', ...support, note };
    } else {
      judgement = { said, effect: 'kept', ...support, note: said === 'unsupported' ? `the judge ${judge} disagrees; the evidence states every atom` : said === 'supported' ? `agreed by the judge ${judge}` : missing };
    }
    return { ...c, verdict, judgement };
  });
}

function quotedIn(v: JudgeVerdict, items: readonly EvidenceItem[]): EvidenceItem | undefined {
  const passage = v.passage ? norm(v.passage) : '';
  if (passage.length < 4) return undefined;
  const named = items.find((e) => e.id === v.evidence?.trim());
  return [...(named ? [named] : []), ...items].find((e) => norm(e.text).includes(passage));
}
