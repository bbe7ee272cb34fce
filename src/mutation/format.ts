import type { MutationReport } from './types.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function scoreLine(r: MutationReport): string {
  const notes = [r.killed_by_validation ? `${r.killed_by_validation} by validation` : '', r.ignored ? `${r.ignored} ignored as equivalent` : ''].filter(Boolean);
  return `mutation score ${pct(r.score)}: ${r.killed} of ${r.total - r.ignored} mutants killed${notes.length ? ` (${notes.join(', ')})` : ''}, ${r.survived} survived; ${r.case_runs} gold case runs in ${(r.duration_ms / 1000).toFixed(1)} s`;
}

/** The console view: the score, a line per operator, then every survivor with its diff and the case it calls for. */
export function mutationText(r: MutationReport): string {
  const width = Math.max(...Object.keys(r.operators).map((k) => k.length), 8);
  const lines = [scoreLine(r), '', `  ${'operator'.padEnd(width)}  killed  survived`];
  for (const [op, o] of Object.entries(r.operators)) lines.push(`  ${op.padEnd(width)}  ${`${o.killed}/${o.total}`.padStart(6)}  ${String(o.survived).padStart(8)}`);
  for (const m of r.mutants.filter((x) => x.status === 'survived')) {
    lines.push('', `survived: ${m.id}`, `  ${m.description}`, ...m.diff.trimEnd().split('\n').map((l) => `    ${l}`), `  needed: ${m.hint}`);
  }
  return `${lines.join('\n')}\n`;
}

export function mutationMarkdown(r: MutationReport): string {
  const lines = [`## tollgate mutate: ${pct(r.score)}`, '', scoreLine(r), '', '| operator | killed | survived |', '|---|---:|---:|'];
  for (const [op, o] of Object.entries(r.operators)) lines.push(`| ${op} | ${o.killed}/${o.total} | ${o.survived} |`);
  const survivors = r.mutants.filter((x) => x.status === 'survived');
  if (survivors.length) {
    lines.push('', '### Surviving mutants');
    for (const m of survivors) lines.push('', `**${m.id}** — ${m.description}`, '', '```diff', m.diff.trimEnd(), '```', '', `Needed: ${m.hint}`);
  }
  return `${lines.join('\n')}\n`;
}
