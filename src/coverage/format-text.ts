import type { CoverageRow, CoverageTable } from './table.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ITEM_WIDTH = 56;

/** One line for a console: the ratio and what is left. */
export function coverageLine(table: CoverageTable): string {
  return `${headline(table)}${table.uncovered.length ? ' (tollgate coverage lists them)' : ''}`;
}

function headline(table: CoverageTable): string {
  const t = table.totals;
  return `policy coverage ${pct(t.ratio)}: ${t.covered}/${t.total} rule sides exercised${table.uncovered.length ? `, ${table.uncovered.length} uncovered` : ''}`;
}

/** The table for a console: kind, owner, item, file:line and each side with its case count; uncovered sides marked ✗. */
export function coverageText(table: CoverageTable): string {
  const rows = table.items.map((r) => [r.kind, r.owner, clip(r.label), `${r.file}:${r.line}`, sidesCell(r)]);
  const header = ['kind', 'owner', 'item', 'where', 'sides'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ').trimEnd();
  const kinds = Object.entries(table.totals.by_kind).map(([k, v]) => `${k} ${v.covered}/${v.total}`);
  return [
    headline(table),
    kinds.join(' · '),
    '',
    line(header),
    ...rows.map(line),
    '',
  ].join('\n');
}

function sidesCell(r: CoverageRow): string {
  return r.sides.map((s) => (s.cases.length ? `✓ ${s.side} ${s.cases.length}` : `✗ ${s.side} UNCOVERED`)).join('  ');
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > ITEM_WIDTH ? `${flat.slice(0, ITEM_WIDTH - 1)}…` : flat;
}
