import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, MemoryCaseLog, runEval, type Baseline, type CaseLog, type EvalReport } from '../../src/evals/index.ts';
import { modelledLatency, type ModelledLatencyInput } from '../../src/evals/modelled-latency.ts';
import { latencyScorer } from '../../src/evals/scorers/latency.ts';
import type { CaseRun } from '../../src/evals/types.ts';
import { classifyOllamaError } from '../../src/models/ollama-client.ts';
import { classifyFetchError } from '../../src/tools/classify.ts';
import { retryDelay } from '../../src/tools/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

const FAST_RETRY = { initial_interval: '50ms', backoff_coefficient: 2, maximum_attempts: 3, non_retryable_errors: [] };
const definitions = {
  workflow: { limits: { step_timeout: '20s' } },
  tools: new Map([
    ['orders.get', { name: 'orders.get', timeout: '2s', retry: FAST_RETRY }],
    ['refunds.create', { name: 'refunds.create', timeout: '5s', retry: FAST_RETRY }],
  ]),
} as unknown as ModelledLatencyInput['definitions'];

type Row = ModelledLatencyInput['journal'][number];
const toolStarted = (stepKey: string, tool: string, attempt = 1, dryRun = false): Row => ({ kind: 'tool.started', stepKey, attempt, data: { input: { tool, args: {}, idempotency_key: `run_t:${stepKey}`, attempt, dry_run: dryRun } } });
const modelStarted = (stepKey: string, attempt = 1): Row => ({ kind: 'model.started', stepKey, attempt, data: { input: { model: 'm', messages: [], tools: [], attempt } } });
const done = (kind: 'tool' | 'model', stepKey: string, data: Record<string, unknown>, attempt = 1): Row => ({ kind: `${kind}.done`, stepKey, attempt, data: { ...data, duration_ms: 99_999 } });
const timeout = (code: string, timeoutMs: number) => ({ error: { code, message: 'timed out', retryable: true, timeoutMs } });

describe('modelled latency of a journal (pure)', () => {
  it('a timeout, then the backoff the engine slept, then a success', () => {
    const journal = [toolStarted('lookup', 'orders.get'), done('tool', 'lookup', timeout('TG_TOOL_TIMEOUT', 2000)), toolStarted('lookup', 'orders.get', 2), done('tool', 'lookup', { output: { status: 200 } }, 2)];
    const m = modelledLatency({ runId: 'run_t', journal, faults: [{ tool: 'orders.get', delay: '30s', times: 1 }], definitions });
    // 2s timeout + 50ms × (0.8 + 0.4 × jitter of "run_t:lookup#1") = 2000 + 46
    expect(m).toEqual({ totalMs: 2046, stepsMs: { lookup: 2046 }, backoffMs: 46 });
  });

  it('a delay shorter than the timeout counts as the delay; dry runs and spent faults count 0', () => {
    const journal = [
      toolStarted('lookup', 'orders.get'), done('tool', 'lookup', { output: {} }),
      toolStarted('lookup#2', 'orders.get'), done('tool', 'lookup#2', { output: {} }),
      toolStarted('lookup#3', 'orders.get'), done('tool', 'lookup#3', { output: {} }),
      toolStarted('refund', 'refunds.create', 1, true), done('tool', 'refund', { output: { dryRun: true } }),
      { kind: 'approval.started', stepKey: 'refund#2', attempt: 1, data: {} }, { kind: 'approval.done', stepKey: 'refund#2', attempt: 1, data: { output: {}, duration_ms: 3_600_000 } },
      toolStarted('refund#2', 'refunds.create'), done('tool', 'refund#2', { output: {} }),
    ];
    const faults = [{ tool: 'orders.get', delay: '500ms', times: 2 }, { tool: 'refunds.create', delay: '300ms', times: 1 }];
    expect(modelledLatency({ runId: 'run_t', journal, faults, definitions })).toEqual({ totalMs: 1300, stepsMs: { lookup: 500, 'lookup#2': 500, 'lookup#3': 0, refund: 0, 'refund#2': 300 }, backoffMs: 0 });
  });

  it('a model timeout, its backoff, and the latency scripted turns declare', () => {
    const journal = [
      modelStarted('triage/turn1'), done('model', 'triage/turn1', timeout('TG_MODEL_TIMEOUT', 20_000)),
      modelStarted('triage/turn1', 2), done('model', 'triage/turn1', { output: { inputTokens: 1, durationMs: 1500 } }, 2),
      modelStarted('triage/turn2'), done('model', 'triage/turn2', { output: { inputTokens: 1, durationMs: 250 } }),
    ];
    // 20s timeout + 1s × (0.8 + 0.4 × jitter of "run_t:triage/turn1#1") + 1.5s + 0.25s
    expect(modelledLatency({ runId: 'run_t', journal, faults: [], definitions })).toEqual({ totalMs: 20_000 + 998 + 1500 + 250, stepsMs: { triage: 22_748 }, backoffMs: 998 });
  });

  it('timeout failures carry the milliseconds they were given', () => {
    expect(classifyFetchError(new Error('aborted'), true, 2000)).toMatchObject({ code: 'TG_TOOL_TIMEOUT', timeoutMs: 2000 });
    expect(classifyOllamaError(new Error('aborted'), 'http://h', 'm', AbortSignal.abort(), 20_000)).toMatchObject({ code: 'TG_MODEL_TIMEOUT', timeoutMs: 20_000 });
  });

  it('judges scripted runs on the modelled time and live runs on the wall clock', () => {
    const caseRun = (options: Record<string, unknown>) => ({
      goldCase: { faults: [{ tool: 'orders.get', delay: '500ms', times: 1 }] },
      run: { runId: 'run_t', startedAt: 1000, endedAt: 3731, updatedAt: 3731, options },
      journal: [{ kind: 'step.entered', stepKey: 'lookup', attempt: 1, data: {}, ts: 1000 }, toolStarted('lookup', 'orders.get'), done('tool', 'lookup', { output: {} })].map((r) => ({ ts: 1000, ...r })),
      definitions,
    }) as unknown as CaseRun;
    const offline = latencyScorer.score(caseRun({ script: 'fixtures/models/x.yaml' }), undefined);
    expect(offline.details).toMatchObject({ total_ms: 2731, modelled_ms: 500, judged_ms: 500, judged_on: 'modelled' });
    expect(offline.reason).toBe('modelled 500 ms (offline: injected delays, timeouts, backoff); wall 2,731 ms');
    const live = latencyScorer.score(caseRun({ model: 'llama3.2:3b' }), undefined);
    expect(live.details).toMatchObject({ total_ms: 2731, modelled_ms: 500, judged_ms: 2731, judged_on: 'wall' });
  });
});

/** Runs the example project's gold cases in-process and judges them against its gate and baseline. */
async function evalProject(root: string, cases?: string) {
  const wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', `eval-${Date.now()}.db`) });
  try {
    const log = new MemoryCaseLog();
    const report = await runEval(wb, { concurrency: 6, log, ...(cases ? { cases } : {}) });
    const baseline = JSON.parse(readFileSync(path.join(root, 'evals', 'baseline.json'), 'utf8')) as Baseline;
    return { report, log, verdict: judge(report, wb.definitions.gate!.value, baseline) };
  } finally {
    await wb.close();
  }
}

const latencyOf = ({ log }: { log: CaseLog }, key: string): Record<string, unknown> & { run_id: string } => {
  const c = log.get(key);
  return { ...(c.scores.find((s) => s.scorer === 'latency')!.details as Record<string, unknown>), latency_ms: c.latency_ms, latency_source: c.latency_source, run_id: c.run_id };
};

/** Busy processes that load every core while `fn` runs. */
async function underLoad<T>(fn: () => Promise<T>): Promise<T> {
  const hogs: ChildProcess[] = Array.from({ length: Math.min(20, 2 * availableParallelism()) }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  try {
    return await fn();
  } finally {
    for (const hog of hogs) hog.kill('SIGKILL');
  }
}

describe('the example project is judged on modelled latency offline', () => {
  const root = copyExampleProject();
  let quiet: Awaited<ReturnType<typeof evalProject>>;
  beforeAll(async () => {
    quiet = await evalProject(root);
  }, 60_000);

  it('a hanging lookup counts its 2s timeout plus the backoff; a case without faults counts 0 ms', () => {
    // orders.get and runbooks.search: a 30s hang aborted at the connector's 2s timeout, then one
    // retry after 50ms × (0.8 + 0.4 × the jitter the run's idempotency key seeds).
    for (const key of ['refund-request/refund-lookup-times-out', 'alert-fired/runbook-search-times-out']) {
      const l = latencyOf(quiet, key);
      const backoff = retryDelay(FAST_RETRY, 1, { code: 'TG_TOOL_TIMEOUT', retryable: true }, `${l.run_id}:triage/call1#1`)!;
      expect(backoff).toBeGreaterThanOrEqual(40);
      expect(backoff).toBeLessThanOrEqual(60);
      expect(l).toMatchObject({ latency_ms: 2000 + backoff, modelled_ms: 2000 + backoff, modelled_backoff_ms: backoff, judged_on: 'modelled', latency_source: 'modelled' });
      expect((l.modelled_steps_ms as Record<string, number>).triage).toBe(2000 + backoff);
    }
    expect(latencyOf(quiet, 'refund-request/small-refund-auto')).toMatchObject({ latency_ms: 0, modelled_ms: 0, judged_on: 'modelled' });
  });

  it('gives the same verdict and latencies with every core busy', async () => {
    const loaded = await underLoad(() => evalProject(root));
    expect(quiet.verdict.pass).toBe(true);
    expect({ pass: loaded.verdict.pass, reasons: loaded.verdict.reasons }).toEqual({ pass: quiet.verdict.pass, reasons: quiet.verdict.reasons });
    // Backoff jitter is seeded by the (random) run ID, so it is compared apart from the rest.
    const figures = (r: { log: CaseLog; report: EvalReport }) => Object.fromEntries(r.report.cases.map(({ key }) => {
      const c = r.log.get(key);
      const backoff = Number(c.scores.find((s) => s.scorer === 'latency')!.details!.modelled_backoff_ms);
      return [c.key, { without_backoff: c.latency_ms - backoff, retried: backoff > 0, source: c.latency_source }];
    }));
    expect(figures(loaded)).toEqual(figures(quiet));
    expect(loaded.report.cases.filter((c) => c.latency_ms > 0).map((c) => c.key)).toEqual(quiet.report.cases.filter((c) => c.latency_ms > 0).map((c) => c.key));
  }, 120_000);

  it('fails the p95 threshold when a scripted model declares more latency than it allows', async () => {
    const slow = copyExampleProject();
    const script = path.join(slow, 'fixtures/models/refund-request/small-refund-auto.yaml');
    const text = readFileSync(script, 'utf8');
    const edited = text.replace('    - tool_calls:', '    - latency: 3.5s\n      tool_calls:').replace('    - content:', '    - latency: 2.5s\n      content:');
    expect(edited).not.toBe(text);
    writeFileSync(script, edited);
    for (const run of [() => evalProject(slow, 'refund-request/small-refund-auto'), () => underLoad(() => evalProject(slow, 'refund-request/small-refund-auto'))]) {
      const { report, verdict } = await run();
      expect(report.cases.map((c) => c.latency_ms)).toEqual([6000]);
      expect(verdict.pass).toBe(false);
      expect(verdict.reasons).toEqual([{ code: 'p95_latency', message: 'p95 latency 6000 ms is over 5000 ms' }]);
    }
  }, 60_000);
});
