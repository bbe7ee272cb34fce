import { interner, summaryOf, type CaseSummary } from './case-summary.ts';
import { MemoryCaseLog } from './case-log.ts';
import { totalsOf, type EvalReport, type EvalReportFile } from './report.ts';

/** Joins shard report files into one report (cases by key; a case in two shards is an error), with their full cases in a log. */
export function mergeReports(reports: readonly EvalReportFile[]): { report: EvalReport; log: MemoryCaseLog } {
  const log = new MemoryCaseLog();
  const seen = new Map<string, CaseSummary>();
  const intern = interner();
  for (const r of reports) {
    for (const c of r.cases) {
      if (seen.has(c.key)) throw new Error(`case ${c.key} appears in more than one shard report`);
      seen.set(c.key, summaryOf(c, intern));
      log.add(c);
    }
  }
  const cases = [...seen.values()].sort((a, b) => a.key.localeCompare(b.key));
  return { report: { tollgate_report: 1, created_at: new Date().toISOString(), model: reports[0]?.model ?? null, shards: reports.flatMap((r) => r.shards), cases, totals: totalsOf(cases) }, log };
}
