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

interface StoredReport<C> {
  readonly created_at: string;
  readonly model: string | null;
  readonly cases: C[];
}

/**
 * Eval and gate reports for history and the TUI: the report's head (without its cases) in one row,
 * each case's summary in a row of its own.
 */
export class EvalStore {
  constructor(private readonly db: Db) {}

  save(reportId: string, kind: 'eval' | 'gate', report: StoredReport<StoredCaseResult>, verdict: 'pass' | 'fail' | null): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO eval_reports (report_id, created_at, kind, model, cases, passed, verdict, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(reportId, Date.parse(report.created_at), kind, report.model, report.cases.length, report.cases.filter((c) => c.pass).length, verdict, JSON.stringify({ ...report, cases: undefined }));
      const insert = this.db.prepare('INSERT INTO eval_results (report_id, case_key, run_id, pass, end_state, failed, cost_usd, tokens, latency_ms, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const c of report.cases) insert.run(reportId, c.key, c.run_id, c.pass ? 1 : 0, c.end, c.failed.join(','), c.cost_usd, c.tokens, c.latency_ms, JSON.stringify(c));
    })();
  }

  latest<R extends StoredReport<StoredCaseResult>>(): { reportId: string; kind: 'eval' | 'gate'; report: R } | undefined {
    const row = this.db.prepare(LATEST_REPORT).get() as StoredReportRow | undefined;
    return row && { reportId: row.report_id, kind: row.kind, report: reportFromRows<R>(row, this.db.prepare(CASES_OF_REPORT).all(row.report_id) as { summary_json: string | null }[]) };
  }
}

export const LATEST_REPORT = 'SELECT report_id, kind, report_json FROM eval_reports ORDER BY created_at DESC, rowid DESC LIMIT 1';
export const CASES_OF_REPORT = 'SELECT summary_json FROM eval_results WHERE report_id = ?';

export interface StoredReportRow {
  readonly report_id: string;
  readonly kind: 'eval' | 'gate';
  readonly report_json: string;
}

/** A stored report with its cases in report order (by key); reports stored before cases had rows of their own hold them inline. */
export function reportFromRows<R extends StoredReport<StoredCaseResult>>(row: StoredReportRow, cases: readonly { summary_json: string | null }[]): R {
  const head = JSON.parse(row.report_json) as R;
  if (head.cases) return head;
  const summaries = cases.flatMap((c) => (c.summary_json === null ? [] : [JSON.parse(c.summary_json) as StoredCaseResult]));
  return { ...head, cases: summaries.sort((a, b) => a.key.localeCompare(b.key)) };
}
