import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Baseline, EvalReport } from '../evals/index.ts';
import { NotFoundError } from '../shared/errors.ts';
// Module by module, not through the folders' index files: the TUI's first paint loads only these
// (the bundler keeps whatever an index file's other modules import).
import { RunReader, type StoredRunSummary } from '../workbench/run-reader.ts';
import { TraceFolder } from '../workbench/trace-folder.ts';
import type { Recording } from '../workbench/index.ts';
import { approvalText } from '../approvals/text.ts';
import type { Workbench } from '../workbench/index.ts';
import type { RunSummary, TuiSource } from './source.ts';
import { summaryOfRecording } from './view-model/recorded-run.ts';

/** How many runs the list holds at most (newest first); more would not help anyone scrolling. */
const RUN_LIMIT = 20_000;

/** A workbench opened on first need: the TUI paints from the database before it has one. */
export interface LazyWorkbench {
  readonly root: string;
  load(): Promise<Workbench>;
}

/** What needs the workbench, loaded together in the background after the first paint. */
interface Loaded {
  readonly wb: Workbench;
  readonly workbench: typeof import('../workbench/index.ts');
}

/**
 * The TUI's data: reads go through a worker thread's own SQLite connection (the screen never
 * waits on the disk) and trace files are read asynchronously; decisions and replays use the
 * workbench, under the same rules as the CLI. The workbench (the project's definitions and
 * everything that runs them) loads after the runs list has painted, so the first frame does not
 * wait for it.
 */
export class WorkbenchSource implements TuiSource {
  readonly #reader: RunReader;
  readonly #traces: TraceFolder;
  readonly #lazy: LazyWorkbench;
  /** The first runs query, sent as the source is made: it runs while the screen code loads. */
  #firstRuns: Promise<StoredRunSummary[]> | undefined;
  #loading: Promise<Loaded> | undefined;
  #loaded: Loaded | undefined;

  /** Over an open workbench, or one to open when first needed. `dbPath` must exist already. */
  constructor(workbench: Workbench | LazyWorkbench, private readonly identity: string, options: { dbPath?: string; tracesDir?: string } = {}) {
    this.#lazy = 'load' in workbench && typeof workbench.load === 'function' ? workbench : { root: workbench.root, load: async () => workbench as Workbench };
    const root = this.#lazy.root;
    this.#reader = RunReader.open(options.dbPath ?? path.join(root, '.tollgate', 'tollgate.db'));
    this.#firstRuns = this.#reader.runSummaries(RUN_LIMIT);
    this.#firstRuns.catch(() => undefined); // asked again (and reported) by the first runs()
    this.#traces = new TraceFolder(options.tracesDir ?? ('load' in workbench ? path.join(root, 'traces') : path.dirname(workbench.traceFile('x'))));
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
      const [wb, workbench] = await Promise.all([this.#lazy.load(), import('../workbench/index.ts')]);
      return (this.#loaded = { wb, workbench });
    })();
    return this.#loading;
  }

  async version(): Promise<string> {
    const [data, traces] = await Promise.all([this.#reader.dataVersion(), this.#traces.changedAt()]);
    return `${data}:${traces}`;
  }

  async runs(): Promise<RunSummary[]> {
    const first = this.#firstRuns;
    this.#firstRuns = undefined;
    let rows = await first?.catch(() => undefined);
    if (!rows) {
      if (first) await this.load(); // a database older than this tollgate: the workbench migrates it on open
      rows = await this.#reader.runSummaries(RUN_LIMIT);
    }
    const fromDb: RunSummary[] = rows.map((r) => ({ ...r, origin: 'database' }));
    const known = new Set(fromDb.map((r) => r.runId));
    const recordings = (await this.#traces.recordings(known)).filter((r) => !known.has(r.run.runId));
    if (recordings.length) await this.load(); // their costs need the project's prices
    return [...fromDb, ...recordings.map((r) => summaryOfRecording(r, this.prices))];
  }

  async recording(runId: string): Promise<Recording> {
    const run = await this.#reader.run(runId);
    if (!run) {
      const traced = (await this.#traces.recordings(new Set())).find((r) => r.run.runId === runId);
      if (!traced) throw new NotFoundError(`no run ${runId} in the database or in ${this.#traces.dir}`);
      return traced;
    }
    const [journal, definitions, { workbench }] = await Promise.all([this.#reader.journal(runId), this.#reader.definitions(run.definitionsDigest), this.load()]);
    return workbench.recordingFrom(run, journal, definitions);
  }

  async pendingApprovals() {
    return this.#reader.pendingApprovals();
  }

  async latestEval() {
    const row = await this.#reader.latestEvalReport<EvalReport>();
    if (!row) return undefined;
    const report = row.report;
    const [{ wb }, { judge }] = await Promise.all([this.load(), import('../evals/index.ts')]);
    const gate = wb.definitions.gate?.value;
    if (!gate) return { reportId: row.reportId, kind: row.kind, report, verdict: undefined, baselineFile: undefined };
    const baselineFile = path.join(wb.root, gate.baseline.path);
    const baseline = await readFile(baselineFile, 'utf8').then((t) => JSON.parse(t) as Baseline, () => undefined);
    return { reportId: row.reportId, kind: row.kind, report, verdict: judge(report, gate, baseline), baselineFile: gate.baseline.path };
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
    const { wb } = await this.load();
    return wb.toolArgsProblems(tool, args);
  }

  async close(): Promise<void> {
    await this.#reader.close();
  }
}
