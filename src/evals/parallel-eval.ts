import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { TollgateError, UsageError } from '../shared/index.ts';
import type { Workbench, WorkerWorkbench } from '../workbench/index.ts';
import type { CaseLog } from './case-log.ts';
import { interner, type CaseSummary } from './case-summary.ts';
import { totalsOf, type EvalReport } from './report.ts';
import { runEval, selectCases, type EvalOptions } from './runner.ts';

/** The eval options a worker thread can be given (plain data: a judge by its model's name). */
export type PortableEvalOptions = Pick<EvalOptions, 'workflow' | 'cases' | 'model' | 'concurrency' | 'shard' | 'part' | 'routeModels'> & { readonly judgeModel?: string };

/** What an eval worker is told: the workbench to open again, its own database file, its part of the cases. */
export interface WorkerTask {
  readonly workbench: WorkerWorkbench;
  readonly dbPath: string;
  readonly options: PortableEvalOptions;
}

/** What an eval worker posts back: each case's full report as text, its summary, then the end. */
export type WorkerMessage =
  | { readonly kind: 'case'; readonly key: string; readonly text: string }
  | { readonly kind: 'scored'; readonly summary: CaseSummary }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string; readonly code?: string };

/**
 * Runs an eval on `workers` threads: this one runs the first part of the cases, each worker thread
 * another part through its own workbench over a database file of its own (no two writers on one
 * SQLite file), posting case reports back as they are scored. At the end this thread takes in the
 * workers' runs, so the project's database holds every run as a one-thread eval leaves it; the
 * report is the same, cases in the same order.
 */
export async function runEvalInWorkers(wb: Workbench, o: EvalOptions & { readonly log: CaseLog }, workers: number): Promise<EvalReport> {
  if (workers <= 1) return runEval(wb, o);
  if (o.scriptFor) throw new UsageError('an eval with per-case scripts runs on one thread');
  const total = selectCases(wb.definitions.goldCases, o).length;
  const intern = interner();
  let done = 0;
  const scored = (c: CaseSummary) => o.onCase?.(++done, total, c);
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-workers-'));
  try {
    const portable: PortableEvalOptions = {
      ...(o.workflow ? { workflow: o.workflow } : {}), ...(o.cases ? { cases: o.cases } : {}), ...(o.model ? { model: o.model } : {}), ...(o.concurrency ? { concurrency: o.concurrency } : {}),
      ...(o.shard ? { shard: o.shard } : {}), ...(o.routeModels ? { routeModels: o.routeModels } : {}), ...(o.judge ? { judgeModel: o.judge.model } : {}),
    };
    const files = Array.from({ length: workers - 1 }, (_, i) => path.join(dir, `part-${i + 2}.db`));
    const parts = files.map((dbPath, i) => runWorker({ workbench: wb.workerWorkbench(), dbPath, options: { ...portable, part: { index: i + 2, total: workers } } }, o.log, (c) => scored({ ...c, ...(c.coverage ? { coverage: c.coverage.map(intern) } : {}) })));
    const own = runEval(wb, { ...o, part: { index: 1, total: workers }, onCase: (_done, _total, c) => scored(c) });
    const settled = await Promise.allSettled([own, ...parts]);
    // What the workers ran is the project's, whether or not every part finished.
    for (const file of files) if (existsSync(file)) wb.adoptRunsFrom(file);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [first, ...others] = settled.map((s) => (s as PromiseFulfilledResult<EvalReport | CaseSummary[]>).value);
    const report = first as EvalReport;
    const cases = [...report.cases, ...(others as CaseSummary[][]).flat()].sort((a, b) => a.key.localeCompare(b.key));
    return { ...report, cases, totals: totalsOf(cases) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One worker thread running its part; resolves with its case summaries once it ended and closed its database. */
function runWorker(task: WorkerTask, log: CaseLog, scored: (c: CaseSummary) => void): Promise<CaseSummary[]> {
  return new Promise((resolve, reject) => {
    const cases: CaseSummary[] = [];
    let finished = false;
    let failure: Error | undefined;
    const worker = new Worker(workerEntry(), { workerData: task });
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'case') log.addText(m.key, m.text);
      else if (m.kind === 'scored') (cases.push(m.summary), scored(m.summary));
      else if (m.kind === 'done') finished = true;
      else failure = m.code?.startsWith('TG_') ? new TollgateError(m.code as `TG_${string}`, m.message) : new Error(m.message);
    });
    worker.on('error', (error) => (failure ??= error));
    worker.on('exit', (code) => (finished && !failure ? resolve(cases) : reject(failure ?? new Error(`an eval worker stopped (exit code ${code}) before its cases were done`))));
  });
}

/** The worker's module: dist/eval-worker.js beside the bundle's chunks (npm run build makes it). */
function workerEntry(): URL {
  const entry = new URL('../eval-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js') || !existsSync(entry)) throw new UsageError('eval workers need the built CLI (npm run build); run with --workers 1');
  return entry;
}
