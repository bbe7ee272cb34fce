import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Baseline, EvalReport } from '../evals/index.ts';
import { NotFoundError } from '../shared/errors.ts';
// Module by module, not through the folders' index files: the TUI's first paint loads only these
// (the bundler keeps whatever an index file's other modules import).
import { approvalFromRows, DECISIONS_OF_APPROVAL, type RawApproval, type RawDecision } from '../store/approval-store.ts';
import { AsyncReader } from '../store/async-reader.ts';
import { journalRowFrom, type RawJournalRow } from '../store/journal-store.ts';
import { runFromRow, type RawRun } from '../store/run-store.ts';
import { CASES_OF_REPORT, LATEST_REPORT, reportFromRows, type StoredReportRow } from '../store/eval-store.ts';
import type { Recording } from '../trace/index.ts';
import { approvalText } from '../approvals/text.ts';
import type { Workbench } from '../workbench/index.ts';
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

/** A workbench opened on first need: the TUI paints from the database before it has one. */
export interface LazyWorkbench {
  readonly root: string;
  load(): Promise<Workbench>;
}

/** What needs the workbench, loaded together in the background after the first paint. */
interface Loaded {
  readonly wb: Workbench;
  readonly workbench: typeof import('../workbench/index.ts');
  readonly validateToolArgs: typeof import('../tools/index.ts')['validateToolArgs'];
}

/**
 * The TUI's data: reads go through a worker thread's own SQLite connection (the screen never
 * waits on the disk) and trace files are read asynchronously; decisions and replays use the
 * workbench, under the same rules as the CLI. The workbench (the project's definitions and
 * everything that runs them) loads after the runs list has painted, so the first frame does not
 * wait for it.
 */
export class WorkbenchSource implements TuiSource {
  readonly #reader: AsyncReader;
  readonly #tracesDir: string;
  readonly #lazy: LazyWorkbench;
  /** The first runs query, sent as the source is made: it runs while the screen code loads. */
  #firstRuns: Promise<RawSummary[]> | undefined;
  #loading: Promise<Loaded> | undefined;
  #loaded: Loaded | undefined;
  /** Parsed trace files by path, kept while their mtime does not change. */
  readonly #traceCache = new Map<string, { mtimeMs: number; recording: Recording | undefined }>();

  /** Over an open workbench, or one to open when first needed. `dbPath` must exist already. */
  constructor(workbench: Workbench | LazyWorkbench, private readonly identity: string, options: { dbPath?: string; tracesDir?: string } = {}) {
    this.#lazy = 'load' in workbench && typeof workbench.load === 'function' ? workbench : { root: workbench.root, load: async () => workbench as Workbench };
    const root = this.#lazy.root;
    this.#reader = AsyncReader.open(options.dbPath ?? path.join(root, '.tollgate', 'tollgate.db'));
    this.#firstRuns = this.#reader.all<RawSummary>(RUNS_SQL, [RUN_LIMIT]);
    this.#firstRuns.catch(() => undefined); // asked again (and reported) by the first runs()
    this.#tracesDir = options.tracesDir ?? ('load' in workbench ? path.join(root, 'traces') : path.dirname(workbench.traceFile('x')));
  }

  /** Prices once the workbench has loaded (every view that shows a cost has awaited it by then). */
  get prices() {
    return this.#loaded?.wb.definitions.project?.value.models.prices ?? {};
  }

  /** The first screen has painted: load the workbench now, so that a decision does not wait for it. */
  warm(): void {
    this.load().catch(() => undefined); // a failure is reported by whatever needs the workbench
  }

  /** Starts loading the workbench, if nothing has yet; resolves when it is there. */
  load(): Promise<Loaded> {
    this.#loading ??= (async () => {
      const [wb, workbench, tools] = await Promise.all([this.#lazy.load(), import('../workbench/index.ts'), import('../tools/index.ts')]);
      return (this.#loaded = { wb, workbench, validateToolArgs: tools.validateToolArgs });
    })();
    return this.#loading;
  }

  async version(): Promise<string> {
    const [data, traces] = await Promise.all([this.#reader.dataVersion(), stat(this.#tracesDir).then((s) => s.mtimeMs, () => 0)]);
    return `${data}:${traces}`;
  }

  async runs(): Promise<RunSummary[]> {
    const first = this.#firstRuns;
    this.#firstRuns = undefined;
    let rows = await first?.catch(() => undefined);
    if (!rows) {
      if (first) await this.load(); // a database older than this tollgate: the workbench migrates it on open
      rows = await this.#reader.all<RawSummary>(RUNS_SQL, [RUN_LIMIT]);
    }
    const fromDb: RunSummary[] = rows.map((r) => ({
      runId: r.run_id, correlationId: r.correlation_id, workflow: r.workflow, status: r.status, endState: r.end_state, startedAt: r.started_at, endedAt: r.ended_at, costUsd: r.cost_usd,
      tokens: r.tokens, approvals: r.approvals, pendingApprovals: r.pending, policyBlocks: r.blocks, origin: 'database',
    }));
    const known = new Set(fromDb.map((r) => r.runId));
    const recordings = (await this.#traceRecordings(known)).filter((r) => !known.has(r.run.runId));
    if (recordings.length) await this.load(); // their costs need the project's prices
    return [...fromDb, ...recordings.map((r) => summaryOfRecording(r, this.prices))];
  }

  async recording(runId: string): Promise<Recording> {
    const [run] = await this.#reader.all<RawRun>('SELECT * FROM runs WHERE run_id = ?', [runId]);
    if (!run) {
      const traced = (await this.#traceRecordings(new Set())).find((r) => r.run.runId === runId);
      if (!traced) throw new NotFoundError(`no run ${runId} in the database or in ${this.#tracesDir}`);
      return traced;
    }
    const [journal, definitions, { workbench }] = await Promise.all([
      this.#reader.all<RawJournalRow>('SELECT seq, kind, step_key, attempt, input_sha256, data_json, ts FROM events WHERE run_id = ? ORDER BY seq', [runId]),
      this.#reader.all<{ files_json: string }>('SELECT files_json FROM definitions WHERE digest = ?', [run.definitions_digest]),
      this.load(),
    ]);
    return workbench.recordingFrom(runFromRow(run), journal.map(journalRowFrom), definitions[0] && JSON.parse(definitions[0].files_json));
  }

  async pendingApprovals() {
    const rows = await this.#reader.all<RawApproval>("SELECT * FROM approvals WHERE status = 'pending' ORDER BY requested_at, approval_id");
    return Promise.all(rows.map(async (r) => approvalFromRows(r, await this.#reader.all<RawDecision>(DECISIONS_OF_APPROVAL, [r.approval_id]))));
  }

  async latestEval() {
    const [row] = await this.#reader.all<StoredReportRow>(LATEST_REPORT);
    if (!row) return undefined;
    const report = reportFromRows<EvalReport>(row, await this.#reader.all<{ summary_json: string | null }>(CASES_OF_REPORT, [row.report_id]));
    const [{ wb }, { judge }] = await Promise.all([this.load(), import('../evals/index.ts')]);
    const gate = wb.definitions.gate?.value;
    if (!gate) return { reportId: row.report_id, kind: row.kind, report, verdict: undefined, baselineFile: undefined };
    const baselineFile = path.join(wb.root, gate.baseline.path);
    const baseline = await readFile(baselineFile, 'utf8').then((t) => JSON.parse(t) as Baseline, () => undefined);
    return { reportId: row.report_id, kind: row.kind, report, verdict: judge(report, gate, baseline), baselineFile: gate.baseline.path };
  }

  async decide(approvalId: string, decision: 'approve' | 'deny' | 'edit', extra: { comment?: string; editedArgs?: Record<string, unknown> }) {
    const { wb } = await this.load();
    return (await wb.decide(approvalId, this.identity, decision, extra)).verdict;
  }

  async reveal(approvalId: string, reason: string) {
    const { wb } = await this.load();
    const verdict = wb.reveal(approvalId, this.identity, reason);
    if (!verdict.ok) return { ok: false as const, reason: verdict.reason };
    return { ok: true as const, lines: approvalText(verdict.view), revealed: verdict.placeholders };
  }

  async replay(runId: string) {
    const [recording, { wb, workbench }, { replayRecording }] = await Promise.all([this.recording(runId), this.load(), import('../replay/index.ts')]);
    return replayRecording(recording, workbench.runDefinitionsFor(wb.definitions, recording.run.workflow, recording.run.definitionsDigest));
  }

  async argsProblems(tool: string, args: Record<string, unknown>): Promise<string[]> {
    const { wb, validateToolArgs } = await this.load();
    const connector = wb.definitions.tools.find((t) => t.value.name === tool)?.value;
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
    if (!names.length) return [];
    const { parseRecording } = await import('../trace/index.ts');
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
