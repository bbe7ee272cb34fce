import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executeRun, type RunDefinitions } from '../src/engine/index.ts';
import { PiiVault } from '../src/policy/index.ts';
import { replayRecording } from '../src/replay/index.ts';
import { systemClock } from '../src/shared/index.ts';
import type { JournalRow } from '../src/core/index.ts';
import { buildTrace, writeOtlpFile, type Recording } from '../src/trace/index.ts';
import type { Workflow } from '../src/workflow/index.ts';
import { percentile, type BenchResult } from './stats.ts';

const LOOPS = 2000;

/** A workflow that polls a counter tool until it reaches LOOPS: a recording of ~12,000 events. */
function pollingDefinitions(): RunDefinitions {
  const workflow = {
    id: 'poll', version: 1, trigger: { event: 'bench' }, policy: [], limits: { max_steps: LOOPS * 2 + 10 }, agents: {},
    steps: [
      { id: 'check', tool: 'counter.next', args: {}, next: [{ when: `output.n >= ${LOOPS}`, to: 'done' }, { to: 'check' }] },
      { id: 'done', end: 'resolved' },
    ],
  } as unknown as Workflow;
  return {
    workflow,
    tools: new Map([['counter.next', { name: 'counter.next', description: 'next', side_effect: 'read', scopes: [], data_classes: [], args: { type: 'object' }, http: { method: 'GET', url: 'https://counter.bench.test/next' } }]]),
    policies: [{ id: 'p', version: 1, tools: { allow: [], deny: [] }, environments: {}, constraints: [], approvals: [], results: [], data: { redact_before_model: [], forbid: [] }, budgets: {}, loops: { max_identical_tool_calls: 1_000_000, on_exceed: 'escalate' } }],
    project: { name: 'bench', environment: 'dev', models: { default: 'm', routes: {}, digests: {}, prices: {} }, alerts: [], people: {} },
    definitionsDigest: 'sha256:bench',
  };
}

export async function benchReplay(): Promise<BenchResult[]> {
  const defs = pollingDefinitions();
  const rows: JournalRow[] = [];
  let n = 0;
  const input = { runId: 'run_bench_replay', correlationId: 'cor', env: 'prod' as const, event: {}, startedAt: Date.now(), requestedBy: 'bench' };
  const result = await executeRun(defs, input, {
    model: { chat: () => Promise.reject(new Error('none')), digest: async () => undefined },
    sendTool: async () => ({ status: 200, body: { n: ++n } }),
    approvals: { open: () => undefined, state: () => ({ status: 'pending', approvers: [] }) },
    clock: systemClock, vault: new PiiVault(),
  }, [], (row) => void rows.push(row));
  if (result.endState !== 'resolved') throw new Error(`bench recording ended ${result.status}: ${result.reason}`);
  const recording: Recording = {
    run: { runId: input.runId, correlationId: 'cor', workflow: 'poll', version: 1, env: 'prod', triggerType: 'event', definitionsDigest: defs.definitionsDigest, event: {}, startedAt: input.startedAt, requestedBy: 'bench', status: 'completed', endState: 'resolved', reason: null },
    journal: rows,
  };
  // The first pass of each compiles the code paths (what one `tollgate replay` process pays); the median of the next five is the steady rate.
  const replayMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const report = await replayRecording(recording, defs);
    replayMs.push(performance.now() - t0);
    if (!report.identical) throw new Error('bench replay diverged');
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-bench-trace-'));
  const file = path.join(dir, 'trace.json');
  const traceMs: number[] = [];
  let spans = 0;
  for (let i = 0; i < 6; i++) {
    const t1 = performance.now();
    const built = buildTrace(recording);
    writeOtlpFile(file, built);
    traceMs.push(performance.now() - t1);
    spans = built.length;
  }
  const size = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  const warm = (ms: number[]) => percentile(ms.slice(1), 50);
  return [
    { name: `replay of a recording of ${rows.length} events (${LOOPS} polling steps)`, figures: { events: rows.length, first_ms: Math.round(replayMs[0]!), ms: Math.round(warm(replayMs)), events_per_s: Math.round(rows.length / (warm(replayMs) / 1000)) } },
    { name: 'trace build + OTLP JSON file write of the same run', figures: { spans, first_ms: Math.round(traceMs[0]!), ms: Math.round(warm(traceMs)), spans_per_s: Math.round(spans / (warm(traceMs) / 1000)), file_mb: Math.round((size / 1e6) * 10) / 10 } },
  ];
}
