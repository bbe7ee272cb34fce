import type { RuleRef, RuleSide } from '../policy/index.ts';
import type { PolicyPack } from '../workflow/index.ts';

/** What a coverable item is: a pack's rule, a step's compensation or a transition. */
export const COVERAGE_KINDS = ['deny', 'allow', 'constraint', 'approval', 'data.forbid', 'result', 'outbound', 'taint', 'writes', 'compensation', 'transition'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export type CoverageSide = RuleSide | 'ran' | 'taken';

/** How a transition is written: `next[i]`, the fall-through to the next step, or an approval's `on_deny`. */
export type TransitionRef = { readonly next: number } | 'fallthrough' | 'on_deny';

/** The stable key of a pack's rule, the same whether read off the definitions or a decision. */
export function packItemKey(pack: PolicyPack, rule: RuleRef): string {
  const at = (env: string | undefined) => (env ? `@${env}` : '');
  switch (rule.kind) {
    case 'deny':
    case 'allow': return `policy:${pack.id}/${rule.kind}:${rule.pattern}${at(rule.env)}`;
    case 'constraint': return `policy:${pack.id}/constraint:${pack.constraints[rule.index]?.id ?? `constraints[${rule.index}]`}`;
    case 'approval': return `policy:${pack.id}/approval:${pack.approvals[rule.index]?.id ?? `approvals[${rule.index}]`}`;
    case 'result': return `policy:${pack.id}/result:${pack.results[rule.index]?.id ?? `results[${rule.index}]`}`;
    case 'data.forbid': return `policy:${pack.id}/data.forbid[${rule.index}]`;
    case 'writes': return `policy:${pack.id}/writes@${rule.env}`;
    default: return `policy:${pack.id}/${rule.kind}`;
  }
}

export const compensationKey = (workflow: string, step: string): string => `workflow:${workflow}/compensate:${step}`;

export function transitionKey(workflow: string, step: string, t: TransitionRef): string {
  return `workflow:${workflow}/transition:${step}.${typeof t === 'string' ? t : `next[${t.next}]`}`;
}

/** One side of one item, as case reports list them: `<item key>#<side>`. */
export const sideKey = (itemKey: string, side: CoverageSide): string => `${itemKey}#${side}`;
