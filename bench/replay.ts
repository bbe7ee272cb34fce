import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executeRun, type RunDefinitions } from '../src/engine/index.ts';
import { PiiVault } from '../src/policy/index.ts';
import { replayRecording } from '../src/replay/index.ts';
import { systemClock } from '../src/shared/index.ts';
import type { JournalRow } from '../src/store/index.ts';
import { buildTrace, writeOtlpFile, type Recording } from '../src/trace/index.ts';
import type { Workflow } from '../src/workflow/index.ts';
import type { BenchResult } from './stats.ts';

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
  const t0 = performance.now();
  const report = await replayRecording(recording, defs);
  const replayMs = performance.now() - t0;
  if (!report.identical) throw new Error('bench replay diverged');

  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-bench-trace-'));
  const t1 = performance.now();
  const spans = buildTrace(recording);
  const file = path.join(dir, 'trace.json');
  writeOtlpFile(file, spans);
  const traceMs = performance.now() - t1;
  const size = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  return [
    { name: `replay of a recording of ${rows.length} events (${LOOPS} polling steps)`, figures: { events: rows.length, ms: Math.round(replayMs), events_per_s: Math.round(rows.length / (replayMs / 1000)) } },
    { name: 'trace build + OTLP JSON file write of the same run', figures: { spans: spans.length, ms: Math.round(traceMs), spans_per_s: Math.round(spans.length / (traceMs / 1000)), file_mb: Math.round((size / 1e6) * 10) / 10 } },
  ];
}
