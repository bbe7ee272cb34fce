import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { judge, type Baseline, type EvalReport } from '../evals/index.ts';
import { replayRecording } from '../replay/index.ts';
import { NotFoundError } from '../shared/index.ts';
import { approvalFromRows, AsyncReader, DECISIONS_OF_APPROVAL, defaultDatabasePath, journalRowFrom, runFromRow, type RawApproval, type RawDecision, type RawJournalRow, type RawRun } from '../store/index.ts';
import { parseRecording, type Recording } from '../trace/index.ts';
import { validateToolArgs } from '../tools/index.ts';
import { approvalText } from '../approvals/index.ts';
import { recordingFrom, runDefinitionsFor, type Workbench } from '../workbench/index.ts';
import type { RunSummary, TuiSource } from './source.ts';
import { summaryOfRecording } from './view-model/recorded-run.ts';

/** How many runs the list holds at most (newest first); more would not help anyone scrolling. */
const RUN_LIMIT = 20_000;
/** Trace files listed besides the database's runs (newest first). */
const TRACE_LIMIT = 500;

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
 * The TUI's data from a workbench: reads go through a worker thread's own SQLite connection (the
 * screen never waits on the disk) and trace files are read asynchronously; decisions and replays
 * use the workbench, under the same rules as the CLI.
 */
export class WorkbenchSource implements TuiSource {
  readonly #reader: AsyncReader;
  readonly #tracesDir: string;
  /** Parsed trace files by path, kept while their mtime does not change. */
  readonly #traceCache = new Map<string, { mtimeMs: number; recording: Recording | undefined }>();

  constructor(private readonly wb: Workbench, private readonly identity: string, options: { dbPath?: string } = {}) {
    this.#reader = AsyncReader.open(options.dbPath ?? defaultDatabasePath(wb.root));
    this.#tracesDir = path.dirname(wb.traceFile('x'));
  }

  get prices() {
    return this.wb.definitions.project!.value.models.prices;
  }

  async version(): Promise<string> {
    const [data, traces] = await Promise.all([this.#reader.dataVersion(), stat(this.#tracesDir).then((s) => s.mtimeMs, () => 0)]);
    return `${data}:${traces}`;
  }

  async runs(): Promise<RunSummary[]> {
    const rows = await this.#reader.all<RawSummary>(RUNS_SQL, [RUN_LIMIT]);
    const fromDb: RunSummary[] = rows.map((r) => ({
      runId: r.run_id, correlationId: r.correlation_id, workflow: r.workflow, status: r.status, endState: r.end_state, startedAt: r.started_at, endedAt: r.ended_at, costUsd: r.cost_usd,
      tokens: r.tokens, approvals: r.approvals, pendingApprovals: r.pending, policyBlocks: r.blocks, origin: 'database',
    }));
    const known = new Set(fromDb.map((r) => r.runId));
    const traced = (await this.#traceRecordings(known)).filter((r) => !known.has(r.run.runId)).map((r) => summaryOfRecording(r, this.prices));
    return [...fromDb, ...traced];
  }

  async recording(runId: string): Promise<Recording> {
    const [run] = await this.#reader.all<RawRun>('SELECT * FROM runs WHERE run_id = ?', [runId]);
    if (!run) {
      const traced = (await this.#traceRecordings(new Set())).find((r) => r.run.runId === runId);
      if (!traced) throw new NotFoundError(`no run ${runId} in the database or in ${this.#tracesDir}`);
      return traced;
    }
    const [journal, definitions] = await Promise.all([
      this.#reader.all<RawJournalRow>('SELECT seq, kind, step_key, attempt, input_sha256, data_json, ts FROM events WHERE run_id = ? ORDER BY seq', [runId]),
      this.#reader.all<{ files_json: string }>('SELECT files_json FROM definitions WHERE digest = ?', [run.definitions_digest]),
    ]);
    return recordingFrom(runFromRow(run), journal.map(journalRowFrom), definitions[0] && JSON.parse(definitions[0].files_json));
  }

  async pendingApprovals() {
    const rows = await this.#reader.all<RawApproval>("SELECT * FROM approvals WHERE status = 'pending' ORDER BY requested_at, approval_id");
    return Promise.all(rows.map(async (r) => approvalFromRows(r, await this.#reader.all<RawDecision>(DECISIONS_OF_APPROVAL, [r.approval_id]))));
  }

  async latestEval() {
    const [row] = await this.#reader.all<{ report_id: string; kind: 'eval' | 'gate'; report_json: string }>('SELECT report_id, kind, report_json FROM eval_reports ORDER BY created_at DESC, rowid DESC LIMIT 1');
    if (!row) return undefined;
    const report = JSON.parse(row.report_json) as EvalReport;
    const gate = this.wb.definitions.gate?.value;
    if (!gate) return { reportId: row.report_id, kind: row.kind, report, verdict: undefined, baselineFile: undefined };
    const baselineFile = path.join(this.wb.root, gate.baseline.path);
    const baseline = await readFile(baselineFile, 'utf8').then((t) => JSON.parse(t) as Baseline, () => undefined);
    return { reportId: row.report_id, kind: row.kind, report, verdict: judge(report, gate, baseline), baselineFile: gate.baseline.path };
  }

  async decide(approvalId: string, decision: 'approve' | 'deny' | 'edit', extra: { comment?: string; editedArgs?: Record<string, unknown> }) {
    return (await this.wb.decide(approvalId, this.identity, decision, extra)).verdict;
  }

  async reveal(approvalId: string, reason: string) {
    const verdict = this.wb.reveal(approvalId, this.identity, reason);
    if (!verdict.ok) return { ok: false as const, reason: verdict.reason };
    return { ok: true as const, lines: approvalText(verdict.view), revealed: verdict.placeholders };
  }

  async replay(runId: string) {
    const recording = await this.recording(runId);
    return replayRecording(recording, runDefinitionsFor(this.wb.definitions, recording.run.workflow, recording.run.definitionsDigest));
  }

  argsProblems(tool: string, args: Record<string, unknown>): string[] {
    const connector = this.wb.definitions.tools.find((t) => t.value.name === tool)?.value;
    return connector ? validateToolArgs(connector, args) : [`no connector defines tool ${tool}`];
  }

  async close(): Promise<void> {
    await this.#reader.close();
  }

  /**
   * The newest trace files' recordings; files that are not tollgate recordings are left out, and so
   * are `<run-id>.json` files of runs in `skip` (the database has them: no need to parse them).
   */
  async #traceRecordings(skip: ReadonlySet<string>): Promise<Recording[]> {
    const names = await readdir(this.#tracesDir).catch(() => [] as string[]);
    const files = await Promise.all(
      names.filter((n) => /\.jsonl?$/.test(n) && !skip.has(n.replace(/\.jsonl?$/, ''))).map(async (n) => {
        const file = path.join(this.#tracesDir, n);
        return { file, mtimeMs: await stat(file).then((s) => s.mtimeMs, () => 0) };
      }),
    );
    files.sort((a, b) => b.mtimeMs - a.mtimeMs);
    const out: Recording[] = [];
    for (const { file, mtimeMs } of files.slice(0, TRACE_LIMIT)) {
      let cached = this.#traceCache.get(file);
      if (!cached || cached.mtimeMs !== mtimeMs) {
        const text = await readFile(file, 'utf8').catch(() => '');
        let recording: Recording | undefined;
        try {
          recording = parseRecording(text, file);
        } catch {
          recording = undefined;
        }
        this.#traceCache.set(file, (cached = { mtimeMs, recording }));
      }
      if (cached.recording) out.push(cached.recording);
    }
    return out;
  }
}
