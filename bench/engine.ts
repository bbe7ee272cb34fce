import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executeRun, type ApprovalInbox, type RunDefinitions } from '../src/engine/index.ts';
import { systemClock } from '../src/shared/index.ts';
import { PiiVault } from '../src/policy/index.ts';
import { JournalBuffer, JournalStore, openDatabase, RunStore } from '../src/store/index.ts';
import type { ToolConnector, Workflow } from '../src/workflow/index.ts';
import { percentile, type BenchResult } from './stats.ts';

const STEPS = 10;

/** A workflow of 10 tool steps (reads and writes) over tools answered instantly in memory. */
function tenStepDefinitions(): RunDefinitions {
  const tools = new Map<string, ToolConnector>();
  const steps: Workflow['steps'] = [];
  for (let i = 0; i < STEPS; i++) {
    const name = `svc.op${i}`;
    tools.set(name, {
      name, description: 'bench tool', side_effect: i % 2 ? 'write' : 'read', scopes: [], data_classes: [],
      args: { type: 'object', properties: { n: { type: 'number' } } },
      http: { method: i % 2 ? 'POST' : 'GET', url: `https://svc.bench.test/op${i}` },
    });
    steps.push({ id: `s${i}`, tool: name, args: { n: `${i}` } } as Workflow['steps'][number]);
  }
  steps.push({ id: 'done', end: 'resolved' } as Workflow['steps'][number]);
  const workflow = { id: 'bench', version: 1, trigger: { event: 'bench' }, policy: [], limits: {}, agents: {}, steps } as unknown as Workflow;
  return {
    workflow, tools, policies: [{ id: 'live', version: 1, tools: { allow: [], deny: [] }, environments: { dev: { writes: 'live' } }, constraints: [], approvals: [], results: [], data: { redact_before_model: [], forbid: [] }, budgets: {}, loops: { max_identical_tool_calls: 3, on_exceed: 'escalate' } }],
    project: { name: 'bench', environment: 'dev', models: { default: 'm', routes: {}, digests: {}, prices: {} }, alerts: [], people: {} },
    definitionsDigest: 'sha256:bench',
  };
}

const noApprovals: ApprovalInbox = { open: () => undefined, state: () => ({ status: 'approved', approvers: [] }) };

/** Engine overhead per step (journal in SQLite, tools answered in memory) and runs/s in parallel. */
export async function benchEngine(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const runs = new RunStore(db);
  const journal = new JournalStore(db);
  const defs = tenStepDefinitions();
  let counter = 0;
  const oneRun = async () => {
    const runId = `run_bench_${++counter}`;
    // As the workbench writes: rows held until a write or the run's end needs them durable, one transaction each time.
    const buffer = new JournalBuffer((rows) => journal.transaction(() => rows.forEach((row) => journal.append(runId, row))));
    runs.insert({ runId, correlationId: runId, workflow: 'bench', version: 1, definitionsDigest: defs.definitionsDigest, env: 'dev', triggerType: 'event', status: 'running', event: {}, options: {}, startedAt: Date.now(), ownerPid: process.pid });
    const result = await executeRun(
      defs,
      { runId, correlationId: runId, env: 'dev', event: {}, startedAt: Date.now(), requestedBy: 'bench' },
      { model: { chat: () => Promise.reject(new Error('no model')), digest: async () => undefined }, sendTool: async () => ({ status: 200, body: { ok: true } }), approvals: noApprovals, clock: systemClock, vault: new PiiVault() },
      [],
      (row) => buffer.add(row),
      { makeDurable: () => buffer.flush() },
    );
    if (result.endState !== 'resolved') throw new Error(`bench run ended ${result.status}: ${result.reason}`);
  };
  for (let i = 0; i < 50; i++) await oneRun(); // warm-up
  const perStepUs: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = process.hrtime.bigint();
    await oneRun();
    perStepUs.push(Number(process.hrtime.bigint() - t) / 1000 / STEPS);
  }
  const results: BenchResult[] = [
    { name: 'engine overhead per step (10-step run, 5 of them writes, SQLite journal, in-memory tools)', figures: { median_us: percentile(perStepUs, 50), p99_us: percentile(perStepUs, 99) } },
  ];
  for (const parallel of [1, 4, 16]) {
    const total = 400;
    const t = performance.now();
    let started = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (started < total) {
        started++;
        await oneRun();
      }
    }));
    results.push({ name: `runs per second, ${parallel} in parallel (10 steps each)`, figures: { runs_per_s: Math.round((total / (performance.now() - t)) * 1000) } });
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return results;
}
