import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapLimit, tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { startToolServer, type WriteSeen } from '../support/tool-server.ts';

/**
 * Kills real `tollgate run` processes with SIGKILL at exact journal positions (just before and
 * just after each row is written), resumes them with `tollgate resume`, and checks that every run
 * ends as an uninterrupted run does and that no write reached a tool twice with a different effect.
 */
interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  /** Kill at every `stride`-th journal row (before and after it is written). */
  readonly stride: number;
}

/** Gold cases of the example project without approvals or injected faults, one per workflow. */
const SCENARIOS: Scenario[] = [
  { name: 'refund-request/small-refund-auto', args: ['run', '--case', 'small-refund-auto'], stride: 2 },
  { name: 'invoice-received/invoice-matches-po', args: ['run', '--case', 'invoice-matches-po'], stride: 2 },
  { name: 'alert-fired/database-down-paged-prod', args: ['run', '--case', 'database-down-paged-prod'], stride: 2 },
];

let root: string;
let server: Awaited<ReturnType<typeof startToolServer>>;
const dbDir = mkdtempSync(path.join(tmpdir(), 'tollgate-crash-'));
let dbCount = 0;
let killPoints = 0;

beforeAll(async () => {
  root = copyExampleProject();
  server = await startToolServer(root);
});
afterAll(async () => server?.close());

interface Outcome {
  status: string;
  endState: string | null;
  runId: string;
  rows: number;
}

function envFor(db: string, crashAt?: string): Record<string, string> {
  return { TOLLGATE_DB: db, TOLLGATE_TOOLS_ORIGIN: server.origin, ...(crashAt ? { TOLLGATE_TEST_CRASH_AT: crashAt } : {}) };
}

function readRun(db: string): { runId: string; rows: number } | undefined {
  const conn = new Database(db, { readonly: true });
  try {
    const run = conn.prepare('SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1').get() as { run_id: string } | undefined;
    if (!run) return undefined;
    const { n } = conn.prepare('SELECT count(*) AS n FROM events WHERE run_id = ?').get(run.run_id) as { n: number };
    return { runId: run.run_id, rows: n };
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

async function runToEnd(scenario: Scenario, crashAt?: string): Promise<Outcome & { killed: boolean }> {
  const db = path.join(dbDir, `crash-${++dbCount}.db`);
  const first = await tollgate([...scenario.args, '--json'], { cwd: root, env: envFor(db, crashAt) });
  const killed = first.signal === 'SIGKILL';
  const written = readRun(db);
  if (!written) throw new Error(`no run recorded (${first.stderr})`);
  let final = first;
  if (killed) final = await tollgate(['resume', written.runId, '--json'], { cwd: root, env: envFor(db) });
  const run = JSON.parse(final.stdout) as { status: string; endState: string | null };
  return { status: run.status, endState: run.endState, runId: written.runId, rows: readRun(db)!.rows, killed };
}

describe('crash and resume (SIGKILL at journal positions)', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: every kill point resumes to the uninterrupted outcome without a second effect`, async () => {
      const baseline = await runToEnd(scenario);
      expect(baseline.killed).toBe(false);
      const baselineWrites = writesOf(baseline.runId);
      const points = Array.from({ length: baseline.rows }, (_, i) => i + 1)
        .filter((seq) => seq % scenario.stride === 0 || seq === baseline.rows)
        .flatMap((seq) => [`before:${seq}`, `after:${seq}`]);
      killPoints += points.length;
      const outcomes = await mapLimit(points, 2, (point) => runToEnd(scenario, point));
      const summary = outcomes.map((o, i) => ({ point: points[i], killed: o.killed, status: o.status, endState: o.endState }));
      expect(summary.filter((s) => !s.killed)).toEqual([]);
      for (const [i, o] of outcomes.entries()) {
        expect({ point: points[i], status: o.status, endState: o.endState }).toEqual({ point: points[i], status: baseline.status, endState: baseline.endState });
        const writes = writesOf(o.runId);
        expect([...writes.keys()].sort(), `write keys at ${points[i]}`).toEqual([...baselineWrites.keys()].sort());
        for (const [key, responses] of writes) expect(responses.size, `${key} at ${points[i]} answered differently`).toBe(1);
      }
    }, 600_000);
  }

  it('covered at least 50 kill points in all', () => {
    expect(killPoints).toBeGreaterThanOrEqual(50);
  });
});
