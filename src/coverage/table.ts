import type { CoverageItem } from './item.ts';
import { COVERAGE_KINDS, sideKey, type CoverageKind, type CoverageSide } from './keys.ts';

/** One item with, per side, the gold cases (`workflow/id`) that exercised it. */
export interface CoverageRow extends Omit<CoverageItem, 'sides'> {
  readonly sides: { readonly side: CoverageSide; readonly cases: string[] }[];
}

export interface CoverageTotals {
  readonly covered: number;
  readonly total: number;
  /** covered / total, 4 decimals; 1 when there is nothing to cover. */
  readonly ratio: number;
  readonly by_kind: Partial<Record<CoverageKind, { covered: number; total: number }>>;
}

export interface CoverageTable {
  readonly tollgate_coverage: 1;
  /** The workflows judged: their items, and the items of the packs they use. */
  readonly workflows: string[];
  readonly items: CoverageRow[];
  readonly totals: CoverageTotals;
  /** `<item key>#<side>` of every side no case exercised, in table order. */
  readonly uncovered: string[];
}

/** A case as coverage sees it: its key and the sides it hit (a case report's `coverage`). */
export interface CoveredCase {
  readonly key: string;
  readonly coverage?: readonly string[];
}

/** Items × cases: who exercised which side, with totals per kind; pure. */
export function coverageTable(items: readonly CoverageItem[], cases: readonly CoveredCase[], workflows: readonly string[]): CoverageTable {
  const by = new Map<string, string[]>();
  for (const c of cases) for (const hit of c.coverage ?? []) by.set(hit, [...(by.get(hit) ?? []), c.key]);
  const rows: CoverageRow[] = items
    .filter((i) => i.workflows.some((w) => workflows.includes(w)))
    .map(({ sides, ...item }) => ({ ...item, sides: sides.map((side) => ({ side, cases: [...new Set(by.get(sideKey(item.key, side)) ?? [])].sort() })) }));
  const by_kind: CoverageTotals['by_kind'] = {};
  for (const kind of COVERAGE_KINDS) {
    const sides = rows.filter((r) => r.kind === kind).flatMap((r) => r.sides);
    if (sides.length) by_kind[kind] = { covered: sides.filter((s) => s.cases.length > 0).length, total: sides.length };
  }
  const all = rows.flatMap((r) => r.sides);
  const covered = all.filter((s) => s.cases.length > 0).length;
  return {
    tollgate_coverage: 1, workflows: [...workflows], items: rows,
    totals: { covered, total: all.length, ratio: all.length === 0 ? 1 : Math.round((covered / all.length) * 1e4) / 1e4, by_kind },
    uncovered: rows.flatMap((r) => r.sides.filter((s) => s.cases.length === 0).map((s) => sideKey(r.key, s.side))),
  };
}

/**
 * The workflows a coverage table judges: every workflow of the project, unless the cases were
 * narrowed to some workflows (then those), so `--workflow x` is judged on x alone.
 */
export function coverageScope(allWorkflows: readonly string[], withGoldCases: readonly string[], ran: readonly string[]): string[] {
  const narrowed = withGoldCases.some((w) => !ran.includes(w));
  return narrowed ? allWorkflows.filter((w) => ran.includes(w)) : [...allWorkflows];
}

/** The gate's reason when coverage is below `min`, naming the first uncovered sides; undefined when met. */
export function coverageShortfall(table: CoverageTable, min: number, shown = 5): { code: 'coverage'; message: string } | undefined {
  if (table.totals.ratio >= min) return undefined;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const first = table.uncovered.slice(0, shown).map((k) => k.replace(/^(policy|workflow):/, '')).join(', ');
  const more = table.uncovered.length > shown ? ` and ${table.uncovered.length - shown} more` : '';
  return { code: 'coverage', message: `policy coverage ${pct(table.totals.ratio)} (${table.totals.covered}/${table.totals.total} sides) is below the minimum ${pct(min)}; uncovered: ${first}${more}` };
}
