import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashAtEnv, mapLimit, tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { startToolServer, type WriteSeen } from '../support/tool-server.ts';
import { Workbench } from '../../src/workbench/index.ts';

/**
 * Kills real `tollgate run` processes with SIGKILL at each commit of their journal, resumes them, and
 * checks that every run ends as an uninterrupted run does and that no write reached a tool twice
 * with a different effect. Resuming needs no process boundary (the crash is the killed process), so
 * it runs in this process through the workbench the CLI calls; each scenario's last point resumes
 * with `tollgate resume`, so the command is covered after a real crash too.
 */
interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
}

/** Gold cases of the example project without approvals or injected faults, one per workflow. */
const SCENARIOS: Scenario[] = [
  { name: 'refund-request/small-refund-auto', args: ['run', '--case', 'small-refund-auto'] },
  { name: 'invoice-received/invoice-matches-po', args: ['run', '--case', 'invoice-matches-po'] },
  { name: 'alert-fired/database-down-paged-prod', args: ['run', '--case', 'database-down-paged-prod'] },
];

/**
 * Where to kill, from an uninterrupted run's journal. Rows commit together at the engine's durable
 * points (its start, before each write and approval request, its end; see durable-points.test.ts),
 * so a crash can leave only two states per commit: just before it (its rows lost, with what ran
 * since the last one) and just after it (before the write it guards is sent). "before:N" kills as
 * row N's commit begins, "after:N" once it is done; any row of a commit stands for all of them.
 * Rows held past 50 ms commit early; the points then land elsewhere and are still crashes.
 */
function killPointsFor(rows: readonly { kind: string; tool?: string }[], writeTools: ReadonlySet<string>): string[] {
  const points = ['before:1', 'after:1'];
  rows.forEach((row, i) => {
    const seq = i + 1;
    const guardsEffect = (row.kind === 'tool.started' && writeTools.has(row.tool ?? '')) || row.kind === 'approval.started';
    if (guardsEffect && seq < rows.length) points.push(`after:${seq}`, `before:${seq + 1}`);
  });
  points.push(`before:${rows.length}`, `after:${rows.length}`);
  return [...new Set(points)];
}

let root: string;
let server: Awaited<ReturnType<typeof startToolServer>>;
const dbDir = mkdtempSync(path.join(tmpdir(), 'tollgate-crash-'));
let dbCount = 0;
let killPoints = 0;

let writeTools: ReadonlySet<string>;

beforeAll(async () => {
  root = copyExampleProject();
  server = await startToolServer(root);
  const wb = Workbench.open(root, { dbPath: path.join(dbDir, 'definitions.db') });
  writeTools = new Set(wb.definitions.tools.filter((t) => t.value.side_effect !== 'read').map((t) => t.value.name));
  await wb.close();
});
afterAll(async () => server?.close());

interface Outcome {
  status: string;
  endState: string | null;
  runId: string;
  kinds: string[];
  rows: { kind: string; tool?: string }[];
}

function envFor(db: string, crashAt?: string): Record<string, string> {
  return { TOLLGATE_DB: db, TOLLGATE_TOOLS_ORIGIN: server.origin, ...(crashAt ? crashAtEnv(crashAt) : {}) };
}

function readRun(db: string): { runId: string; kinds: string[]; rows: { kind: string; tool?: string }[] } | undefined {
  const conn = new Database(db, { readonly: true });
  try {
    const run = conn.prepare('SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1').get() as { run_id: string } | undefined;
    if (!run) return undefined;
    const rows = (conn.prepare('SELECT kind, data_json FROM events WHERE run_id = ? ORDER BY seq').all(run.run_id) as { kind: string; data_json: string }[])
      .map((r) => ({ kind: r.kind, tool: (JSON.parse(r.data_json) as { input?: { tool?: string } }).input?.tool }));
    return { runId: run.run_id, kinds: rows.map((r) => r.kind), rows };
  } finally {
    conn.close();
  }
}

/** Writes that reached the tools for a run: idempotency key (without the run ID) → distinct responses. */
function writesOf(runId: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const w of server.writes.filter((x: WriteSeen) => x.runId === runId)) {
    const key = w.idempotencyKey.replace(`${runId}:`, '');
    out.set(key, (out.get(key) ?? new Set()).add(`${w.status} ${w.response.replaceAll(runId, 'RUN')}`));
  }
  return out;
}

/** The run as `tollgate resume` leaves it: with the command, or in this process. */
async function resume(db: string, runId: string, viaCli: boolean): Promise<{ status: string; endState: string | null }> {
  if (viaCli) return JSON.parse((await tollgate(['resume', runId, '--json'], { cwd: root, env: envFor(db) })).stdout) as { status: string; endState: string | null };
  const wb = Workbench.open(root, { dbPath: db, world: { kind: 'tool-server', origin: server.origin } });
  try {
    return await wb.resume(runId);
  } finally {
    await wb.close();
  }
}

async function runToEnd(scenario: Scenario, crashAt?: string, resumeViaCli = false): Promise<Outcome & { killed: boolean }> {
  const db = path.join(dbDir, `crash-${++dbCount}.db`);
  const first = await tollgate([...scenario.args, '--json'], { cwd: root, env: envFor(db, crashAt) });
  const killed = first.signal === 'SIGKILL';
  const written = readRun(db);
  if (!written) throw new Error(`no run recorded (${first.stderr})`);
  const run = killed ? await resume(db, written.runId, resumeViaCli) : (JSON.parse(first.stdout) as { status: string; endState: string | null });
  const after = readRun(db)!;
  return { status: run.status, endState: run.endState, runId: written.runId, kinds: after.kinds, rows: after.rows, killed };
}

describe('crash and resume (SIGKILL at journal positions)', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: every kill point resumes to the uninterrupted outcome without a second effect`, async () => {
      const baseline = await runToEnd(scenario);
      expect(baseline.killed).toBe(false);
      const baselineWrites = writesOf(baseline.runId);
      const points = killPointsFor(baseline.rows, writeTools);
      killPoints += points.length;
      const outcomes = await mapLimit(points, 2, (point, i) => runToEnd(scenario, point, i === points.length - 1));
      const summary = outcomes.map((o, i) => ({ point: points[i], killed: o.killed, status: o.status, endState: o.endState }));
      expect(summary.filter((s) => !s.killed)).toEqual([]);
      for (const [i, o] of outcomes.entries()) {
        expect({ point: points[i], status: o.status, endState: o.endState }).toEqual({ point: points[i], status: baseline.status, endState: baseline.endState });
        expect({ point: points[i], kinds: o.kinds.filter((k) => k !== 'run.resumed') }).toEqual({ point: points[i], kinds: baseline.kinds });
        const writes = writesOf(o.runId);
        expect([...writes.keys()].sort(), `write keys at ${points[i]}`).toEqual([...baselineWrites.keys()].sort());
        for (const [key, responses] of writes) expect(responses.size, `${key} at ${points[i]} answered differently`).toBe(1);
      }
    }, 600_000);
  }

  it('covered every commit of the three runs (at least 20 kill points in all)', () => {
    expect(killPoints).toBeGreaterThanOrEqual(20);
  });
});
