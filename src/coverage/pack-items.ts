import type { RuleRef } from '../policy/index.ts';
import type { Loaded, PathSegment, PolicyPack } from '../workflow/index.ts';
import { lineOf, type CoverageItem } from './item.ts';
import { packItemKey, type CoverageSide } from './keys.ts';

const ENVS = ['dev', 'staging', 'prod'] as const;

/** Every rule of a pack, each with its sides (both where a rule can come out two ways). */
export function packItems({ value: p, source }: Loaded<PolicyPack>, workflows: readonly string[]): CoverageItem[] {
  const items: CoverageItem[] = [];
  const add = (rule: RuleRef, path: PathSegment[], sides: CoverageSide[], label: string) =>
    items.push({ key: packItemKey(p, rule), kind: rule.kind, owner: p.id, label, file: source.file, line: lineOf(source, path), workflows, sides });
  const lists = (kind: 'deny' | 'allow', side: CoverageSide) => {
    p.tools[kind].forEach((pattern, i) => add({ kind, pattern }, ['tools', kind, i], [side], `${kind} ${pattern}`));
    for (const env of ENVS) {
      p.environments[env]?.tools?.[kind].forEach((pattern, i) => add({ kind, pattern, env }, ['environments', env, 'tools', kind, i], [side], `${kind} ${pattern} in ${env}`));
    }
  };
  lists('deny', 'blocked');
  lists('allow', 'allowed');
  p.constraints.forEach((c, i) => add({ kind: 'constraint', index: i }, ['constraints', i], ['holds', 'violated'], `${c.id ?? `constraints[${i}]`} on ${c.tool}: ${c.rule}`));
  p.approvals.forEach((a, i) =>
    add({ kind: 'approval', index: i }, ['approvals', i], a.when === undefined ? ['required'] : ['required', 'not_required'], `${a.id ?? `approvals[${i}]`} on ${a.tool}${a.when ? ` when ${a.when}` : ''}`),
  );
  p.data.forbid.forEach((f, i) => add({ kind: 'data.forbid', index: i }, ['data', 'forbid', i], ['blocked', 'allowed'], `data.forbid[${i}] ${f.classes.join(', ')} → ${f.to_tools.join(', ')}`));
  p.results.forEach((r, i) =>
    add({ kind: 'result', index: i }, ['results', i], ['holds', r.on_violation === 'escalate' ? 'escalated' : 'withheld'], `${r.id ?? `results[${i}]`} on ${r.tool}: ${r.rule}`),
  );
  if (p.outbound) add({ kind: 'outbound' }, ['outbound'], ['allowed', 'blocked'], `outbound links to ${p.outbound.allow_hosts.join(', ')}`);
  if (p.taint?.require_approval_for.length) add({ kind: 'taint' }, ['taint'], ['required'], `taint: ${p.taint.require_approval_for.join(', ')}`);
  for (const env of ENVS) {
    const writes = p.environments[env]?.writes;
    if (writes) add({ kind: 'writes', env }, ['environments', env], [writes === 'sandbox' ? 'sandboxed' : 'live'], `writes in ${env}: ${writes}`);
  }
  return items;
}
