import type { CoverageTable } from './table.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const cell = (text: string) => {
  const flat = text.replace(/\s+/g, ' ');
  return (flat.length > 90 ? `${flat.slice(0, 89)}…` : flat).replace(/\|/g, '\\|');
};

/** The coverage section of a Markdown report: totals per kind, the uncovered sides, then every item. */
export function coverageMarkdown(table: CoverageTable, heading = '###'): string {
  const t = table.totals;
  const lines = [
    `${heading} Policy coverage: ${pct(t.ratio)} (${t.covered}/${t.total} sides)`,
    '',
    '| kind | sides covered |',
    '|---|---:|',
    ...Object.entries(t.by_kind).map(([k, v]) => `| ${k} | ${v.covered}/${v.total} |`),
    '',
  ];
  const uncovered = table.items.flatMap((r) => r.sides.filter((s) => !s.cases.length).map((s) => `- ❌ ${r.kind} \`${r.owner}\` ${cell(r.label)} — **${s.side}** (\`${r.file}:${r.line}\`)`));
  if (uncovered.length) lines.push(`No gold case exercises these ${uncovered.length} sides:`, '', ...uncovered, '');
  lines.push(
    '<details><summary>Every item and the cases that exercise it</summary>',
    '',
    '| kind | owner | item | where | sides |',
    '|---|---|---|---|---|',
    ...table.items.map((r) => `| ${r.kind} | \`${r.owner}\` | ${cell(r.label)} | \`${r.file}:${r.line}\` | ${r.sides.map((s) => (s.cases.length ? `✅ ${s.side} (${s.cases.length})` : `❌ ${s.side}`)).join(' · ')} |`),
    '',
    '</details>',
    '',
  );
  return `${lines.join('\n')}\n`;
}
