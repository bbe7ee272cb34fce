import { approvalView, type ApprovalView } from '../approvals/index.ts';
import type { RunDefinitions } from '../engine/index.ts';
import { approvalRuleOf, DATA_CLASS_ENTITY, entityOf, placeholdersIn, type Entity, type PiiVault } from '../policy/index.ts';
import type { ApprovalRecord } from '../core/index.ts';

export type RevealVerdict =
  | { readonly ok: false; readonly code: string; readonly reason: string }
  | { readonly ok: true; readonly view: ApprovalView; readonly placeholders: readonly string[]; readonly classes: readonly string[] };

/**
 * An approval with the vaulted values of the classes its rule lets a role see (the IBAN of a
 * bank-detail change, so the approver can check it against the vendor's letter). Everyone else
 * sees placeholders. Pure but for the vault: the caller audits who, why and which placeholders.
 */
export function revealApproval(defs: RunDefinitions, approval: ApprovalRecord, person: { roles: readonly string[] } | undefined, reason: string, vault: PiiVault, workflow: string | null): RevealVerdict {
  const rule = approvalRuleOf(defs.policies, approval.policyRef, (approval.context as { rule?: string }).rule ?? null);
  if (!rule?.reveal) return { ok: false, code: 'TG_REVEAL_NOT_ALLOWED', reason: `the rule of this approval (${approval.policyRef ?? 'none'} ${(approval.context as { rule?: string }).rule ?? ''}) lets no one reveal vaulted values`.replace(' )', ')') };
  if (!person) return { ok: false, code: 'TG_APPROVER_UNKNOWN', reason: 'only a person listed under people may reveal values' };
  if (!person.roles.includes(rule.reveal.role)) return { ok: false, code: 'TG_REVEAL_ROLE', reason: `revealing values in this approval needs the role ${rule.reveal.role}` };
  if (reason.trim().length < 3) return { ok: false, code: 'TG_REVEAL_REASON', reason: 'say why you reveal the values (--reason): it is audited' };
  const allowed = new Set<Entity>(rule.reveal.classes.map((c) => DATA_CLASS_ENTITY[c]));
  const view = approvalView(approval, workflow);
  const placeholders = placeholdersIn(JSON.stringify(view)).filter((p) => allowed.has(entityOf(p)));
  return { ok: true, view: vault.detokenize(view, allowed).value, placeholders, classes: rule.reveal.classes };
}
