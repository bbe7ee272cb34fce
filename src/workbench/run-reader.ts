// Module by module, not through the folders' index files: the TUI's first paint loads this reader
// and what it imports only (the bundler keeps whatever an index file's other modules import).
import type { ApprovalRecord, JournalRow, RunRecord } from '../core/index.ts';
import { approvalFromRows, DECISIONS_OF_APPROVAL, type RawApproval, type RawDecision } from '../store/approval-store.ts';
import { AsyncReader } from '../store/async-reader.ts';
import { CASES_OF_REPORT, LATEST_REPORT, reportFromRows, type StoredReportRow } from '../store/eval-store.ts';
import { journalRowFrom, type RawJournalRow } from '../store/journal-store.ts';
import { runFromRow, type RawRun } from '../store/run-store.ts';

/** A run as the runs list shows it, with its approvals and policy blocks counted. */
export interface StoredRunSummary {
  readonly runId: string;
  readonly correlationId: string;
  readonly workflow: string;
  readonly status: string;
  readonly endState: string | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly costUsd: number;
  readonly tokens: number;
  readonly approvals: number;
  readonly pendingApprovals: number;
  readonly policyBlocks: number;
}

const RUNS_SQL = `
  SELECT r.run_id, r.correlation_id, r.workflow, r.status, r.end_state, r.started_at, r.ended_at, r.cost_usd, r.tokens_in + r.tokens_out AS tokens,
         COALESCE(a.total, 0) AS approvals, COALESCE(a.pending, 0) AS pending, COALESCE(b.blocks, 0) AS blocks
  FROM runs r
  LEFT JOIN (SELECT run_id, count(*) AS total, sum(status = 'pending') AS pending FROM approvals GROUP BY run_id) a ON a.run_id = r.run_id
  LEFT JOIN (SELECT run_id, count(*) AS blocks FROM events WHERE kind = 'policy.decision' AND json_extract(data_json, '$.effect') = 'deny' GROUP BY run_id) b ON b.run_id = r.run_id
  ORDER BY r.started_at DESC, r.run_id DESC LIMIT ?`;

interface RawSummary {
  run_id: string; correlation_id: string; workflow: string; status: string; end_state: string | null; started_at: number; ended_at: number | null;
  cost_usd: number; tokens: number; approvals: number; pending: number; blocks: number;
}

/**
 * The host's asynchronous reads of a project database, for a screen that must never wait on the
 * disk: a worker thread's own SQLite connection answers them (WAL lets it read while this process
 * or another one writes).
 */
export class RunReader {
  readonly #reader: AsyncReader;

  private constructor(file: string) {
    this.#reader = AsyncReader.open(file);
  }

  /** Over an existing database file (a workbench creates and migrates it). */
  static open(file: string): RunReader {
    return new RunReader(file);
  }

  /** Changes whenever another connection has committed to the database. */
  dataVersion(): Promise<number> {
    return this.#reader.dataVersion();
  }

  /** The newest runs first, at most `limit`. */
  async runSummaries(limit: number): Promise<StoredRunSummary[]> {
    const rows = await this.#reader.all<RawSummary>(RUNS_SQL, [limit]);
    return rows.map((r) => ({
      runId: r.run_id, correlationId: r.correlation_id, workflow: r.workflow, status: r.status, endState: r.end_state, startedAt: r.started_at, endedAt: r.ended_at,
      costUsd: r.cost_usd, tokens: r.tokens, approvals: r.approvals, pendingApprovals: r.pending, policyBlocks: r.blocks,
    }));
  }

  async run(runId: string): Promise<RunRecord | undefined> {
    const [row] = await this.#reader.all<RawRun>('SELECT * FROM runs WHERE run_id = ?', [runId]);
    return row && runFromRow(row);
  }

  async journal(runId: string): Promise<JournalRow[]> {
    return (await this.#reader.all<RawJournalRow>('SELECT seq, kind, step_key, attempt, input_sha256, data_json, ts FROM events WHERE run_id = ? ORDER BY seq', [runId])).map(journalRowFrom);
  }

  /** The definition files a run started with, by their digest. */
  async definitions(digest: string): Promise<Record<string, string> | undefined> {
    const [row] = await this.#reader.all<{ files_json: string }>('SELECT files_json FROM definitions WHERE digest = ?', [digest]);
    return row && (JSON.parse(row.files_json) as Record<string, string>);
  }

  async pendingApprovals(): Promise<ApprovalRecord[]> {
    const rows = await this.#reader.all<RawApproval>("SELECT * FROM approvals WHERE status = 'pending' ORDER BY requested_at, approval_id");
    return Promise.all(rows.map(async (r) => approvalFromRows(r, await this.#reader.all<RawDecision>(DECISIONS_OF_APPROVAL, [r.approval_id]))));
  }

  /** The newest eval or gate report with its case summaries. */
  async latestEvalReport<R extends { created_at: string; model: string | null; cases: { key: string }[] }>(): Promise<{ reportId: string; kind: 'eval' | 'gate'; report: R } | undefined> {
    const [row] = await this.#reader.all<StoredReportRow>(LATEST_REPORT);
    if (!row) return undefined;
    const report = reportFromRows(row, await this.#reader.all<{ summary_json: string | null }>(CASES_OF_REPORT, [row.report_id])) as unknown as R;
    return { reportId: row.report_id, kind: row.kind, report };
  }

  close(): Promise<void> {
    return this.#reader.close();
  }
}
