import { parentPort, workerData } from 'node:worker_threads';
import { Workbench } from '../workbench/index.ts';
import type { CaseLog } from './case-log.ts';
import type { EvalReport } from './report.ts';
import { runEval } from './runner.ts';
import type { WorkerMessage, WorkerTask } from './parallel-eval.ts';

// An eval worker thread (see parallel-eval.ts): its part of the cases, through a workbench of its
// own over its own database file; every case report and summary posted to the main thread.
const task = workerData as WorkerTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

/** Full case reports go to the main thread's log as they are scored; nothing is kept here. */
const posting: CaseLog = {
  add: (c) => post({ kind: 'case', key: c.key, text: JSON.stringify(c, null, 2) }),
  addText: (key, text) => post({ kind: 'case', key, text }),
  text: () => { throw new Error('a worker posts its cases; the main thread reads them'); },
  get: () => { throw new Error('a worker posts its cases; the main thread reads them'); },
};

try {
  const wb = Workbench.openForWorker(task.workbench, task.dbPath);
  let report: EvalReport | undefined;
  try {
    const { judgeModel, ...options } = task.options;
    const judge = judgeModel ? { judge: { model: judgeModel, client: wb.modelClient({ 'x-tollgate-run-id': 'judge' }) } } : {};
    report = await runEval(wb, { ...options, ...judge, log: posting, onCase: (_done, _total, summary) => post({ kind: 'scored', summary }) });
  } finally {
    await wb.close();
  }
  if (report) post({ kind: 'done' });
} catch (error) {
  const code = (error as { code?: unknown }).code;
  post({ kind: 'failed', message: (error as Error).message, ...(typeof code === 'string' ? { code } : {}) });
}
