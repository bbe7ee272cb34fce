import type { Db } from './database.ts';

export interface StoredCaseResult {
  readonly key: string;
  readonly run_id: string;
  readonly pass: boolean;
  readonly end: string;
  readonly failed: string[];
  readonly cost_usd: number;
  readonly tokens: number;
  readonly latency_ms: number;
}

/** Eval and gate reports, with one row per case, for history and the TUI. */
export class EvalStore {
  constructor(private readonly db: Db) {}

  save(reportId: string, kind: 'eval' | 'gate', report: { created_at: string; model: string | null; cases: StoredCaseResult[] }, verdict: 'pass' | 'fail' | null): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO eval_reports (report_id, created_at, kind, model, cases, passed, verdict, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(reportId, Date.parse(report.created_at), kind, report.model, report.cases.length, report.cases.filter((c) => c.pass).length, verdict, JSON.stringify(report));
      const insert = this.db.prepare('INSERT INTO eval_results (report_id, case_key, run_id, pass, end_state, failed, cost_usd, tokens, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const c of report.cases) insert.run(reportId, c.key, c.run_id, c.pass ? 1 : 0, c.end, c.failed.join(','), c.cost_usd, c.tokens, c.latency_ms);
    })();
  }

  latest(): { reportId: string; kind: string; report: unknown } | undefined {
    const row = this.db.prepare('SELECT report_id, kind, report_json FROM eval_reports ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as { report_id: string; kind: string; report_json: string } | undefined;
    return row && { reportId: row.report_id, kind: row.kind, report: JSON.parse(row.report_json) };
  }
}
