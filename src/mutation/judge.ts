import type { MutationReport } from './types.ts';

/**
 * Whether a mutation report satisfies gate.yaml's minimum score for this suite, and why not: a
 * report of other definitions or cases says nothing about these. Pure.
 */
export function judgeMutation(report: MutationReport | undefined, minScore: number, digest: string): { ok: boolean; message: string } {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (!report) return { ok: false, message: `gate.yaml requires a mutation score of ${pct(minScore)}, and there is no mutation report: run tollgate mutate` };
  if (report.suite_digest !== digest) return { ok: false, message: 'the mutation report was made for other definitions, gold cases or model scripts: run tollgate mutate again' };
  if (report.score < minScore) {
    const survivors = report.mutants.filter((m) => m.status === 'survived').slice(0, 3).map((m) => m.id);
    return { ok: false, message: `mutation score ${pct(report.score)} is below ${pct(minScore)} (${report.survived} surviving mutant(s), e.g. ${survivors.join(', ')})` };
  }
  return { ok: true, message: `mutation score ${pct(report.score)} (${report.killed}/${report.total - report.ignored} killed) meets ${pct(minScore)}` };
}
