import type { Definitions } from '../workflow/index.ts';
import type { CoverageItem } from './item.ts';
import { packItems } from './pack-items.ts';
import { workflowItems } from './workflow-items.ts';

/** Every coverable item of a project, packs first, then workflows; pure. */
export function coverageItems(definitions: Pick<Definitions, 'policies' | 'workflows'>): CoverageItem[] {
  const items = [
    ...definitions.policies.flatMap((p) => packItems(p, definitions.workflows.filter((w) => w.value.policy.includes(p.value.id)).map((w) => w.value.id))),
    ...definitions.workflows.flatMap(workflowItems),
  ];
  // A pattern listed twice is one rule as decisions see it.
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.key) && seen.add(i.key));
}
