import type { Definitions } from '../workflow/index.ts';
import { coverageItems } from './items.ts';
import { coverageScope, coverageTable, type CoverageTable, type CoveredCase } from './table.ts';

/**
 * The coverage table of a project's items over the cases of an eval report (merged shards
 * included): judged on every workflow, or on the workflows the cases were narrowed to.
 */
export function projectCoverage(definitions: Pick<Definitions, 'policies' | 'workflows' | 'goldCases'>, cases: readonly (CoveredCase & { workflow: string })[]): CoverageTable {
  const scope = coverageScope(
    definitions.workflows.map((w) => w.value.id),
    [...new Set(definitions.goldCases.map((c) => c.value.workflow))],
    [...new Set(cases.map((c) => c.workflow))],
  );
  return coverageTable(coverageItems(definitions), cases, scope);
}
