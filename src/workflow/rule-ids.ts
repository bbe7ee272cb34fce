import type { PolicyPack } from './policy-schema.ts';

/** Rules the engine itself applies, outside any pack (as decisions name them). */
export const ENGINE_STOP_RULES = ['agent-tools', 'unknown-tool', 'loops', 'loops:denied-calls', 'edit:record', 'edit:field'] as const;

/** IDs a pack's rules carry in policy decisions that stop a call (deny or escalate). */
export function stopRuleIds(pack: PolicyPack): string[] {
  const envDeny = Object.values(pack.environments).flatMap((e) => e?.tools?.deny ?? []);
  const envAllow = Object.values(pack.environments).some((e) => (e?.tools?.allow.length ?? 0) > 0);
  return [
    ...[...pack.tools.deny, ...envDeny].map((p) => `deny:${p}`),
    ...(pack.tools.allow.length > 0 || envAllow ? ['allow-list'] : []),
    ...pack.constraints.flatMap((c, i) => (c.on_violation !== 'require_approval' ? [c.id ?? `constraints[${i}]`] : [])),
    ...pack.data.forbid.map((_, i) => `data.forbid[${i}]`),
    ...pack.results.map((r, i) => `results:${r.id ?? i}`),
    'outbound:host', 'outbound:data',
  ];
}

/** IDs a pack's rules carry in decisions that ask for an approval. */
export function approvalRuleIds(pack: PolicyPack): string[] {
  return [
    ...pack.approvals.map((a, i) => a.id ?? `approvals[${i}]`),
    ...pack.constraints.flatMap((c, i) => (c.on_violation === 'require_approval' ? [c.id ?? `constraints[${i}]`] : [])),
    ...(pack.taint?.require_approval_for.length ? ['taint'] : []),
  ];
}
