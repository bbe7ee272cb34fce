import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashAtEnv, tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { startToolServer } from '../support/tool-server.ts';

let root: string;
let server: Awaited<ReturnType<typeof startToolServer>>;
const db = path.join(mkdtempSync(path.join(tmpdir(), 'tollgate-approval-crash-')), 'approvals.db');
const env = (extra: Record<string, string> = {}) => ({ TOLLGATE_DB: db, TOLLGATE_TOOLS_ORIGIN: server.origin, ...extra });

beforeAll(async () => {
  root = copyExampleProject();
  writeFileSync(path.join(root, 'event.json'), JSON.stringify({ type: 'ticket.created', ticket: { id: 'T-500', subject: 'Headphones', text: 'Headphones from O-1003 do not charge.', customer_email: 'li.wei@example.com' } }));
  server = await startToolServer(root);
});
afterAll(async () => server?.close());

describe('approvals survive process kills', () => {
  it('a run waits across processes; the approving process is killed mid-resume; the next process finishes it once', async () => {
    const started = await tollgate(['run', 'refund-request', '--event', 'event.json', '--script', 'fixtures/models/refund-request/refund-needs-lead-approval.yaml', '--as', 'alice', '--json'], { cwd: root, env: env() });
    expect(started.code).toBe(3);
    const runId = (JSON.parse(started.stdout) as { runId: string }).runId;
    const conn = new Database(db, { readonly: true });
    const rows = (conn.prepare('SELECT count(*) AS n FROM events WHERE run_id = ?').get(runId) as { n: number }).n;
    const approvalId = (conn.prepare("SELECT approval_id FROM approvals WHERE run_id = ? AND status = 'pending'").get(runId) as { approval_id: string }).approval_id;
    conn.close();

    // bob approves; his process dies (SIGKILL) right after the refund's result is journaled.
    const killed = await tollgate(['approve', approvalId, '--as', 'bob'], { cwd: root, env: env(crashAtEnv(`after:${rows + 3}`)) });
    expect(killed.signal).toBe('SIGKILL');
    const refundsBefore = server.writes.filter((w) => w.runId === runId && w.url.endsWith('/v1/refunds'));
    expect(refundsBefore).toHaveLength(1);

    // The next, unrelated run names the orphaned run but leaves it alone; resume finishes it, once.
    const next = await tollgate(['run', '--case', 'small-refund-auto', '--json'], { cwd: root, env: env() });
    expect(next.code).toBe(0);
    expect(next.stderr).toBe(`note: run ${runId} (refund-request) was left unfinished by a process that stopped: tollgate resume ${runId} continues it\n`);
    expect(server.writes.filter((w) => w.runId === runId && w.url.endsWith('/v1/refunds'))).toHaveLength(1);
    const resumed = await tollgate(['resume', runId, '--json'], { cwd: root, env: env() });
    expect(resumed.code).toBe(0);
    const shown = JSON.parse((await tollgate(['show', runId, '--json'], { cwd: root, env: env() })).stdout) as { status: string; endState: string };
    expect(shown).toMatchObject({ status: 'completed', endState: 'resolved' });
    const refunds = server.writes.filter((w) => w.runId === runId && w.url.endsWith('/v1/refunds'));
    expect(new Set(refunds.map((w) => w.idempotencyKey))).toEqual(new Set([`${runId}:refund`]));
    expect(new Set(refunds.map((w) => w.response)).size).toBe(1);
    const again = await tollgate(['approve', approvalId, '--as', 'carol'], { cwd: root, env: env() });
    expect(again.stderr).toBe(`tollgate: refused: approval ${approvalId} is already approved\n`);
  }, 60_000);
});
