import type { MutantResult, MutationReport } from './types.ts';

/** Totals and the score of a set of mutant results; pure. */
export function mutationReport(results: readonly MutantResult[], cases: number, durationMs: number, suiteDigest: string, operatorIds: readonly string[]): MutationReport {
  const count = (status: MutantResult['status']) => results.filter((r) => r.status === status).length;
  const killed = count('killed');
  const ignored = count('ignored');
  const scored = results.length - ignored;
  const operators: Record<string, { total: number; killed: number; survived: number }> = {};
  for (const r of results) {
    const o = (operators[r.operator] ??= { total: 0, killed: 0, survived: 0 });
    o.total++;
    if (r.status === 'killed') o.killed++;
    if (r.status === 'survived') o.survived++;
  }
  return {
    tollgate_mutation: 1, created_at: new Date().toISOString(), suite_digest: suiteDigest, operator_ids: [...operatorIds], score: scored === 0 ? 1 : Math.round((killed / scored) * 10000) / 10000,
    total: results.length, killed, killed_by_validation: results.filter((r) => r.killed_by?.validation).length, survived: count('survived'), ignored, cases, case_runs: results.reduce((s, r) => s + r.cases_run, 0), duration_ms: durationMs,
    operators, mutants: [...results],
  };
}
